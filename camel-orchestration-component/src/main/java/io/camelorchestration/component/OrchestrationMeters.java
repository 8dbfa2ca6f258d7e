package io.camelorchestration.component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.engine.Settlement;
import io.camelorchestration.engine.StepEvent;
import io.camelorchestration.settle.StepOutcome;
import io.camelorchestration.settle.StepRecord;
import io.camelorchestration.settle.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of the contract. Tags stay low-cardinality (route, step, intent, model, outcome: never an exchange,
 * user or budget key). Meters are resolved once per tag set and cached, not looked up per message.
 */
class OrchestrationMeters implements Consumer<StepEvent> {

    static final OrchestrationMeters NONE = new OrchestrationMeters(null);

    private static final String NO_MODEL = "none";

    private final MeterRegistry registry;
    private final Map<StepKey, StepMeters> steps = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> reserved = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> utilization = new ConcurrentHashMap<>();
    private final Counter auditFailures;

    OrchestrationMeters(MeterRegistry registry) {
        this.registry = registry;
        this.auditFailures = registry == null ? null
                : Counter.builder("orchestration.audit.failures").description("Audit events that could not be delivered")
                        .register(registry);
    }

    boolean enabled() {
        return registry != null;
    }

    /** Meters each ended step (the last call under its model, a re-run's first call under its own) and workflow. */
    @Override
    public void accept(StepEvent event) {
        if (registry == null) {
            return;
        }
        if (event instanceof StepEvent.Ended ended) {
            StepMeters m = step(ended.context().routeId(), ended.context().stepId(), ended.intent());
            if (ended instanceof StepEvent.Settled settled) {
                settled(m, settled.settlement(), settled.overheadNanos());
                return;
            }
            StepRecord r = ended.record();
            if (r.tokensUsed() > 0 || r.tokensSaved() > 0) {
                recordUsage(m, ended.model(), r.inputTokens(), r.outputTokens(), r.tokensSaved(),
                        ended.cost().doubleValue(), ended.costSaved().doubleValue());
            }
            recordOutcome(m, r.outcome(), ended.overheadNanos());
        } else if (event instanceof StepEvent.WorkflowCompleted done && done.context().workflow().hasAllocation()) {
            recordUtilization(done.context().routeId(), done.context().workflow().utilization());
        }
    }

    private void settled(StepMeters m, Settlement s, long overheadNanos) {
        Usage last = s.usage();
        if (s.rerun() && s.firstUsage().total() > 0) {
            // the routed call is metered under its own model; the step's totals hold both calls
            recordUsage(m, s.firstModel(), s.firstUsage().input(), s.firstUsage().output(), 0,
                    s.firstUsage().cost(s.firstModel()).doubleValue(), 0);
        }
        long in = s.rerun() ? last.input() : s.inputTokens();
        long out = s.rerun() ? last.output() : s.outputTokens();
        if (in + out > 0 || s.tokensSaved() > 0) {
            recordUsage(m, s.model(), in, out, s.tokensSaved(),
                    (s.rerun() ? last.cost(s.model()) : s.cost()).doubleValue(), s.costSaved().doubleValue());
        }
        recordOutcome(m, s.outcome(), overheadNanos);
        if (s.rerun()) {
            recordDetails(m, s.firstModel(), s.firstUsage());
        }
        recordDetails(m, s.model(), last);
    }

    StepMeters step(String route, String step, Intent intent) {
        return step(route, step, intent == null ? "unknown" : intent.id());
    }

    StepMeters step(String route, String step, String intent) {
        return steps.computeIfAbsent(new StepKey(route, step, intent), StepMeters::new);
    }

    void recordUsage(StepMeters m, ModelInfo model, long input, long output, long saved, double cost, double costSaved) {
        if (registry == null) {
            return;
        }
        String name = model == null ? NO_MODEL : model.name();
        m.model(name, model).record(input, output, cost);
        if (saved > 0) {
            m.tokensSaved.increment(saved);
        }
        if (costSaved > 0) {
            m.costSaved.increment(costSaved);
        }
    }

