package io.camelorchestration.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

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
import io.camelorchestration.compress.BrownSample;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.route.ComplexityScorer;
import io.camelorchestration.route.ModelRouter;
import io.camelorchestration.settle.WorkflowExecution;
import io.camelorchestration.text.Jtokkit;
import io.camelorchestration.text.RecordingTokenCounter;
import org.junit.jupiter.api.Test;

/** A compressed step tokenizes its input once; the figures it books are still exact. */
class StepTokenizationTest {

    final ModelCatalog catalog = ModelCatalog.defaults();
    final ModelInfo gpt4o = catalog.find("gpt-4o").orElseThrow();
    final RecordingTokenCounter counter = new RecordingTokenCounter();
    final StepPlanner planner = new StepPlanner(new KeywordIntentClassifier(), HandlerRegistry.defaults(),
            CompressionPipeline.defaults(counter, CompressionPipeline.DEFAULT_MIN_TOKENS),
            new ModelRouter(catalog, new ComplexityScorer()),
            new CumulativeBudgets(BudgetRules.parse(null), new InMemoryBudgetLedger(), Clock.systemUTC()));

    StepPlan plan(String text, boolean routing, Integer budgetTokens) {
        StepSettings settings = new StepSettings("summary", new StepDescription("summary", null, "direct:llm", null,
                ""), Intent.SUMMARIZE, budgetTokens, 200, CompressionLevel.AGGRESSIVE, routing, null, gpt4o,
                OnBudgetExceeded.DEGRADE);
        return planner.plan(settings, new Flags(true, routing), new StepInput(text, null, null),
                new WorkflowExecution("ex-1", 0), m -> true);
    }

    @Test
    void theInputIsTokenizedOnce() {
        String text = BrownSample.byId("ca01").text() + "\n\n" + BrownSample.byId("ch01").text();
        for (boolean routing : new boolean[] { false, true }) {
            counter.clear();

            StepPlan plan = plan(text, routing, 100_000);

            assertThat(plan.compressed()).isTrue();
            assertThat(plan.inputCounted()).isTrue();
            assertThat(plan.inputTokens()).isEqualTo(Jtokkit.count(plan.compression().text(), gpt4o.encoding()));
            assertThat(plan.tokensSaved()).isEqualTo(Jtokkit.count(text, gpt4o.encoding()) - plan.inputTokens());
            assertThat(plan.estimatedTokens()).isEqualTo(plan.inputTokens() + 200L);
            assertThat(counter.chars()).isLessThan(text.length() + plan.compression().text().length() / 4);
        }
    }

    /** o200k_base words are kept between steps: the next document with the same words tokenizes hardly anything. */
    @Test
    void theWordsOfOneStepAreNotTokenizedAgainByTheNext() {
        String text = BrownSample.byId("ca01").text() + "\n\n" + BrownSample.byId("ch01").text();
        plan(text, false, 100_000);
        counter.clear();

        StepPlan again = plan(text.replace("\n\n", "\n"), false, 100_000);

        assertThat(again.tokensSaved()).isEqualTo(Jtokkit.count(text.replace("\n\n", "\n"), gpt4o.encoding())
                - Jtokkit.count(again.compression().text(), gpt4o.encoding()));
        assertThat(counter.chars()).isLessThan(text.length() / 20);
    }
}
