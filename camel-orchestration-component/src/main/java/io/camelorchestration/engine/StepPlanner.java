package io.camelorchestration.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.budget.BudgetStoreException;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.budget.TokenBudget;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Usd;
import io.camelorchestration.classify.Classification;
import io.camelorchestration.classify.ClassificationMemo;
import io.camelorchestration.classify.HandlerRegistry;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.classify.IntentHandler;
import io.camelorchestration.classify.IntentPolicy;
import io.camelorchestration.classify.StepIntent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.compress.Compressor;
import io.camelorchestration.route.RouteRequest;
import io.camelorchestration.route.RoutingCandidates;
import io.camelorchestration.route.RoutingDecision;
import io.camelorchestration.route.RoutingPolicy;
import io.camelorchestration.settle.WorkflowExecution;
import io.camelorchestration.text.TokenCounter;

/**
 * The stages before the delegate call: classify intent, pick handler, compress input, route to a model, and
 * check/reserve budgets. Pure engine: no Camel, no I/O but the ledger.
 */
public final class StepPlanner {

    /** How much of the body the classifier sees. */
    static final int SAMPLE_CHARS = 512;

    private final IntentClassifier classifier;
    private final ClassificationMemo instructions = new ClassificationMemo();
    private final HandlerRegistry handlers;
    private final Compressor compressor;
    private final RoutingPolicy router;
    private final java.util.concurrent.ConcurrentHashMap<RoutingCandidates, RoutingPolicy> routers =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final CumulativeBudgets budgets;
    private final CacheAwareCompression cacheAware = new CacheAwareCompression();

    public StepPlanner(IntentClassifier classifier, HandlerRegistry handlers, Compressor compressor, RoutingPolicy router,
            CumulativeBudgets budgets) {
        this.classifier = classifier;
        this.handlers = handlers;
        this.compressor = compressor;
        this.router = router;
        this.budgets = budgets;
    }

    /**
     * Classifies a step's own fields (id, description, delegate) now, once: call it when the step is set up.
     *
     * @return null for a step whose intent is declared
     */
    public StepIntent prepare(StepSettings s) {
        return s.intent() != null ? null : new StepIntent(classifier, s.description(), instructions);
    }

    /** Plans with a step prepared on the spot: for tests and tools; endpoints {@link #prepare} once. */
    public StepPlan plan(StepSettings s, Flags flags, StepInput in, WorkflowExecution workflow,
            Predicate<ModelInfo> reachable) {
        return plan(draft(s, prepare(s), flags, in, reachable), s, flags, in, workflow, reachable);
    }

    /** A draft with a step prepared on the spot: for tests and tools; endpoints {@link #prepare} once. */
    public StepDraft draft(StepSettings s, Flags flags, StepInput in, Predicate<ModelInfo> reachable) {
        return draft(s, prepare(s), flags, in, reachable);
    }

    /**
     * The request the step would send within its budgets, before anything is reserved: intent, output cap,
     * compressed input, model. What a response cache keys on, so that a hit reserves and charges nothing.
     *
     * @param intent the step as {@link #prepare} returned it
     */
    public StepDraft draft(StepSettings s, StepIntent intent, Flags flags, StepInput in,
            Predicate<ModelInfo> reachable) {
        Classification c = s.intent() != null ? Classification.declared(s.intent())
                : intent.classify(in.instruction(), in.text(), SAMPLE_CHARS);
        IntentHandler handler = handlers.handler(c.intent());
        IntentPolicy policy = handler.policy();
        int budget = s.budgetTokens() != null ? s.budgetTokens() : policy.budgetTokens();
        int maxOut = s.maxOutputTokens() != null ? s.maxOutputTokens() : policy.maxOutputTokens();
        CompressionLevel level = !flags.compression() || !in.rewritable() ? CompressionLevel.OFF
                : s.compression() != null ? s.compression() : policy.compression();

        // Tokenizing is most of the pipeline's own cost; count only where a decision depends on the exact figure.
        // Budgets are first tried with a bound no count can pass; only a refusal is worth an exact count.
        boolean exact = level != CompressionLevel.OFF || !in.hasText() || in.bodyCompression() != null
                || flags.routing() && s.routing() && s.pinnedModel() == null;
        long bound = exact ? 0 : TokenCounter.upperBound(in.text());
        if (!exact && budget > 0 && bound + (policy.usesModel() ? maxOut : 0) > budget) {
            exact = true;
        }
        CompressionResult compressed = exact ? compress(in, level, c, s, policy)
                : CompressionResult.unchanged(in.text(), (int) Math.min(Integer.MAX_VALUE, bound));
        RoutingDecision routing = route(s, flags, c.intent(), policy, in, compressed, maxOut, reachable);
        String skipped = null;
        if (compressed != null && compressed.applied()) {
            skipped = cacheAware.skipReason(s.stepId(), routing.model(), encoding(s), in.text(), compressed);
            if (skipped != null) {
                compressed = CompressionResult.unchanged(in.text(), compressed.tokensBefore());
                routing = route(s, flags, c.intent(), policy, in, compressed, maxOut, reachable);
            }
        }
        return new StepDraft(c, handler, budget, maxOut, level, exact, compressed, routing, skipped);
    }

