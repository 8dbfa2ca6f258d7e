package io.camelorchestration.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.camelorchestration.compress.BrownSample;
import org.junit.jupiter.api.Test;

/**
 * Counting word by word with the counts kept between calls gives jtokkit's own count of the whole text, and a word
 * met before is not tokenized again.
 */
class WordTokenCacheTest {

    static final List<String> ENCODINGS = List.of("o200k_base", "cl100k_base");

    @Test
    void countsWhatJtokkitCountsOnRealText() {
        for (String encoding : ENCODINGS) {
            TokenCounter counter = new TokenCounter();
            WordTokenCache cache = new WordTokenCache(counter, counter.encoding(encoding));
            for (BrownSample doc : BrownSample.all()) {
                String text = doc.text();
                for (String v : List.of(text, text.replace("\n\n", "\n"), text.replace(". ", ".\n"),
                        "  " + text + "\n\n", text.replace(" ", "  "), text.replace(" ", "\t"), text.toUpperCase())) {
                    assertThat(cache.count(v)).as("%s %s", doc.id(), encoding).isEqualTo(Jtokkit.count(v, encoding));
                }
            }
        }
    }

    /** The characters at which the pre-tokenizers differ, in short random strings, each counted twice (cold, warm). */
    @Test
    void countsWhatJtokkitCountsOnAwkwardText() {
        Random random = new Random(11);
        for (String encoding : ENCODINGS) {
            TokenCounter counter = new TokenCounter();
            WordTokenCache cache = new WordTokenCache(counter, counter.encoding(encoding));
            for (int i = 0; i < 20_000; i++) {
                String text = AwkwardText.next(random, 60);
                int expected = Jtokkit.count(text, encoding);
                assertThat(cache.count(text)).as("%s [%s]", encoding, text).isEqualTo(expected);
                assertThat(cache.count(text)).as("%s again [%s]", encoding, text).isEqualTo(expected);
            }
        }
    }

    /**
     * Every word of the corpus in four cases, each with one of the marks before it and one of the contractions after
     * it (the edges of the encodings' letter patterns, in turn), alone and after another word, cold and warm.
     */
    @Test
    void countsWhatJtokkitCountsForEveryWordOfTheCorpusAtItsEdges() {
        List<String> before = List.of("", " ", "\"", "-", "(", "'");
        List<String> after = List.of("", "'s", "'T", "'re", "'ll", "'x");
        Set<String> plain = new LinkedHashSet<>();
        for (BrownSample doc : BrownSample.all()) {
            Matcher m = Pattern.compile("[A-Za-z]+").matcher(doc.text());
            while (m.find()) {
                String w = m.group();
                plain.addAll(List.of(w, w.toUpperCase(), w.toLowerCase(),
                        Character.toUpperCase(w.charAt(0)) + w.substring(1).toLowerCase()));
            }
        }
        List<String> words = new ArrayList<>();
        int k = 0;
        for (String w : plain) {
            words.add(before.get(k % before.size()) + w + after.get(k / before.size() % after.size()));
            k++;
        }
        for (String encoding : ENCODINGS) {
            TokenCounter counter = new TokenCounter();
            WordTokenCache cache = new WordTokenCache(counter, counter.encoding(encoding));
            for (String w : words) {
                int expected = Jtokkit.count(w, encoding);
                assertThat(cache.count(w)).as("%s [%s]", encoding, w).isEqualTo(expected);
                assertThat(cache.count(w)).as("%s again [%s]", encoding, w).isEqualTo(expected);
                assertThat(cache.count("word" + w)).as("%s [word%s]", encoding, w)
                        .isEqualTo(Jtokkit.count("word" + w, encoding));
            }
        }
    }

    @Test
    void aWordMetBeforeIsNotTokenizedAgain() {
        RecordingTokenCounter counter = new RecordingTokenCounter();
        WordTokenCache cache = new WordTokenCache(counter, counter.encoding("o200k_base"));
        String text = BrownSample.byId("ca01").text();

        cache.count(text);

        assertThat(text.split(" jury", -1).length - 1).isGreaterThan(5);
        assertThat(counter.tokenized()).filteredOn(" jury"::equals).hasSize(1);
        assertThat(counter.chars()).isLessThan(text.length() * 2 / 3); // a news story repeats a third of its words
        counter.clear();

        assertThat(cache.count(text)).isEqualTo(Jtokkit.count(text, "o200k_base"));
        assertThat(counter.chars()).isLessThan(text.length() / 50); // a few words pushed out of their set
    }

    @Test
    void aLongWordIsCountedButNotKept() {
        RecordingTokenCounter counter = new RecordingTokenCounter();
        WordTokenCache cache = new WordTokenCache(counter, counter.encoding("o200k_base"));
        String blob = "data:" + "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0".repeat(40);
        String text = "See " + blob + " and " + blob;

        assertThat(cache.count(text)).isEqualTo(Jtokkit.count(text, "o200k_base"));
        assertThat(counter.tokenized()).filteredOn(w -> w.contains("QUJD")).hasSize(2);
    }

    @Test
    void threadsSharingTheCacheEachGetTheExactCount() throws Exception {
        TokenCounter counter = new TokenCounter();
        WordTokenCache cache = new WordTokenCache(counter, counter.encoding("o200k_base"));
        List<BrownSample> docs = BrownSample.all();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                wrong.add(pool.submit(() -> {
                    int mismatches = 0;
                    for (int i = 0; i < docs.size() * 3; i++) {
                        String text = docs.get((i + offset) % docs.size()).text();
                        if (cache.count(text) != Jtokkit.count(text, "o200k_base")) {
                            mismatches++;
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<Integer> f : wrong) {
                assertThat(f.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Caffeine's upkeep is held while a text is counted and run when the count ends: a text of more new words than
     * the cache keeps leaves it at its bound, nothing held, and the cache still counts exactly.
     */
    @Test
    void upkeepHeldDuringATextRunsWhenItsCountEnds() {
        RecordingTokenCounter counter = new RecordingTokenCounter();
        WordTokenCache cache = new WordTokenCache(counter, counter.encoding("o200k_base"));
        StringBuilder text = new StringBuilder();
        int distinct = WordTokenCache.KEPT_WORDS + 5_000;
        for (int i = 0; i < distinct; i++) {
            text.append(' ').append(Integer.toString(i, 26).chars()
                    .map(c -> c <= '9' ? 'a' + c - '0' : c - 'a' + 'k').collect(StringBuilder::new,
                            StringBuilder::appendCodePoint, StringBuilder::append));
        }
        String s = text.toString();
        assertThat(cache.count(s)).isEqualTo(Jtokkit.count(s, "o200k_base"));
        assertThat(WordTokenCache.upkeepHeld()).isFalse();
        assertThat(cache.kept()).isLessThanOrEqualTo(WordTokenCache.KEPT_WORDS);
        String small = " a short text of words";
        assertThat(cache.count(small)).isEqualTo(Jtokkit.count(small, "o200k_base"));
        assertThat(WordTokenCache.upkeepHeld()).isFalse();
    }

    @Test
    void onlyEncodingsWhoseTextsCanBeCutAreCountedThroughTheCache() {
        TokenCounter counter = new TokenCounter();
        assertThat(counter.words(counter.encoding("o200k_base"))).isNotNull();
        assertThat(counter.words(counter.encoding("cl100k_base"))).isNotNull();
        assertThat(counter.words(counter.encoding("r50k_base"))).isNull();
        assertThat(counter.words(counter.encoding("p50k_base"))).isNull();
    }
}
