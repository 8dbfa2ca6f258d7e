package io.camelorchestration.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionRequest;
import org.junit.jupiter.api.Test;

/** White space is tidied; a text with nothing to tidy comes back as it is, without being rewritten. */
class WhitespaceNormalizerTest {

    private final WhitespaceNormalizer normalizer = new WhitespaceNormalizer();

    @Test
    void tidiesBlanksAndBlankLines() {
        String text = "  Dear team,\r\n\r\n\r\nthe  report \t is late. \nRegards\n\n\n";

        assertThat(normalizer.apply(text, request(text))).isEqualTo("Dear team,\n\nthe report is late.\nRegards");
    }

    @Test
    void aTidyTextIsReturnedAsItIs() {
        String text = "Dear team,\n\nthe report is late.\n    indented line\nRegards";

        assertThat(normalizer.apply(text, request(text))).isSameAs(text);
    }

    /** The shortcut that skips the rewrite says "nothing to do" only when the rewrite would change nothing. */
    @Test
    void theShortcutAgreesWithTheRewrite() {
        String alphabet = "   \n\n\t\r\u000B\f\u00A0ab.";
        Random random = new Random(17);
        int skipped = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            if (WhitespaceNormalizer.isNormal(text)) {
                assertThat(WhitespaceNormalizer.rewrite(text)).as("[%s]", text).isEqualTo(text);
                skipped++;
            }
        }
        assertThat(skipped).isGreaterThan(10_000);
    }

    private static CompressionRequest request(String text) {
        return new CompressionRequest(text, CompressionLevel.LIGHT, Intent.EXTRACT, null, "cl100k_base", false);
    }
}
