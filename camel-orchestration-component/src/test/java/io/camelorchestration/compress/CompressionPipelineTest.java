package io.camelorchestration.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.internal.ProtectedSpans;
import io.camelorchestration.compress.internal.TextUnits;
import io.camelorchestration.text.RecordingTokenCounter;
import io.camelorchestration.text.TokenCounter;
import org.junit.jupiter.api.Test;

/** The default pipeline on real text: the bundled Brown Corpus samples. */
class CompressionPipelineTest {

    private final Compressor compressor = CompressionPipeline.defaults();
    private final TokenCounter tokens = TokenCounter.shared();

    private static CompressionRequest request(String text, CompressionLevel level, Intent intent, String instruction,
            boolean protect) {
        return new CompressionRequest(text, level, intent, instruction, "cl100k_base", protect);
    }

    @Test
    void extractKeepsEveryProtectedSpanAndEveryNameAndDropsAQuarterOfTheTokens() {
        int before = 0;
        int after = 0;
        for (BrownSample doc : BrownSample.all()) {
            CompressionResult r = compressor.compress(request(doc.text(), CompressionLevel.LIGHT, Intent.EXTRACT,
                    "Extract the dates, amounts and identifiers as JSON", true));
            String collapsed = r.text().replaceAll("\\s+", " ");
            for (ProtectedSpans.Span span : ProtectedSpans.detector().find(doc.text())) {
                assertThat(collapsed).as(doc.id()).contains(span.text().replaceAll("\\s+", " "));
            }
            for (String name : names(doc.text())) {
                assertThat(r.text()).as(doc.id()).contains(name);
            }
            assertThat(r.tokensAfter()).isEqualTo(tokens.count(r.text(), "cl100k_base"));
            assertThat(r.tokensAfter()).as(doc.id()).isLessThan(r.tokensBefore());
            before += r.tokensBefore();
            after += r.tokensAfter();
        }
        assertThat(after).isLessThanOrEqualTo(before * 3 / 4);
    }

