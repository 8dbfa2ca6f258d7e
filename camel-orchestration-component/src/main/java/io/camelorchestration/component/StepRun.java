package io.camelorchestration.component;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.budget.BudgetKeys;
import io.camelorchestration.budget.BudgetStoreException;
import io.camelorchestration.budget.BudgetUnit;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.budget.UnbookedStepException;
import io.camelorchestration.cache.CachedAnswer;
import io.camelorchestration.cache.Flight;
import io.camelorchestration.cache.ResponseCacheService;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.check.CheckResult;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.component.langchain4j.CapturedUsage;
import io.camelorchestration.component.langchain4j.ChatMessagesBody;
import io.camelorchestration.component.langchain4j.UsageCapture;
import io.camelorchestration.engine.Flags;
import io.camelorchestration.engine.StepDraft;
import io.camelorchestration.engine.StepInput;
import io.camelorchestration.engine.StepPlan;
import io.camelorchestration.engine.StepSettings;
import io.camelorchestration.settle.StepOutcome;
import io.camelorchestration.settle.StepRecord;
import io.camelorchestration.settle.WorkflowExecution;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One invocation of an orchestrated step, in the order of the contract:
 * classify intent → check/reserve budget → pick handler → compress input → route to a model → call the delegate →
 * verify output → commit usage → metrics + audit.
 * Any failure of the pipeline's own stages sends the original message to the original delegate instead.
 */
final class StepRun {

    private static final Logger LOG = LoggerFactory.getLogger(StepRun.class);

    /** langchain4j is an optional dependency: chat-message bodies are only understood when it is there. */
    private static final boolean LANGCHAIN4J = present("dev.langchain4j.data.message.ChatMessage");

    private static final int RUNNING = 0;
    private static final int RETURNED = 1;
    private static final int DONE_SYNC = 2;

    private final OrchestrateEndpoint endpoint;
    private final OrchestrationRuntime rt;
    private final Exchange exchange;
    private final AsyncCallback callback;
    private final StepSettings settings;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private Thread runThread;

    private String routeId;
    private String userId;
    private WorkflowExecution workflow;
    private Object originalBody;
    private Map<String, Object> originalHeaders;
    private String originalText;
    private ChatMessagesBody chatBody;
    private String sentText;
    private StepPlan plan;
    private AtomicLong reservedGauge;
    private long overheadNanos;
    private UsageReader.Usage firstCall;
    private ModelInfo firstModel;
    private String cascadeReason;
    private UsageCapture.Capture capture;
    private Object outerCapture;
    /** The body was over maxInputSize: passed through, never read whole. */
    private MessageText.Oversize oversize;
    /** The budget store was down and the step went down the original path unbooked: booked later. */
    private CumulativeBudgets.Hold unbookedHold;
    private Flags flags;
    private StepInput input;
    private StepDraft draft;
    private String budgetKey;
    /** The response cache: this request's key (null: not cached), what the lookup found, the flight this step leads. */
    private String cacheKey;
    private ResponseCacheService.Lookup lookup;
    private Flight flight;
    private Map<String, Object> sentHeaders;
    private String answerText;
    private CachedAnswer kept;

    StepRun(OrchestrateEndpoint endpoint, OrchestrationRuntime rt, Exchange exchange, AsyncCallback callback) {
        this.endpoint = endpoint;
        this.rt = rt;
        this.exchange = exchange;
        this.callback = callback;
        this.settings = endpoint.settings();
    }

    boolean run() {
        runThread = Thread.currentThread();
        long t0 = System.nanoTime();
        try {
            prepare();
        } catch (InputTooLarge e) {
            overheadNanos += System.nanoTime() - t0;
            fallback(e.getMessage(), null);
            return returned();
        } catch (BudgetExceededException e) {
            refused(e);
            overheadNanos += System.nanoTime() - t0;
            finish();
            return returned();
        } catch (Throwable t) {
            overheadNanos += System.nanoTime() - t0;
            if (t instanceof UnbookedStepException u) {
                unbookedHold = u.hold();
            }
            fallback("orchestration failed before the call (" + describe(t) + ")", t);
            return returned();
        }
        if (lookup instanceof ResponseCacheService.Hit hit) {
            served(hit.answer(), t0);
            return returned(); // a hit completes on the caller's thread
        }
        if (lookup instanceof ResponseCacheService.Follow follow) {
            // an identical call is in flight: wait for its answer without holding this thread
            overheadNanos += System.nanoTime() - t0;
            rt.cache().service().await(follow.flight(), this::resumed);
            return returned();
        }
        proceed(t0);
        return returned();
    }

