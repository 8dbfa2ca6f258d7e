package io.camelorchestration.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import io.camelorchestration.budget.BudgetRules;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.budget.InMemoryBudgetLedger;
import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Tier;
import io.camelorchestration.classify.HandlerRegistry;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.KeywordIntentClassifier;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.engine.Flags;
import io.camelorchestration.engine.StepInput;
import io.camelorchestration.engine.StepPlan;
import io.camelorchestration.engine.StepPlanner;
import io.camelorchestration.engine.StepSettings;
import io.camelorchestration.settle.WorkflowExecution;
import org.junit.jupiter.api.Test;

/**
 * Routing as a step sees it: the planner asks the router for the step's intent and input, unless the step is pinned
 * ({@code model=}) or routing is off.
 */
class StepRoutingTest {

    private final ModelCatalog catalog = ModelCatalog.defaults();
    private final ModelInfo gpt4o = catalog.find("gpt-4o").orElseThrow();
    private final StepPlanner planner = new StepPlanner(new KeywordIntentClassifier(), HandlerRegistry.defaults(),
            CompressionPipeline.defaults(), new ModelRouter(catalog, new ComplexityScorer()),
            new CumulativeBudgets(BudgetRules.none(), new InMemoryBudgetLedger(), Clock.systemUTC()));

    private StepPlan plan(Intent intent, ModelInfo pinned, boolean routingOn, String body) {
        StepSettings settings = new StepSettings("summarizeTicket",
                new StepDescription("summarizeTicket", "condense the customer e-mail", "direct:llm", null, ""), intent,
                null, null, null, true, pinned, gpt4o, OnBudgetExceeded.DEGRADE);
        return planner.plan(settings, new Flags(false, routingOn), new StepInput(body, null, null),
                new WorkflowExecution("ex-1", 0), m -> m.provider().equals("openai"));
    }

    @Test
    void aSummaryStepRunsOnACheaperSmallModel() {
        StepPlan plan = plan(null, null, true, "Hi, my parcel has not arrived yet. Regards, Anna");

        assertThat(plan.classification().intent()).isEqualTo(Intent.SUMMARIZE);
        assertThat(plan.routing().routed()).isTrue();
        assertThat(plan.model().tier()).isEqualTo(Tier.SMALL);
        assertThat(plan.model().inputUsdPerMillion()).isLessThan(gpt4o.inputUsdPerMillion());
    }

    @Test
    void aPinnedStepIsNeverRouted() {
        ModelInfo pinned = catalog.find("gpt-4.1").orElseThrow();

        StepPlan plan = plan(Intent.SUMMARIZE, pinned, true, "Hi, my parcel has not arrived yet. Regards, Anna");

        assertThat(plan.routing().routed()).isFalse();
        assertThat(plan.model()).isEqualTo(pinned);
        assertThat(plan.routing().reason()).isEqualTo("pinned");
    }

    @Test
    void withRoutingOffTheDefaultModelRuns() {
        StepPlan plan = plan(Intent.SUMMARIZE, null, false, "Hi, my parcel has not arrived yet.");

        assertThat(plan.routing().routed()).isFalse();
        assertThat(plan.model()).isEqualTo(gpt4o);
    }

    @Test
    void aSendStepNeedsNoModel() {
        StepPlan plan = plan(Intent.SEND, null, true, "Your order has shipped.");

        assertThat(plan.routing().routed()).isFalse();
        assertThat(plan.routing().reason()).isEqualTo("intent needs no model");
    }

    @Test
    void overItsBudgetAStepWithRoutingOffDegradesOnItsOwnModel() {
        String body = "Hi, my parcel has not arrived yet. It was due on Monday and the tracking page has not changed"
                + " since Friday. I asked at the depot twice. Please look into it or refund me. Regards, Anna";
        StepSettings routingOff = new StepSettings("summarizeTicket",
                new StepDescription("summarizeTicket", "condense the customer e-mail", "direct:llm", null, ""),
                Intent.SUMMARIZE, 40, null, null, false, null, gpt4o, OnBudgetExceeded.DEGRADE);
        StepSettings routingOn = new StepSettings("summarizeTicket",
                new StepDescription("summarizeTicket", "condense the customer e-mail", "direct:llm", null, ""),
                Intent.SUMMARIZE, 40, null, null, true, null, gpt4o, OnBudgetExceeded.DEGRADE);

        StepPlan off = planner.plan(routingOff, new Flags(true, true), new StepInput(body, null, null),
                new WorkflowExecution("ex-1", 0), m -> m.provider().equals("openai"));
        StepPlan on = planner.plan(routingOn, new Flags(true, true), new StepInput(body, null, null),
                new WorkflowExecution("ex-2", 0), m -> m.provider().equals("openai"));

        assertThat(off.budgetExceeded()).as("over the step's budget").isNotNull();
        assertThat(off.model()).isEqualTo(gpt4o);
        assertThat(off.maxOutputTokens()).as("still degraded: half the cap").isLessThan(HandlerRegistry.defaults()
                .handler(Intent.SUMMARIZE).policy().maxOutputTokens());
        assertThat(on.budgetExceeded()).isNotNull();
        assertThat(on.model()).as("with routing on, degrade picks a cheaper model").isNotEqualTo(gpt4o);
    }

    @Test
    void aReasoningModelsReasoningCountsAgainstTheStepsTokenBudget() {
        ModelInfo thinker = new ModelInfo("thinker", "openai", Tier.SMALL, 0.05, 0.40, 400_000, "o200k_base", null, -1,
                -1, true, null);
        String body = "Hi, my parcel has not arrived yet. Regards, Anna";
        StepSettings roomy = new StepSettings("summarizeTicket",
                new StepDescription("summarizeTicket", "condense the customer e-mail", "direct:llm", null, ""),
                Intent.SUMMARIZE, 10_000, 100, null, true, thinker, gpt4o, OnBudgetExceeded.FAIL);
        StepSettings tight = new StepSettings("summarizeTicket",
                new StepDescription("summarizeTicket", "condense the customer e-mail", "direct:llm", null, ""),
                Intent.SUMMARIZE, 500, 100, null, true, thinker, gpt4o, OnBudgetExceeded.FAIL);

        StepPlan plan = planner.plan(roomy, new Flags(false, true), new StepInput(body, null, null),
                new WorkflowExecution("ex-1", 0), m -> true);

        // the model is called with a cap of 100 + its reasoning, and may spend all of it
        assertThat(plan.estimatedTokens()).isEqualTo(plan.inputTokens() + 100 + ModelInfo.REASONING_OUTPUT_TOKENS);
        assertThatThrownBy(() -> planner.plan(tight, new Flags(false, true), new StepInput(body, null, null),
                new WorkflowExecution("ex-2", 0), m -> true))
                .as("500 tokens hold the input and the answer, not the reasoning")
                .isInstanceOf(io.camelorchestration.budget.BudgetExceededException.class);
    }
}
