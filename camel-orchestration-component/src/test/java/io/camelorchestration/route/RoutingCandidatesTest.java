package io.camelorchestration.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelCatalogLoader;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.ModelTiers;
import io.camelorchestration.catalog.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which models of LiteLLM's real price map routing may choose: prices are not capabilities.
 */
class RoutingCandidatesTest {

    private static final Clock DEC_2026 = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);
    private static ModelCatalog litellm;

    @BeforeAll
    static void loadTheMap() throws IOException {
        try (InputStream in = RoutingCandidatesTest.class.getResourceAsStream("/catalog/litellm/model_prices_and_context_window.json")) {
            litellm = ModelCatalogLoader.load(in, "classpath:catalog/litellm/model_prices_and_context_window.json");
        }
    }

    private static RoutingCandidates candidates(String routingModels, Clock clock) {
        return RoutingCandidates.of(litellm, RoutingCandidates.parse(routingModels), ModelTiers.builtIn(), clock);
    }

    private static Set<String> openAi(RoutingCandidates c) {
        return c.models().stream().filter(m -> m.provider().equals("openai")).map(ModelInfo::name).collect(Collectors.toSet());
    }

    @Test
    void ofLiteLlmsOpenAiChatModelsOnlyTheCurrentNonReasoningFamiliesAreCandidates() {
        RoutingCandidates c = candidates(null, DEC_2026);

        assertThat(litellm.models().stream().filter(m -> m.provider().equals("openai")).count()).isGreaterThan(80);
        assertThat(openAi(c)).containsExactlyInAnyOrder("gpt-4.1-nano", "gpt-4o-mini", "gpt-4.1-mini", "gpt-4.1", "gpt-4o");
        assertThat(c.listed()).isFalse();
    }

    @Test
    void everyExcludedModelSaysWhy() {
        var why = candidates(null, DEC_2026).excluded();

        assertThat(why.get("gpt-3.5-turbo-16k")).contains("no known tier");
        assertThat(why.get("gpt-3.5-turbo-0125")).contains("no known tier");
        assertThat(why.get("gpt-5-nano")).contains("reasoning");
        assertThat(why.get("o4-mini")).contains("reasoning");
        assertThat(why.get("gpt-4o-2024-05-13")).contains("dated snapshot of gpt-4o");
        assertThat(why.get("gpt-4o-mini-2024-07-18")).contains("dated snapshot of gpt-4o-mini");
        assertThat(why.get("ft:gpt-4o-mini-2024-07-18")).contains("fine-tuned");
        assertThat(why.get("gpt-4o-audio-preview")).contains("special-purpose").contains("audio");
        assertThat(why.get("gpt-4o-mini-search-preview")).contains("search");
        assertThat(why.get("gpt-audio-mini")).contains("audio");
        assertThat(why.get("claude-3-7-sonnet-20250219")).isEqualTo("deprecated since 2026-02-19");
        assertThat(why.get("claude-sonnet-4-20250514")).isEqualTo("deprecated since 2026-05-14");
        assertThat(why.get("gemini/gemini-2.0-flash")).isEqualTo("deprecated since 2026-06-01");
    }

    @Test
    void aDeprecationDateCountsFromTheDayItIsReached() {
        Clock before = Clock.fixed(Instant.parse("2026-02-18T23:00:00Z"), ZoneOffset.UTC);
        Clock on = Clock.fixed(Instant.parse("2026-02-19T00:00:00Z"), ZoneOffset.UTC);

        assertThat(candidates(null, before).contains("claude-3-7-sonnet-20250219")).isTrue();
        assertThat(candidates(null, on).contains("claude-3-7-sonnet-20250219")).isFalse();
    }

    @Test
    void withRoutingModelsOnlyTheListedModelsAreCandidates() {
        RoutingCandidates c = candidates("gpt-4o-mini, gpt-4o", DEC_2026);

        assertThat(c.models()).extracting(ModelInfo::name).containsExactlyInAnyOrder("gpt-4o-mini", "gpt-4o");
        assertThat(c.listed()).isTrue();
        assertThat(c.cheapest(Tier.SMALL, 1_500, 512, m -> true)).map(ModelInfo::name).contains("gpt-4o-mini");
        assertThat(c.cheapest(Tier.LARGE, 1_500, 1_024, m -> true)).map(ModelInfo::name).contains("gpt-4o");
    }

    @Test
    void aListedModelTakesTheTierTheUserGivesIt() {
        RoutingCandidates c = candidates("gpt-4o-mini=medium,deepseek/deepseek-chat=small", DEC_2026);

        assertThat(c.models()).extracting(ModelInfo::name, ModelInfo::tier)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("gpt-4o-mini", Tier.MEDIUM),
                        org.assertj.core.groups.Tuple.tuple("deepseek/deepseek-chat", Tier.SMALL));
        // the catalog itself is unchanged: prices are the catalog's, tiers the deployment's
        assertThat(litellm.find("gpt-4o-mini").orElseThrow().tier()).isEqualTo(Tier.SMALL);
    }

    @Test
    void aReasoningModelIsACandidateWhereListedAndItsEstimateIncludesReasoning() {
        RoutingCandidates c = candidates("gpt-5-nano,gpt-4o-mini", DEC_2026);
        ModelInfo nano = litellm.find("gpt-5-nano").orElseThrow();
        ModelInfo mini = litellm.find("gpt-4o-mini").orElseThrow();

        assertThat(c.contains("gpt-5-nano")).isTrue();
        // a 16-token verdict: at list price nano is cheaper, with its reasoning it is not
        assertThat(nano.cost(800, 16)).isLessThan(mini.cost(800, 16));
        assertThat(c.cheapest(Tier.SMALL, 800, 16, m -> true)).map(ModelInfo::name).contains("gpt-4o-mini");
        // a long answer from a long input: nano's input price wins even with its reasoning
        assertThat(c.cheapest(Tier.SMALL, 100_000, 512, m -> true)).map(ModelInfo::name).contains("gpt-5-nano");
    }

    @Test
    void aListedModelPastItsDeprecationDateIsLeftOutNotAStartUpFailure() {
        RoutingCandidates c = candidates("claude-3-7-sonnet-20250219,claude-haiku-4-5", DEC_2026);

        assertThat(c.models()).extracting(ModelInfo::name).containsExactly("claude-haiku-4-5");
        assertThat(c.excluded()).containsEntry("claude-3-7-sonnet-20250219", "deprecated since 2026-02-19");
    }

    @Test
    void aBadListNamesTheModelAndWhatIsAllowed() {
        assertThatThrownBy(() -> candidates("gpt-4o-mni,gpt-4o", DEC_2026)).hasMessageContaining("gpt-4o-mni")
                .hasMessageContaining("not in the model catalog").hasMessageContaining("gpt-4o-mini");
        assertThatThrownBy(() -> RoutingCandidates.parse("gpt-4o-mini=tiny")).hasMessageContaining("tiny")
                .hasMessageContaining("gpt-4o-mini").hasMessageContaining("small, medium, large");
        assertThatThrownBy(() -> RoutingCandidates.parse("gpt-4o=none")).hasMessageContaining("none")
                .hasMessageContaining("small, medium, large");
        assertThatThrownBy(() -> RoutingCandidates.parse(" , ,")).hasMessageContaining("names no model");
        assertThatThrownBy(() -> candidates("deepseek/deepseek-chat", DEC_2026)).hasMessageContaining("deepseek/deepseek-chat")
                .hasMessageContaining("no known tier").hasMessageContaining("deepseek/deepseek-chat=small");
        assertThatThrownBy(() -> candidates("gpt-4o-audio-preview=large", DEC_2026))
                .hasMessageContaining("gpt-4o-audio-preview").hasMessageContaining("audio");
        assertThat(RoutingCandidates.parse(null)).isEmpty();
        assertThat(RoutingCandidates.parse("  ")).isEmpty();
        assertThat(RoutingCandidates.parse("amazon.nova-pro-v1:0=medium"))
                .containsExactly(new RoutingCandidates.Listed("amazon.nova-pro-v1:0", Tier.MEDIUM));
    }

    @Test
    void theBuiltInCatalogsCandidatesLeaveOutItsReasoningModels() {
        RoutingCandidates c = RoutingCandidates.of(ModelCatalog.defaults());

        assertThat(c.contains("gpt-5-nano")).isFalse();
        assertThat(c.contains("gemini-2.5-pro")).isFalse();
        assertThat(c.contains("gpt-4.1-nano")).isTrue();
        assertThat(c.contains("claude-3-haiku-20240307")).isTrue();
        assertThat(List.copyOf(c.models())).allSatisfy(m -> assertThat(m.reasoning()).as(m.name()).isFalse());
    }
}
