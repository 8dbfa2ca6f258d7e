package io.camelorchestration.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;

import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Tier;
import org.junit.jupiter.api.Test;

class ModelRouterTest {

    private static final Predicate<ModelInfo> ANY = m -> true;

    private static final ModelInfo NANO = model("nano", "openai", Tier.SMALL, 0.05, 0.40, 400_000);
    private static final ModelInfo MINI = model("mini", "openai", Tier.SMALL, 0.15, 0.60, 128_000);
    private static final ModelInfo TINY_WINDOW = model("tiny-window", "openai", Tier.SMALL, 0.01, 0.02, 8_000);
    private static final ModelInfo HAIKU = model("haiku", "anthropic", Tier.SMALL, 0.25, 1.25, 200_000);
    private static final ModelInfo MEDIUM = model("medium", "openai", Tier.MEDIUM, 0.40, 1.60, 1_000_000);
    private static final ModelInfo SONNET = model("sonnet", "anthropic", Tier.LARGE, 3.00, 15.00, 200_000);
    private static final ModelInfo LARGE = model("large", "openai", Tier.LARGE, 2.50, 10.00, 128_000);

    private final ModelRouter router = new ModelRouter(
            new ModelCatalog(List.of(NANO, MINI, TINY_WINDOW, HAIKU, MEDIUM, SONNET, LARGE)), new ComplexityScorer());

    private static ModelInfo model(String name, String provider, Tier tier, double in, double out, int window) {
        return new ModelInfo(name, provider, tier, in, out, window, "cl100k_base", null);
    }

    @Test
    void sendsSimpleWorkToTheCheapestModelOfTheIntentsTier() {
        RoutingDecision d = router.route(Tier.SMALL, "Summarize this short note.", 1_000, 256, LARGE, ANY);

        assertThat(d.routed()).isTrue();
        assertThat(d.model()).isEqualTo(TINY_WINDOW);
        assertThat(d.model().cost(1_000, 256)).isLessThan(LARGE.cost(1_000, 256));
    }

    @Test
    void theContextWindowMustHoldTheInputAndTheOutputCap() {
        RoutingDecision d = router.route(Tier.SMALL, "a long document", 7_900, 256, LARGE, ANY);

        assertThat(d.model()).isEqualTo(NANO);
        assertThat(d.model().fits(7_900 + 256)).isTrue();
        assertThat(TINY_WINDOW.fits(7_900 + 256)).isFalse();
    }

    @Test
    void cheapestMeansCheapestForThisRequest() {
        ModelInfo cheapInput = model("cheap-input", "x", Tier.SMALL, 0.05, 2.00, 1_000_000);
        ModelInfo cheapOutput = model("cheap-output", "x", Tier.SMALL, 0.50, 0.10, 1_000_000);
        ModelRouter r = new ModelRouter(new ModelCatalog(List.of(cheapInput, cheapOutput, LARGE)),
                new ComplexityScorer());

        // reading a lot and writing little: the input price decides; the other way round, the output price
        assertThat(r.route(Tier.SMALL, "x", 15_000, 100, LARGE, ANY).model()).isEqualTo(cheapInput);
        assertThat(r.route(Tier.SMALL, "x", 100, 4_000, LARGE, ANY).model()).isEqualTo(cheapOutput);
    }

    @Test
    void onlyModelsTheDelegateCanReachAreCandidates() {
        RoutingDecision d = router.route(Tier.SMALL, "short", 500, 100, SONNET, m -> m.provider().equals("anthropic"));

        assertThat(d.model()).isEqualTo(HAIKU);
        assertThat(d.routed()).isTrue();
    }

    @Test
    void aComplexInputNeedsOneTierMore() {
        String code = "Why does this fail?\n```java\nint x = list.get(0);\n```";

        RoutingDecision d = router.route(Tier.SMALL, code, 500, 100, LARGE, ANY);

        assertThat(d.model().tier()).isEqualTo(Tier.MEDIUM);
        assertThat(d.model()).isEqualTo(MEDIUM);
        assertThat(d.complexity()).isGreaterThanOrEqualTo(ModelRouter.COMPLEX);
        assertThat(d.reason()).contains("small raised").contains("code");
    }

    @Test
    void theTierIsRaisedOneStepOnlyAndNeverPastLarge() {
        String everything = "Write a detailed report. Solve for x: 3 * 4 = x. Why? How? When?\n```\ncode\n```";

        assertThat(router.route(Tier.SMALL, null, everything, 20_000, 100, LARGE, ANY).model().tier())
                .isEqualTo(Tier.MEDIUM);
        assertThat(router.route(Tier.LARGE, null, everything, 20_000, 100, SONNET, ANY).model().tier())
                .isEqualTo(Tier.LARGE);
        assertThat(ModelRouter.raise(Tier.MEDIUM)).isEqualTo(Tier.LARGE);
        assertThat(ModelRouter.raise(Tier.LARGE)).isEqualTo(Tier.LARGE);
    }

    @Test
    void longFormWritingAskedForInTheInstructionRaisesTheTier() {
        RoutingDecision plain = router.route(Tier.MEDIUM, "answer the question", "What is Camel?", 50, 500, SONNET, ANY);
        RoutingDecision essay = router.route(Tier.MEDIUM, "write an essay of at least 1500 words", "What is Camel?", 50,
                500, SONNET, ANY);

        assertThat(plain.model().tier()).isEqualTo(Tier.MEDIUM);
        assertThat(essay.model().tier()).isEqualTo(Tier.LARGE);
        assertThat(essay.reason()).contains("long-form");
    }