    /** Reserves the budgets of a draft: the plan the step runs on (degraded, or refused, when over a hard budget). */
    public StepPlan plan(StepDraft d, StepSettings s, Flags flags, StepInput in, WorkflowExecution workflow,
            Predicate<ModelInfo> reachable) {
        return plan(d, s, flags, in, workflow, reachable, null);
    }

    /**
     * {@link #plan} without waiting for a budget store: when the step's key draws on a store that answers later, the
     * reservations are made on the store's own threads and the plan completes on {@code then}; past the reserve
     * timeout the plan is made by the store policy (as if the store were down) and whatever the late reservation
     * got is given back. Otherwise the plan is made here and now, and the future is already complete.
     */
    public CompletableFuture<StepPlan> planAsync(StepDraft d, StepSettings s, Flags flags, StepInput in,
            WorkflowExecution workflow, Predicate<ModelInfo> reachable, Executor then) {
        if (budgets.isEmpty() || !budgets.asksStoreLater(in.budgetKey())) {
            try {
                return CompletableFuture.completedFuture(plan(d, s, flags, in, workflow, reachable, null));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return budgets.offThread(() -> plan(d, s, flags, in, workflow, reachable, null), (late, failed) -> {
                    // done after its step went its own way: give back what it holds, or journalled ahead
                    if (late != null) {
                        release(late, workflow);
                    } else if (failed instanceof io.camelorchestration.budget.UnbookedStepException u) {
                        budgets.release(u.hold());
                    }
                })
                .handleAsync((plan, failure) -> {
                    if (failure == null) {
                        return plan;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof BudgetStoreException unanswered
                            && !(cause instanceof io.camelorchestration.budget.UnbookedStepException)) {
                        // no answer in time: the store policy decides, the store is not asked again
                        return plan(d, s, flags, in, workflow, reachable, unanswered);
                    }
                    throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
                }, then);
    }

    private StepPlan plan(StepDraft d, StepSettings s, Flags flags, StepInput in, WorkflowExecution workflow,
            Predicate<ModelInfo> reachable, BudgetStoreException unanswered) {
        Classification c = d.classification();
        IntentHandler handler = d.handler();
        IntentPolicy policy = handler.policy();
        int budget = d.budgetTokens();
        int maxOut = d.maxOutputTokens();
        CompressionLevel level = d.level();
        boolean exact = d.exact();
        CompressionResult compressed = d.compression();
        RoutingDecision routing = d.routing();
        TokenBudget wf = workflow.budget();
        while (true) {
            long estimate = estimate(policy, compressed, maxOut, routing.model());
            Usd cost = estimatedCost(routing.model(), compressed, maxOut, policy);
            Refusal refusal = reserve(s, in, wf, budget, estimate, cost, unanswered);
            if (refusal.hold != null || refusal.budget == null) {
                return new StepPlan(c, handler, budget, maxOut, compressed, routing, estimate, cost, true,
                        refusal.hold, null, refusal.hold == null ? null : refusal.hold.softExceeded(), false, exact);
            }
            if (!exact) {
                exact = true;
                compressed = compress(in, level, c, s, policy);
                continue;
            }
            return overBudget(s, flags, in, c, handler, budget, maxOut, level, compressed, routing, wf, refusal,
                    estimate, reachable, unanswered);
        }
    }

    /** What refused a reservation (budget null: nothing did), or the hold of a successful one. */
    private record Refusal(String budget, long limit, long used, CumulativeBudgets.Hold hold) {
        static final Refusal NONE = new Refusal(null, 0, 0, null);
    }

    /** 1. the step's own budget per invocation, 2. the workflow's budget, 3. the cumulative budgets of the key. */
    private Refusal reserve(StepSettings s, StepInput in, TokenBudget wf, int budget, long estimate, Usd cost,
            BudgetStoreException unanswered) {
        if (budget > 0 && estimate > budget) {
            return new Refusal("budgetTokens of step " + s.stepId(), budget, 0, null);
        }
        if (!wf.tryReserve(estimate)) {
            return new Refusal("workflow-budget-tokens", wf.limit(), wf.used() + wf.reserved(), null);
        }
        if (in.budgetKey() != null && !budgets.isEmpty()) {
            CumulativeBudgets.Hold hold;
            try {
                hold = unanswered == null ? budgets.reserve(in.budgetKey(), estimate, cost)
                        : budgets.reserveUnanswered(in.budgetKey(), estimate, cost, false, unanswered);
            } catch (RuntimeException e) {
                // the step goes down the original path (store down, policy open): it holds nothing of the workflow's
                wf.release(estimate);
                throw e;
            }
            if (hold.refused()) {
                wf.release(estimate);
                return new Refusal(hold.refusedBy().toString() + " (key " + in.budgetKey() + ")"
                        + (hold.storeUnreachable() ? ": budget store unreachable, hard budgets fail closed" : ""),
                        hold.refusedBy().limit(), hold.spent(), null);
            }
            return new Refusal(null, 0, 0, hold);
        }
        return Refusal.NONE;
    }

    private StepPlan overBudget(StepSettings s, Flags flags, StepInput in, Classification c, IntentHandler handler,
            int budget, int maxOut, CompressionLevel level, CompressionResult compressed, RoutingDecision routing,
            TokenBudget wf, Refusal refusal, long estimate, Predicate<ModelInfo> reachable,
            BudgetStoreException unanswered) {
        IntentPolicy policy = handler.policy();
        String exceeded = refusal.budget;
        long limit = refusal.limit;
        long used = refusal.used;
        OnBudgetExceeded onExceeded = s.onBudgetExceeded();
        if (onExceeded == OnBudgetExceeded.FAIL) {
            throw new BudgetExceededException(exceeded, limit, used, estimate);
        }
        if (onExceeded == OnBudgetExceeded.FALLBACK) {
            RoutingDecision original = RoutingDecision.original(s.originalModel(), "budget exceeded: fallback");
            long unopt = (compressed == null ? 0 : compressed.tokensBefore()) + (policy.usesModel() ? maxOut : 0);
            return booked(c, handler, budget, maxOut, compressed, original, unopt, wf, in, exceeded, true, unanswered);
        }
        // degrade: compress harder, the cheapest capable model, half the output cap
        int degradedOut = Math.max(1, maxOut / 2);
        CompressionResult harder = in.rewritable() ? compress(in, CompressionLevel.AGGRESSIVE, c, s, policy) : compressed;
        RoutingDecision cheapest = routing;
        if (policy.usesModel() && flags.routing() && s.routing() && s.pinnedModel() == null) {
            // the cheapest candidate of the intent's own tier: a generate step is never given a small model; a step
            // with routing=off keeps its model (its delegate may take no other), like a pinned one
            RoutingDecision d = router(s).degrade(new RouteRequest(c.intent(), policy.tier(), null,
                    harder == null ? "" : harder.text(), tokens(harder), degradedOut, s.originalModel(), reachable));
            cheapest = d.routed() || !routing.routed() ? d : routing;
        }
        long degradedEstimate = estimate(policy, harder, degradedOut, cheapest.model());
        return booked(c, handler, budget, degradedOut, harder, cheapest, degradedEstimate, wf, in, exceeded, false,
                unanswered);
    }

    private StepPlan booked(Classification c, IntentHandler handler, int budget, int maxOut, CompressionResult cr,
            RoutingDecision routing, long estimate, TokenBudget wf, StepInput in, String exceeded, boolean unoptimised,
            BudgetStoreException unanswered) {
        wf.reserveOverLimit(estimate);
        Usd cost = estimatedCost(routing.model(), cr, maxOut, handler.policy());
        CumulativeBudgets.Hold hold = in.budgetKey() == null || budgets.isEmpty() ? null
                : unanswered == null ? budgets.reserveOverLimit(in.budgetKey(), estimate, cost)
                        : budgets.reserveUnanswered(in.budgetKey(), estimate, cost, true, unanswered);
        // only reached over a limit, which takes an exact count to find
        return new StepPlan(c, handler, budget, maxOut, cr, routing, estimate, cost, true, hold, exceeded, null,
                unoptimised, true);
    }

    /** Gives back what a plan reserved, when its step never ran. */
    public void release(StepPlan plan, WorkflowExecution workflow) {
        if (plan.workflowReserved()) {
            workflow.budget().release(plan.estimatedTokens());
        }
        if (plan.hold() != null) {
            budgets.release(plan.hold());
        }
    }

    /**
     * Books the real usage in place of the plan's reservations.
     *
     * @return the pending settlement of a step that ran without a reservation (see {@link CumulativeBudgets#commit}),
     *         else null
     */
    public CumulativeBudgets.PendingSettlement settle(StepPlan plan, WorkflowExecution workflow, long tokensUsed,
            Usd cost) {
        if (plan.workflowReserved()) {
            workflow.budget().settle(plan.estimatedTokens(), tokensUsed);
        }
        workflow.stepSettled(plan.budgetTokens(), tokensUsed);
        return plan.hold() != null ? budgets.commit(plan.hold(), tokensUsed, cost) : null;
    }

    /** Gives up what a step that went down the original path unbooked journalled ahead, when its call failed. */
    public void releaseUnbooked(CumulativeBudgets.Hold hold) {
        budgets.release(hold);
    }

    /** Books the spend of a step that went down the original path unbooked (store down, policy open). */
    public CumulativeBudgets.PendingSettlement settleUnbooked(CumulativeBudgets.Hold hold, long tokensUsed, Usd cost) {
        return budgets.commit(hold, tokensUsed, cost);
    }

    private CompressionResult compress(StepInput in, CompressionLevel level, Classification c, StepSettings s,
            IntentPolicy policy) {
        if (!in.hasText()) {
            return null;
        }
        String instruction = in.instruction() != null ? in.instruction() : s.description().description();
        String encoding = encoding(s);
        CompressionRequest request = new CompressionRequest(in.text(), level, c.intent(), instruction, encoding,
                policy.protectSpans());
        CompressionResult r = in.bodyCompression() != null ? in.bodyCompression().compress(compressor, request)
                : compressor.compress(request);
        // a user's compressor that grows its input is ignored rather than trusted
        if (r == null || r.text() == null || r.tokensAfter() > r.tokensBefore()) {
            int n = TokenCounter.shared().count(in.text(), encoding);
            return CompressionResult.unchanged(in.text(), n);
        }
        return r;
    }

    private static String encoding(StepSettings s) {
        return s.originalModel() != null ? s.originalModel().encoding() : null;
    }

    private RoutingDecision route(StepSettings s, Flags flags, Intent intent, IntentPolicy policy, StepInput in,
            CompressionResult cr, int maxOut, Predicate<ModelInfo> reachable) {
        if (s.pinnedModel() != null) {
            return RoutingDecision.original(s.pinnedModel(), "pinned");
        }
        if (!flags.routing() || !s.routing()) {
            return RoutingDecision.original(s.defaultModel(), "routing off");
        }
        String instruction = in.instruction() != null ? in.instruction() : s.description().description();
        return router(s).route(new RouteRequest(intent, policy.tier(), instruction, cr == null ? "" : cr.text(),
                tokens(cr), maxOut, s.defaultModel(), reachable));
    }

    /** The step's own routing-models, where it has them; else the component's. */
    RoutingPolicy router(StepSettings s) {
        // one policy per distinct candidate list (built once each at start-up), not one per message
        return s.candidates() == null ? router : routers.computeIfAbsent(s.candidates(), router::withCandidates);
    }

    /** Input and the output the call may spend: a reasoning model's cap has room for its reasoning too. */
    private static long estimate(IntentPolicy policy, CompressionResult cr, int maxOut, ModelInfo model) {
        if (!policy.usesModel()) {
            return tokens(cr);
        }
        return tokens(cr) + (model == null ? maxOut : model.outputCapFor(maxOut));
    }

    private static Usd estimatedCost(ModelInfo model, CompressionResult cr, int maxOut, IntentPolicy policy) {
        if (model == null || !policy.usesModel()) {
            return Usd.ZERO;
        }
        // a reasoning model's hidden reasoning is billed as output: part of the estimate
        return Usd.of(model.estimatedCost(tokens(cr), maxOut));
    }

    private static int tokens(CompressionResult cr) {
        return cr == null ? 0 : cr.tokensAfter();
    }
}
