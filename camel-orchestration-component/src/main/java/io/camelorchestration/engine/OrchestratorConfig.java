package io.camelorchestration.engine;

import java.util.List;
import java.util.Objects;

import io.camelorchestration.budget.BudgetRules;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.budget.InMemoryBudgetLedger;
import io.camelorchestration.classify.HandlerRegistry;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.classify.KeywordIntentClassifier;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.Compressor;
import io.camelorchestration.route.RoutingPolicy;

/**
 * What an {@link Orchestrator} is made of, built once at start-up and never changed. Every part has a default, so
 * {@code OrchestratorConfig.builder().routing(policy).build()} is a whole engine.
 */
public final class OrchestratorConfig {

    private final IntentClassifier classifier;
    private final HandlerRegistry handlers;
    private final Compressor compressor;
    private final RoutingPolicy routing;
    private final CumulativeBudgets budgets;

    private OrchestratorConfig(Builder b) {
        this.classifier = b.classifier != null ? b.classifier : new KeywordIntentClassifier();
        this.handlers = b.handlers != null ? b.handlers : HandlerRegistry.withOverrides(List.of());
        this.compressor = b.compressor != null ? b.compressor : CompressionPipeline.defaults();
        this.routing = Objects.requireNonNull(b.routing, "routing");
        this.budgets = b.budgets != null ? b.budgets
                : new CumulativeBudgets(BudgetRules.parse(null), new InMemoryBudgetLedger(), java.time.Clock.systemUTC());
    }

    public static Builder builder() {
        return new Builder();
    }

    public IntentClassifier classifier() {
        return classifier;
    }

    public HandlerRegistry handlers() {
        return handlers;
    }

    public Compressor compressor() {
        return compressor;
    }

    public RoutingPolicy routing() {
        return routing;
    }

    public CumulativeBudgets budgets() {
        return budgets;
    }

    public static final class Builder {
        private IntentClassifier classifier;
        private HandlerRegistry handlers;
        private Compressor compressor;
        private RoutingPolicy routing;
        private CumulativeBudgets budgets;

        private Builder() {
        }

        /** Default: the keyword classifier. */
        public Builder classifier(IntentClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /** Default: the built-in policy of each intent. */
        public Builder handlers(HandlerRegistry handlers) {
            this.handlers = handlers;
            return this;
        }

        /** Default: the built-in compression pipeline. */
        public Builder compressor(Compressor compressor) {
            this.compressor = compressor;
            return this;
        }

        /** Required: which model each step runs on. */
        public Builder routing(RoutingPolicy routing) {
            this.routing = routing;
            return this;
        }

        /** Default: no cumulative budgets. */
        public Builder budgets(CumulativeBudgets budgets) {
            this.budgets = budgets;
            return this;
        }

        public OrchestratorConfig build() {
            return new OrchestratorConfig(this);
        }
    }
}
