package io.camelorchestration.text;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One stemmer for the intent cues and the compression's terms: the forms of a word meet, other words stay apart. */
class StemmerTest {

    @Test
    void pluralsFoldAndWordsEndingInSThatAreNotPluralsStay() {
        assertThat(List.of("report", "reports")).extracting(Stemmer::stem).containsOnly(Stemmer.stem("report"));
        assertThat(List.of("entity", "entities")).extracting(Stemmer::stem).containsOnly(Stemmer.stem("entity"));
        assertThat(List.of("box", "boxes")).extracting(Stemmer::stem).containsOnly(Stemmer.stem("box"));
        assertThat(List.of("match", "matches")).extracting(Stemmer::stem).containsOnly(Stemmer.stem("match"));
        assertThat(List.of("class", "classes")).extracting(Stemmer::stem).containsOnly(Stemmer.stem("class"));
        assertThat(Stemmer.stem("status")).isEqualTo("status");
        assertThat(Stemmer.stem("analysis")).isEqualTo("analysis");
        assertThat(Stemmer.stem("bus")).isEqualTo("bus");
    }

    @Test
    void verbFormsAndBritishSpellingsMeet() {
        assertThat(List.of("summarize", "summarise", "summarized", "summarizing", "summarises"))
                .extracting(Stemmer::stem).containsOnly(Stemmer.stem("summarize"));
        assertThat(List.of("normalization", "normalisation")).extracting(Stemmer::stem)
                .containsOnly(Stemmer.stem("normalization"));
        assertThat(List.of("study", "studied", "studies")).extracting(Stemmer::stem)
                .containsOnly(Stemmer.stem("study"));
        assertThat(Stemmer.stem("raise")).isNotEqualTo(Stemmer.stem("raize"));
    }

    @Test
    void stemsInPlaceWhatTheStringFormStems() {
        for (String w : List.of("summarising", "entities", "mapped", "boxes", "need", "string", "a", "news")) {
            char[] buf = (w + "#####").toCharArray();
            int n = Stemmer.stem(buf, w.length());
            assertThat(new String(buf, 0, n)).as(w).isEqualTo(Stemmer.stem(w));
        }
    }
}
