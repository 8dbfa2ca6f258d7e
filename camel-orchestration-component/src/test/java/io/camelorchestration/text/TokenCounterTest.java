package io.camelorchestration.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.camelorchestration.compress.BrownSample;
import org.junit.jupiter.api.Test;

/**
 * cl100k_base and o200k_base texts are counted word by word, cut where no pre-token of the encoding can straddle the
 * cut, so the sum of the words is the exact count; a word counted before is not tokenized again.
 */
class TokenCounterTest {

    static final List<String> CUT = List.of("cl100k_base", "o200k_base");

    @Test
    void countsWhatTheWholeTextCounts() {
        TokenCounter counter = new TokenCounter();
        for (BrownSample doc : BrownSample.all()) {
            String text = doc.text();
            List<String> variants = List.of(text, text.replace("\n\n", "\n"), text.replace(". ", ".\n"),
                    dropEverySecondSentence(text), "  " + text + "\n\n", text.replace(" ", "  "));
            for (String encoding : List.of("cl100k_base", "o200k_base", "p50k_base", "r50k_base")) {
                for (String v : variants) {
                    assertThat(counter.count(v, encoding)).as("%s %s", doc.id(), encoding)
                            .isEqualTo(Jtokkit.count(v, encoding));
                }
            }
        }
    }

    @Test
    void countsWhatTheWholeTextCountsOnAwkwardText() {
        TokenCounter counter = new TokenCounter();
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String text = AwkwardText.next(random, 40);
            for (String encoding : CUT) {
                assertThat(counter.count(text, encoding)).as("%s [%s]", encoding, text)
                        .isEqualTo(Jtokkit.count(text, encoding));
            }
        }
    }

    @Test
    void aTextMadeOfSentencesAlreadyCountedIsHardlyTokenizedAgain() {
        String text = BrownSample.byId("ca01").text();
        String shorter = dropEverySecondSentence(text);
        for (String encoding : CUT) {
            RecordingTokenCounter counter = new RecordingTokenCounter();

            assertThat(counter.count(text, encoding)).isEqualTo(Jtokkit.count(text, encoding));
            assertThat(counter.chars()).isLessThanOrEqualTo(text.length());
            counter.clear();

            assertThat(counter.count(text, encoding)).isEqualTo(Jtokkit.count(text, encoding));
            assertThat(counter.tokenized()).isEmpty();

            assertThat(counter.count(shorter, encoding)).isEqualTo(Jtokkit.count(shorter, encoding));
            // only the words that got a new neighbour (the last one of a paragraph now ends with its line breaks)
            // are tokenized again
            assertThat(counter.chars()).isPositive().isLessThan(shorter.length() / 4);
        }
    }

    @Test
    void otherEncodingsAreCountedWhole() {
        String text = BrownSample.byId("ca01").text();
        RecordingTokenCounter counter = new RecordingTokenCounter();

        counter.count(text, "p50k_base");

        assertThat(counter.tokenized()).containsExactly(text);
    }

    /** The text with every second sentence of each paragraph left out, as a selector would leave it. */
    static String dropEverySecondSentence(String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : text.split("\n\n")) {
            String[] sentences = paragraph.split("(?<=[.!?]) (?=[A-Z])");
            StringBuilder kept = new StringBuilder();
            for (int i = 0; i < sentences.length; i += 2) {
                kept.append(kept.length() == 0 ? "" : " ").append(sentences[i]);
            }
            paragraphs.add(kept.toString());
        }
        return String.join("\n\n", paragraphs);
    }
}