    /**
     * Reserves the budgets, then calls the delegate. A budget store that answers later is not waited for on this
     * thread: the step goes on where the reservation completes (or its timeout passes).
     */
    private void proceed(long t0) {
        CompletableFuture<StepPlan> planned;
        try {
            planned = rt.planner().planAsync(draft, settings, flags, input, workflow, endpoint.reachable(),
                    rt.budgetContinuation());
        } catch (Throwable t) {
            planned = CompletableFuture.failedFuture(t);
        }
        if (planned.isDone()) {
            planned(planned, t0);
            return;
        }
        overheadNanos += System.nanoTime() - t0;
        CompletableFuture<StepPlan> f = planned;
        f.whenComplete((p, e) -> planned(f, System.nanoTime()));
    }

    /** Goes on with the plan the budgets gave: shapes the message and calls the delegate. */
    private void planned(CompletableFuture<StepPlan> planned, long t0) {
        AsyncProducer target;
        try {
            plan = result(planned);
            shape();
            target = plan.unoptimised() ? endpoint.delegate() : endpoint.delegateFor(plan.model());
        } catch (BudgetExceededException e) {
            refused(e);
            overheadNanos += System.nanoTime() - t0;
            finish();
            return;
        } catch (Throwable t) {
            overheadNanos += System.nanoTime() - t0;
            if (t instanceof UnbookedStepException u) {
                unbookedHold = u.hold();
            }
            fallback("orchestration failed before the call (" + describe(t) + ")", t);
            return;
        }
        overheadNanos += System.nanoTime() - t0;
        if (cacheKey != null) {
            sentHeaders = new HashMap<>(exchange.getMessage().getHeaders());
        }
        call(target, doneSync -> afterCall());
    }

    /** A waiting step resumed (on the cache's own thread): with the flight's answer, or null to call itself. */
    private void resumed(CachedAnswer answer) {
        long t0 = System.nanoTime();
        if (answer != null) {
            served(answer, t0);
        } else {
            countCache("miss");
            proceed(t0);
        }
    }

    // ---- before the call

    private void prepare() throws Exception {
        routeId = routeId(exchange);
        Message msg = exchange.getMessage();
        userId = msg.getHeader(OrchestrateConstants.USER_ID, String.class);
        int limit = endpoint.maxInputSize();
        oversize = MessageText.oversize(msg, limit);
        if (oversize != null) {
            originalBody = msg.getBody();
            throw new InputTooLarge("input of " + (oversize.sizeKnown() ? String.valueOf(oversize.size()) : "more than " + limit)
                    + (oversize.text() != null ? " characters" : " bytes") + " is over maxInputSize (" + limit
                    + "): passed through unoptimised");
        }
        originalText = MessageText.read(msg);
        originalBody = msg.getBody();
        if (originalText == null && LANGCHAIN4J) {
            chatBody = ChatMessagesBody.of(originalBody);
            if (chatBody != null) {
                originalText = chatBody.text();
            }
        }
        originalHeaders = new HashMap<>(msg.getHeaders());
        workflow = workflow();
        String instruction = msg.getHeader(OrchestrateConstants.INSTRUCTION, String.class);
        Expression keyExpression = endpoint.budgetKeyExpression();
        String key = keyExpression == null ? null : BudgetKeys.sanitize(keyExpression.evaluate(exchange, String.class));
        OrchestrateComponent c = endpoint.getComponent();
        flags = new Flags(c.isCompressionEnabled(), c.isRoutingEnabled());
        input = new StepInput(originalText, instruction, key, chatBody != null || MessageText.rewritable(originalBody),
                chatBody);
        budgetKey = key;
        draft = rt.planner().draft(settings, endpoint.stepIntent(), flags, input, endpoint.reachable());
        if (endpoint.cacheExact() && c.isCacheEnabled()) {
            lookUp(msg);
        }
    }

    /** Looks the draft's request up in the response cache, when the step's answers may be kept at all. */
    private void lookUp(Message msg) {
        Intent intent = draft.classification().intent();
        if (!draft.handler().policy().usesModel() || intent == Intent.GENERATE && !endpoint.cacheGenerate()) {
            return; // a send step calls no model; generate only when the endpoint says so
        }
        String uri = endpoint.delegateFor(draft.model()).getEndpoint().getEndpointUri();
        cacheKey = StepCache.key(msg, originalBody, draft.sentText(originalText), draft, uri, budgetKey,
                endpoint.cacheKeyHeaders());
        if (cacheKey == null) {
            return; // nothing to key exactly: not cached
        }
        lookup = rt.cache().service().lookup(cacheKey);
        if (lookup instanceof ResponseCacheService.Lead lead) {
            flight = lead.flight();
            countCache("miss");
        }
    }

