package io.camelorchestration.component;

import org.apache.camel.spi.Metadata;

/**
 * Headers and exchange properties of the orchestrate component.
 */
public final class OrchestrateConstants {

    @Metadata(description = "True if the step ran through the pipeline, false if bypassed or fell back.",
              javaType = "Boolean")
    public static final String ORCHESTRATED = "CamelOrchestrated";
    @Metadata(description = "The intent used.", javaType = "String")
    public static final String INTENT = "CamelOrchestrationIntent";
    @Metadata(description = "The model the step ran on. Also read by your own delegate routes as the model to call.",
              javaType = "String")
    public static final String MODEL = "CamelOrchestrationModel";
    @Metadata(description = "Input + output tokens of this step.", javaType = "Long")
    public static final String TOKENS_USED = "CamelOrchestrationTokensUsed";
    @Metadata(description = "Tokens removed by compression in this step.", javaType = "Long")
    public static final String TOKENS_SAVED = "CamelOrchestrationTokensSaved";
    @Metadata(description = "Whether compression changed the input of this step.", javaType = "Boolean")
    public static final String COMPRESSION_APPLIED = "CamelOrchestrationCompressionApplied";
    @Metadata(description = "Why the input went as it came although compression would have shortened it: the"
                            + " provider's prompt cache made it cheaper uncompressed (the dollars saved and lost)."
                            + " Absent when compression ran or was not asked for.", javaType = "String")
    public static final String COMPRESSION_SKIPPED = "CamelOrchestrationCompressionSkipped";
    @Metadata(description = "Why the original path was taken, when it was.", javaType = "String")
    public static final String FALLBACK_REASON = "CamelOrchestrationFallbackReason";
    /**
     * Set on a step that ran without a reservation because the budget store was down: the id of the pending
     * settlement its spend waits in (booked when the store is back), or {@code not-kept} when the journal was full.
     */
    public static final String PENDING_SETTLEMENT = "CamelOrchestrationPendingSettlement";
    @Metadata(description = "True when the step was answered from the response cache (the delegate was not called),"
                            + " false when it was looked up and missed; absent when the step is not cached.", javaType = "Boolean")
    public static final String CACHE_HIT = "CamelOrchestrationCacheHit";
    @Metadata(description = "On a cache hit: USD the call avoided would have cost.", javaType = "Double")
    public static final String COST_SAVED = "CamelOrchestrationCostSaved";
    @Metadata(description = "This message's instruction or question: overrides the description for classification"
                            + " and question-aware compression.", javaType = "String")
    public static final String INSTRUCTION = "CamelOrchestrationInstruction";
    @Metadata(description = "The user the audit events name.", javaType = "String")
    public static final String USER_ID = "CamelOrchestrationUserId";
    @Metadata(description = "Output cap for the model, set for delegates that read one.", javaType = "Integer")
    public static final String MAX_OUTPUT_TOKENS = "CamelOrchestrationMaxOutputTokens";
    @Metadata(description = "Input tokens reported by any delegate.", javaType = "Long")
    public static final String USAGE_INPUT_TOKENS = "CamelOrchestrationUsageInputTokens";
    @Metadata(description = "Output tokens reported by any delegate.", javaType = "Long")
    public static final String USAGE_OUTPUT_TOKENS = "CamelOrchestrationUsageOutputTokens";
    @Metadata(description = "Of the reported input tokens, how many the provider read from its prompt cache (billed at the cached price).", javaType = "Long")
    public static final String USAGE_CACHED_INPUT_TOKENS = "CamelOrchestrationUsageCachedInputTokens";
    @Metadata(description = "Of the reported input tokens, how many the provider wrote to its prompt cache (billed at the cache-write price).", javaType = "Long")
    public static final String USAGE_CACHE_WRITE_INPUT_TOKENS = "CamelOrchestrationUsageCacheWriteInputTokens";
    @Metadata(description = "Of the reported output tokens, how many were hidden reasoning (billed as output).", javaType = "Long")
    public static final String USAGE_REASONING_TOKENS = "CamelOrchestrationUsageReasoningTokens";

    /** Exchange property with the workflow totals (a Map). */
    public static final String METRICS_PROPERTY = "CamelOrchestrationMetrics";
    /** Exchange property holding the workflow execution (internal). */
    static final String WORKFLOW_PROPERTY = "CamelOrchestrationWorkflow";
    /** The usage capture of the step now calling its delegate: the model's listener reports to it on any thread. */
    static final String USAGE_CAPTURE_PROPERTY = "CamelOrchestrationUsageCapture";

    /** camel-openai's per-message model header. */
    public static final String OPENAI_MODEL = "CamelOpenAIModel";
    public static final String OPENAI_PROMPT_TOKENS = "CamelOpenAIPromptTokens";
    public static final String OPENAI_COMPLETION_TOKENS = "CamelOpenAICompletionTokens";
    public static final String LANGCHAIN4J_INPUT_TOKENS = "CamelLangChain4jChatInputTokenCount";
    public static final String LANGCHAIN4J_OUTPUT_TOKENS = "CamelLangChain4jChatOutputTokenCount";

    private OrchestrateConstants() {
    }
}
