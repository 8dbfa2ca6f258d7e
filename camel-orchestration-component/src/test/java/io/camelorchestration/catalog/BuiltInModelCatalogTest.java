package io.camelorchestration.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelorchestration.internal.Json;
import io.camelorchestration.text.TokenCounter;
import org.junit.jupiter.api.Test;

/**
 * The catalog shipped with the component: what routing and costing rely on when the user names no catalog.
 */
class BuiltInModelCatalogTest {

    private final ModelCatalog catalog = ModelCatalog.defaults();

    @Test
    void everyModelHasPositivePricesAndAContextWindow() {
        assertThat(catalog.models()).isNotEmpty().allSatisfy(m -> {
            assertThat(m.inputUsdPerMillion()).as(m.name()).isPositive();
            assertThat(m.outputUsdPerMillion()).as(m.name()).isPositive();
            assertThat(m.contextWindow()).as(m.name()).isPositive();
            assertThat(m.provider()).as(m.name()).isNotEqualTo("unknown");
        });
    }

    @Test
    void everyTierHasModelsAndEveryModelATier() {
        Set<Tier> tiers = catalog.models().stream().map(ModelInfo::tier).collect(Collectors.toSet());

        assertThat(tiers).isEqualTo(EnumSet.of(Tier.SMALL, Tier.MEDIUM, Tier.LARGE));
        for (Tier t : EnumSet.of(Tier.SMALL, Tier.MEDIUM, Tier.LARGE)) {
            assertThat(catalog.cheapest(t, 1_000, 100, m -> true)).as(t.id()).isPresent();
        }
    }

    @Test
    void everyEncodingIsKnownToJtokkitAndCounts() {
        for (ModelInfo m : catalog.models()) {
            assertThat(TokenCounter.isKnown(m.encoding())).as(m.name() + " " + m.encoding()).isTrue();
            assertThat(TokenCounter.shared().count("Summarize the ticket, please.", m.encoding())).isPositive();
        }
    }

    @Test
    void cachedInputAndCacheWritePricesAreTheOnesLiteLlmsMapStates() throws Exception {
        JsonNode litellm;
        try (InputStream in = getClass().getResourceAsStream("/catalog/litellm/model_prices_and_context_window.json")) {
            litellm = Json.MAPPER.readTree(in);
        }
        int compared = 0;
        for (ModelInfo m : catalog.models()) {
            JsonNode entry = null;
            for (String key : new String[] { m.name(), "anthropic/" + m.name(), "gemini/" + m.name(),
                    "anthropic." + m.name() + "-v1:0" }) {
                if (entry == null && litellm.has(key) && litellm.get(key).has("cache_read_input_token_cost")) {
                    entry = litellm.get(key);
                }
            }
            assertThat(entry).as(m.name() + " in LiteLLM's map with a cache-read price").isNotNull();
            assertThat(m.inputUsdPerMillion()).as(m.name() + " input")
                    .isCloseTo(entry.get("input_cost_per_token").asDouble() * 1e6, within(1e-9));
            assertThat(m.cachedInputUsdPerMillion()).as(m.name() + " cached input")
                    .isCloseTo(entry.get("cache_read_input_token_cost").asDouble() * 1e6, within(1e-9))
                    .isLessThan(m.inputUsdPerMillion());
            double write = entry.has("cache_creation_input_token_cost")
                    ? entry.get("cache_creation_input_token_cost").asDouble() * 1e6
                    : m.inputUsdPerMillion(); // OpenAI and Gemini bill no cache write: fresh input's price
            assertThat(m.cacheWriteUsdPerMillion()).as(m.name() + " cache write").isCloseTo(write, within(1e-9));
            compared++;
        }
        assertThat(compared).isEqualTo(catalog.models().size());
    }

    @Test
    void namesAreUniqueSoNoEntryIsSilentlyLost() throws Exception {
        JsonNode raw;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ModelCatalogLoader.BUILT_IN)) {
            raw = Json.MAPPER.readTree(in);
        }

        assertThat(catalog.models()).hasSize(raw.get("models").size());
    }

    @Test
    void aCheaperTierNeverCostsMoreWithinAProvider() {
        for (ModelInfo small : catalog.models()) {
            for (ModelInfo large : catalog.models()) {
                if (small.provider().equals(large.provider()) && small.tier().compareTo(large.tier()) < 0) {
                    assertThat(small.cost(3_000, 1_000)).as(small.name() + " vs " + large.name())
                            .isLessThan(large.cost(3_000, 1_000));
                }
            }
        }
    }

    @Test
    void theBuiltInTiersAndReasoningFlagsAreTheTierTables() {
        // one source of truth: what the built-in catalog says of a model is what the table says of its family
        ModelTiers table = ModelTiers.builtIn();
        for (ModelInfo m : catalog.models()) {
            ModelTiers.Match family = table.match(m.name()).orElseThrow(() -> new AssertionError(m.name() + " not in the table"));
            assertThat(m.tier()).as(m.name()).isEqualTo(family.family().tier());
            assertThat(m.reasoning()).as(m.name()).isEqualTo(family.family().reasoning());
        }
    }

    @Test
    void costIsPricePerMillionTokens() {
        ModelInfo m = catalog.models().iterator().next();

        assertThat(m.cost(1_000_000, 0)).isEqualTo(m.inputUsdPerMillion());
        assertThat(m.cost(0, 1_000_000)).isEqualTo(m.outputUsdPerMillion());
        assertThat(m.cost(2_000, 500)).isEqualTo(
                (2_000 * m.inputUsdPerMillion() + 500 * m.outputUsdPerMillion()) / 1_000_000d);
    }
}