    private static StepPlan result(CompletableFuture<StepPlan> planned) throws Throwable {
        try {
            return planned.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
    }

    /** The message shaped for the call the plan (budgets reserved) makes. */
    private void shape() {
        Message msg = exchange.getMessage();
        reservedGauge = rt.meters().reserved(routeId);
        reservedGauge.addAndGet(plan.estimatedTokens());
        sentText = originalText == null ? "" : originalText;
        if (!plan.unoptimised()) {
            if (plan.compressed()) {
                sentText = plan.compression().text();
                msg.setBody(chatBody != null ? chatBody.compressedMessages() : sentText);
            }
            ModelInfo model = plan.model();
            // a reasoning model reasons before it answers, inside the same cap: room for both
            int cap = model == null ? plan.maxOutputTokens() : model.outputCapFor(plan.maxOutputTokens());
            if (model != null && (plan.routing().routed() || settings.pinnedModel() != null)) {
                setModelHeaders(msg, model, plan.handler().policy().usesModel() ? cap : 0);
            }
            if (plan.maxOutputTokens() > 0 && plan.handler().policy().usesModel()) {
                msg.setHeader(OrchestrateConstants.MAX_OUTPUT_TOKENS, cap);
            }
        }
        UsageReader.clear(msg);
        if (plan.budgetExceeded() != null || plan.softExceeded() != null) {
            audit(AuditAction.ORCHESTRATION_BUDGET_EXCEEDED, "warning", budgetDetails());
        }
    }

    private void setModelHeaders(Message msg, ModelInfo model, int maxOutputTokens) {
        msg.setHeader(OrchestrateConstants.MODEL, model.name());
        msg.setHeader(OrchestrateConstants.OPENAI_MODEL, model.name());
        ChatRequestBody.apply(msg, model.name(), maxOutputTokens);
    }

    /**
     * Calls a delegate with this step's usage capture on the exchange, for chat models that report their usage to a
     * listener: bound to this thread for the length of the call (a model called right here, from a bean or processor),
     * and to whichever thread sends the exchange to a langchain4j endpoint (see {@link ModelCallBinding}).
     */
    private void call(AsyncProducer target, AsyncCallback then) {
        if (capture == null) {
            capture = new UsageCapture.Capture();
            outerCapture = exchange.getProperty(OrchestrateConstants.USAGE_CAPTURE_PROPERTY);
        }
        exchange.setProperty(OrchestrateConstants.USAGE_CAPTURE_PROPERTY, capture);
        UsageCapture.Capture before = UsageCapture.bind(capture);
        try {
            target.process(exchange, then);
        } finally {
            UsageCapture.restore(before);
        }
    }

    private UsageReader.Usage captured() {
        CapturedUsage c = capture == null ? null : capture.take();
        return c == null ? null : new UsageReader.Usage(c.input(), c.output(), "langchain4j-listener", c.cachedInput(),
                c.cacheWriteInput(), c.reasoning());
    }

    /** Gives the exchange back the capture of an enclosing step (a step inside another step's delegate route). */
    private void closeCapture() {
        if (capture != null) {
            capture.close();
            if (outerCapture != null) {
                exchange.setProperty(OrchestrateConstants.USAGE_CAPTURE_PROPERTY, outerCapture);
            } else {
                exchange.removeProperty(OrchestrateConstants.USAGE_CAPTURE_PROPERTY);
            }
        }
    }

    private WorkflowExecution workflow() {
        WorkflowExecution wf = exchange.getProperty(OrchestrateConstants.WORKFLOW_PROPERTY, WorkflowExecution.class);
        if (wf == null) {
            wf = new WorkflowExecution(exchange.getExchangeId(), endpoint.getComponent().getWorkflowBudgetTokens());
            exchange.setProperty(OrchestrateConstants.WORKFLOW_PROPERTY, wf);
            exchange.getExchangeExtension().addOnCompletion(new WorkflowCompletion(wf, rt, routeId, userId));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("workflowBudgetTokens", wf.budget().limit());
            publish(AuditAction.ORCHESTRATION_INITIALIZED, "workflow", routeId, "info", d);
        }
        return wf;
    }

    private void refused(BudgetExceededException e) {
        exchange.setException(e);
        try {
            Message msg = exchange.getMessage();
            msg.setHeader(OrchestrateConstants.ORCHESTRATED, true);
            msg.setHeader(OrchestrateConstants.FALLBACK_REASON, e.getMessage());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("budget", e.getBudget());
            d.put("limit", e.getLimit());
            d.put("alreadyUsed", e.getAlreadyUsed());
            d.put("requested", e.getRequested());
            d.put("policy", "fail");
            audit(AuditAction.ORCHESTRATION_BUDGET_EXCEEDED, "error", d);
            record(null, null, 0, 0, 0, 0, 0, StepOutcome.BUDGET_EXCEEDED);
        } catch (RuntimeException ex) {
            LOG.debug("Bookkeeping of a refused step failed", ex);
        }
    }

    // ---- after the call

    private void afterCall() {
        long t0 = System.nanoTime();
        try {
            Message msg = exchange.getMessage();
            if (exchange.getException() != null) {
                if (firstCall == null && !plan.unoptimised() && (plan.routing().routed() || plan.compressed())) {
                    // the call failed on what the pipeline changed: the original path decides
                    LOG.debug("Step {}: the optimised call failed, the original path decides", settings.stepId(),
                            exchange.getException());
                    cascade(new UsageReader.Usage(0, 0, "failed call"), CheckResult.fail(
                            "the call failed (" + describe(exchange.getException()) + ")"));
                    return;
                }
                delegateFailed();
                return;
            }
            ModelInfo model = firstCall == null ? plan.model() : settings.originalModel();
            String output = MessageText.output(msg);
            answerText = output;
            // counted only when the delegate reports no usage, and then once
            long countedInput = firstCall == null && plan.inputCounted() ? plan.inputTokens() : -1;
            UsageReader.Usage usage = UsageReader.read(msg, output, countedInput,
                    firstCall == null ? sentText : originalText, encoding(model), captured());
            if (!plan.handler().policy().usesModel() && "tokenizer".equals(usage.source())) {
                // a step that calls no model (send) used no tokens unless its delegate says otherwise
                usage = new UsageReader.Usage(0, 0, "no model");
            }
            if (firstCall == null && plan.routing().routed() && !plan.unoptimised()) {
                CheckResult check = plan.handler().check(output, sentText);
                if (!check.passed()) {
                    cascade(usage, check);
                    return;
                }
            }
            settle(usage, model);
        } catch (Throwable t) {
            // the delegate has answered: keep its answer, only the bookkeeping is lost
            LOG.debug("Orchestration bookkeeping failed after the call", t);
            markFallback("orchestration failed after the call (" + describe(t) + ")");
            safeRecordFallback(t);
        } finally {
            overheadNanos += System.nanoTime() - t0;
        }
        finish();
    }

    /** The routed model's answer failed the intent's check: run the step again, as it was, on the original model. */
    private void cascade(UsageReader.Usage usage, CheckResult check) {
        firstCall = usage;
        firstModel = plan.model();
        String on = plan.routing().routed() && firstModel != null ? firstModel.name() : "compressed input";
        cascadeReason = (usage.total() == 0 && exchange.getException() != null ? "call failed on " : "output check failed on ")
                + on + ": " + check.reason() + "; re-ran on the original model";
        restoreOriginal();
        call(endpoint.delegate(), doneSync -> afterCall());
    }

    private void settle(UsageReader.Usage usage, ModelInfo model) {
        long in = usage.input() + (firstCall == null ? 0 : firstCall.input());
        long out = usage.output() + (firstCall == null ? 0 : firstCall.output());
        double cost = cost(model, usage) + (firstCall == null ? 0 : cost(firstModel, firstCall));
        ModelInfo original = settings.originalModel();
        long saved = firstCall == null ? plan.tokensSaved() : 0;
        // what the step would have cost as the user wrote it: the original model, the uncompressed input
        double baseline = original == null ? cost
                : original.billedCost(usage.input() + saved, usage.cachedInput(), usage.cacheWriteInput(), usage.output());
        double costSaved = Math.max(0, baseline - cost);
        CumulativeBudgets.PendingSettlement pending = rt.planner().settle(plan, workflow, in + out, BudgetUnit.toMicros(cost));
        reservedGauge.addAndGet(-plan.estimatedTokens());
        StepOutcome outcome = firstCall != null ? StepOutcome.FALLBACK
                : plan.budgetExceeded() != null ? StepOutcome.BUDGET_EXCEEDED
                : !plan.handler().policy().usesModel() ? StepOutcome.BYPASSED
                : StepOutcome.ORCHESTRATED;
        if (firstCall != null && firstCall.total() > 0 && rt.meters().enabled()) {
            // the routed call is metered under its own model; the step's totals hold both calls
            rt.meters().recordUsage(stepMeters(plan.classification().intent()), firstModel, firstCall.input(),
                    firstCall.output(), 0, cost(firstModel, firstCall), 0);
        }
        record(plan.classification().intent(), model, in, out, saved, cost, costSaved, outcome,
                firstCall == null ? in : usage.input(), firstCall == null ? out : usage.output(),
                firstCall == null ? cost : cost(model, usage));
        if (rt.meters().enabled()) {
            OrchestrationMeters.StepMeters m = stepMeters(plan.classification().intent());
            if (firstCall != null) {
                rt.meters().recordDetails(m, firstModel, firstCall);
            }
            rt.meters().recordDetails(m, model, usage);
        }

        Message msg = exchange.getMessage();
        if (cacheKey != null) {
            keep(msg, outcome, model, usage, cost);
            msg.setHeader(OrchestrateConstants.CACHE_HIT, false);
            msg.removeHeader(OrchestrateConstants.COST_SAVED);
        }
        boolean orchestrated = firstCall == null && !plan.unoptimised();
        msg.setHeader(OrchestrateConstants.ORCHESTRATED, orchestrated);
        msg.setHeader(OrchestrateConstants.INTENT, plan.classification().intent().id());
        if (model != null) {
            msg.setHeader(OrchestrateConstants.MODEL, model.name());
        } else {
            msg.removeHeader(OrchestrateConstants.MODEL);
        }
        msg.setHeader(OrchestrateConstants.TOKENS_USED, in + out);
        msg.setHeader(OrchestrateConstants.TOKENS_SAVED, saved);
        msg.setHeader(OrchestrateConstants.COMPRESSION_APPLIED, saved > 0);
        String skipped = saved > 0 || plan.unoptimised() ? null : draft.compressionSkipped();
        if (skipped != null) {
            msg.setHeader(OrchestrateConstants.COMPRESSION_SKIPPED, skipped);
        } else {
            msg.removeHeader(OrchestrateConstants.COMPRESSION_SKIPPED);
        }
        String reason = !orchestrated
                ? firstCall != null ? cascadeReason : "budget exceeded (" + plan.budgetExceeded() + "): fallback policy"
                : pending != null ? "budget exceeded (" + plan.budgetExceeded() + "): degraded" : null;
        if (reason != null) {
            msg.setHeader(OrchestrateConstants.FALLBACK_REASON, reason + unbookedNote(pending));
        } else {
            msg.removeHeader(OrchestrateConstants.FALLBACK_REASON);
        }
        markPending(msg, pending);
        exchange.setProperty(OrchestrateConstants.METRICS_PROPERTY, workflow.snapshot());

        if (!rt.audit().active()) {
            return; // no audit sink: do not build the event's details
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("intent", plan.classification().intent().id());
        d.put("confidence", plan.classification().confidence());
        d.put("tokensUsed", in + out);
        d.put("tokensBudgeted", plan.budgetTokens());
        d.put("cost", cost);
        d.put("compressionApplied", saved > 0);
        if (skipped != null) {
            d.put("compressionSkipped", skipped);
        }
        d.put("tokensSaved", saved);
        d.put("model", model == null ? null : model.name());
        d.put("routed", plan.routing().routed() && firstCall == null);
        if (cacheKey != null) {
            d.put("cacheHit", false);
        }
        pendingDetails(d, pending);
        if (firstCall != null) {
            d.put("fallback", "original model");
            d.put("reason", cascadeReason);
            audit(AuditAction.ORCHESTRATION_STEP_FAILED, "warning", d);
        } else {
            audit(AuditAction.ORCHESTRATION_STEP_EXECUTED, "info", d);
        }
    }

    // ---- the response cache

    /**
     * Keeps the answer when it is worth keeping: the call the draft described ran as drafted (no degrade, no
     * fallback, no re-run), and its answer passed the intent's check and is not empty. The waiters of this step's
     * flight get it when the step finishes.
     */
    private void keep(Message msg, StepOutcome outcome, ModelInfo model, UsageReader.Usage usage, double cost) {
        try {
            boolean asDrafted = outcome == StepOutcome.ORCHESTRATED && firstCall == null && !plan.unoptimised()
                    && plan.budgetExceeded() == null && plan.maxOutputTokens() == draft.maxOutputTokens()
                    && sameModel(plan.model(), draft.model()) && sentText.equals(draft.sentText(originalText));
            if (!asDrafted || answerText == null || answerText.isBlank()
                    || !plan.handler().check(answerText, sentText).passed()) {
                return;
            }
            ResponseCacheService service = rt.cache().service();
            long now = service.now();
            CachedAnswer a = StepCache.answer(msg, sentHeaders == null ? Map.of() : sentHeaders,
                    model == null ? null : model.name(), usage.input(), usage.output(), cost, now, service.expiresAt(now));
            if (a == null) {
                return; // a body or header without a faithful stored form
            }
            if (service.store(cacheKey, a)) {
                countCache("store");
            } else {
                countCache("unavailable");
            }
            kept = a; // the waiters get it even when the store could not keep it
        } catch (RuntimeException e) {
            LOG.debug("Step {}: the answer could not be cached", settings.stepId(), e);
        }
    }

    private static boolean sameModel(ModelInfo a, ModelInfo b) {
        return a == null ? b == null : b != null && a.name().equals(b.name());
    }

    /**
     * Answers the step from the cache: the message is shaped as for the call and then given the stored answer (the
     * delegate's body and headers); nothing is reserved or charged, the call avoided is counted as saved.
     */
    private void served(CachedAnswer a, long t0) {
        Message msg = exchange.getMessage();
        ModelInfo model = draft.model();
        boolean usesModel = draft.handler().policy().usesModel();
        try {
            int cap = model == null ? draft.maxOutputTokens() : model.outputCapFor(draft.maxOutputTokens());
            if (model != null && (draft.routing().routed() || settings.pinnedModel() != null)) {
                setModelHeaders(msg, model, usesModel ? cap : 0);
            }
            if (draft.maxOutputTokens() > 0 && usesModel) {
                msg.setHeader(OrchestrateConstants.MAX_OUTPUT_TOKENS, cap);
            }
            UsageReader.clear(msg);
            StepCache.apply(msg, a);
        } catch (Throwable t) {
            // the message could not take the answer: call the delegate as if it had missed
            LOG.debug("Step {}: a cached answer could not be applied", settings.stepId(), t);
            restoreOriginal();
            proceed(t0);
            return;
        }
        overheadNanos += System.nanoTime() - t0;
        try {
            Intent intent = draft.classification().intent();
            ModelInfo answered = a.model() == null ? model : rt.catalog().find(a.model()).orElse(model);
            long saved = a.tokens();
            double costSaved = answered != null ? answered.cost(a.inputTokens(), a.outputTokens()) : a.cost();
            record(intent, model, 0, 0, saved, 0, costSaved, StepOutcome.ORCHESTRATED);
            countCache("hit");
            rt.cache().saved(routeId, settings.stepId(), saved, costSaved);
            msg.setHeader(OrchestrateConstants.ORCHESTRATED, true);
            msg.setHeader(OrchestrateConstants.INTENT, intent.id());
            if (model != null) {
                msg.setHeader(OrchestrateConstants.MODEL, model.name());
            } else {
                msg.removeHeader(OrchestrateConstants.MODEL);
            }
            msg.setHeader(OrchestrateConstants.TOKENS_USED, 0L);
            msg.setHeader(OrchestrateConstants.TOKENS_SAVED, saved);
            msg.setHeader(OrchestrateConstants.COMPRESSION_APPLIED, draft.compressed());
            msg.setHeader(OrchestrateConstants.CACHE_HIT, true);
            msg.setHeader(OrchestrateConstants.COST_SAVED, costSaved);
            msg.removeHeader(OrchestrateConstants.FALLBACK_REASON);
            msg.removeHeader(OrchestrateConstants.PENDING_SETTLEMENT);
            exchange.setProperty(OrchestrateConstants.METRICS_PROPERTY, workflow.snapshot());
            if (rt.audit().active()) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("intent", intent.id());
                d.put("confidence", draft.classification().confidence());
                d.put("tokensUsed", 0L);
                d.put("tokensBudgeted", draft.budgetTokens());
                d.put("cost", 0.0);
                d.put("compressionApplied", draft.compressed());
                d.put("tokensSaved", saved);
                d.put("costSaved", costSaved);
                d.put("model", model == null ? null : model.name());
                d.put("cacheHit", true);
                audit(AuditAction.ORCHESTRATION_STEP_EXECUTED, "info", d);
            }
        } catch (RuntimeException e) {
            // the answer is on the message: only the bookkeeping is lost
            LOG.debug("Bookkeeping of a cache hit failed", e);
        }
        finish();
    }

    private void countCache(String result) {
        try {
            rt.cache().count(routeId == null ? "unknown" : routeId, settings.stepId(), result);
        } catch (RuntimeException e) {
            LOG.debug("Cache meter failed", e);
        }
    }

    /** Hands the flight this step led to its waiters: the kept answer, or none (they call themselves). */
    private void land() {
        Flight f = flight;
        if (f != null) {
            flight = null;
            try {
                rt.cache().service().land(f, kept);
            } catch (RuntimeException e) {
                LOG.debug("Landing the cache flight failed", e);
            }
        }
    }

    private void delegateFailed() {
        Exception e = exchange.getException();
        try {
            rt.planner().release(plan, workflow);
            reservedGauge.addAndGet(-plan.estimatedTokens());
            record(plan.classification().intent(), plan.model(), 0, 0, 0, 0, 0, StepOutcome.FAILED);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("intent", plan.classification().intent().id());
            d.put("error", e.getClass().getName());
            d.put("fallback", "none: the delegate itself failed");
            audit(AuditAction.ORCHESTRATION_STEP_FAILED, "error", d);
        } catch (RuntimeException ex) {
            LOG.debug("Bookkeeping of a failed delegate failed", ex);
        }
        finish();
    }

    // ---- the original path

    private void fallback(String reason, Throwable cause) {
        LOG.debug("Step {} falls back to the original path: {}", settings.stepId(), reason, cause);
        try {
            if (plan != null) {
                rt.planner().release(plan, workflow);
                if (reservedGauge != null) {
                    reservedGauge.addAndGet(-plan.estimatedTokens());
                }
            }
        } catch (Throwable t) {
            LOG.debug("Release after fallback failed", t);
        }
        try {
            restoreOriginal();
        } catch (Throwable t) {
            LOG.debug("Restoring the original message failed", t);
        }
        call(endpoint.delegate(), doneSync -> afterFallback(reason));
    }

    private void afterFallback(String reason) {
        CumulativeBudgets.PendingSettlement pending = null;
        try {
            markFallback(reason);
            if (exchange.getException() == null) {
                Message msg = exchange.getMessage();
                ModelInfo model = settings.originalModel();
                String output = MessageText.output(msg);
                // like the main path: the input is counted only if the delegate reports no usage
                MessageText.Oversize big = oversize;
                UsageReader.Usage u = big != null
                        ? UsageReader.read(msg, output, () -> big.estimateTokens(encoding(model)), encoding(model), captured())
                        : UsageReader.read(msg, output, -1, originalText == null ? "" : originalText, encoding(model),
                                captured());
                record(plan == null ? null : plan.classification().intent(), model, u.input(), u.output(), 0,
                        cost(model, u), 0, StepOutcome.FALLBACK);
                if (unbookedHold != null) {
                    pending = rt.planner().settleUnbooked(unbookedHold, u.total(), BudgetUnit.toMicros(cost(model, u)));
                    reason = reason + unbookedNote(pending);
                    markFallback(reason);
                    markPending(msg, pending);
                }
                msg.setHeader(OrchestrateConstants.TOKENS_USED, u.total());
                msg.setHeader(OrchestrateConstants.TOKENS_SAVED, 0L);
                msg.setHeader(OrchestrateConstants.COMPRESSION_APPLIED, false);
                if (workflow != null) {
                    exchange.setProperty(OrchestrateConstants.METRICS_PROPERTY, workflow.snapshot());
                }
            } else {
                record(null, null, 0, 0, 0, 0, 0, StepOutcome.FALLBACK);
                if (unbookedHold != null) {
                    // the original path failed too: nothing known was spent, nothing journalled ahead is kept
                    rt.planner().releaseUnbooked(unbookedHold);
                }
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("reason", reason);
            d.put("fallback", "original path");
            pendingDetails(d, pending);
            audit(AuditAction.ORCHESTRATION_STEP_FAILED, "warning", d);
        } catch (Throwable t) {
            LOG.debug("Bookkeeping after fallback failed", t);
        }
        finish();
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

    private static void markPending(Message msg, CumulativeBudgets.PendingSettlement pending) {
        if (pending != null) {
            msg.setHeader(OrchestrateConstants.PENDING_SETTLEMENT, pending.kept() ? pending.id() : "not-kept");
        } else {
            msg.removeHeader(OrchestrateConstants.PENDING_SETTLEMENT);
        }
    }

    private static void pendingDetails(Map<String, Object> d, CumulativeBudgets.PendingSettlement pending) {
        if (pending != null) {
            d.put("booked", false);
            d.put("pendingSettlement", pending.kept() ? pending.id() : "not-kept");
        }
    }

    private void markFallback(String reason) {
        Message msg = exchange.getMessage();
        msg.setHeader(OrchestrateConstants.ORCHESTRATED, false);
        msg.setHeader(OrchestrateConstants.FALLBACK_REASON, reason);
    }

    private void safeRecordFallback(Throwable cause) {
        try {
            record(plan == null ? null : plan.classification().intent(), null, 0, 0, 0, 0, 0, StepOutcome.FALLBACK);
        } catch (Throwable t) {
            cause.addSuppressed(t);
        }
    }

    private void restoreOriginal() {
        Message msg = exchange.getMessage();
        if (originalBody instanceof StreamCache cache) {
            cache.reset();
        }
        msg.setBody(originalBody);
        if (originalHeaders != null) {
            msg.setHeaders(new HashMap<>(originalHeaders));
        }
        UsageReader.clear(msg);
        ModelInfo original = settings.originalModel();
        if (original != null && settings.pinnedModel() != null) {
            setModelHeaders(msg, original, 0);
        }
        exchange.setException(null);
    }

    // ---- bookkeeping

    private void record(Intent intent, ModelInfo model, long in, long out, long saved, double cost, double costSaved,
            StepOutcome outcome) {
        record(intent, model, in, out, saved, cost, costSaved, outcome, in, out, cost);
    }

    /** Books the step's totals; meters the last call (in, out, cost of {@code model}) and the outcome. */
    private void record(Intent intent, ModelInfo model, long in, long out, long saved, double cost, double costSaved,
            StepOutcome outcome, long meteredIn, long meteredOut, double meteredCost) {
        StepRecord r = new StepRecord(in, out, saved, StepRecord.nanos(cost), StepRecord.nanos(costSaved), outcome);
        if (workflow != null) {
            workflow.totals().add(r);
        }
        endpoint.totals().add(r);
        endpoint.getComponent().totals().add(r);
        OrchestrationMeters meters = rt.meters();
        if (meters.enabled()) {
            OrchestrationMeters.StepMeters m = stepMeters(intent);
            if (meteredIn + meteredOut > 0 || saved > 0) {
                meters.recordUsage(m, model, meteredIn, meteredOut, saved, meteredCost, costSaved);
            }
            meters.recordOutcome(m, outcome, overheadNanos);
        }
    }

    private OrchestrationMeters.StepMeters stepMeters(Intent intent) {
        return rt.meters().step(routeId == null ? "unknown" : routeId, settings.stepId(), intent);
    }

    private void audit(AuditAction action, String severity, Map<String, Object> details) {
        publish(action, "workflow_step", settings.stepId(), severity, details);
    }

    private void publish(AuditAction action, String entityType, String entityId, String severity,
            Map<String, Object> details) {
        if (!rt.audit().active()) {
            return;
        }
        try {
            rt.audit().publish(new AuditEvent(Instant.now(), action, entityType, entityId, exchange.getExchangeId(),
                    routeId, userId, severity, details));
        } catch (RuntimeException e) {
            LOG.debug("Audit event not queued", e);
        }
    }

    private Map<String, Object> budgetDetails() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("intent", plan.classification().intent().id());
        d.put("budget", plan.budgetExceeded() != null ? plan.budgetExceeded() : String.valueOf(plan.softExceeded()));
        d.put("hard", plan.budgetExceeded() != null);
        d.put("policy", plan.budgetExceeded() != null ? settings.onBudgetExceeded().id() : "soft: reported only");
        d.put("tokensEstimated", plan.estimatedTokens());
        return d;
    }

    private static double cost(ModelInfo model, UsageReader.Usage u) {
        return u.cost(model);
    }

    private static String encoding(ModelInfo model) {
        return model == null ? null : model.encoding();
    }

    private static String routeId(Exchange exchange) {
        String id = ExchangeHelper.getRouteId(exchange);
        return id != null ? id : exchange.getFromRouteId() != null ? exchange.getFromRouteId() : "unknown";
    }

    /**
     * The exception's class only: a message can quote the data it failed on (a parser's snippet of the body, a URL
     * with a query, a header value), and the reason travels in a header and in the audit trail. The message itself is
     * in the DEBUG log of this class.
     */
    private static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BudgetStoreException) {
                return "budget store unreachable; " + c.getClass().getName();
            }
        }
        return t.getClass().getName();
    }

    /** The input is over maxInputSize: its fixed reason, no cause to log. */
    private static final class InputTooLarge extends Exception {
        InputTooLarge(String reason) {
            super(reason, null, false, false);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, StepRun.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    // ---- async completion: done(true) only when everything finished on the caller's thread inside run()

    private void finish() {
        land();
        try {
            closeCapture();
        } catch (RuntimeException e) {
            LOG.debug("Closing the usage capture failed", e);
        }
        if (Thread.currentThread() == runThread && state.compareAndSet(RUNNING, DONE_SYNC)) {
            callback.done(true);
        } else {
            callback.done(false);
        }
    }

    private boolean returned() {
        return !state.compareAndSet(RUNNING, RETURNED) && state.get() == DONE_SYNC;
    }
}
