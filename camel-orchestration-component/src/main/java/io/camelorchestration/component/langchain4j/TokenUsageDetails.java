package io.camelorchestration.component.langchain4j;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import dev.langchain4j.model.output.TokenUsage;

/**
 * The billed token types a provider's {@link TokenUsage} subclass carries: {@code OpenAiTokenUsage}'s cached input and
 * reasoning output, {@code AnthropicTokenUsage}'s cache reads and writes. Read by method name because the provider
 * modules are optional on the class path; the lookup is made once per class, not per call.
 *
 * @param inputBeside input tokens the provider reports beside its input count (Anthropic's cache reads and writes)
 */
record TokenUsageDetails(long cachedInput, long cacheWriteInput, long reasoning, long inputBeside) {

    static final TokenUsageDetails NONE = new TokenUsageDetails(0, 0, 0, 0);

    private static final ClassValue<Reader> READERS = new ClassValue<>() {
        @Override
        protected Reader computeValue(Class<?> type) {
            return new Reader(type);
        }
    };

    static TokenUsageDetails of(TokenUsage usage) {
        return usage.getClass() == TokenUsage.class ? NONE : READERS.get(usage.getClass()).read(usage);
    }

    private static final class Reader {
        // OpenAI: inputTokensDetails().cachedTokens(), outputTokensDetails().reasoningTokens()
        private final MethodHandle inputDetails;
        private final MethodHandle cachedTokens;
        private final MethodHandle outputDetails;
        private final MethodHandle reasoningTokens;
        // Anthropic: cacheReadInputTokens(), cacheCreationInputTokens(), both beside inputTokenCount()
        private final MethodHandle cacheRead;
        private final MethodHandle cacheCreation;

        Reader(Class<?> type) {
            inputDetails = accessor(type, "inputTokensDetails");
            cachedTokens = accessor(returnType(type, "inputTokensDetails"), "cachedTokens");
            outputDetails = accessor(type, "outputTokensDetails");
            reasoningTokens = accessor(returnType(type, "outputTokensDetails"), "reasoningTokens");
            cacheRead = accessor(type, "cacheReadInputTokens");
            cacheCreation = accessor(type, "cacheCreationInputTokens");
        }

        TokenUsageDetails read(TokenUsage u) {
            long cached = nested(u, inputDetails, cachedTokens);
            long reasoning = nested(u, outputDetails, reasoningTokens);
            long read = number(invoke(cacheRead, u));
            long written = number(invoke(cacheCreation, u));
            if (read + written > 0) {
                return new TokenUsageDetails(read, written, reasoning, read + written);
            }
            return cached + reasoning == 0 ? NONE : new TokenUsageDetails(cached, 0, reasoning, 0);
        }

        private static long nested(Object u, MethodHandle outer, MethodHandle inner) {
            if (outer == null || inner == null) {
                return 0;
            }
            Object details = invoke(outer, u);
            return details == null ? 0 : number(invoke(inner, details));
        }

        private static Object invoke(MethodHandle h, Object target) {
            if (h == null) {
                return null;
            }
            try {
                return h.invoke(target);
            } catch (Throwable e) {
                // a provider's accessor that throws reports nothing: the step keeps the counts it has
                return null;
            }
        }

        private static long number(Object v) {
            return v instanceof Number n && n.longValue() > 0 ? n.longValue() : 0;
        }

        private static Class<?> returnType(Class<?> type, String name) {
            try {
                return type.getMethod(name).getReturnType();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        private static MethodHandle accessor(Class<?> type, String name) {
            if (type == null || type.isPrimitive()) {
                return null;
            }
            try {
                var m = type.getMethod(name);
                if (m.getParameterCount() != 0 || m.getReturnType() == void.class) {
                    return null;
                }
                return MethodHandles.publicLookup().unreflect(m).asType(MethodType.methodType(Object.class, Object.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