    @Test
    void neverRoutesToAModelDearerThanTheOriginal() {
        // the original is a small model but the step needs medium: every medium model costs more
        RoutingDecision d = router.route(Tier.MEDIUM, "combine these", 2_000, 500, MINI, ANY);

        assertThat(d.routed()).isFalse();
        assertThat(d.model()).isEqualTo(MINI);
        assertThat(d.reason()).contains("nothing cheaper than mini");
    }

    @Test
    void theOriginalStaysWhenItIsAlreadyTheCheapest() {
        RoutingDecision d = router.route(Tier.SMALL, "short", 10_000, 100, NANO, ANY);

        assertThat(d.routed()).isFalse();
        assertThat(d.model()).isEqualTo(NANO);
    }

    @Test
    void withoutAKnownOriginalTheCheapestOfTheTierIsUsed() {
        RoutingDecision d = router.route(Tier.LARGE, "write a poem", 20, 500, null, ANY);

        assertThat(d.routed()).isTrue();
        assertThat(d.model()).isEqualTo(LARGE);
    }

    @Test
    void aStepThatNeedsNoModelIsNotRouted() {
        RoutingDecision d = router.route(Tier.NONE, "deliver", 100, 0, LARGE, ANY);

        assertThat(d.routed()).isFalse();
        assertThat(d.model()).isEqualTo(LARGE);
    }

    @Test
    void whenNothingFitsTheOriginalIsKeptAndTheReasonSaysWhy() {
        RoutingDecision d = router.route(Tier.SMALL, "huge", 2_000_000, 1_000, LARGE, ANY);

        assertThat(d.routed()).isFalse();
        assertThat(d.model()).isEqualTo(LARGE);
        assertThat(d.reason()).contains("2001000 tokens");
    }

    @Test
    void aDegradedStepGetsTheCheapestModelOfItsOwnTierNeverAWeakerOne() {
        RoutingDecision summary = router.degrade(Tier.SMALL, 1_000, 100, LARGE, ANY);
        RoutingDecision writing = router.degrade(Tier.LARGE, 1_000, 100, SONNET, ANY);

        assertThat(summary.model()).isEqualTo(TINY_WINDOW);
        assertThat(summary.routed()).isTrue();
        assertThat(writing.model()).isEqualTo(LARGE);
        assertThat(writing.model().tier()).isEqualTo(Tier.LARGE);
        // nothing of the tier is cheaper than the original: the original stays
        assertThat(router.degrade(Tier.LARGE, 1_000, 100, LARGE, ANY).model()).isEqualTo(LARGE);
        assertThat(router.degrade(Tier.LARGE, 1_000, 100, LARGE, ANY).routed()).isFalse();
        assertThat(router.degrade(Tier.MEDIUM, 1_000, 100, MINI, ANY).model()).isEqualTo(MINI);
    }

    @Test
    void aReasoningModelsEstimateIncludesItsReasoningOutput() {
        ModelInfo thinker = new ModelInfo("thinker", "openai", Tier.SMALL, 0.05, 0.40, 400_000, "o200k_base", null, -1,
                -1, true, null);
        ModelRouter r = new ModelRouter(RoutingCandidates.of(new ModelCatalog(List.of(thinker, MINI, LARGE)),
                List.of(new RoutingCandidates.Listed("thinker", null), new RoutingCandidates.Listed("mini", null)),
                io.camelorchestration.catalog.ModelTiers.builtIn(), java.time.Clock.systemUTC()), new ComplexityScorer());

        // 200 tokens in, a one-word answer: the thinker's list price is lower, but its reasoning is billed as output
        RoutingDecision d = r.route(Tier.SMALL, "yes or no?", 200, 16, LARGE, ANY);

        assertThat(thinker.cost(200, 16)).isLessThan(MINI.cost(200, 16));
        assertThat(d.model()).isEqualTo(MINI);
        assertThat(thinker.estimatedCost(200, 16)).isEqualTo(thinker.cost(200, 16 + ModelInfo.REASONING_OUTPUT_TOKENS));
        assertThat(thinker.outputCapFor(16)).isEqualTo(16 + ModelInfo.REASONING_OUTPUT_TOKENS);
        assertThat(MINI.outputCapFor(16)).isEqualTo(16);
    }

    @Test
    void withTheBuiltInCatalogASummaryLeavesALargeModelForTheCheapestSmallCandidate() {
        ModelCatalog catalog = ModelCatalog.defaults();
        ModelInfo gpt4o = catalog.find("gpt-4o").orElseThrow();
        RoutingCandidates candidates = RoutingCandidates.of(catalog);
        ModelRouter r = new ModelRouter(catalog, new ComplexityScorer());

        RoutingDecision d = r.route(Tier.SMALL, "summarize", "Plain text of a meeting.", 3_000, 512, gpt4o,
                m -> m.provider().equals(gpt4o.provider()));

        assertThat(d.routed()).isTrue();
        assertThat(d.model().tier()).isEqualTo(Tier.SMALL);
        assertThat(d.model().provider()).isEqualTo("openai");
        assertThat(d.model().reasoning()).as("gpt-5-nano is cheaper but reasons: not a candidate unless listed").isFalse();
        assertThat(d.model().cost(3_000, 512)).isLessThan(gpt4o.cost(3_000, 512));
        for (ModelInfo other : candidates.models()) {
            if (other.tier() == Tier.SMALL && other.provider().equals("openai")) {
                assertThat(d.model().cost(3_000, 512)).isLessThanOrEqualTo(other.cost(3_000, 512));
            }
        }
    }
}