    /** The OpenTelemetry GenAI detailed usage: the token types that are billed at prices of their own. */
    void recordDetails(StepMeters m, ModelInfo model, Usage u) {
        if (registry == null || u.cachedInput() + u.cacheWriteInput() + u.reasoning() == 0) {
            return;
        }
        m.model(model == null ? NO_MODEL : model.name(), model).recordDetails(u);
    }

    void recordOutcome(StepMeters m, StepOutcome outcome, long overheadNanos) {
        if (registry == null) {
            return;
        }
        m.outcome(outcome).increment();
        m.overhead.record(overheadNanos, TimeUnit.NANOSECONDS);
    }

    void recordUtilization(String route, double utilizationRatio) {
        if (registry == null) {
            return;
        }
        utilization.computeIfAbsent(route, r -> DistributionSummary.builder("orchestration.budget.utilization")
                .description("Tokens used over tokens allocated (the workflow budget, else the steps' budgets), per exchange").tag("route", r).register(registry))
                .record(utilizationRatio);
    }

    /** Tokens reserved and not yet settled, per route; back to 0 when idle. */
    AtomicLong reserved(String route) {
        return reserved.computeIfAbsent(route, r -> {
            AtomicLong value = new AtomicLong();
            if (registry != null) {
                Gauge.builder("orchestration.budget.reserved", value, AtomicLong::get)
                        .description("Tokens reserved and not yet settled").baseUnit("tokens").tag("route", r)
                        .register(registry);
            }
            return value;
        });
    }

    void auditFailed() {
        if (auditFailures != null) {
            auditFailures.increment();
        }
    }

    /** The pending settlements' figures, read from it when scraped. */
    void pending(io.camelorchestration.budget.PendingSettlements p) {
        if (registry == null) {
            return;
        }
        Gauge.builder("orchestration.budget.pending", p, x -> x.waiting())
                .description("Unbooked spend waiting in the journal for the budget store (entries: one per rule of a step)")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("orchestration.budget.pending.booked", p, x -> x.booked())
                .description("Pending settlements booked in the ledger").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("orchestration.budget.pending.refused", p, x -> x.refused())
                .description("Steps whose unbooked spend the full journal could not keep: never booked").register(registry);
    }

    /** Expired holds the JDBC ledger booked at their reserved amount, read from it when scraped. */
    void settledOnExpiry(io.camelorchestration.budget.jdbc.JdbcBudgetLedger ledger) {
        if (registry == null) {
            return;
        }
        io.micrometer.core.instrument.FunctionCounter.builder("orchestration.budget.settled.on.expiry", ledger,
                        x -> x.holdsSettledOnExpiry())
                .description("Expired budget holds booked at their reserved amount (their instance died or the step"
                        + " outlived the reservation TTL)")
                .register(registry);
    }

    record StepKey(String route, String step, String intent) {
    }

    /** The meters of one route, step and intent; per-model and per-outcome meters hang off it. */
    final class StepMeters {
        private final StepKey key;
        private final Counter tokensSaved;
        private final Counter costSaved;
        private final Timer overhead;
        private final Map<String, ModelMeters> models = new ConcurrentHashMap<>();
        private final Map<StepOutcome, Counter> outcomes = new ConcurrentHashMap<>();

        StepMeters(StepKey key) {
            this.key = key;
            if (registry == null) {
                tokensSaved = null;
                costSaved = null;
                overhead = null;
                return;
            }
            tokensSaved = Counter.builder("orchestration.tokens.saved").description("Tokens removed by compression")
                    .baseUnit("tokens").tags(tags()).register(registry);
            costSaved = Counter.builder("orchestration.cost.saved").description("USD saved by compression and routing")
                    .baseUnit("usd").tags(tags()).register(registry);
            overhead = Timer.builder("orchestration.overhead").description("Pipeline time, the delegate excluded")
                    .tag("route", key.route()).tag("step", key.step()).register(registry);
        }

