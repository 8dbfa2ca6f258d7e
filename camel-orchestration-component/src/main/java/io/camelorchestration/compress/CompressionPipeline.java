package io.camelorchestration.compress;

import java.util.ArrayList;
import java.util.List;

import io.camelorchestration.compress.internal.ChatRequestCompressor;
import io.camelorchestration.compress.internal.DuplicateRemover;
import io.camelorchestration.compress.internal.EmailCleaner;
import io.camelorchestration.compress.internal.HtmlToText;
import io.camelorchestration.compress.internal.JsonMinifier;
import io.camelorchestration.compress.internal.QuestionAwareSelector;
import io.camelorchestration.compress.internal.Shapes;
import io.camelorchestration.compress.internal.SpanKeepingSelector;
import io.camelorchestration.compress.internal.SummarySelector;
import io.camelorchestration.compress.internal.UnitDocument;
import io.camelorchestration.compress.internal.WhitespaceNormalizer;
import io.camelorchestration.internal.ChatRequestText;
import io.camelorchestration.text.TokenCounter;

/**
 * The built-in compressor: its strategies in order, each seeing the previous one's output, with a floor below which
 * inputs are left alone (the saving would be noise and the risk real). Whatever the strategies do, the answer never
 * has more tokens than the input. Stateless and thread-safe.
 */
public final class CompressionPipeline implements Compressor {

    /** Inputs shorter than this many tokens are not compressed. */
    public static final int DEFAULT_MIN_TOKENS = 64;

    /**
     * Inputs longer than this many characters (about half a million tokens, beyond any model's context window) are
     * not compressed: the call will not fit anyway, and splitting megabytes into sentences costs seconds.
     */
    public static final int DEFAULT_MAX_CHARS = 2_000_000;

    private final List<CompressionStrategy> strategies;
    private final TokenCounter tokens;
    private final int minTokens;
    private final int maxChars;

    public CompressionPipeline(List<CompressionStrategy> strategies, TokenCounter tokens, int minTokens) {
        this(strategies, tokens, minTokens, DEFAULT_MAX_CHARS);
    }

    public CompressionPipeline(List<CompressionStrategy> strategies, TokenCounter tokens, int minTokens,
            int maxChars) {
        this.strategies = List.copyOf(strategies);
        this.tokens = tokens;
        this.minTokens = minTokens;
        this.maxChars = maxChars;
    }

    /**
     * The default order: chat bodies and JSON first (they take no prose strategy), then markup and e-mail
     * clean-up (they expose the text), white space, repeats, and last the selectors, which only one of applies to
     * a request: span-keeping for light extraction, question-aware when the instruction names something,
     * summary selection otherwise (both aggressive only).
     */
    public static CompressionPipeline defaults() {
        return defaults(TokenCounter.shared(), DEFAULT_MIN_TOKENS);
    }

    public static CompressionPipeline defaults(TokenCounter tokens, int minTokens) {
        return defaults(tokens, minTokens, Relatedness.synonyms());
    }

    /**
     * The default order, with decision steps' evidence found by {@code relatedness} (an embedding-based one, say)
     * instead of the built-in synonyms.
     */
    public static CompressionPipeline defaults(TokenCounter tokens, int minTokens, Relatedness relatedness) {
        List<CompressionStrategy> prose = proseStrategies(relatedness);
        CompressionPipeline messageText = new CompressionPipeline(prose, tokens, minTokens);
        List<CompressionStrategy> all = new ArrayList<>();
        all.add(new ChatRequestCompressor(messageText));
        all.add(new JsonMinifier());
        all.addAll(prose);
        return new CompressionPipeline(all, tokens, minTokens);
    }

    private static List<CompressionStrategy> proseStrategies(Relatedness relatedness) {
        return List.of(new HtmlToText(), new EmailCleaner(), new WhitespaceNormalizer(), new DuplicateRemover(),
                new SpanKeepingSelector(), new QuestionAwareSelector(QuestionAwareSelector.DEFAULT_KEEP, relatedness),
                new SummarySelector(SummarySelector.DEFAULT_KEEP, relatedness));
    }

    @Override
    public CompressionResult compress(CompressionRequest request) {
        String text = request.text();
        if (request.level() == CompressionLevel.OFF) {
            return CompressionResult.unchanged(text, tokens.count(text, request.encoding()));
        }
        // counted word by word, each word's count kept: the result, made of the input's words, is hardly tokenized
        int before = tokens.count(text, request.encoding());
        if (before < minTokens || text.length() > maxChars) {
            return CompressionResult.unchanged(text, before);
        }
        // The instruction above the document is the same in every message of a step: the provider's prompt cache
        // holds it only while it stays byte for byte what it saw before. So the strategies that rewrite text work on
        // what follows it; the selectors, which keep it whole and copy what they keep, see the whole text again.
        int prefixEnd = Shapes.looksLikeJson(text) ? 0 : UnitDocument.instructionPrefixEnd(text);
        String prefix = prefixEnd == 0 ? "" : text.substring(0, prefixEnd);
        boolean apart = prefixEnd > 0;
        String current = apart ? text.substring(prefixEnd) : text;
        List<String> applied = new ArrayList<>(strategies.size());
        // the chat request as the chat strategy wrote it, while no later strategy changes the text
        ChatRequestText chatRequest = null;
        try {
            for (CompressionStrategy s : strategies) {
                if (apart && s.selectsWholeUnits()) {
                    current = prefix + current;
                    apart = false;
                }
                CompressionRequest step = new CompressionRequest(current, request.level(), request.intent(),
                        request.instruction(), request.encoding(), request.protectSpans());
                if (!s.appliesTo(step) || chatRequest != null && s instanceof JsonMinifier) {
                    continue; // a chat request the chat strategy wrote is minified already
                }
                String next;
                if (s instanceof ChatRequestCompressor chat) {
                    ChatRequestText written = chat.rewrite(current, step);
                    next = written == null ? current : written.text();
                    chatRequest = written != null ? written : chatRequest;
                } else {
                    next = s.apply(current, step);
                }
                if (next != null && !next.equals(current)) {
                    if (chatRequest != null && !(s instanceof ChatRequestCompressor)) {
                        chatRequest = null;
                    }
                    current = next;
                    applied.add(s.name());
                }
            }
        } finally {
            UnitDocument.forget();
        }
        if (apart) {
            current = prefix + current;
        }
        if (applied.isEmpty()) {
            current = text;
        }
        int after = current == text ? before : tokens.count(current, request.encoding());
        if (after >= before) {
            return CompressionResult.unchanged(text, before);
        }
        return new CompressionResult(current, before, after, List.copyOf(applied), chatRequest);
    }
}
