package io.camelorchestration.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.cache.CachedAnswer;
import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Usd;
import io.camelorchestration.check.CheckResult;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.settle.StepOutcome;
import io.camelorchestration.settle.StepRecord;
import io.camelorchestration.settle.Usage;
import io.camelorchestration.settle.WorkflowExecution;

/**
 * One message through one step, in the order of the contract: draft (classify, pick handler, compress, route), plan
 * (check and reserve budgets), then, after each delegate call, check the output and either re-run on the original
 * model or settle; every way a step ends is published as a {@link StepEvent}. Not thread-safe: one message's
 * stages run one after the other, whichever thread each is on.
 */
public final class StepExecution {

    private final OrchestratedStep step;
    private final StepPlanner planner;
    private final StepSettings settings;
    private StepContext context;
    private Flags flags;
    private StepInput input;
    private StepDraft draft;
    private StepPlan plan;
    /** The routed call whose answer was not kept, once the step re-runs on the original model. */
    private Usage firstCall;
    private ModelInfo firstModel;
    private String rerunReason;
    /** The budget store was down and the step goes down the original path unbooked: booked later. */
    private CumulativeBudgets.Hold unbooked;

    StepExecution(OrchestratedStep step, StepPlanner planner, StepContext context) {
        this.step = step;
        this.planner = planner;
        this.settings = step.settings();
        this.context = context;
    }

    public StepContext context() {
        return context;
    }

    /** The workflow execution this message belongs to, once known. */
    public void inWorkflow(WorkflowExecution workflow) {
        context = context.withWorkflow(workflow);
    }

    /**
     * The request the step would send within its budgets, before anything is reserved: intent, output cap, compressed
     * input, model. What a response cache keys on, so that a hit reserves and charges nothing.
     */
    public StepDraft draft(Flags flags, StepInput input) {
        this.flags = flags;
        this.input = input;
        this.draft = planner.draft(settings, step.intent(), flags, input, step.reachable());
        return draft;
    }

    public StepDraft draft() {
        return draft;
    }

    /**
     * Whether the draft's answers may be kept in a response cache at all: a step that calls a model (a send step calls
     * none); a generate step only when {@code cacheGenerate} says so.
     */
    public boolean cacheable(boolean cacheGenerate) {
        return draft.handler().policy().usesModel()
                && (draft.classification().intent() != Intent.GENERATE || cacheGenerate);
    }

    /** The model and output cap the drafted call is sent with (what a cached answer stands in for). */
    public CallShape draftedCall() {
        return CallShape.of(draft.model(), draft.routing().routed(), draft.maxOutputTokens(),
                draft.handler().policy().usesModel(), settings);
    }

