package io.camelorchestration.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import io.camelorchestration.budget.BudgetRules;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.budget.InMemoryBudgetLedger;
import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.classify.HandlerRegistry;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.KeywordIntentClassifier;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.Compressor;
import io.camelorchestration.route.ComplexityScorer;
import io.camelorchestration.route.ModelRouter;
import io.camelorchestration.settle.WorkflowExecution;
import io.camelorchestration.text.TokenCounter;
import org.junit.jupiter.api.Test;

/**
 * Tokenizing is most of a step's overhead, so the planner counts only when a decision depends on the exact figure;
 * otherwise it works with a bound no count can pass.
 */
class LazyTokenCountTest {

    static final String MESSAGE = "Hi, my parcel 4711 has not arrived yet. Could you check where it is? Regards, Anna";

    final ModelCatalog catalog = ModelCatalog.defaults();
    final ModelInfo gpt4o = catalog.find("gpt-4o").orElseThrow();
    final AtomicInteger compressorCalls = new AtomicInteger();
    final Compressor counting = request -> {
        compressorCalls.incrementAndGet();
        return CompressionPipeline.defaults().compress(request);
    };

    StepPlan plan(Integer budgetTokens, long workflowBudget, String budgets, String key) {
        StepPlanner planner = new StepPlanner(new KeywordIntentClassifier(), HandlerRegistry.defaults(), counting,
                new ModelRouter(catalog, new ComplexityScorer()),
                new CumulativeBudgets(BudgetRules.parse(budgets), new InMemoryBudgetLedger(), Clock.systemUTC()));
        StepSettings settings = new StepSettings("reply", new StepDescription("reply", null, "direct:llm", null, ""),
                Intent.GENERATE, budgetTokens, 100, null, true, null, gpt4o, OnBudgetExceeded.DEGRADE);
        return planner.plan(settings, new Flags(false, false), new StepInput(MESSAGE, null, key),
                new WorkflowExecution("ex-1", workflowBudget), m -> true);
    }

    @Test
    void farFromEveryLimitNothingIsTokenized() {
        StepPlan plan = plan(null, 0, null, null);

        assertThat(compressorCalls).hasValue(0);
        assertThat(plan.inputCounted()).isFalse();
        // the bound reserved is never below the real count
        assertThat(plan.inputTokens()).isGreaterThanOrEqualTo(new TokenCounter().count(MESSAGE, gpt4o.encoding()));
        assertThat(plan.estimatedTokens()).isEqualTo(TokenCounter.upperBound(MESSAGE) + 100);
    }

    @Test
    void nearAStepBudgetTheInputIsCounted() {
        StepPlan plan = plan(150, 0, null, null);

        assertThat(compressorCalls).hasValue(1);
        assertThat(plan.inputCounted()).isTrue();
        assertThat(plan.inputTokens()).isEqualTo(new TokenCounter().count(MESSAGE, gpt4o.encoding()));
        assertThat(plan.budgetExceeded()).isNull();
    }

    @Test
    void farFromAWorkflowOrCumulativeLimitTheBoundIsBooked() {
        assertThat(plan(null, 100_000, null, null).inputCounted()).isFalse();
        assertThat(plan(null, 0, "acme=100000 tokens/day hard", "acme").inputCounted()).isFalse();
        assertThat(compressorCalls).hasValue(0);
    }

    @Test
    void whenTheBoundIsRefusedTheExactCountDecides() {
        long exact = new TokenCounter().count(MESSAGE, gpt4o.encoding()) + 100;
        assertThat(TokenCounter.upperBound(MESSAGE) + 100).isGreaterThan(exact + 5);

        StepPlan workflow = plan(null, exact + 5, null, null);
        StepPlan tenant = plan(null, 0, "acme=" + (exact + 5) + " tokens/day hard", "acme");

        for (StepPlan p : new StepPlan[] { workflow, tenant }) {
            assertThat(p.inputCounted()).isTrue();
            assertThat(p.budgetExceeded()).isNull();
            assertThat(p.estimatedTokens()).isEqualTo(exact);
        }
        assertThat(compressorCalls).hasValue(2);
    }
}
