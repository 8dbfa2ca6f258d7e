package io.camelorchestration.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.camelorchestration.text.Stemmer;
import org.junit.jupiter.api.Test;

class WordsTest {

    private static List<String> texts(String s) {
        return Words.of(s).list().stream().map(Words.Word::text).toList();
    }

    @Test
    void splitsIdentifiers() {
        assertThat(texts("summarizeTicket")).containsExactly("summarize", "ticket");
        assertThat(texts("XMLToJson")).containsExactly("xml", "to", "json");
        assertThat(texts("order-to-csv")).containsExactly("order", "to", "csv");
        assertThat(texts("snake_case_id")).containsExactly("snake", "case", "id");
        assertThat(texts("read the e-mail")).containsExactly("read", "the", "email");
    }

    @Test
    void marksNegatedWordsUntilTheClauseEnds() {
        List<Words.Word> ws = Words.of("don't summarize it, extract the id").list();

        assertThat(ws).filteredOn(w -> w.text().equals("summarize")).allMatch(Words.Word::negated);
        assertThat(ws).filteredOn(w -> w.text().equals("extract")).noneMatch(Words.Word::negated);
        assertThat(ws).extracting(Words.Word::text).doesNotContain("t");
    }

    @Test
    void marksSubordinateClauses() {
        List<Words.Word> ws = Words.of("drop spam before the ticket is created").list();

        assertThat(ws).filteredOn(w -> w.text().equals("drop")).noneMatch(Words.Word::subordinate);
        assertThat(ws).filteredOn(w -> w.text().equals("created")).allMatch(Words.Word::subordinate);
    }

    @Test
    void stemsInflectionsTogether() {
        assertThat(List.of("summarize", "summarise", "summarized", "summarizing", "summarises"))
                .extracting(Stemmer::stem).containsOnly(Stemmer.stem("summarize"));
        assertThat(List.of("merge", "merges", "merged", "merging")).extracting(Stemmer::stem)
                .containsOnly(Stemmer.stem("merge"));
        assertThat(List.of("map", "maps", "mapped", "mapping")).extracting(Stemmer::stem)
                .containsOnly(Stemmer.stem("map"));
        assertThat(List.of("validate", "validation", "validated")).extracting(Stemmer::stem)
                .containsOnly(Stemmer.stem("validate"));
        assertThat(List.of("entity", "entities")).extracting(Stemmer::stem).containsOnly(Stemmer.stem("entity"));
        // a stem is not a prefix: address is no "add", postcode no "post"
        assertThat(Stemmer.stem("address")).isNotEqualTo(Stemmer.stem("add"));
        assertThat(Stemmer.stem("postcode")).isNotEqualTo(Stemmer.stem("post"));
        assertThat(Stemmer.stem("string")).isEqualTo("string");
    }
}