    /**
     * Reserves the draft's budgets. A budget store that answers later is asked off this thread and the plan completes
     * on {@code then}; otherwise the future is already complete. A plan over a budget is published as
     * {@link StepEvent.BudgetExceeded}.
     */
    public CompletableFuture<StepPlan> plan(Executor then) {
        CompletableFuture<StepPlan> planned;
        try {
            planned = planner.planAsync(draft, settings, flags, input, context.workflow(), step.reachable(), then);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return planned.thenApply(p -> {
            plan = p;
            if (p.budgetExceeded() != null || p.softExceeded() != null) {
                step.publish(new StepEvent.BudgetExceeded(context, p,
                        p.budgetExceeded() != null ? settings.onBudgetExceeded().id() : "soft: reported only"));
            }
            return p;
        });
    }

    /** The plan, once made; null before. */
    public StepPlan plan() {
        return plan;
    }

    /** The model and output cap the planned call is sent with (a plan that is not unoptimised). */
    public CallShape plannedCall() {
        return CallShape.of(plan.model(), plan.routing().routed(), plan.maxOutputTokens(),
                plan.handler().policy().usesModel(), settings);
    }

    /** Whether the step is on its second call: the original model, the message as it came. */
    public boolean rerunning() {
        return firstCall != null;
    }

    /** The model the current call goes to. */
    public ModelInfo callModel() {
        return firstCall == null ? plan.model() : settings.originalModel();
    }

    /**
     * The current call's input tokens as already counted, or -1 when they were not (then whoever reads the usage
     * counts the text sent, and only if the delegate reports nothing).
     */
    public long countedInput() {
        return firstCall == null && plan.inputCounted() ? plan.inputTokens() : -1;
    }

    /**
     * The delegate answered.
     *
     * @param usage     what the call used (the delegate's report, else counted)
     * @param output    the answer as text
     * @param sentText  the input the call was sent
     * @param cacheable whether the step's answer was looked up in the response cache
     */
    public Completion called(Usage usage, String output, String sentText, boolean cacheable, long overheadNanos) {
        if (!plan.handler().policy().usesModel() && Usage.TOKENIZER.equals(usage.source())) {
            // a step that calls no model (send) used no tokens unless its delegate says otherwise
            usage = new Usage(0, 0, "no model");
        }
        if (firstCall == null && plan.routing().routed() && !plan.unoptimised()) {
            CheckResult check = plan.handler().check(output, sentText);
            if (planner.router(settings).rerunOnOriginal(plan.classification().intent(), check)) {
                return rerun(usage, "output check failed on ", check);
            }
        }
        return new Completion.Settled(settle(usage, cacheable, overheadNanos));
    }

    /**
     * The delegate failed. On what the pipeline changed (a routed model, a compressed input) the original path
     * decides: the step re-runs as it came. Otherwise the failure is the step's, and nothing is booked.
     *
     */
    public Completion callFailed(Throwable error, long overheadNanos) {
        if (firstCall == null && !plan.unoptimised() && (plan.routing().routed() || plan.compressed())) {
            return rerun(new Usage(0, 0, "failed call"), "call failed on ",
                    CheckResult.fail("the call failed (" + FailureReason.describe(error) + ")"));
        }
        planner.release(plan, context.workflow());
        step.publish(new StepEvent.Failed(context, plan.classification().intent(), plan.model(), error, overheadNanos));
        return new Completion.Failed();
    }

    private Completion rerun(Usage usage, String what, CheckResult check) {
        firstCall = usage;
        firstModel = plan.model();
        String on = plan.routing().routed() && firstModel != null ? firstModel.name() : "compressed input";
        rerunReason = what + on + ": " + check.reason() + "; re-ran on the original model";
        return new Completion.Rerun(rerunReason);
    }

    private Settlement settle(Usage usage, boolean cacheable, long overheadNanos) {
        ModelInfo model = callModel();
        long in = usage.input() + (firstCall == null ? 0 : firstCall.input());
        long out = usage.output() + (firstCall == null ? 0 : firstCall.output());
        Usd cost = firstCall == null ? usage.cost(model) : usage.cost(model).plus(firstCall.cost(firstModel));
        ModelInfo original = settings.originalModel();
        long saved = firstCall == null ? plan.tokensSaved() : 0;
        // what the step would have cost as the user wrote it: the original model, the uncompressed input
        Usd baseline = original == null ? cost : Usd.of(original.billedCost(usage.input() + saved, usage.cachedInput(),
                usage.cacheWriteInput(), usage.output()));
        Usd costSaved = baseline.minus(cost).atLeastZero();
        CumulativeBudgets.PendingSettlement pending = planner.settle(plan, context.workflow(), in + out, cost);
        StepOutcome outcome = firstCall != null ? StepOutcome.FALLBACK
                : plan.budgetExceeded() != null ? StepOutcome.BUDGET_EXCEEDED
                : !plan.handler().policy().usesModel() ? StepOutcome.BYPASSED
                : StepOutcome.ORCHESTRATED;
        boolean orchestrated = firstCall == null && !plan.unoptimised();
        String skipped = saved > 0 || plan.unoptimised() ? null : draft.compressionSkipped();
        String reason = !orchestrated
                ? firstCall != null ? rerunReason : "budget exceeded (" + plan.budgetExceeded() + "): fallback policy"
                : pending != null ? "budget exceeded (" + plan.budgetExceeded() + "): degraded" : null;
        if (reason != null) {
            reason = reason + unbookedNote(pending);
        }
        Settlement s = new Settlement(plan.classification(), plan.budgetTokens(), model, usage, firstModel, firstCall,
                new StepRecord(in, out, saved, cost, costSaved, outcome), orchestrated,
                plan.routing().routed() && firstCall == null, skipped, reason, rerunReason, pending, cacheable);
        step.publish(new StepEvent.Settled(context, s, overheadNanos));
        return s;
    }

    /**
     * Whether a settled answer is worth keeping in the response cache for the request the draft described: the call
     * ran as drafted (orchestrated, no re-run, no fallback policy, no budget exceeded, the draft's output cap, model
     * and input), and its answer is not blank and passes the intent's check.
     *
     * @param sentText the input the call was sent
     */
    public boolean worthKeeping(Settlement s, String answer, String sentText) {
        boolean asDrafted = s.outcome() == StepOutcome.ORCHESTRATED && !s.rerun() && !plan.unoptimised()
                && plan.budgetExceeded() == null && plan.maxOutputTokens() == draft.maxOutputTokens()
                && sameModel(plan.model(), draft.model()) && sentText.equals(draft.sentText(input.text()));
        return asDrafted && answer != null && !answer.isBlank() && plan.handler().check(answer, sentText).passed();
    }

    private static boolean sameModel(ModelInfo a, ModelInfo b) {
        return a == null ? b == null : b != null && a.name().equals(b.name());
    }

    /** Refused by a hard budget ({@code onBudgetExceeded=fail}): the delegate is not called. */
    public void refused(BudgetExceededException e, long overheadNanos) {
        step.publish(new StepEvent.Refused(context, e, overheadNanos));
    }

    /**
     * Answered from the response cache: nothing is reserved or charged, the call the kept answer saves is counted as
     * saved, at the prices of the model that gave it (the draft's where that one is unknown, the stored cost where
     * neither is in the catalog).
     */
    public StepEvent.Served served(CachedAnswer answer, ModelCatalog catalog, long overheadNanos) {
        ModelInfo model = draft.model();
        ModelInfo answered = answer.model() == null ? model : catalog.find(answer.model()).orElse(model);
        Usd costSaved = Usd.of(answered != null ? answered.cost(answer.inputTokens(), answer.outputTokens())
                : answer.cost());
        StepEvent.Served served = new StepEvent.Served(context, draft.classification().intent(),
                draft.classification().confidence(), model, draft.budgetTokens(), draft.compressed(), answer.tokens(),
                costSaved, overheadNanos);
        step.publish(served);
        return served;
    }

    /** The budget store was down, the policy open: the step goes down the original path with nothing reserved. */
    public void unbooked(CumulativeBudgets.Hold hold) {
        unbooked = hold;
    }

    /** Gives back what the plan reserved: the step goes down the original path. */
    public void release() {
        if (plan != null) {
            planner.release(plan, context.workflow());
        }
    }

    /**
     * The step went down the original path (the pipeline's own logic failed) and its call ended.
     *
     * @param usage what the original call used, or null when it failed too
     * @return the event, with the reason as the user is told it (a step that ran unbooked says how its spend is kept)
     */
    public StepEvent.FellBack fellBack(String reason, Usage usage, long overheadNanos) {
        CumulativeBudgets.PendingSettlement pending = null;
        Intent intent = null;
        ModelInfo model = null;
        if (usage != null) {
            intent = plan == null ? null : plan.classification().intent();
            model = settings.originalModel();
            if (unbooked != null) {
                pending = planner.settleUnbooked(unbooked, usage.total(), usage.cost(model));
                reason = reason + unbookedNote(pending);
            }
        } else if (unbooked != null) {
            // the original path failed too: nothing known was spent, nothing journalled ahead is kept
            planner.releaseUnbooked(unbooked);
        }
        StepEvent.FellBack e = new StepEvent.FellBack(context, intent, model, usage, reason, pending, overheadNanos);
        step.publish(e);
        return e;
    }

    /** The step's bookkeeping failed after the delegate answered: counted as a fallback without figures. */
    public void unsettled(long overheadNanos) {
        step.publish(new StepEvent.Unsettled(context, plan == null ? null : plan.classification().intent(),
                overheadNanos));
    }

    /**
     * What the reason says of a step that ran without a reservation: its spend is booked when the store is back, or,
     * when the journal could not keep it, never.
     */
    private static String unbookedNote(CumulativeBudgets.PendingSettlement pending) {
        if (pending == null) {
            return "";
        }
        return pending.kept()
                ? "; ran unbooked (budget store unreachable): spend kept as pending settlement " + pending.id()
                        + ", booked when the store is back"
                : "; ran unbooked (budget store unreachable): spend not kept (pending-settlement journal full or off),"
                        + " never booked";
    }
}
