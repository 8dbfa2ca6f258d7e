package io.camelorchestration.benchmarks.handwritten;

import com.knuddels.jtokkit.api.Encoding;

/**
 * The component's token counting as it was before issue 15 ("libraries first"): words cut where no pre-token can
 * straddle the cut, their counts in a home-made lock-free table ({@link HandWrittenWordTable}), a word not met
 * before merged by a re-implementation of BPE over jtokkit's vocabulary file ({@link HandWrittenBpe}) or by
 * jtokkit. Kept here, not in the component, so {@code TextLibrariesBenchmark} can measure it side by side with what
 * replaced it; the copies are the code of that commit, only renamed.
 */
public final class HandWrittenTokenCounter {

    private final Encoding encoding;
    private final boolean bpe;
    private final HandWrittenWordTable table;

    /** @param bpe whether words not met before are merged by {@link HandWrittenBpe} (else by jtokkit) */
    public HandWrittenTokenCounter(Encoding encoding, boolean bpe) {
        this.encoding = encoding;
        this.bpe = bpe;
        this.table = new HandWrittenWordTable(this, encoding);
    }

    public int count(String text) {
        return table.count(text);
    }

    int tokenize(Encoding encoding, String text) {
        HandWrittenBpe words = bpe ? HandWrittenBpe.of(encoding) : null;
        int n = words == null ? HandWrittenBpe.NOT_A_WORD : words.count(text);
        return n != HandWrittenBpe.NOT_A_WORD ? n : encoding.countTokensOrdinary(text);
    }
}