    /** Capitalised words inside sentences (after a lower-case word and a space). */
    private static java.util.Set<String> names(String text) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<=[a-z] )[A-Z][a-z]{2,}").matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    @Test
    void summarizeHalvesTheTokensWithSentencesCopiedVerbatimInTheirOrder() {
        for (BrownSample doc : BrownSample.all()) {
            CompressionResult r = compressor.compress(request(doc.text(), CompressionLevel.AGGRESSIVE,
                    Intent.SUMMARIZE, null, false));
            assertThat(r.tokensAfter()).as(doc.id()).isLessThanOrEqualTo(r.tokensBefore() / 2);
            assertThat(r.strategies()).contains("summary-selection");
            String original = doc.text().replaceAll("\\s+", " ");
            int from = 0;
            for (TextUnits.Unit unit : TextUnits.split(r.text())) {
                String sentence = unit.of(r.text()).replaceAll("\\s+", " ");
                int at = original.indexOf(sentence, from);
                assertThat(at).as("%s kept verbatim and in order: %s", doc.id(), sentence).isGreaterThanOrEqualTo(0);
                from = at + sentence.length();
            }
        }
    }

    @Test
    void questionAwareSelectionKeepsTheAnswersOfClozeQuestions() {
        int asked = 0;
        for (String id : List.of("ca01", "cj01")) {
            BrownSample doc = BrownSample.byId(id);
            for (BrownSample.Cloze cloze : doc.clozes(3)) {
                CompressionResult r = compressor.compress(request(doc.text(), CompressionLevel.AGGRESSIVE,
                        Intent.CONDITIONAL, cloze.question(), false));
                assertThat(r.strategies()).contains("question-aware-selection");
                assertThat(r.tokensAfter()).isLessThanOrEqualTo(r.tokensBefore() / 2);
                assertThat(r.text()).as("answer to: %s", cloze.question()).contains(cloze.answer());
                asked++;
            }
        }
        assertThat(asked).isEqualTo(6);
    }

    /**
     * The exact counts cost most of a compression: the input is tokenized once, and of the result only what the
     * input did not hold as it stands (a kept sentence next to a new neighbour), not the whole result again.
     */
    @Test
    void tokenizesTheInputOnceAndOfTheResultOnlyWhatIsNew() {
        RecordingTokenCounter counter = new RecordingTokenCounter();
        Compressor pipeline = CompressionPipeline.defaults(counter, CompressionPipeline.DEFAULT_MIN_TOKENS);
        for (BrownSample doc : BrownSample.all()) {
            for (String encoding : List.of("cl100k_base", "o200k_base")) {
                counter.clear();
                CompressionResult r = pipeline.compress(new CompressionRequest(doc.text(), CompressionLevel.AGGRESSIVE,
                        Intent.SUMMARIZE, null, encoding, false));

                assertThat(r.applied()).isTrue();
                assertThat(r.tokensBefore()).isEqualTo(tokens.count(doc.text(), encoding));
                assertThat(r.tokensAfter()).isEqualTo(tokens.count(r.text(), encoding));
                assertThat(counter.tokenized()).as("nothing tokenized twice").doesNotHaveDuplicates();
                assertThat(counter.chars()).as("%s %s", doc.id(), encoding)
                        .isLessThan(doc.text().length() + r.text().length() / 4);
            }
        }
    }

    @Test
    void neverReturnsMoreTokensAndIsDeterministic() {
        for (BrownSample doc : BrownSample.all()) {
            for (CompressionLevel level : CompressionLevel.values()) {
                for (Intent intent : Intent.values()) {
                    CompressionRequest req = request(doc.text(), level, intent, "what did the jury say", true);
                    CompressionResult a = compressor.compress(req);
                    CompressionResult b = compressor.compress(req);
                    assertThat(a.tokensAfter()).isLessThanOrEqualTo(a.tokensBefore());
                    assertThat(a.text()).isEqualTo(b.text());
                }
            }
        }
    }

    @Test
    void givesTheSameAnswersFromManyThreads() throws Exception {
        List<CompressionRequest> requests = new ArrayList<>();
        for (BrownSample doc : BrownSample.all()) {
            requests.add(request(doc.text(), CompressionLevel.AGGRESSIVE, Intent.SUMMARIZE, null, false));
            requests.add(request(doc.text(), CompressionLevel.LIGHT, Intent.EXTRACT, "dates", true));
            requests.add(request(doc.text(), CompressionLevel.AGGRESSIVE, Intent.AGGREGATE, "the election", false));
        }
        List<String> expected = requests.stream().map(r -> compressor.compress(r).text()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> requests.stream().map(r -> compressor.compress(r).text()).toList()));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void extractIsIdempotent() {
        for (BrownSample doc : BrownSample.all()) {
            CompressionRequest req = request(doc.text(), CompressionLevel.LIGHT, Intent.EXTRACT, null, true);
            CompressionResult once = compressor.compress(req);
            CompressionResult twice = compressor.compress(request(once.text(), CompressionLevel.LIGHT,
                    Intent.EXTRACT, null, true));
            assertThat(twice.text()).isEqualTo(once.text());
            assertThat(twice.applied()).isFalse();
        }
    }

    @Test
    void leavesShortInputAlone() {
        String shortText = "Please   summarize:\n\n\n\nThe meeting moved to 3 pm.   Thanks!";
        for (CompressionLevel level : CompressionLevel.values()) {
            CompressionResult r = compressor.compress(request(shortText, level, Intent.SUMMARIZE, null, false));
            assertThat(r.text()).isSameAs(shortText);
            assertThat(r.applied()).isFalse();
        }
    }

    @Test
    void leavesInputsBeyondAnyContextWindowAlone() {
        String doc = BrownSample.byId("ch01").text() + "\n\n";
        String huge = doc.repeat(CompressionPipeline.DEFAULT_MAX_CHARS / doc.length() + 1);
        CompressionResult r = compressor.compress(request(huge, CompressionLevel.AGGRESSIVE, Intent.SUMMARIZE, null,
                false));
        assertThat(r.text()).isSameAs(huge);
        assertThat(r.tokensBefore()).isPositive();
    }

    @Test
    void offChangesNothing() {
        String text = BrownSample.byId("ca01").text();
        CompressionResult r = compressor.compress(request(text, CompressionLevel.OFF, Intent.SEND, null, true));
        assertThat(r.text()).isSameAs(text);
        assertThat(r.tokensBefore()).isEqualTo(tokens.count(text, "cl100k_base"));
    }

    @Test
    void filterKeepsEveryItem() {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            items.append("- Customer ").append(i).append(" asked about the refund policy for order ")
                    .append(1000 + i).append(".\n");
        }
        CompressionResult r = compressor.compress(request(items.toString(), CompressionLevel.AGGRESSIVE,
                Intent.FILTER, null, false));
        for (int i = 1; i <= 40; i++) {
            assertThat(r.text()).contains("order " + (1000 + i));
        }
    }

    @Test
    void jsonIsMinifiedWithValuesUntouched() {
        StringBuilder json = new StringBuilder("{\n");
        for (int i = 0; i < 30; i++) {
            json.append("  \"field").append(i).append("\" :   \"two  spaces  kept\",\n");
        }
        json.append("  \"price\" : 10.50\n}");
        CompressionResult r = compressor.compress(request(json.toString(), CompressionLevel.AGGRESSIVE,
                Intent.TRANSFORM, null, true));
        assertThat(r.text()).startsWith("{\"field0\":\"two  spaces  kept\"").endsWith("\"price\":10.50}");
        assertThat(r.strategies()).containsExactly("json-minify");
    }
}
