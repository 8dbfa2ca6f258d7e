package io.camelorchestration.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.camelorchestration.benchmarks.handwritten.PatternsAloneScorer;
import io.camelorchestration.compress.BrownSample;
import org.junit.jupiter.api.Test;

/**
 * The scorer skips its patterns where a scan of the characters proves they cannot match; these tests hold it to the
 * answers the patterns alone gave before (PatternsAloneScorer, the scorer as it was, kept in this module).
 */
class ComplexityScorerDifferentialTest {

    /** Pieces that make or nearly make each feature, with the characters the patterns turn on. */
    private static final String[] PIECES = {
            "def", "def ", "class ", "function", "func ", "fn ", "interface ", "struct ", "public ", "private ",
            "protected ", "import ", "package ", "from ", "using ", "#include", "#include <", "Foo", "foo()", "x.y",
            ".*", "java.util", "<T>", "[]", ", ", ":", "(", "{", ")", "]", "\"", "'", ";", ";", ";", "\n", "\n", "\r",
            "\r\n", "\u0085", "\u2028", "\u2029", " ", " ", " ", "\t", "\u000B", "\f", "0", "1", "5", "9", "42",
            "123", "800", "1000", "123456", "*", "^", "×", "÷", "+", "/", "=", "-", "\\", "\\frac", "\\sum",
            "\\int", "\\sqrt", "?", "?", "? ", "?\"", "?)", "?]", "?=", ".", "!", "_", "a", "s", "Z", "x", "é",
            // a combining mark, the Kelvin sign, long s, dotted and dotless i, and a letter outside the BMP
            "\u0301", "\u212A", "\u017F", "\u0130", "\u0131", "\uD835\uDC00",
            "prove", "PROVE", "Derive", "derivation", "equation", "Equations", "theorem", "lemma", "solve for",
            "SOLVE For", "solve  for", "SELECT", "SELECT ", "SELECT\t", "Select", "FROM", " FROM ", "\nFROM\t",
            "word", "Words", "WORD", "w\u0131rd", "page", "pages", "Pages ", "long", "write", "Write ", "draft",
            "compose", "produce", "create", "generate", "prepare", "essay", "report", "detailed", "in-depth",
            "white paper", "under", "max", "at most", "within", "improve", "proved", "re", "un",
            // whole code lines and asks, so that the features that need several pieces meet often enough
            "\ndef f(x):", "\nimport a.b;", "x;\n", "f();", "\nSELECT a FROM b", "\nfrom a import b",
            "\n#include <x>", "\nusing A.B;", "\npublic void f(", "\n  class A {", "write a ", "Draft the ",
            " essay", " report ", "3 pages long", "pages long", " pages report", "800 words", "600-word",
    };

    private final ComplexityScorer scorer = new ComplexityScorer();

    @Test
    void theBrownDocumentsScoreAsThePatternsAloneScoredThem() {
        List<String> texts = new ArrayList<>();
        for (BrownSample doc : BrownSample.all()) {
            texts.add(doc.text());
        }
        texts.add(String.join("\n\n", texts));
        String[] asks = {null, "", "Summarize the news report for the front page",
                "Write a detailed report on this", "an essay of at least 800 words", "in under 100 words, please"};
        for (String text : texts) {
            for (String ask : asks) {
                for (int tokens : new int[] {0, 4000, ComplexityScorer.LONG_INPUT_TOKENS + 1}) {
                    assertSame(ask, text, tokens);
                    assertSame(text, ask, tokens);
                }
            }
        }
    }

