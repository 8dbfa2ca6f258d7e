package io.camelorchestration.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Tier;
import io.camelorchestration.catalog.Usd;
import io.camelorchestration.check.CheckResult;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.route.RouteRequest;
import io.camelorchestration.route.RoutingCandidates;
import io.camelorchestration.route.RoutingDecision;
import io.camelorchestration.route.RoutingPolicy;
import io.camelorchestration.settle.StepOutcome;
import io.camelorchestration.settle.StepRecord;
import io.camelorchestration.settle.Usage;
import io.camelorchestration.settle.UsageTotals;
import io.camelorchestration.settle.WorkflowExecution;
import org.junit.jupiter.api.Test;

/**
 * The engine on its own, without Camel: one entry point, a step set up once, a message drafted, planned, called and
 * settled, and every way a step ends published as one event that totals (and meters, and the audit trail) subscribe to.
 */
class OrchestratorTest {

    private static final String TICKET = "Hello, my parcel 4471 was due on Monday and has still not arrived. I have"
            + " asked twice at the depot and nobody could tell me where it is. Please find it or refund me. Regards, Anna";

    private final ModelCatalog catalog = ModelCatalog.defaults();
    private final ModelInfo gpt4o = catalog.find("gpt-4o").orElseThrow();
    private final List<StepEvent> events = new CopyOnWriteArrayList<>();
    private final UsageTotals stepTotals = new UsageTotals();

    private OrchestratedStep step(RoutingPolicy routing) {
        Orchestrator orchestrator = Orchestrator.of(OrchestratorConfig.builder().routing(routing).build());
        orchestrator.events().subscribe(events::add);
        StepSettings settings = new StepSettings("summarizeTicket",
                new StepDescription("summarizeTicket", "condense the customer e-mail", "direct:llm", null, ""),
                Intent.SUMMARIZE, null, null, null, true, null, gpt4o, OnBudgetExceeded.DEGRADE);
        OrchestratedStep step = orchestrator.step(settings, m -> m.provider().equals("openai"));
        step.events().subscribe(Totals.into(stepTotals));
        return step;
    }

    private static StepExecution start(OrchestratedStep step) {
        StepExecution run = step.start(new StepContext("summarizeTicket", "tickets", "ex-1", "anna", null));
        run.inWorkflow(new WorkflowExecution("ex-1", 0));
        run.draft(new Flags(true, true), new StepInput(TICKET, null, null));
        run.plan(Runnable::run).join();
        return run;
    }

    @Test
    void aRoutedAnswerThatPassesItsCheckIsSettledOnTheCheaperModel() {
        StepExecution run = start(step(RoutingPolicy.standard(RoutingCandidates.of(catalog))));
        ModelInfo routed = run.callModel();
        assertThat(routed.tier()).isEqualTo(Tier.SMALL);

        Completion next = run.called(new Usage(60, 12, "usage"), "Parcel 4471 is late; refund asked.", TICKET, false, 1_000);

        Settlement s = ((Completion.Settled) next).settlement();
        assertThat(s.outcome()).isEqualTo(StepOutcome.ORCHESTRATED);
        assertThat(s.model()).isEqualTo(routed);
        assertThat(s.cost()).isEqualTo(new Usage(60, 12, "usage").cost(routed));
        assertThat(s.costSaved()).isGreaterThan(Usd.ZERO);
        assertThat(events).last().isInstanceOfSatisfying(StepEvent.Settled.class, e -> {
            assertThat(e.settlement()).isSameAs(s);
            // the figures are built once, with the settlement: each subscriber reads the same record
            assertThat(e.record()).isSameAs(e.record()).isEqualTo(new StepRecord(s.inputTokens(), s.outputTokens(),
                    s.tokensSaved(), s.cost(), s.costSaved(), StepOutcome.ORCHESTRATED));
        });
        assertThat(run.context().workflow().totals().tokensUsed()).isEqualTo(72);
        assertThat(stepTotals.tokensUsed()).isEqualTo(72);
    }

