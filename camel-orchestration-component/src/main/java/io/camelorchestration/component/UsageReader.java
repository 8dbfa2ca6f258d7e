package io.camelorchestration.component;

import java.util.Locale;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelorchestration.internal.Json;
import io.camelorchestration.settle.Usage;
import io.camelorchestration.text.TokenCounter;
import org.apache.camel.Message;

/**
 * What a delegate call really used. The delegate's own report wins: Camel LLM component headers, the generic
 * {@code CamelOrchestrationUsage*} headers, a langchain4j listener's capture, an OpenAI- or Anthropic-style
 * {@code usage} object in a JSON answer. Otherwise the model's tokenizer counts.
 */
final class UsageReader {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private static final String[][] HEADER_PAIRS = {
            { OrchestrateConstants.LANGCHAIN4J_INPUT_TOKENS, OrchestrateConstants.LANGCHAIN4J_OUTPUT_TOKENS },
            { OrchestrateConstants.OPENAI_PROMPT_TOKENS, OrchestrateConstants.OPENAI_COMPLETION_TOKENS },
            { OrchestrateConstants.USAGE_INPUT_TOKENS, OrchestrateConstants.USAGE_OUTPUT_TOKENS },
    };

    private UsageReader() {
    }

    private static final String[] DETAIL_HEADERS = { OrchestrateConstants.USAGE_CACHED_INPUT_TOKENS,
            OrchestrateConstants.USAGE_CACHE_WRITE_INPUT_TOKENS, OrchestrateConstants.USAGE_REASONING_TOKENS };

    /** Removes stale usage headers of an earlier step, so that only this call's report is read. */
    static void clear(Message m) {
        for (String[] pair : HEADER_PAIRS) {
            m.removeHeader(pair[0]);
            m.removeHeader(pair[1]);
        }
        for (String h : DETAIL_HEADERS) {
            m.removeHeader(h);
        }
    }

    /**
     * @param countedInput the input's token count, or a negative number when it was not counted: then
     *                     {@code inputText} is counted, and only if the delegate reported nothing
     */
    static Usage read(Message m, String outputText, long countedInput, String inputText, String encoding,
            Usage captured) {
        Usage reported = reported(m, outputText, captured);
        if (reported != null) {
            return reported;
        }
        long input = countedInput >= 0 ? countedInput : TokenCounter.shared().count(inputText, encoding);
        return new Usage(input, TokenCounter.shared().count(outputText, encoding), Usage.TOKENIZER);
    }

    /** As {@link #read(Message, String, long, String, String, Usage)}, the input counted by {@code input} if need be. */
    static Usage read(Message m, String outputText, LongSupplier input, String encoding, Usage captured) {
        Usage reported = reported(m, outputText, captured);
        return reported != null ? reported
                : new Usage(input.getAsLong(), TokenCounter.shared().count(outputText, encoding), Usage.TOKENIZER);
    }

    private static Usage reported(Message m, String outputText, Usage captured) {
        Usage u = null;
        for (String[] pair : HEADER_PAIRS) {
            Long in = number(m.getHeader(pair[0]));
            Long out = number(m.getHeader(pair[1]));
            if (in != null || out != null) {
                u = new Usage(in == null ? 0 : in, out == null ? 0 : out, pair[0]);
                break;
            }
        }
        if (u == null) {
            u = captured != null ? captured : fromJson(outputText);
        }
        if (u == null) {
            return null;
        }
        Long cached = number(m.getHeader(OrchestrateConstants.USAGE_CACHED_INPUT_TOKENS));
        Long written = number(m.getHeader(OrchestrateConstants.USAGE_CACHE_WRITE_INPUT_TOKENS));
        Long reasoning = number(m.getHeader(OrchestrateConstants.USAGE_REASONING_TOKENS));
        return cached == null && written == null && reasoning == null ? u
                : u.withDetails(cached == null ? 0 : cached, written == null ? 0 : written,
                        reasoning == null ? 0 : reasoning);
    }

    private static Usage fromJson(String text) {
        if (text == null || text.length() < 10 || text.charAt(0) != '{' || !text.contains("\"usage\"")) {
            return null;
        }
        try {
            JsonNode usage = MAPPER.readTree(text).path("usage");
            if (!usage.isObject()) {
                return null;
            }
            if (usage.has("prompt_tokens") || usage.has("completion_tokens")) {
                // OpenAI: prompt_tokens already counts the cached ones, completion_tokens the reasoning ones
                return new Usage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(), "usage",
                        usage.path("prompt_tokens_details").path("cached_tokens").asLong(0), 0,
                        usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
            }
            if (usage.has("input_tokens") || usage.has("output_tokens")) {
                // Anthropic: input_tokens is only the uncached part; cache reads and writes come beside it
                long read = usage.path("cache_read_input_tokens").asLong(0);
                long written = usage.path("cache_creation_input_tokens").asLong(0);
                return new Usage(usage.path("input_tokens").asLong() + read + written,
                        usage.path("output_tokens").asLong(), "usage", read, written,
                        usage.path("output_tokens_details").path("reasoning_tokens").asLong(0));
            }
        } catch (Exception e) {
            // not JSON after all: count instead
        }
        return null;
    }

    private static Long number(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.longValue() < 0 ? null : n.longValue();
        }
        try {
            long l = Long.parseLong(v.toString().trim().toLowerCase(Locale.ROOT));
            return l < 0 ? null : l;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
