package io.camelorchestration.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelCatalogLoaderTest {

    private static ModelCatalog litellm() throws IOException {
        try (InputStream in = ModelCatalogLoaderTest.class.getResourceAsStream("/catalog/litellm-sample.json")) {
            return ModelCatalogLoader.load(in, "classpath:catalog/litellm-sample.json");
        }
    }

    private static ModelCatalog load(String json) throws IOException {
        return ModelCatalogLoader.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "file:my-models.json");
    }

    @Test
    void readsLiteLlmChatModelsAndSkipsEverythingElse() throws IOException {
        ModelCatalog c = litellm();

        assertThat(c.names()).containsExactlyInAnyOrder("gpt-4o-mini", "claude-sonnet-4-5", "gemini/gemini-2.5-flash",
                "deepseek/deepseek-chat", "amazon.nova-pro-v1:0", "xai/grok-4", "legacy-chat-model");
        assertThat(c.contains("sample_spec")).isFalse();
        assertThat(c.contains("text-embedding-3-small")).isFalse();
        assertThat(c.contains("dall-e-3")).isFalse();
        assertThat(c.contains("ollama/llama3")).as("free local model").isFalse();
    }

    @Test
    void convertsPerTokenPricesToPerMillionAndReadsProviderAndWindow() throws IOException {
        ModelInfo mini = litellm().find("gpt-4o-mini").orElseThrow();

        assertThat(mini.inputUsdPerMillion()).isCloseTo(0.15, within(1e-9));
        assertThat(mini.outputUsdPerMillion()).isCloseTo(0.60, within(1e-9));
        assertThat(mini.provider()).isEqualTo("openai");
        assertThat(mini.contextWindow()).isEqualTo(128_000);
        assertThat(mini.cost(1_000_000, 1_000_000)).isCloseTo(0.75, within(1e-9));
        // no max_input_tokens: the legacy max_tokens is the best there is
        assertThat(litellm().find("legacy-chat-model").orElseThrow().contextWindow()).isEqualTo(4_097);
    }

    @Test
    void modelsTheBuiltInCatalogKnowsKeepItsTierAndTokenizer() throws IOException {
        ModelCatalog builtIn = ModelCatalog.defaults();
        ModelCatalog c = litellm();

        for (String[] pair : new String[][] {{"gpt-4o-mini", "gpt-4o-mini"}, {"claude-sonnet-4-5", "claude-sonnet-4-5"},
                {"gemini/gemini-2.5-flash", "gemini-2.5-flash"}}) {
            ModelInfo loaded = c.find(pair[0]).orElseThrow();
            ModelInfo known = builtIn.find(pair[1]).orElseThrow();
            assertThat(loaded.tier()).as(pair[0]).isEqualTo(known.tier());
            assertThat(loaded.encoding()).as(pair[0]).isEqualTo(known.encoding());
        }
    }

    @Test
    void aModelTheTierTableDoesNotKnowHasNoTierWhateverItsPrice() throws IOException {
        ModelCatalog c = litellm();

        // priced (cost and budgets use them), but no capability is guessed from a price
        for (String name : new String[] {"deepseek/deepseek-chat", "amazon.nova-pro-v1:0", "xai/grok-4", "legacy-chat-model"}) {
            assertThat(c.find(name).orElseThrow().tier()).as(name).isNull();
            assertThat(c.find(name).orElseThrow().inputUsdPerMillion()).as(name).isPositive();
        }
        assertThat(c.find("xai/grok-4").orElseThrow().encoding()).isEqualTo("cl100k_base");
        assertThat(ModelCatalogLoader.encodingFor("openai/gpt-5-mini")).isEqualTo("o200k_base");
        assertThat(ModelCatalogLoader.encodingFor("o3-mini")).isEqualTo("o200k_base");
    }

    @Test
    void tiersReasoningAndDeprecationComeFromTheTableAndTheMap() throws IOException {
        ModelCatalog c = load("{\"gpt-5-nano\":{\"mode\":\"chat\",\"input_cost_per_token\":5e-08,"
                + "\"output_cost_per_token\":4e-07,\"litellm_provider\":\"openai\",\"supports_reasoning\":true},"
                + "\"claude-sonnet-4-5\":{\"mode\":\"chat\",\"input_cost_per_token\":3e-06,"
                + "\"output_cost_per_token\":1.5e-05,\"litellm_provider\":\"anthropic\",\"supports_reasoning\":true},"
                + "\"acme/deep-thinker\":{\"mode\":\"chat\",\"input_cost_per_token\":1e-06,"
                + "\"output_cost_per_token\":2e-06,\"supports_reasoning\":true},"
                + "\"gpt-4-0613\":{\"mode\":\"chat\",\"input_cost_per_token\":3e-05,"
                + "\"output_cost_per_token\":6e-05,\"deprecation_date\":\"2025-06-06\"}}");

        assertThat(c.find("gpt-5-nano").orElseThrow().tier()).isEqualTo(Tier.SMALL);
        assertThat(c.find("gpt-5-nano").orElseThrow().reasoning()).isTrue();
        // LiteLLM says Claude "supports" reasoning; it thinks only when asked to: the table decides
        assertThat(c.find("claude-sonnet-4-5").orElseThrow().reasoning()).isFalse();
        assertThat(c.find("claude-sonnet-4-5").orElseThrow().tier()).isEqualTo(Tier.LARGE);
        // a family the table does not know: the map's flag
        assertThat(c.find("acme/deep-thinker").orElseThrow().reasoning()).isTrue();
        assertThat(c.find("gpt-4-0613").orElseThrow().deprecationDate()).isEqualTo(java.time.LocalDate.of(2025, 6, 6));
        assertThat(c.find("gpt-4-0613").orElseThrow().tier()).isNull();
    }

    @Test
    void theOwnFormatMayFlagReasoningAndADeprecationDate() throws IOException {
        ModelInfo m = load("{\"models\":[{\"name\":\"house-model\",\"tier\":\"small\",\"inputUsdPerMillion\":1,"
                + "\"outputUsdPerMillion\":2,\"reasoning\":true,\"deprecationDate\":\"2027-01-31\"}]}")
                .find("house-model").orElseThrow();

        assertThat(m.reasoning()).isTrue();
        assertThat(m.deprecationDate()).isEqualTo(java.time.LocalDate.of(2027, 1, 31));
        ModelCatalog c = load("{\"models\":[{\"name\":\"gpt-4o-mini\",\"inputUsdPerMillion\":0.15,\"outputUsdPerMillion\":0.6},"
                + "{\"name\":\"untiered\",\"inputUsdPerMillion\":1,\"outputUsdPerMillion\":2}]}");
        assertThat(c.find("gpt-4o-mini").orElseThrow().tier()).as("from the table").isEqualTo(Tier.SMALL);
        assertThat(c.find("untiered").orElseThrow().tier()).as("no tier said, none guessed").isNull();
    }

    @Test
    void aLoadedLiteLlmCatalogRoutes() throws IOException {
        ModelCatalog c = litellm();

        assertThat(c.cheapest(Tier.SMALL, 2_000, 200, m -> true)).map(ModelInfo::name).contains("gpt-4o-mini");
        // no small model holds 150k tokens: the cheapest that does is a medium one
        assertThat(c.cheapest(Tier.SMALL, 150_000, 200, m -> true)).map(ModelInfo::name)
                .contains("gemini/gemini-2.5-flash");
        // a model of no known tier is never chosen
        assertThat(c.cheapest(Tier.SMALL, 2_000, 200, m -> m.provider().equals("xai"))).isEmpty();
    }

    @Test
    void readsTheProjectsOwnFormat() throws IOException {
        ModelCatalog c = load("{\"models\":[{\"name\":\"local-small\",\"provider\":\"acme\",\"tier\":\"small\","
                + "\"inputUsdPerMillion\":0.1,\"outputUsdPerMillion\":0.2,\"contextWindow\":32000,"
                + "\"encoding\":\"o200k_base\",\"delegate\":\"direct:local\"}]}");

        ModelInfo m = c.find("local-small").orElseThrow();
        assertThat(m.tier()).isEqualTo(Tier.SMALL);
        assertThat(m.encoding()).isEqualTo("o200k_base");
        assertThat(m.delegate()).isEqualTo("direct:local");
        assertThat(m.contextWindow()).isEqualTo(32_000);
    }

    @Test
    void errorsNameTheSourceAndTheModel() {
        assertThatThrownBy(() -> load("{not json")).hasMessageContaining("file:my-models.json")
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> load("[1,2]")).hasMessageContaining("file:my-models.json")
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> load("{\"models\":{}}")).hasMessageContaining("file:my-models.json")
                .hasMessageContaining("must be an array");
        assertThatThrownBy(() -> load("{\"models\":[{\"tier\":\"small\"}]}"))
                .hasMessageContaining("file:my-models.json").hasMessageContaining("model #0 has no name");
        assertThatThrownBy(() -> load("{\"models\":[{\"name\":\"a\",\"tier\":\"huge\",\"inputUsdPerMillion\":1,"
                + "\"outputUsdPerMillion\":1}]}"))
                .hasMessageContaining("file:my-models.json, model a").hasMessageContaining("huge")
                .hasMessageContaining("small, medium, large");
        assertThatThrownBy(() -> load("{\"models\":[{\"name\":\"a\",\"outputUsdPerMillion\":1}]}"))
                .hasMessageContaining("file:my-models.json, model a").hasMessageContaining("missing inputUsdPerMillion");
        assertThatThrownBy(() -> load("{\"models\":[{\"name\":\"a\",\"inputUsdPerMillion\":-1,\"outputUsdPerMillion\":1}]}"))
                .hasMessageContaining("file:my-models.json, model a").hasMessageContaining("negative");
        assertThatThrownBy(() -> load("{\"models\":[{\"name\":\"a\",\"inputUsdPerMillion\":1,\"outputUsdPerMillion\":1,"
                + "\"encoding\":\"gpt2-magic\"}]}"))
                .hasMessageContaining("file:my-models.json, model a").hasMessageContaining("gpt2-magic")
                .hasMessageContaining("cl100k_base");
        assertThatThrownBy(() -> load("{\"models\":[{\"name\":\"a\",\"inputUsdPerMillion\":1,\"outputUsdPerMillion\":1},"
                + "{\"name\":\"a\",\"inputUsdPerMillion\":2,\"outputUsdPerMillion\":2}]}"))
                .hasMessageContaining("file:my-models.json, model a").hasMessageContaining("twice");
        assertThatThrownBy(() -> load("{\"text-embedding-3-small\":{\"input_cost_per_token\":2e-08,"
                + "\"output_cost_per_token\":0,\"mode\":\"embedding\"}}"))
                .hasMessageContaining("file:my-models.json").hasMessageContaining("no chat models");
    }

    @Test
    void aNegativeOrNonNumericCachePriceIsRefusedNamingTheModelAndTheField() {
        assertThatThrownBy(() -> load("{\"gpt-x\":{\"mode\":\"chat\",\"input_cost_per_token\":1e-6,"
                + "\"output_cost_per_token\":2e-6,\"cache_read_input_token_cost\":-1e-7}}"))
                .hasMessageContaining("gpt-x").hasMessageContaining("cache_read_input_token_cost");
        assertThatThrownBy(() -> load("{\"gpt-x\":{\"mode\":\"chat\",\"input_cost_per_token\":-1e-6,"
                + "\"output_cost_per_token\":2e-6}}"))
                .hasMessageContaining("gpt-x").hasMessageContaining("input_cost_per_token");
        assertThatThrownBy(() -> load("{\"models\":[{\"name\":\"m\",\"inputUsdPerMillion\":1,"
                + "\"outputUsdPerMillion\":2,\"cacheWriteUsdPerMillion\":\"cheap\"}]}"))
                .hasMessageContaining("model m").hasMessageContaining("cacheWriteUsdPerMillion");
        assertThatThrownBy(() -> load("{\"gpt-x\":{\"mode\":\"chat\",\"input_cost_per_token\":\"1e-6\","
                + "\"output_cost_per_token\":2e-6}}"))
                .hasMessageContaining("gpt-x").hasMessageContaining("input_cost_per_token").hasMessageContaining("number");
        assertThatThrownBy(() -> load("{\"gpt-x\":{\"mode\":\"chat\",\"input_cost_per_token\":1e-6,"
                + "\"output_cost_per_token\":-2e-6}}"))
                .hasMessageContaining("gpt-x").hasMessageContaining("output_cost_per_token").hasMessageContaining("negative");
        assertThatThrownBy(() -> load("{\"gpt-x\":{\"mode\":\"chat\",\"input_cost_per_token\":1e-6,"
                + "\"output_cost_per_token\":2e-6,\"deprecation_date\":\"soon\"}}"))
                .hasMessageContaining("gpt-x").hasMessageContaining("deprecation_date").hasMessageContaining("soon");
        assertThatThrownBy(() -> load("{\"models\":[{\"name\":\"m\",\"inputUsdPerMillion\":1,"
                + "\"outputUsdPerMillion\":2,\"reasoning\":\"maybe\"}]}"))
                .hasMessageContaining("model m").hasMessageContaining("reasoning");
    }

    @Test
    void cachePricesFallBackToTheInputPrice() throws IOException {
        ModelInfo m = load("{\"models\":[{\"name\":\"m\",\"inputUsdPerMillion\":2,\"outputUsdPerMillion\":8,"
                + "\"cachedInputUsdPerMillion\":0.5}]}").find("m").orElseThrow();

        assertThat(m.cachedInputUsdPerMillion()).isEqualTo(0.5);
        assertThat(m.cacheWriteUsdPerMillion()).isEqualTo(2.0);
        assertThat(m.billedCost(1000, 800, 100, 10)).isEqualTo((100 * 2 + 800 * 0.5 + 100 * 2 + 10 * 8) / 1e6);
    }
}