    @Test
    void aRoutedAnswerThatFailsItsCheckIsRerunOnTheOriginalModelAndBothCallsAreBooked() {
        StepExecution run = start(step(RoutingPolicy.standard(RoutingCandidates.of(catalog))));
        ModelInfo routed = run.callModel();

        Completion first = run.called(new Usage(60, 0, "usage"), "", TICKET, false, 1_000);

        assertThat(first).isInstanceOfSatisfying(Completion.Rerun.class, r -> assertThat(r.reason())
                .isEqualTo("output check failed on " + routed.name() + ": empty output; re-ran on the original model"));
        assertThat(events).noneMatch(e -> e instanceof StepEvent.Ended);
        assertThat(run.callModel()).isEqualTo(gpt4o);

        Completion second = run.called(new Usage(80, 15, "usage"), "Parcel 4471 is late; refund asked.", TICKET, false,
                2_000);

        Settlement s = ((Completion.Settled) second).settlement();
        assertThat(s.outcome()).isEqualTo(StepOutcome.FALLBACK);
        assertThat(s.orchestrated()).isFalse();
        assertThat(s.firstModel()).isEqualTo(routed);
        assertThat(s.tokensUsed()).isEqualTo(60 + 80 + 15);
        assertThat(s.cost()).isEqualTo(new Usage(80, 15, "usage").cost(gpt4o).plus(new Usage(60, 0, "usage").cost(routed)));
        assertThat(stepTotals.tokensUsed()).isEqualTo(155);
        assertThat(stepTotals.stepsFallenBack()).isEqualTo(1);
    }

    @Test
    void aRoutingPolicyOfOnesOwnDecidesTheModelAndTheCascade() {
        ModelInfo mini = catalog.find("gpt-4o-mini").orElseThrow();
        RoutingPolicy standard = RoutingPolicy.standard(RoutingCandidates.of(catalog));
        RoutingPolicy mine = new RoutingPolicy() {
            @Override
            public RoutingDecision route(RouteRequest request) {
                return new RoutingDecision(mini, true, 0, "always gpt-4o-mini");
            }

            @Override
            public RoutingDecision degrade(RouteRequest request) {
                return route(request);
            }

            @Override
            public boolean rerunOnOriginal(Intent intent, CheckResult check) {
                return false; // keep whatever the small model says
            }

            @Override
            public RoutingPolicy withCandidates(RoutingCandidates candidates) {
                return this;
            }

            @Override
            public RoutingCandidates candidates() {
                return standard.candidates();
            }
        };
        StepExecution run = start(step(mine));
        assertThat(run.callModel()).isEqualTo(mini);

        Completion next = run.called(new Usage(60, 0, "usage"), "", TICKET, false, 1_000);

        assertThat(next).isInstanceOfSatisfying(Completion.Settled.class,
                s -> assertThat(s.settlement().outcome()).isEqualTo(StepOutcome.ORCHESTRATED));
    }

    @Test
    void aDelegateThatFailsOnTheCallAsWrittenIsTheStepsFailureAndBooksNothing() {
        OrchestratedStep step = step(RoutingPolicy.standard(RoutingCandidates.of(catalog)));
        StepExecution run = step.start(new StepContext("summarizeTicket", "tickets", "ex-2", null, null));
        run.inWorkflow(new WorkflowExecution("ex-2", 0));
        run.draft(new Flags(false, false), new StepInput(TICKET, null, null)); // nothing optimised
        run.plan(Runnable::run).join();

        Completion next = run.callFailed(new IllegalStateException("503"), 500);

        assertThat(next).isInstanceOf(Completion.Failed.class);
        assertThat(events).last().isInstanceOfSatisfying(StepEvent.Failed.class, e -> {
            assertThat(e.record().outcome()).isEqualTo(StepOutcome.FAILED);
            assertThat(e.context().exchangeId()).isEqualTo("ex-2");
        });
        assertThat(stepTotals.stepsFailed()).isEqualTo(1);
        assertThat(stepTotals.tokensUsed()).isZero();
    }

    @Test
    void aWorkflowIsOneStartAndOneCompletionEvent() {
        Orchestrator orchestrator = Orchestrator.of(OrchestratorConfig.builder()
                .routing(RoutingPolicy.standard(RoutingCandidates.of(catalog))).build());
        orchestrator.events().subscribe(events::add);

        WorkflowExecution wf = orchestrator.startWorkflow("tickets", "ex-3", "anna", 5_000);
        orchestrator.completeWorkflow(wf, "tickets", "anna", false);

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(StepEvent.WorkflowStarted.class,
                e -> assertThat(e.workflowBudgetTokens()).isEqualTo(5_000));
        assertThat(events.get(1)).isInstanceOfSatisfying(StepEvent.WorkflowCompleted.class,
                e -> assertThat(e.context().workflow()).isSameAs(wf));
    }
}
