package io.camelorchestration.catalog;

import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped tier table: a family names a catalog model only when nothing but a date or version follows it.
 */
class ModelTiersTest {

    private final ModelTiers table = ModelTiers.builtIn();

    private Optional<String> family(String name) {
        return table.match(name).map(m -> m.family().name());
    }

    @Test
    void aFamilyNamesItselfAndItsDatedSnapshots() {
        assertThat(family("gpt-4o-mini")).contains("gpt-4o-mini");
        assertThat(family("gpt-4o-mini-2024-07-18")).contains("gpt-4o-mini");
        assertThat(family("claude-3-haiku-20240307")).contains("claude-3-haiku");
        assertThat(family("gemini-2.0-flash-001")).contains("gemini-2.0-flash");
        assertThat(family("o3-mini-2025-01-31")).contains("o3-mini");
        assertThat(family("gpt-5-2025-08-07")).contains("gpt-5");

        ModelTiers.Match snapshot = table.match("gpt-4o-mini-2024-07-18").orElseThrow();
        assertThat(snapshot.snapshot()).isTrue();
        assertThat(snapshot.alias()).isEqualTo("gpt-4o-mini");
        assertThat(table.match("gpt-4o-mini").orElseThrow().snapshot()).isFalse();
    }

    @Test
    void aLongerNameIsAnotherModelNotAVariantOfTheFamily() {
        assertThat(family("gpt-4o-mini")).as("gpt-4o does not name gpt-4o-mini").hasValue("gpt-4o-mini");
        assertThat(family("gpt-4o-audio-preview")).isEmpty();
        assertThat(family("gpt-4o-mini-search-preview")).isEmpty();
        assertThat(family("gpt-4o-realtime-preview-2024-12-17")).isEmpty();
        assertThat(family("gpt-5-chat-latest")).isEmpty();
        assertThat(family("gpt-4.1-mini")).contains("gpt-4.1-mini");
        assertThat(family("chatgpt-4o-latest")).isEmpty();
        assertThat(family("gemini-2.5-flash-lite")).contains("gemini-2.5-flash-lite");
        assertThat(family("gemini-2.5-pro-preview-tts")).isEmpty();
    }

    @Test
    void oldFamiliesAreNotInTheTable() {
        assertThat(family("gpt-3.5-turbo")).isEmpty();
        assertThat(family("gpt-3.5-turbo-16k")).isEmpty();
        assertThat(family("gpt-3.5-turbo-0125")).isEmpty();
        assertThat(family("gpt-4")).isEmpty();
        assertThat(family("gpt-4-turbo")).isEmpty();
        assertThat(family("gpt-4-0613")).isEmpty();
    }

    @Test
    void providerPrefixesAreNotPartOfTheFamily() {
        assertThat(family("openai/gpt-4o")).contains("gpt-4o");
        assertThat(family("azure/eu/gpt-4o-2024-08-06")).contains("gpt-4o");
        assertThat(table.match("azure/eu/gpt-4o-2024-08-06").orElseThrow().alias()).isEqualTo("azure/eu/gpt-4o");
        assertThat(family("gemini/gemini-2.5-flash")).contains("gemini-2.5-flash");
        assertThat(family("vertex_ai/claude-3-7-sonnet@20250219")).contains("claude-3-7-sonnet");
        assertThat(family("us.anthropic.claude-3-haiku-20240307-v1:0")).contains("claude-3-haiku");
        assertThat(family("ft:gpt-4o-mini-2024-07-18")).as("a fine-tuned model is not the family").isEmpty();
    }

    @Test
    void reasoningFamiliesAreFlagged() {
        assertThat(table.match("gpt-5-nano").orElseThrow().family().reasoning()).isTrue();
        assertThat(table.match("o4-mini").orElseThrow().family().reasoning()).isTrue();
        assertThat(table.match("gemini-2.5-pro").orElseThrow().family().reasoning()).isTrue();
        assertThat(table.match("gpt-4o").orElseThrow().family().reasoning()).isFalse();
        assertThat(table.match("claude-sonnet-4-5").orElseThrow().family().reasoning()).isFalse();
        assertThat(table.match("gpt-4o").orElseThrow().family().tier()).isEqualTo(Tier.LARGE);
        assertThat(table.match("gpt-4o-mini").orElseThrow().family().tier()).isEqualTo(Tier.SMALL);
    }

    @Test
    void aBadLineNamesTheFamily() {
        Properties p = new Properties();
        p.setProperty("acme-1", "huge");
        assertThatThrownBy(() -> ModelTiers.parse(p, "my-tiers.properties")).hasMessageContaining("my-tiers.properties")
                .hasMessageContaining("acme-1").hasMessageContaining("huge").hasMessageContaining("small, medium, large");
        p.setProperty("acme-1", "small, fast");
        assertThatThrownBy(() -> ModelTiers.parse(p, "my-tiers.properties")).hasMessageContaining("acme-1")
                .hasMessageContaining("fast").hasMessageContaining("reasoning");
    }
}
