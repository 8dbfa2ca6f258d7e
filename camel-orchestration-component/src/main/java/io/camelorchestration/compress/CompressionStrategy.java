package io.camelorchestration.compress;

/**
 * One way of removing tokens. Strategies run in order inside {@link CompressionPipeline}; each sees the previous
 * one's output.
 */
public interface CompressionStrategy {

    String name();

    /** Whether this strategy runs for the request at all (level, intent, shape of the text). */
    boolean appliesTo(CompressionRequest request);

    String apply(String text, CompressionRequest request);

    /**
     * True for a strategy that only keeps or drops whole sentences and lines, copying what it keeps byte for byte
     * (the selectors): it sees the instruction above the document, which it always keeps. Strategies that rewrite
     * text (markup, e-mail, white space, repeats) never see that instruction.
     */
    default boolean selectsWholeUnits() {
        return false;
    }
}
