package io.camelorchestration.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.cache.CachedAnswer;
import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Usd;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.route.RoutingCandidates;
import io.camelorchestration.route.RoutingPolicy;
import io.camelorchestration.settle.StepOutcome;
import io.camelorchestration.settle.Usage;
import io.camelorchestration.settle.WorkflowExecution;
import org.junit.jupiter.api.Test;

/**
 * The engine's rules for the response cache and for what a call is sent with, without Camel: which steps may be
 * cached at all, which settled answers are worth keeping, what a cached answer saves, and the model and output cap a
 * call names.
 */
class StepCachingTest {

    private static final String TICKET = "Hello, my parcel 4471 was due on Monday and has still not arrived. I have"
            + " asked twice at the depot and nobody could tell me where it is. Please find it or refund me. Regards, Anna";
    private static final String SUMMARY = "Parcel 4471 is late; refund asked.";

    private final ModelCatalog catalog = ModelCatalog.defaults();
    private final ModelInfo gpt4o = catalog.find("gpt-4o").orElseThrow();
    private final List<StepEvent> events = new CopyOnWriteArrayList<>();

    private StepExecution run(Intent intent, Integer budgetTokens, ModelInfo pinned, Flags flags) {
        Orchestrator orchestrator = Orchestrator.of(OrchestratorConfig.builder()
                .routing(RoutingPolicy.standard(RoutingCandidates.of(catalog))).build());
        orchestrator.events().subscribe(events::add);
        StepSettings settings = new StepSettings("step", new StepDescription("step", "", "direct:llm", null, ""),
                intent, budgetTokens, null, null, true, pinned, gpt4o, OnBudgetExceeded.DEGRADE);
        OrchestratedStep step = orchestrator.step(settings, m -> m.provider().equals("openai"));
        StepExecution run = step.start(new StepContext("step", "tickets", "ex-1", "anna", null));
        run.inWorkflow(new WorkflowExecution("ex-1", 0));
        run.draft(flags, new StepInput(TICKET, null, null));
        return run;
    }

    private StepExecution summarize() {
        return run(Intent.SUMMARIZE, null, null, new Flags(true, true));
    }

    private static Settlement settle(StepExecution run, String answer, String sentText) {
        run.plan(Runnable::run).join();
        Completion next = run.called(new Usage(60, 12, "usage"), answer, sentText, true, 1_000);
        return ((Completion.Settled) next).settlement();
    }

    private static String sent(StepExecution run) {
        return run.draft().sentText(TICKET);
    }

    // ---- which steps may be cached at all

    @Test
    void aStepThatCallsAModelMayBeCached() {
        assertThat(summarize().cacheable(false)).isTrue();
    }

    @Test
    void aGenerateStepIsCachedOnlyWhenCacheGenerateSaysSo() {
        StepExecution run = run(Intent.GENERATE, null, null, new Flags(true, true));

        assertThat(run.cacheable(false)).isFalse();
        assertThat(run.cacheable(true)).isTrue();
    }

    @Test
    void aSendStepCallsNoModelAndIsNeverCached() {
        StepExecution run = run(Intent.SEND, null, null, new Flags(true, true));

        assertThat(run.cacheable(false)).isFalse();
        assertThat(run.cacheable(true)).isFalse();
    }

    // ---- which answers are worth keeping

    @Test
    void anAnswerOfTheCallAsDraftedThatPassesItsCheckIsKept() {
        StepExecution run = summarize();
        Settlement s = settle(run, SUMMARY, sent(run));

        assertThat(s.outcome()).isEqualTo(StepOutcome.ORCHESTRATED);
        assertThat(run.worthKeeping(s, SUMMARY, sent(run))).isTrue();
    }

    @Test
    void aBlankOrMissingAnswerIsNotKept() {
        StepExecution run = run(Intent.SUMMARIZE, null, null, new Flags(true, false)); // not routed: no re-run
        Settlement s = settle(run, "  ", sent(run));

        assertThat(s.outcome()).isEqualTo(StepOutcome.ORCHESTRATED);
        assertThat(run.worthKeeping(s, "  ", sent(run))).isFalse();
        assertThat(run.worthKeeping(s, null, sent(run))).isFalse();
    }

    @Test
    void anAnswerThatFailsTheIntentsCheckIsNotKept() {
        StepExecution run = run(Intent.SUMMARIZE, null, null, new Flags(true, false)); // not routed: no re-run
        String longer = TICKET + " " + TICKET; // a summary longer than its input
        Settlement s = settle(run, longer, sent(run));

        assertThat(s.outcome()).isEqualTo(StepOutcome.ORCHESTRATED);
        assertThat(run.worthKeeping(s, longer, sent(run))).isFalse();
        assertThat(run.worthKeeping(s, SUMMARY, sent(run))).isTrue();
    }

