package io.camelorchestration.component;

import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of one orchestrated step. Shared by component (defaults) and endpoint, copied per endpoint. Options of a
 * closed set of values are Java enums, written as their lower-case ids ({@code intent=summarize}); where an option also
 * takes {@code auto}, auto is "not set" ({@code null}): the intent is classified, the compression is the intent's.
 * {@link CheckedConfigurer} converts the ids and names the allowed values when one is wrong.
 */
@UriParams
public class OrchestrateConfiguration implements Cloneable {

    @UriParam
    @Metadata(required = true, description = "URI of the wrapped step: direct:summarize, or an LLM component URI such as langchain4j-chat:triage with its options, wrapped in RAW() when it has its own query string.")
    private String delegate;
    @UriParam(defaultValue = "auto",
              enums = "auto,extract,summarize,generate,validate,send,transform,conditional,aggregate,filter,enrich",
              description = "What the step does; auto classifies it from the step id, description, delegate and message.")
    private Intent intent;
    @UriParam(description = "Free text about the step, used by auto classification and question-aware compression.")
    private String description;
    @UriParam(description = "Tokens this step may use per invocation, input and output together. Default: the intent's default.")
    private Integer budgetTokens;
    @UriParam(description = "Output cap passed to the model where the delegate supports it. Default: the intent's default.")
    private Integer maxOutputTokens;
    @UriParam(defaultValue = "auto", enums = "auto,off,light,aggressive",
              description = "auto (the intent's policy), off, light or aggressive.")
    private CompressionLevel compression;
    @UriParam(defaultValue = "auto", enums = "auto,off",
              description = "auto (the intent's tier and the input's complexity) or off.")
    private RoutingMode routing = RoutingMode.AUTO;
    @UriParam(description = "Pin this step to a model of the catalog; no routing.")
    private String model;
    @UriParam(description = "The models steps may be routed to: catalog names separated by commas, each optionally"
                            + " name=tier (small, medium or large), e.g. gpt-4o-mini=small,gpt-4o=large. Set: only these"
                            + " and the step's own model are candidates, reasoning models included. Not set: the catalog's"
                            + " models whose tier the shipped tier table knows, less deprecated, fine-tuned, special-purpose"
                            + " (audio, realtime, search, ...), dated-snapshot and reasoning models. See docs/intents.md.")
    private String routingModels;
    @UriParam(defaultValue = "degrade", enums = "degrade,fallback,fail",
              description = "When a hard budget would break: degrade (compress harder, cheapest capable model, lower"
                            + " output cap), fallback (call the delegate unoptimised) or fail (throw BudgetExceededException).")
    private OnBudgetExceeded onBudgetExceeded = OnBudgetExceeded.DEGRADE;
    @UriParam(description = "Simple expression naming the cumulative budget this step draws on, e.g. ${header.tenant}.")
    private String budgetKey;
    @UriParam(defaultValue = "1000000",
              description = "Largest input the pipeline reads, in characters of text (bytes of a byte array or stream body)."
                            + " A larger one goes to the delegate as it came, unoptimised, with a fallback reason that says"
                            + " so; its tokens are estimated from a sample. Bounds the memory a step uses whatever the body.")
    private int maxInputSize = 1_000_000;
    @UriParam(defaultValue = "off", enums = "off,exact",
              description = "Response cache of this step: off, or exact (an identical request, same model, prompt after"
                            + " compression, intent, output cap, request parameters, delegate and budget key, is answered"
                            + " from the cache without calling the delegate). Needs cache-enabled on the component. See docs/caching.md.")
    private CacheMode cache = CacheMode.OFF;
    @UriParam(defaultValue = "false",
              description = "Also cache the answers of a generate step (new text, where a fresh answer may be wanted each time)."
                            + " Off: generate steps are never cached.")
    private boolean cacheGenerate;
    @UriParam(description = "Further headers, comma-separated, that your delegate reads and that change its answer: they"
                            + " become part of the cache key.")
    private String cacheKeyHeaders;

    public String getDelegate() {
        return delegate;
    }

    public void setDelegate(String delegate) {
        this.delegate = delegate;
    }

    /** The declared intent; null: auto (classified). */
    public Intent getIntent() {
        return intent;
    }

    public void setIntent(Intent intent) {
        this.intent = intent;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Integer getBudgetTokens() {
        return budgetTokens;
    }

    public void setBudgetTokens(Integer budgetTokens) {
        this.budgetTokens = budgetTokens;
    }

    public Integer getMaxOutputTokens() {
        return maxOutputTokens;
    }

    public void setMaxOutputTokens(Integer maxOutputTokens) {
        this.maxOutputTokens = maxOutputTokens;
    }

    /** The step's compression level; null: auto (the intent's policy). */
    public CompressionLevel getCompression() {
        return compression;
    }

    public void setCompression(CompressionLevel compression) {
        this.compression = compression;
    }

    public RoutingMode getRouting() {
        return routing;
    }

    public void setRouting(RoutingMode routing) {
        this.routing = routing;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public OnBudgetExceeded getOnBudgetExceeded() {
        return onBudgetExceeded;
    }

    public void setOnBudgetExceeded(OnBudgetExceeded onBudgetExceeded) {
        this.onBudgetExceeded = onBudgetExceeded;
    }

    public String getBudgetKey() {
        return budgetKey;
    }

    public void setBudgetKey(String budgetKey) {
        this.budgetKey = budgetKey;
    }

    public int getMaxInputSize() {
        return maxInputSize;
    }

    public void setMaxInputSize(int maxInputSize) {
        this.maxInputSize = maxInputSize;
    }

    public CacheMode getCache() {
        return cache;
    }

    public void setCache(CacheMode cache) {
        this.cache = cache;
    }

    public boolean isCacheGenerate() {
        return cacheGenerate;
    }

    public void setCacheGenerate(boolean cacheGenerate) {
        this.cacheGenerate = cacheGenerate;
    }

    public String getCacheKeyHeaders() {
        return cacheKeyHeaders;
    }

    public void setCacheKeyHeaders(String cacheKeyHeaders) {
        this.cacheKeyHeaders = cacheKeyHeaders;
    }

    public String getRoutingModels() {
        return routingModels;
    }

    public void setRoutingModels(String routingModels) {
        this.routingModels = routingModels;
    }

    public OrchestrateConfiguration copy() {
        try {
            return (OrchestrateConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
