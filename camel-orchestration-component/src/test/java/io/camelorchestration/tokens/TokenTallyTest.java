package io.camelorchestration.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.camelorchestration.compression.BrownSample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tally cuts texts where no pre-token of the encoding can straddle the cut, so the sum of the pieces is the
 * exact count; a piece seen before is not tokenized again.
 */
class TokenTallyTest {

    static final List<String> CUT = List.of("cl100k_base", "o200k_base");
    static final TokenCounter WHOLE = new TokenCounter();

    @Test
    void countsWhatTheWholeTextCounts() {
        for (BrownSample doc : BrownSample.all()) {
            String text = doc.text();
            List<String> variants = List.of(text, text.replace("\n\n", "\n"), text.replace(". ", ".\n"),
                    dropEverySecondSentence(text), "  " + text + "\n\n", text.replace(" ", "  "));
            for (String encoding : List.of("cl100k_base", "o200k_base", "p50k_base", "r50k_base")) {
                TokenTally tally = WHOLE.tally(encoding);
                for (String v : variants) {
                    assertThat(tally.count(v)).as("%s %s", doc.id(), encoding).isEqualTo(Jtokkit.count(v, encoding));
                }
            }
        }
    }

    /** Short strings of the characters at which pre-tokenizers differ: spaces, line breaks, '/', apostrophes,
     * digits, cased and uncased letters, marks, Unicode spaces, surrogate pairs. */
    @Test
    void countsWhatTheWholeTextCountsOnAwkwardText() {
        String alphabet = " \n\n\r\t/..''\"sStTab0123456789\u00E9\u00C9\u4E2D\u0301\u00A0\u2019\u201D\u3000)(-:;,?!\u0085"
                + "\u2028xyzXYZ";
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1 + random.nextInt(40); k > 0; k--) {
                if (random.nextInt(30) == 0) {
                    sb.append("\uD83D\uDE00");
                } else {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = sb.toString();
            for (String encoding : CUT) {
                assertThat(WHOLE.tally(encoding).count(text)).as("%s [%s]", encoding, text)
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
            TokenTally tally = counter.tally(encoding);

            assertThat(tally.count(text)).isEqualTo(Jtokkit.count(text, encoding));
            assertThat(counter.chars()).isLessThanOrEqualTo(text.length());
            counter.clear();

            assertThat(tally.count(text)).isEqualTo(Jtokkit.count(text, encoding));
            assertThat(counter.tokenized()).isEmpty();

            assertThat(tally.count(shorter)).isEqualTo(Jtokkit.count(shorter, encoding));
            // only the sentences that got a new neighbour (the last one kept in a paragraph, the first one after a
            // dropped paragraph opening) are tokenized again
            assertThat(counter.chars()).isPositive().isLessThan(shorter.length() / 4);
        }
    }

    @Test
    void otherEncodingsAreCountedWhole() {
        String text = BrownSample.byId("ca01").text();
        RecordingTokenCounter counter = new RecordingTokenCounter();

        counter.tally("p50k_base").count(text);

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
