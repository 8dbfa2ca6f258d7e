package io.camelorchestration.tokens;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelorchestration.compression.BrownSample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The merges of a word of letters count what jtokkit counts, and everything else is left to jtokkit. */
class AsciiWordBpeTest {

    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    @Test
    void countsWhatJtokkitCountsForEveryWordOfTheCorpus() {
        Set<String> words = new LinkedHashSet<>();
        for (BrownSample doc : BrownSample.all()) {
            Matcher m = WORD.matcher(doc.text());
            while (m.find()) {
                String w = m.group();
                for (String v : List.of(w, w.toUpperCase(), w.toLowerCase(),
                        Character.toUpperCase(w.charAt(0)) + w.substring(1).toLowerCase())) {
                    for (String before : List.of("", " ", "\"", "-", "(", "'")) {
                        for (String after : List.of("", "'s", "'T", "'re", "'ll", "'x")) {
                            words.add(before + v + after);
                        }
                    }
                }
            }
        }
        for (String encoding : WordTokenCacheTest.ENCODINGS) {
            AsciiWordBpe bpe = bpe(encoding);
            int counted = 0;
            for (String w : words) {
                int n = bpe.count(w);
                if (n != AsciiWordBpe.NOT_A_WORD) {
                    assertThat(n).as("%s [%s]", encoding, w).isEqualTo(Jtokkit.count(w, encoding));
                    counted++;
                }
            }
            // all without a contraction in cl100k_base and all but camel-case words ("McCarthy") or "'x" in
            // o200k_base
            assertThat(counted).as(encoding).isGreaterThan(words.size() / (encoding.equals("cl100k_base") ? 8 : 2));
        }
    }

    /**
     * Words of few letters repeat pairs ("aaaa", "abab"), which tests the choice among equal ranks; long ones reach
     * the tokens kept apart. Mixed case tests o200k_base's split before a capital; marks before and contractions
     * after, the pattern's other edges.
     */
    private static final String[] BEFORE = {"", "", " ", " ", "\"", "'", "-", "(", "$", "_", "/", "."};
    private static final String[] AFTER = {"", "", "", "'s", "'S", "'t", "'re", "'Ve", "'m", "'LL", "'d", "'x", "'"};

    @Test
    void countsWhatJtokkitCountsForRandomWords() {
        String[] alphabets = {"ab", "aeinrst", "aAbBeEsStT", "abcdefghijklmnopqrstuvwxyz", "ETAOINSHRDLUetaoinshrdlu"};
        Random random = new Random(5);
        for (String encoding : WordTokenCacheTest.ENCODINGS) {
            AsciiWordBpe bpe = bpe(encoding);
            int counted = 0;
            for (int i = 0; i < 40_000; i++) {
                String alphabet = alphabets[random.nextInt(alphabets.length)];
                StringBuilder sb = new StringBuilder(BEFORE[random.nextInt(BEFORE.length)]);
                for (int k = 1 + random.nextInt(random.nextInt(8) == 0 ? AsciiWordBpe.LONGEST - 4 : 16); k > 0; k--) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                sb.append(AFTER[random.nextInt(AFTER.length)]);
                String w = sb.toString();
                int n = bpe.count(w);
                if (n != AsciiWordBpe.NOT_A_WORD) {
                    assertThat(n).as("%s [%s]", encoding, w).isEqualTo(Jtokkit.count(w, encoding));
                    counted++;
                }
            }
            System.out.println(encoding + " " + counted);
            assertThat(counted).as(encoding).isGreaterThan(encoding.equals("cl100k_base") ? 7_000 : 20_000);
        }
    }

    @Test
    void leavesToJtokkitWhatIsNotOneWordOfLetters() {
        for (String encoding : WordTokenCacheTest.ENCODINGS) {
            AsciiWordBpe bpe = bpe(encoding);
            for (String w : List.of("", "word ", "  word", "two words", "42", "A4", "café", "word\n", "\tword",
                    "--word", "self-made", " \"word", "word's'", "x".repeat(AsciiWordBpe.LONGEST + 1))) {
                assertThat(bpe.count(w)).as("%s [%s]", encoding, w).isEqualTo(AsciiWordBpe.NOT_A_WORD);
            }
        }
        AsciiWordBpe cl100k = bpe("cl100k_base");
        AsciiWordBpe o200k = bpe("o200k_base");
        // cl100k_base: the contraction and a word after an apostrophe are pre-tokens of their own ('s + word)
        assertThat(cl100k.count(" don't")).isEqualTo(AsciiWordBpe.NOT_A_WORD);
        assertThat(cl100k.count("'sword")).isEqualTo(AsciiWordBpe.NOT_A_WORD);
        assertThat(o200k.count(" don't")).isEqualTo(Jtokkit.count(" don't", "o200k_base"));
        assertThat(o200k.count("'sword")).isEqualTo(Jtokkit.count("'sword", "o200k_base"));
        // o200k_base: a capital after a small letter starts a pre-token
        assertThat(o200k.count(" camelCase")).isEqualTo(AsciiWordBpe.NOT_A_WORD);
        assertThat(cl100k.count(" camelCase")).isEqualTo(Jtokkit.count(" camelCase", "cl100k_base"));
    }

    @Test
    void otherEncodingsAndAMissingVocabularyLeaveEveryWordToJtokkit() {
        TokenCounter counter = new TokenCounter();

        assertThat(AsciiWordBpe.of(counter.encoding("r50k_base"))).isNull();
        assertThat(AsciiWordBpe.load("no_such_base", false)).isNull();
        assertThat(counter.count("the words of a letter", "p50k_base"))
                .isEqualTo(Jtokkit.count("the words of a letter", "p50k_base"));
    }

    private static AsciiWordBpe bpe(String encoding) {
        return AsciiWordBpe.of(new TokenCounter().encoding(encoding));
    }
}
