package io.camelorchestration.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.camelorchestration.cache.CachedAnswer;
import io.camelorchestration.cache.internal.CacheKey;
import io.camelorchestration.engine.StepDraft;
import org.apache.camel.Message;

/**
 * The response cache seen from a message: the key of the request a step is about to send, the answer its delegate
 * left (body and the headers it set), and that answer put back on a message as if the delegate had just been called.
 */
final class StepCache {

    /** Headers the step itself sets after the call: never part of a stored answer. */
    private static final Set<String> STEP_HEADERS = Set.of(OrchestrateConstants.ORCHESTRATED, OrchestrateConstants.INTENT,
            OrchestrateConstants.MODEL, OrchestrateConstants.TOKENS_USED, OrchestrateConstants.TOKENS_SAVED,
            OrchestrateConstants.COMPRESSION_APPLIED, OrchestrateConstants.COMPRESSION_SKIPPED,
            OrchestrateConstants.FALLBACK_REASON,
            OrchestrateConstants.PENDING_SETTLEMENT, OrchestrateConstants.CACHE_HIT, OrchestrateConstants.COST_SAVED);

    /** Request headers of Camel's LLM components (temperature, response format, tools, prompts...) reach the model. */
    private static final String[] PARAMETER_PREFIXES = { "CamelOpenAI", "CamelLangChain4j" };

    /** Of those, the ones that are not request parameters: usage reports and the model (a part of its own). */
    private static final Set<String> NOT_PARAMETERS = Set.of(OrchestrateConstants.OPENAI_MODEL,
            OrchestrateConstants.OPENAI_PROMPT_TOKENS, OrchestrateConstants.OPENAI_COMPLETION_TOKENS,
            OrchestrateConstants.LANGCHAIN4J_INPUT_TOKENS, OrchestrateConstants.LANGCHAIN4J_OUTPUT_TOKENS);

    private StepCache() {
    }

    /**
     * The key of the request the draft describes, or null when it cannot be keyed exactly: a body that is not text
     * (a stream, a conversation object, anything without a faithful text form) or a request parameter without one.
     *
     * @param body     the body as the step received it
     * @param sentText the prompt as sent, after compression
     */
    static String key(Message msg, Object body, String sentText, StepDraft draft, String delegateUri, String budgetKey,
            List<String> userHeaders) {
        String bodyType;
        if (body instanceof CharSequence) {
            bodyType = "text";
        } else if (body instanceof byte[]) {
            bodyType = "bytes";
        } else {
            return null;
        }
        if (sentText == null) {
            return null;
        }
        Map<String, String> params = new TreeMap<>();
        for (Map.Entry<String, Object> h : msg.getHeaders().entrySet()) {
            String name = h.getKey();
            if (isParameter(name)) {
                String v = text(h.getValue());
                if (v == null && h.getValue() != null) {
                    return null;
                }
                params.put(name, v);
            }
        }
        for (String name : userHeaders) {
            Object value = msg.getHeader(name);
            String v = text(value);
            if (v == null && value != null) {
                return null;
            }
            params.put("user:" + name, v);
        }
        return CacheKey.builder()
                .part("model", draft.model() == null ? null : draft.model().name())
                .part("delegate", delegateUri)
                .part("body", bodyType)
                .part("prompt", sentText)
                .part("intent", draft.classification().intent().id())
                .part("maxOutputTokens", draft.handler().policy().usesModel() ? draft.maxOutputTokens() : 0)
                .part("instruction", text(msg.getHeader(OrchestrateConstants.INSTRUCTION)))
                .part("params", params)
                .part("scope", budgetKey)
                .build();
    }

    private static boolean isParameter(String name) {
        if (NOT_PARAMETERS.contains(name)) {
            return false;
        }
        for (String p : PARAMETER_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** A value's text when it has a faithful one, else null. */
    private static String text(Object v) {
        if (v instanceof CharSequence || v instanceof Number || v instanceof Boolean || v instanceof Character
                || v instanceof Enum<?>) {
            return v.toString();
        }
        return null;
    }

    /**
     * What the delegate left: its body and the headers it set, changed or removed (compared to {@code sent}, the
     * headers as the call began). Null when it cannot be kept as it is: a body other than text or bytes, an empty
     * answer, a header value without a faithful stored form.
     */
    static CachedAnswer answer(Message msg, Map<String, Object> sent, String model, long in, long out, double cost,
            long storedAt, long expiresAt) {
        Object body = msg.getBody();
        String text = null;
        byte[] bytes = null;
        if (body instanceof CharSequence cs) {
            text = cs.toString();
            if (text.isBlank()) {
                return null;
            }
        } else if (body instanceof byte[] b) {
            if (b.length == 0) {
                return null;
            }
            bytes = b.clone();
        } else {
            return null;
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> h : msg.getHeaders().entrySet()) {
            String name = h.getKey();
            Object value = h.getValue();
            if (STEP_HEADERS.contains(name) || (sent.containsKey(name) && java.util.Objects.equals(sent.get(name), value))) {
                continue;
            }
            if (value == null) {
                continue;
            }
            if (!CachedAnswer.storable(value)) {
                return null;
            }
            headers.put(name, value);
        }
        List<String> removed = new ArrayList<>();
        for (String name : sent.keySet()) {
            if (!STEP_HEADERS.contains(name) && !msg.getHeaders().containsKey(name)) {
                removed.add(name);
            }
        }
        return new CachedAnswer(text, bytes, headers, removed, model, in, out, cost, storedAt, expiresAt);
    }

    /** Puts a stored answer on the message: the delegate's headers, then its body. */
    static void apply(Message msg, CachedAnswer a) {
        for (String name : a.removedHeaders()) {
            msg.removeHeader(name);
        }
        a.headers().forEach(msg::setHeader);
        msg.setBody(a.body());
    }
}