        private String[] tags() {
            return new String[] { "route", key.route(), "step", key.step(), "intent", key.intent() };
        }

        Counter outcome(StepOutcome o) {
            return outcomes.computeIfAbsent(o, x -> Counter.builder("orchestration.steps")
                    .description("Orchestrated steps by outcome").tags(tags()).tag("outcome", x.tag())
                    .register(registry));
        }

        ModelMeters model(String name, ModelInfo info) {
            return models.computeIfAbsent(name, n -> new ModelMeters(this, n, info));
        }
    }

    final class ModelMeters {
        private final Counter input;
        private final Counter output;
        private final Counter cost;
        private final Counter genAiInput;
        private final Counter genAiOutput;

        private final io.micrometer.core.instrument.Tags tags;

        ModelMeters(StepMeters step, String model, ModelInfo info) {
            String[] t = step.tags();
            input = Counter.builder("orchestration.tokens.used").baseUnit("tokens").tags(t).tag("model", model)
                    .tag("type", "input").register(registry);
            output = Counter.builder("orchestration.tokens.used").baseUnit("tokens").tags(t).tag("model", model)
                    .tag("type", "output").register(registry);
            cost = Counter.builder("orchestration.cost").description("Cost in USD").baseUnit("usd").tags(t)
                    .tag("model", model).register(registry);
            String provider = info == null ? "unknown" : info.provider();
            tags = io.micrometer.core.instrument.Tags.of(t).and("model", model)
                    .and("gen_ai.provider.name", provider).and("gen_ai.request.model", model);
            // OpenTelemetry GenAI semantic-convention names, as Spring AI emits them, so its dashboards work; no base
            // unit, like Spring AI's, so Prometheus names it gen_ai_client_token_usage_total as theirs
            genAiInput = Counter.builder("gen_ai.client.token.usage").description("Measures number of input and output tokens used")
                    .tag("gen_ai.operation.name", "chat").tag("gen_ai.provider.name", provider)
                    .tag("gen_ai.request.model", model).tag("gen_ai.token.type", "input").register(registry);
            genAiOutput = Counter.builder("gen_ai.client.token.usage").description("Measures number of input and output tokens used")
                    .tag("gen_ai.operation.name", "chat").tag("gen_ai.provider.name", provider)
                    .tag("gen_ai.request.model", model).tag("gen_ai.token.type", "output").register(registry);
        }

        private volatile Counter cacheRead;
        private volatile Counter cacheWrite;
        private volatile Counter reasoning;

        void recordDetails(Usage u) {
            if (u.cachedInput() > 0) {
                Counter c = cacheRead;
                if (c == null) {
                    cacheRead = c = detailed("gen_ai.client.inference.usage.detailed.cache_read.input_tokens",
                            "Input tokens read from the provider's prompt cache");
                }
                c.increment(u.cachedInput());
            }
            if (u.cacheWriteInput() > 0) {
                Counter c = cacheWrite;
                if (c == null) {
                    cacheWrite = c = detailed("gen_ai.client.inference.usage.detailed.cache_write.input_tokens",
                            "Input tokens written to the provider's prompt cache");
                }
                c.increment(u.cacheWriteInput());
            }
            if (u.reasoning() > 0) {
                Counter c = reasoning;
                if (c == null) {
                    reasoning = c = detailed("gen_ai.client.inference.usage.detailed.reasoning.output_tokens",
                            "Output tokens spent on hidden reasoning");
                }
                c.increment(u.reasoning());
            }
        }

        // registered on first use: most models never report a cache or reasoning, and an empty series is noise
        private Counter detailed(String name, String description) {
            return Counter.builder(name).description(description).tags(tags).register(registry);
        }

        void record(long in, long out, double usd) {
            input.increment(in);
            output.increment(out);
            genAiInput.increment(in);
            genAiOutput.increment(out);
            if (usd > 0) {
                cost.increment(usd);
            }
        }
    }
}
