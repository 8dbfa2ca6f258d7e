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
    void unknownModelsGetTheirTierFromTheirPrice() throws IOException {
        ModelCatalog c = litellm();

        assertThat(c.find("deepseek/deepseek-chat").orElseThrow().tier()).isEqualTo(Tier.SMALL);
        assertThat(c.find("amazon.nova-pro-v1:0").orElseThrow().tier()).isEqualTo(Tier.MEDIUM);
        assertThat(c.find("xai/grok-4").orElseThrow().tier()).isEqualTo(Tier.LARGE);
        assertThat(c.find("xai/grok-4").orElseThrow().encoding()).isEqualTo("cl100k_base");
        assertThat(ModelCatalogLoader.encodingFor("openai/gpt-5-mini")).isEqualTo("o200k_base");
        assertThat(ModelCatalogLoader.encodingFor("o3-mini")).isEqualTo("o200k_base");
    }

    @Test
    void aLoadedLiteLlmCatalogRoutes() throws IOException {
        ModelCatalog c = litellm();

        assertThat(c.cheapest(Tier.SMALL, 2_000, 200, m -> true)).map(ModelInfo::name).contains("gpt-4o-mini");
        // no small model holds 150k tokens: the cheapest that does is a medium one
        assertThat(c.cheapest(Tier.SMALL, 150_000, 200, m -> true)).map(ModelInfo::name)
                .contains("gemini/gemini-2.5-flash");
        assertThat(c.cheapest(Tier.LARGE, 2_000, 200, m -> m.provider().equals("xai"))).map(ModelInfo::name)
                .contains("xai/grok-4");
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