    @Test
    void anAnswerToAnotherTextThanTheDraftsIsNotKept() {
        StepExecution run = summarize();
        Settlement s = settle(run, SUMMARY, sent(run));

        assertThat(run.worthKeeping(s, SUMMARY, sent(run) + " (changed on the way)")).isFalse();
    }

    @Test
    void theAnswerOfAReRunOnTheOriginalModelIsNotKept() {
        StepExecution run = summarize();
        run.plan(Runnable::run).join();
        assertThat(run.called(new Usage(60, 0, "usage"), "", sent(run), true, 1_000))
                .isInstanceOf(Completion.Rerun.class);
        Settlement s = ((Completion.Settled) run.called(new Usage(80, 15, "usage"), SUMMARY, TICKET, true, 2_000))
                .settlement();

        assertThat(s.rerun()).isTrue();
        assertThat(run.worthKeeping(s, SUMMARY, TICKET)).isFalse();
    }

    @Test
    void theAnswerOfAStepOverItsBudgetIsNotKept() {
        StepExecution run = run(Intent.SUMMARIZE, 40, null, new Flags(true, true));
        Settlement s = settle(run, SUMMARY, run.draft().sentText(TICKET));

        assertThat(run.plan().budgetExceeded()).isNotNull();
        assertThat(run.worthKeeping(s, SUMMARY, run.plan().compressed() ? run.plan().compression().text() : TICKET))
                .isFalse();
    }

    // ---- what a cached answer saves

    @Test
    void aCachedAnswerSavesItsCallAtThePricesOfTheModelThatGaveIt() {
        StepExecution run = summarize();

        StepEvent.Served served = run.served(answer("gpt-4o", 9.99), catalog, 500);

        assertThat(served.costSaved()).isEqualTo(Usd.of(gpt4o.cost(100, 20)));
        assertThat(served.tokensSaved()).isEqualTo(120);
        assertThat(served.intent()).isEqualTo(Intent.SUMMARIZE);
        assertThat(events).last().isSameAs(served);
    }

    @Test
    void aCachedAnswerOfAnUnknownModelIsPricedAtTheDraftsModel() {
        StepExecution run = summarize();
        ModelInfo drafted = run.draft().model();

        assertThat(run.served(answer("not-in-the-catalog", 9.99), catalog, 500).costSaved())
                .isEqualTo(Usd.of(drafted.cost(100, 20)));
        assertThat(run.served(answer(null, 9.99), catalog, 500).costSaved())
                .isEqualTo(Usd.of(drafted.cost(100, 20)));
    }

    private static CachedAnswer answer(String model, double cost) {
        return new CachedAnswer(SUMMARY, null, Map.of(), List.of(), model, 100, 20, cost, 0, Long.MAX_VALUE);
    }

    // ---- what a call is sent with

    @Test
    void aRoutedCallNamesItsModelWithRoomForReasoningInItsCap() {
        StepExecution run = summarize();
        run.plan(Runnable::run).join();
        ModelInfo routed = run.plan().model();

        CallShape call = run.plannedCall();

        assertThat(run.plan().routing().routed()).isTrue();
        assertThat(call.model()).isEqualTo(routed);
        assertThat(call.outputCap()).isEqualTo(routed.outputCapFor(512)).isGreaterThanOrEqualTo(512);
        assertThat(run.draftedCall()).isEqualTo(call);
    }

    @Test
    void aCallThatIsNeitherRoutedNorPinnedLeavesTheRequestsModel() {
        StepExecution run = run(Intent.SUMMARIZE, null, null, new Flags(true, false));
        run.plan(Runnable::run).join();

        assertThat(run.plannedCall().model()).isNull();
        assertThat(run.plannedCall().outputCap()).isEqualTo(gpt4o.outputCapFor(512));
    }

    @Test
    void aPinnedModelIsNamedAndTheOriginalPathNamesItWithoutACap() {
        StepExecution run = run(Intent.SUMMARIZE, null, gpt4o, new Flags(true, false));
        run.plan(Runnable::run).join();

        assertThat(run.plannedCall().model()).isEqualTo(gpt4o);
        StepSettings pinned = new StepSettings("step", null, Intent.SUMMARIZE, null, null, null, true, gpt4o, null,
                OnBudgetExceeded.DEGRADE);
        assertThat(CallShape.original(pinned)).isEqualTo(new CallShape(gpt4o, 0));
        StepSettings unpinned = new StepSettings("step", null, Intent.SUMMARIZE, null, null, null, true, null, gpt4o,
                OnBudgetExceeded.DEGRADE);
        assertThat(CallShape.original(unpinned)).isEqualTo(new CallShape(null, 0));
    }

    @Test
    void aStepThatCallsNoModelSendsNoCap() {
        StepExecution run = run(Intent.SEND, null, null, new Flags(true, true));
        run.plan(Runnable::run).join();

        assertThat(run.plannedCall().outputCap()).isZero();
    }
}
