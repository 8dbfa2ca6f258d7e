package io.camelorchestration.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The component's JSON mappers, configured once here (a configured {@link ObjectMapper} is thread-safe and costly to
 * build): one for what the component reads and writes itself, one for JSON it rewrites on a user's behalf.
 */
public final class Json {

    /** Audit events, journals, cached answers, usage in responses, catalogs, output checks. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /**
     * For JSON the component rewrites and passes on (an OpenAI-style request body it compresses): numbers keep
     * every digit, so {@code 0.1000} or a 20-digit id leave as they came.
     */
    public static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Json() {
    }
}
