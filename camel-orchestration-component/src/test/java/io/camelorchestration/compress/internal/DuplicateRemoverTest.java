package io.camelorchestration.compress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.CompressionRequest;
import io.camelorchestration.compress.CompressionResult;
import io.camelorchestration.compress.Compressor;
import org.junit.jupiter.api.Test;

class DuplicateRemoverTest {

    private final Compressor compressor = CompressionPipeline.defaults();

    private static final String LOG = """
            The nightly export of the billing tables finished with warnings about missing currency codes.
            Three invoices were skipped because their customer records were archived last month.
            The nightly export of the billing tables finished with warnings about missing currency codes.
            THE NIGHTLY EXPORT OF THE BILLING TABLES FINISHED WITH WARNINGS ABOUT MISSING CURRENCY CODES!
            The nightly export of the billing tables has finished with warnings about missing currency codes.
            Yes.
            Yes.
            """;

    @Test
    void lightRemovesExactRepeatsOnly() {
        CompressionResult r = compressor.compress(new CompressionRequest(LOG, CompressionLevel.LIGHT,
                Intent.GENERATE, null, null, false));
        assertThat(r.text().split("\n")).containsExactly(
                "The nightly export of the billing tables finished with warnings about missing currency codes.",
                "Three invoices were skipped because their customer records were archived last month.",
                "The nightly export of the billing tables has finished with warnings about missing currency codes.",
                "Yes.", "Yes.");
    }

    @Test
    void aggressiveAlsoRemovesNearRepeats() {
        CompressionResult r = compressor.compress(new CompressionRequest(LOG, CompressionLevel.AGGRESSIVE,
                Intent.FILTER, null, null, false));
        assertThat(r.text()).doesNotContain("has finished").contains("Three invoices were skipped");
    }
}