    @Test
    void inputsWithEachFeatureScoreAsThePatternsAloneScoredThem() {
        String[] inputs = {
                "def parse(line):\n    return line.split()\n\nclass Parser(object):\n    pass\n",
                "from os import path\nimport sys\nprint(path.join('a', 'b'))\n",
                "public class Foo {\n  private int x;\n  void run() {\n    x = compute();\n  }\n}",
                "import java.util.List;\nimport java.util.Map;",
                "package io.example.app;\n\nimport java.util.*;\n",
                "SELECT id, name FROM customers WHERE id = 4;\nSELECT * FROM orders;",
                "select id from customers", "SELECT\ta FROM b\tSELECT\n*\nFROM\nc",
                "(SELECT x FROM y) xSELECT a FROM b",
                "using System.Linq;\nusing System;\nnamespace App { public class A { } }\n",
                "#include <stdio.h>\n#include \"local.h\"\nint main(void) {\n  return 0;\n}\n",
                "\r\n   \t\r\ndef f(x):\r\n    return x;\r\n",
                "x = 1;\u2028y = 2;\u0085z = 3;\u2029",
                "  \n\n  import a.b;  \n\n",
                "fn main() {\n    let x = 5;\n}\n",
                "func main() {\n\tfmt.Println(\"hi\");\n}\n",
                "interface Shape {\n  area(): number;\n}\n",
                "struct Point {\n  int x;\n  int y;\n};\n",
                "Solve for x: 3x + 2 = 11",
                "Prove that the sum of two even numbers is even.",
                "By the theorem and the lemma above, the equations hold.",
                "Derive the derivation: $\\frac{a}{b} + \\sqrt{c} = \\sum_i x_i$ and \\int_0^1 f",
                "What is 17 * 23?", "2^10", "6 × 7", "8÷2", "3 + 4", "10 / 5", "1 = 1", "3+4", "12/05/2024",
                "Where is my parcel? When will it arrive? Can I change the address?",
                "Why? How?\nWhat? (Really?) \"Sure?\" [Ok?]",
                "a?\u2028b?\u2029c?\u0085", "a?b?c?",
                "see https://x.io/a?b=1 and https://x.io/c?d=2 and https://x.io/e?f=3",
                "Write a detailed report on the outage.", "Please draft an in-depth article about tides",
                "compose a blog post on caching", "Generate a comprehensive white paper", "Create a whitepaper",
                "a 10 page report", "a 3 pages long story", "12 pages essay", "a 10  pages\tlong report",
                "7\npages report", "(4 pages long)", "x4 pages long", "prepare. a report",
                "an essay of at least 800 words", "800-word essay", "about 1500 words", "under 800 words",
                "at most 600 words", "max 900 words", "maximum 900 words", "within 700 words", "no more than 999 words",
                "up to 500 words", "less than 800 words", "fewer than 600 words", "summarize in under 100 words",
                "123456 words", "1234567 words", "400 words", "5000 WORDS", "abc800 words", "x 800 word\u0301",
        };
        Set<ComplexityFeature> seen = EnumSet.noneOf(ComplexityFeature.class);
        for (String input : inputs) {
            for (String ask : new String[] {null, input}) {
                assertSame(ask, input, 100);
            }
            assertSame(input, "plain", 100);
            seen.addAll(regexOnly(input, input, 100).features());
        }
        assertThat(seen).containsExactlyInAnyOrder(ComplexityFeature.CODE, ComplexityFeature.MATH,
                ComplexityFeature.SEVERAL_QUESTIONS, ComplexityFeature.LONG_FORM);
    }

    @Test
    void randomTextsFullOfTheCriticalCharactersScoreAsThePatternsAloneScoredThem() {
        Random random = new Random(20_240_611L);
        Map<ComplexityFeature, Integer> seen = new EnumMap<>(ComplexityFeature.class);
        List<String> failures = new ArrayList<>();
        int cases = 60_000;
        for (int k = 0; k < cases; k++) {
            String input = randomText(random, 1 + random.nextInt(30));
            String ask = switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> randomText(random, random.nextInt(8));
                default -> input;
            };
            Complexity expected = regexOnly(ask, input, 100);
            Complexity actual = scorer.assess(ask, input, 100);
            if (!expected.equals(actual) && failures.size() < 10) {
                failures.add(escape(ask) + " | " + escape(input) + ": " + actual + " instead of " + expected);
            }
            for (ComplexityFeature f : expected.features()) {
                seen.merge(f, 1, Integer::sum);
            }
        }
        assertThat(failures).isEmpty();
        System.out.println("features among " + cases + " random texts: " + seen);
        // the texts reach every feature often, or the comparison proves little
        for (ComplexityFeature f : EnumSet.complementOf(EnumSet.of(ComplexityFeature.LONG_INPUT))) {
            assertThat(seen.getOrDefault(f, 0)).as("%s in %d texts", f, cases).isGreaterThan(cases / 200);
        }
    }

    @Test
    void proseWithCriticalPiecesDroppedInScoresAsThePatternsAloneScoredIt() {
        Random random = new Random(7L);
        List<String> docs = BrownSample.all().stream().map(BrownSample::text).toList();
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < 5_000; k++) {
            String doc = docs.get(random.nextInt(docs.size()));
            int start = random.nextInt(doc.length() - 400);
            StringBuilder text = new StringBuilder(doc.substring(start, start + 400));
            for (int n = random.nextInt(6); n > 0; n--) {
                text.insert(random.nextInt(text.length() + 1), PIECES[random.nextInt(PIECES.length)]);
            }
            String input = text.toString();
            if (!regexOnly(null, input, 100).equals(scorer.assess(null, input, 100)) && failures.size() < 10) {
                failures.add(escape(input));
            }
        }
        assertThat(failures).isEmpty();
    }

    private void assertSame(String ask, String input, int tokens) {
        assertThat(scorer.assess(ask, input, tokens)).as("%s | %s", escape(ask), escape(input))
                .isEqualTo(regexOnly(ask, input, tokens));
    }

    /** Pieces from a few drawn for the text, so that a piece comes back often, as counted features need. */
    private static String randomText(Random random, int pieces) {
        String[] few = new String[3 + random.nextInt(12)];
        for (int i = 0; i < few.length; i++) {
            few[i] = PIECES[random.nextInt(PIECES.length)];
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            b.append(few[random.nextInt(few.length)]);
        }
        return b.toString();
    }

    private static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c >= ' ' && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.append('"').toString();
    }

    private static Complexity regexOnly(String instruction, String input, int inputTokens) {
        return PatternsAloneScorer.assess(instruction, input, inputTokens);
    }
}
