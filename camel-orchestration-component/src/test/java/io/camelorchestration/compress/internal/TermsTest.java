package io.camelorchestration.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelorchestration.text.Stemmer;
import org.junit.jupiter.api.Test;

/** The compression's terms go through the engine's one stemmer, the one the intent cues use. */
class TermsTest {

    @Test
    void theFormsOfAWordAreOneTerm() {
        Terms terms = new Terms();
        String text = "Reports reported report; entities entity; summarising summarized";

        int[] ids = terms.of(text, 0, text.length(), false);

        assertThat(ids).hasSize(7);
        assertThat(ids[0]).isEqualTo(ids[1]).isEqualTo(ids[2]);
        assertThat(ids[3]).isEqualTo(ids[4]).isNotEqualTo(ids[0]);
        assertThat(ids[5]).isEqualTo(ids[6]);
        assertThat(terms.size()).isEqualTo(3);
        assertThat(Stemmer.stem("reports")).isEqualTo(Stemmer.stem("reported"));
    }

    @Test
    void stopWordsAreDroppedBeforeStemmingAndTaskWordsOfAQueryInAnyForm() {
        Terms terms = new Terms();
        String text = "This does the being of summaries";

        assertThat(terms.of(text, 0, text.length(), false)).hasSize(1); // "summaries"; not "thi", "doe", "be"
        assertThat(Terms.hasContentWords("Summarise the following documents, please")).isFalse();
        assertThat(Terms.hasContentWords("Summarise what the reports say about floods")).isTrue();
    }
}
