package io.camelorchestration.text;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with jtokkit, in the encoding the model catalog names for a model. Encodings are built once and
 * shared: building one costs milliseconds, counting with it microseconds. cl100k_base and o200k_base texts are
 * counted word by word through a {@link WordTokenCache}: the same count, a fraction of the time on real text.
 */
public class TokenCounter {

    /** Above this many characters the count is extrapolated from a sample: exact counting of 10 MB costs seconds. */
    public static final int EXACT_LIMIT_CHARS = 1 << 20;

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final TokenCounter DEFAULT = new TokenCounter();

    private final Map<String, Encoding> encodings = new ConcurrentHashMap<>();
    private final Map<String, WordTokenCache> words = new ConcurrentHashMap<>();

    public static TokenCounter shared() {
        return DEFAULT;
    }

    public int count(CharSequence text, String encoding) {
        if (text == null || text.length() == 0) {
            return 0;
        }
        Encoding enc = encoding(encoding);
        WordTokenCache cache = words(enc);
        if (text.length() <= EXACT_LIMIT_CHARS) {
            String s = text.toString();
            return cache != null ? cache.count(s) : tokenize(enc, s);
        }
        String sample = text.subSequence(0, EXACT_LIMIT_CHARS).toString();
        double perChar = (double) (cache != null ? cache.count(sample) : tokenize(enc, sample)) / EXACT_LIMIT_CHARS;
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(perChar * text.length()));
    }

    /**
     * Runs the tokenizer, jtokkit. The only place that tokenizes, so a subclass can watch what is tokenized (tests
     * assert that nothing is tokenized twice).
     */
    protected int tokenize(Encoding encoding, String text) {
        return encoding.countTokensOrdinary(text);
    }

    /**
     * The word cache of an encoding whose texts can be cut into words without changing the count (cl100k_base,
     * o200k_base; see {@link WordTokenCache}), or null for the others, which are counted whole.
     */
    WordTokenCache words(Encoding encoding) {
        String name = encoding.getName();
        return EncodingType.O200K_BASE.getName().equals(name) || EncodingType.CL100K_BASE.getName().equals(name)
                ? words.computeIfAbsent(name, n -> new WordTokenCache(this, encoding))
                : null;
    }

    /**
     * A bound no encoding's count can pass: byte-level BPE never makes a token of less than one UTF-8 byte. Costs a
     * scan of the characters, no tokenizing; the pipeline uses it where an exact count would change no decision.
     */
    public static long upperBound(CharSequence text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    public int count(CharSequence text) {
        return count(text, EncodingType.CL100K_BASE.getName());
    }

    /**
     * @throws IllegalArgumentException naming the known encodings
     */
    public Encoding encoding(String name) {
        String key = name == null ? EncodingType.CL100K_BASE.getName() : name;
        return encodings.computeIfAbsent(key, n -> REGISTRY.getEncoding(n).orElseThrow(
                () -> new IllegalArgumentException("unknown tokenizer encoding '" + n + "'; allowed values: "
                        + "cl100k_base, o200k_base, p50k_base, p50k_edit, r50k_base")));
    }

    public static boolean isKnown(String name) {
        return name != null && REGISTRY.getEncoding(name).isPresent();
    }
}
