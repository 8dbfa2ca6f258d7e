package io.camelorchestration.component;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.camelorchestration.budget.BudgetExceededException;
import io.camelorchestration.budget.BudgetKeys;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.budget.UnbookedStepException;
import io.camelorchestration.cache.CachedAnswer;
import io.camelorchestration.cache.Flight;
import io.camelorchestration.cache.ResponseCacheService;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.component.langchain4j.CapturedUsage;
import io.camelorchestration.component.langchain4j.ChatMessagesBody;
import io.camelorchestration.component.langchain4j.UsageCapture;
import io.camelorchestration.engine.CallShape;
import io.camelorchestration.engine.Completion;
import io.camelorchestration.engine.FailureReason;
import io.camelorchestration.engine.Flags;
import io.camelorchestration.engine.Settlement;
import io.camelorchestration.engine.StepContext;
import io.camelorchestration.engine.StepDraft;
import io.camelorchestration.engine.StepEvent;
import io.camelorchestration.engine.StepExecution;
import io.camelorchestration.engine.StepInput;
import io.camelorchestration.engine.StepPlan;
import io.camelorchestration.engine.StepSettings;
import io.camelorchestration.internal.ChatRequestText;
import io.camelorchestration.settle.Usage;
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
 * One invocation of an orchestrated step, as Camel sees it: reads the message, hands it to the engine's
 * {@link StepExecution} (classify, budgets, compress, route; then check, settle, events), calls the delegate the plan
 * names, and writes the headers. Any failure of the pipeline's own stages sends the original message to the original
 * delegate instead.
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

    private StepExecution run;
    private Object originalBody;
    private Map<String, Object> originalHeaders;
    private String originalText;
    private ChatMessagesBody chatBody;
    private String sentText;
    private AtomicLong reservedGauge;
    private long overheadNanos;
    private UsageCapture.Capture capture;
    private Object outerCapture;
    /** The body was over maxInputSize: passed through, never read whole. */
    private MessageText.Oversize oversize;
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
            refused(e, t0);
            finish();
            return returned();
        } catch (Throwable t) {
            overheadNanos += System.nanoTime() - t0;
            unbooked(t);
            fallback(FailureReason.beforeTheCall(t), t);
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
        CompletableFuture<StepPlan> planned = run.plan(rt.budgetContinuation());
        if (planned.isDone()) {
            planned(planned, t0);
            return;
        }
        overheadNanos += System.nanoTime() - t0;
        planned.whenComplete((p, e) -> planned(planned, System.nanoTime()));
    }

    /** Goes on with the plan the budgets gave: shapes the message and calls the delegate. */
    private void planned(CompletableFuture<StepPlan> planned, long t0) {
        AsyncProducer target;
        try {
            StepPlan plan = result(planned);
            shape(plan);
            target = plan.unoptimised() ? endpoint.delegate() : endpoint.delegateFor(plan.model());
        } catch (BudgetExceededException e) {
            refused(e, t0);
            finish();
            return;
        } catch (Throwable t) {
            overheadNanos += System.nanoTime() - t0;
            unbooked(t);
            fallback(FailureReason.beforeTheCall(t), t);
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

    // ---- before the call: read the message

    private void prepare() throws Exception {
        String routeId = routeId(exchange);
        Message msg = exchange.getMessage();
        String userId = msg.getHeader(OrchestrateConstants.USER_ID, String.class);
        run = endpoint.step().start(new StepContext(settings.stepId(), routeId, exchange.getExchangeId(), userId, null));
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
        run.inWorkflow(workflow(routeId, userId));
        String instruction = msg.getHeader(OrchestrateConstants.INSTRUCTION, String.class);
        Expression keyExpression = endpoint.budgetKeyExpression();
        budgetKey = keyExpression == null ? null : BudgetKeys.sanitize(keyExpression.evaluate(exchange, String.class));
        OrchestrateComponent c = endpoint.getComponent();
        Flags flags = new Flags(c.isCompressionEnabled(), c.isRoutingEnabled());
        StepInput input = new StepInput(originalText, instruction, budgetKey,
                chatBody != null || MessageText.rewritable(originalBody), chatBody);
        run.draft(flags, input);
        if (endpoint.cacheExact() && c.isCacheEnabled()) {
            lookUp(msg);
        }
    }

    /** The exchange's workflow execution: begun by its first orchestrated step, ended when the exchange completes. */
    private WorkflowExecution workflow(String routeId, String userId) {
        WorkflowExecution wf = exchange.getProperty(OrchestrateConstants.WORKFLOW_PROPERTY, WorkflowExecution.class);
        if (wf == null) {
            wf = rt.orchestrator().startWorkflow(routeId, exchange.getExchangeId(), userId,
                    endpoint.getComponent().getWorkflowBudgetTokens());
            exchange.setProperty(OrchestrateConstants.WORKFLOW_PROPERTY, wf);
            exchange.getExchangeExtension().addOnCompletion(new WorkflowCompletion(wf, rt.orchestrator(), routeId, userId));
        }
        return wf;
    }

    /** Looks the draft's request up in the response cache, when the engine says the step may be cached at all. */
    private void lookUp(Message msg) {
        if (!run.cacheable(endpoint.cacheGenerate())) {
            return;
        }
        StepDraft draft = run.draft();
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
    private void shape(StepPlan plan) {
        Message msg = exchange.getMessage();
        reservedGauge = rt.meters().reserved(run.context().routeId());
        reservedGauge.addAndGet(plan.estimatedTokens());
        sentText = originalText == null ? "" : originalText;
        if (!plan.unoptimised()) {
            ChatRequestText compressedRequest = null;
            if (plan.compressed()) {
                sentText = plan.compression().text();
                msg.setBody(chatBody != null ? chatBody.compressedMessages() : sentText);
                compressedRequest = plan.compression().chatRequest();
            }
            write(msg, run.plannedCall(), compressedRequest);
        }
        UsageReader.clear(msg);
    }

    /**
     * The model and output cap the call is sent with: in headers, and in an OpenAI request body.
     *
     * @param compressedRequest the body as compression wrote it, when it is an OpenAI request compression rewrote
     *                          (set without parsing it again), else null
     */
    private static void write(Message msg, CallShape call, ChatRequestText compressedRequest) {
        if (call.model() != null) {
            String name = call.model().name();
            msg.setHeader(OrchestrateConstants.MODEL, name);
            msg.setHeader(OrchestrateConstants.OPENAI_MODEL, name);
            ChatRequestBody.apply(msg, compressedRequest, name, call.outputCap());
        }
        if (call.outputCap() > 0) {
            msg.setHeader(OrchestrateConstants.MAX_OUTPUT_TOKENS, call.outputCap());
        }
    }

    private void refused(BudgetExceededException e, long t0) {
        exchange.setException(e);
        try {
            Message msg = exchange.getMessage();
            msg.setHeader(OrchestrateConstants.ORCHESTRATED, true);
            msg.setHeader(OrchestrateConstants.FALLBACK_REASON, e.getMessage());
            run.refused(e, overheadNanos);
        } catch (RuntimeException ex) {
            LOG.debug("Bookkeeping of a refused step failed", ex);
        }
        overheadNanos += System.nanoTime() - t0;
    }

    /** A step that goes down the original path with nothing reserved (budget store down) is booked later. */
    private void unbooked(Throwable t) {
        if (t instanceof UnbookedStepException u && run != null) {
            run.unbooked(u.hold());
        }
    }

    // ---- the call

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

    private Usage captured() {
        CapturedUsage c = capture == null ? null : capture.take();
        return c == null ? null : new Usage(c.input(), c.output(), "langchain4j-listener", c.cachedInput(),
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

    // ---- after the call: read the answer, write what the engine decided

    private void afterCall() {
        long t0 = System.nanoTime();
        Completion next;
        try {
            Message msg = exchange.getMessage();
            Exception failure = exchange.getException();
            if (failure != null) {
                if (!run.rerunning()) {
                    LOG.debug("Step {}: the call failed", settings.stepId(), failure);
                }
                next = run.callFailed(failure, overheadNanos);
                if (next instanceof Completion.Failed) {
                    reservedGauge.addAndGet(-run.plan().estimatedTokens());
                }
            } else {
                ModelInfo model = run.callModel();
                String output = MessageText.output(msg);
                answerText = output;
                Usage usage = UsageReader.read(msg, output, run.countedInput(),
                        run.rerunning() ? originalText : sentText, encoding(model), captured());
                next = run.called(usage, output, sentText, cacheKey != null, overheadNanos);
                if (next instanceof Completion.Settled settled) {
                    reservedGauge.addAndGet(-run.plan().estimatedTokens());
                    settled(msg, settled.settlement());
                }
            }
        } catch (Throwable t) {
            // the delegate has answered: keep its answer, only the bookkeeping is lost
            LOG.debug("Orchestration bookkeeping failed after the call", t);
            markFallback(FailureReason.afterTheCall(t));
            safeRecordFallback(t);
            next = null;
        } finally {
            overheadNanos += System.nanoTime() - t0;
        }
        if (next instanceof Completion.Rerun && rerun()) {
            return;
        }
        finish();
    }

    /** The routed model's answer is not kept (or its call failed): the step again, as it came, on the original. */
    private boolean rerun() {
        try {
            restoreOriginal();
        } catch (Throwable t) {
            LOG.debug("Restoring the original message for a re-run failed", t);
            markFallback(FailureReason.afterTheCall(t));
            safeRecordFallback(t);
            return false;
        }
        call(endpoint.delegate(), doneSync -> afterCall());
        return true;
    }

    private void settled(Message msg, Settlement s) {
        if (cacheKey != null) {
            keep(msg, s);
            msg.setHeader(OrchestrateConstants.CACHE_HIT, false);
            msg.removeHeader(OrchestrateConstants.COST_SAVED);
        }
        msg.setHeader(OrchestrateConstants.ORCHESTRATED, s.orchestrated());
        msg.setHeader(OrchestrateConstants.INTENT, s.classification().intent().id());
        if (s.model() != null) {
            msg.setHeader(OrchestrateConstants.MODEL, s.model().name());
        } else {
            msg.removeHeader(OrchestrateConstants.MODEL);
        }
        msg.setHeader(OrchestrateConstants.TOKENS_USED, s.tokensUsed());
        msg.setHeader(OrchestrateConstants.TOKENS_SAVED, s.tokensSaved());
        msg.setHeader(OrchestrateConstants.COMPRESSION_APPLIED, s.compressionApplied());
        setOrRemove(msg, OrchestrateConstants.COMPRESSION_SKIPPED, s.compressionSkipped());
        setOrRemove(msg, OrchestrateConstants.FALLBACK_REASON, s.reason());
        markPending(msg, s.pending());
        exchange.setProperty(OrchestrateConstants.METRICS_PROPERTY, run.context().workflow().snapshot());
    }

    // ---- the response cache

    /**
     * Keeps the answer when the engine says it is worth keeping ({@link StepExecution#worthKeeping}). The waiters of
     * this step's flight get it when the step finishes.
     */
    private void keep(Message msg, Settlement s) {
        try {
            if (!run.worthKeeping(s, answerText, sentText)) {
                return;
            }
            ResponseCacheService service = rt.cache().service();
            long now = service.now();
            CachedAnswer a = StepCache.answer(msg, sentHeaders == null ? Map.of() : sentHeaders,
                    s.model() == null ? null : s.model().name(), s.usage().input(), s.usage().output(), s.cost().doubleValue(), now,
                    service.expiresAt(now));
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

    /**
     * Answers the step from the cache: the message is shaped as for the call and then given the stored answer (the
     * delegate's body and headers); nothing is reserved or charged, the call avoided is counted as saved.
     */
    private void served(CachedAnswer a, long t0) {
        Message msg = exchange.getMessage();
        StepDraft draft = run.draft();
        ModelInfo model = draft.model();
        try {
            write(msg, run.draftedCall(), null);
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
            StepEvent.Served served = run.served(a, rt.catalog(), overheadNanos);
            countCache("hit");
            rt.cache().saved(run.context().routeId(), settings.stepId(), served.tokensSaved(),
                    served.costSaved().doubleValue());
            msg.setHeader(OrchestrateConstants.ORCHESTRATED, true);
            msg.setHeader(OrchestrateConstants.INTENT, served.intent().id());
            if (model != null) {
                msg.setHeader(OrchestrateConstants.MODEL, model.name());
            } else {
                msg.removeHeader(OrchestrateConstants.MODEL);
            }
            msg.setHeader(OrchestrateConstants.TOKENS_USED, 0L);
            msg.setHeader(OrchestrateConstants.TOKENS_SAVED, served.tokensSaved());
            msg.setHeader(OrchestrateConstants.COMPRESSION_APPLIED, draft.compressed());
            msg.setHeader(OrchestrateConstants.CACHE_HIT, true);
            msg.setHeader(OrchestrateConstants.COST_SAVED, served.costSaved().doubleValue());
            msg.removeHeader(OrchestrateConstants.FALLBACK_REASON);
            msg.removeHeader(OrchestrateConstants.PENDING_SETTLEMENT);
            exchange.setProperty(OrchestrateConstants.METRICS_PROPERTY, run.context().workflow().snapshot());
        } catch (RuntimeException e) {
            // the answer is on the message: only the bookkeeping is lost
            LOG.debug("Bookkeeping of a cache hit failed", e);
        }
        finish();
    }

    private void countCache(String result) {
        try {
            rt.cache().count(run == null ? "unknown" : run.context().routeId(), settings.stepId(), result);
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

    // ---- the original path

    private void fallback(String reason, Throwable cause) {
        LOG.debug("Step {} falls back to the original path: {}", settings.stepId(), reason, cause);
        try {
            if (run != null && run.plan() != null) {
                run.release();
                if (reservedGauge != null) {
                    reservedGauge.addAndGet(-run.plan().estimatedTokens());
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
        try {
            markFallback(reason);
            if (exchange.getException() == null) {
                Message msg = exchange.getMessage();
                ModelInfo model = settings.originalModel();
                String output = MessageText.output(msg);
                // like the main path: the input is counted only if the delegate reports no usage
                MessageText.Oversize big = oversize;
                Usage u = big != null
                        ? UsageReader.read(msg, output, () -> big.estimateTokens(encoding(model)), encoding(model), captured())
                        : UsageReader.read(msg, output, -1, originalText == null ? "" : originalText, encoding(model),
                                captured());
                StepEvent.FellBack fellBack = run.fellBack(reason, u, overheadNanos);
                markFallback(fellBack.reason());
                markPending(msg, fellBack.pending());
                msg.setHeader(OrchestrateConstants.TOKENS_USED, u.total());
                msg.setHeader(OrchestrateConstants.TOKENS_SAVED, 0L);
                msg.setHeader(OrchestrateConstants.COMPRESSION_APPLIED, false);
                if (run.context().workflow() != null) {
                    exchange.setProperty(OrchestrateConstants.METRICS_PROPERTY, run.context().workflow().snapshot());
                }
            } else {
                run.fellBack(reason, null, overheadNanos);
            }
        } catch (Throwable t) {
            LOG.debug("Bookkeeping after fallback failed", t);
        }
        finish();
    }

    private static void markPending(Message msg, CumulativeBudgets.PendingSettlement pending) {
        if (pending != null) {
            msg.setHeader(OrchestrateConstants.PENDING_SETTLEMENT, pending.kept() ? pending.id() : "not-kept");
        } else {
            msg.removeHeader(OrchestrateConstants.PENDING_SETTLEMENT);
        }
    }

    private static void setOrRemove(Message msg, String header, Object value) {
        if (value != null) {
            msg.setHeader(header, value);
        } else {
            msg.removeHeader(header);
        }
    }

    private void markFallback(String reason) {
        Message msg = exchange.getMessage();
        msg.setHeader(OrchestrateConstants.ORCHESTRATED, false);
        msg.setHeader(OrchestrateConstants.FALLBACK_REASON, reason);
    }

    private void safeRecordFallback(Throwable cause) {
        try {
            run.unsettled(overheadNanos);
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
        write(msg, CallShape.original(settings), null);
        exchange.setException(null);
    }

    private static String encoding(ModelInfo model) {
        return model == null ? null : model.encoding();
    }

    private static String routeId(Exchange exchange) {
        String id = ExchangeHelper.getRouteId(exchange);
        return id != null ? id : exchange.getFromRouteId() != null ? exchange.getFromRouteId() : "unknown";
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
