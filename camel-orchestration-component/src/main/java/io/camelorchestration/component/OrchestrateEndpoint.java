package io.camelorchestration.component;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.compress.CompressionLevel;
import io.camelorchestration.engine.OrchestratedStep;
import io.camelorchestration.engine.StepSettings;
import io.camelorchestration.engine.Totals;
import io.camelorchestration.settle.UsageTotals;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Expression;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;

/**
 * Wraps one step of a route (usually an LLM call) and runs it through the orchestration pipeline.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "orchestrate", title = "Orchestrate", syntax = "orchestrate:stepId",
             producerOnly = true, category = { Category.AI }, headersClass = OrchestrateConstants.class)
@ManagedResource(description = "Orchestrated step")
public class OrchestrateEndpoint extends DefaultEndpoint {

    @UriPath(description = "Names the step in metrics, audit and JMX.")
    @Metadata(required = true)
    private String stepId;
    @UriParam
    private OrchestrateConfiguration configuration;

    private final UsageTotals totals = new UsageTotals();
    private StepSettings settings;
    /** The step's classification, decided at start-up; null when the intent is declared. */
    private OrchestratedStep step;
    private Expression budgetKey;
    private AsyncProducer delegate;
    private final Map<String, AsyncProducer> modelDelegates = new ConcurrentHashMap<>();
    private boolean cacheExact;
    private java.util.List<String> cacheKeyHeaders = java.util.List.of();

    public OrchestrateEndpoint(String uri, OrchestrateComponent component, OrchestrateConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public OrchestrateComponent getComponent() {
        return (OrchestrateComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() throws Exception {
        return new OrchestrateProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        throw new UnsupportedOperationException("orchestrate: is a producer only: use it in to(), not from()");
    }

    @Override
    public boolean isRemote() {
        return false;
    }

    /** Every option is parsed and checked here, at route start-up, never at the first message. */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (stepId == null || stepId.isBlank()) {
            throw new IllegalArgumentException("Invalid endpoint '" + URISupport.sanitizeUri(getEndpointUri())
                    + "': the step id is empty; allowed values: a name for the step, as in orchestrate:summarize?delegate=...");
        }
        OrchestrationRuntime rt = getComponent().runtime();
        ModelCatalog catalog = rt.catalog();
        OrchestrateConfiguration c = configuration;
        if (c.getDelegate() == null || c.getDelegate().isBlank()) {
            throw invalid("delegate", c.getDelegate(), "the URI of the wrapped step, e.g. direct:summarize");
        }
        Intent intent = null;
        if (c.getIntent() != null && !"auto".equalsIgnoreCase(c.getIntent().trim())) {
            try {
                intent = Intent.of(c.getIntent());
            } catch (IllegalArgumentException e) {
                throw invalid("intent", c.getIntent(), "auto, " + Intent.allowedValues());
            }
        }
        if (c.getBudgetTokens() != null && c.getBudgetTokens() < 0) {
            throw invalid("budgetTokens", c.getBudgetTokens(), "a number of tokens >= 0");
        }
        if (c.getMaxOutputTokens() != null && c.getMaxOutputTokens() < 0) {
            throw invalid("maxOutputTokens", c.getMaxOutputTokens(), "a number of tokens >= 0");
        }
        if (c.getMaxInputSize() <= 0) {
            throw invalid("maxInputSize", c.getMaxInputSize(), "a number of characters > 0");
        }
        String cache = c.getCache() == null ? "off" : c.getCache().trim().toLowerCase(Locale.ROOT);
        if (!cache.equals("off") && !cache.equals("exact")) {
            throw invalid("cache", c.getCache(), "off, exact");
        }
        cacheExact = cache.equals("exact");
        if (c.getCacheKeyHeaders() != null && !c.getCacheKeyHeaders().isBlank()) {
            cacheKeyHeaders = java.util.Arrays.stream(c.getCacheKeyHeaders().split(",")).map(String::trim)
                    .filter(h -> !h.isEmpty()).distinct().toList();
        }
        CompressionLevel compression = null;
        if (c.getCompression() != null && !"auto".equalsIgnoreCase(c.getCompression().trim())) {
            try {
                compression = CompressionLevel.of(c.getCompression());
            } catch (IllegalArgumentException e) {
                throw invalid("compression", c.getCompression(), "auto, off, light, aggressive");
            }
        }
        String routing = c.getRouting() == null ? "auto" : c.getRouting().trim().toLowerCase(Locale.ROOT);
        if (!routing.equals("auto") && !routing.equals("off")) {
            throw invalid("routing", c.getRouting(), "auto, off");
        }
        ModelInfo pinned = null;
        if (c.getModel() != null && !c.getModel().isBlank()) {
            pinned = catalog.find(c.getModel().trim())
                    .orElseThrow(() -> invalid("model", c.getModel(), String.join(", ", catalog.names())));
        }
        OnBudgetExceeded onExceeded;
        try {
            onExceeded = OnBudgetExceeded.of(c.getOnBudgetExceeded() == null ? "degrade" : c.getOnBudgetExceeded());
        } catch (IllegalArgumentException e) {
            throw invalid("onBudgetExceeded", c.getOnBudgetExceeded(), "degrade, fallback, fail");
        }
        if (c.getBudgetKey() != null && !c.getBudgetKey().isBlank()) {
            try {
                budgetKey = getCamelContext().resolveLanguage("simple").createExpression(c.getBudgetKey());
                budgetKey.init(getCamelContext());
            } catch (RuntimeException e) {
                throw invalid("budgetKey", c.getBudgetKey(), "a Simple expression such as ${header.tenant}: " + e.getMessage());
            }
        }
        ModelInfo defaultModel = rt.defaultModel();
        String delegateUri = unwrapRaw(c.getDelegate());
        // the step's own routingModels; the same value as the component's is the component's candidates
        String componentModels = getComponent().getConfiguration().getRoutingModels();
        boolean own = c.getRoutingModels() != null && !c.getRoutingModels().trim()
                .equals(componentModels == null ? "" : componentModels.trim());
        settings = new StepSettings(stepId,
                new StepDescription(stepId, c.getDescription(), URISupport.sanitizeUri(delegateUri), null, null),
                intent, c.getBudgetTokens(), c.getMaxOutputTokens(), compression, routing.equals("auto"), pinned,
                defaultModel, onExceeded, own ? rt.candidates(c.getRoutingModels(),
                        "option 'routingModels' of endpoint orchestrate:" + stepId) : null);
        String provider = defaultModel == null ? null : defaultModel.provider();
        // A routed model is only useful if something can call it: its own delegate, or the step's delegate when it
        // talks to the same vendor (the model travels in a header or in the request body).
        Predicate<ModelInfo> reachable = m -> m.delegate() != null || provider == null || provider.equals(m.provider());
        // the id, description and delegate do not change between messages: classified here, once
        step = rt.orchestrator().step(settings, reachable);
        step.events().subscribe(Totals.into(totals));
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        delegate = resolve("option 'delegate'", unwrapRaw(configuration.getDelegate())).createAsyncProducer();
        ServiceHelper.startService(delegate);
        for (ModelInfo m : getComponent().runtime().catalog().models()) {
            String uri = m.delegate() == null ? null : modelDelegateUri(m.delegate());
            if (uri != null) {
                AsyncProducer p = resolve("the delegate of model " + m.name() + " in the catalog", uri).createAsyncProducer();
                ServiceHelper.startService(p);
                modelDelegates.put(m.name(), p);
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(delegate);
        ServiceHelper.stopService(modelDelegates.values());
        modelDelegates.clear();
        super.doStop();
    }

    /**
     * A catalog delegate of the form {@code #bean} means: this step's delegate with {@code chatModel=#bean}, the way
     * camel-langchain4j-chat takes its model; null when this step's delegate takes no {@code chatModel} (a file:,
     * http: or direct: step cannot be pointed at a model bean).
     */
    String modelDelegateUri(String modelDelegate) {
        if (!modelDelegate.startsWith("#")) {
            return modelDelegate;
        }
        String base = unwrapRaw(configuration.getDelegate());
        if (base.matches(".*[?&]chatModel=[^&]*.*")) {
            return base.replaceAll("([?&]chatModel=)[^&]*", "$1" + java.util.regex.Matcher.quoteReplacement(modelDelegate));
        }
        return null;
    }

    private Endpoint resolve(String option, String uri) {
        try {
            return getCamelContext().getEndpoint(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid value '" + URISupport.sanitizeUri(uri) + "' for " + option
                    + " of endpoint orchestrate:" + stepId + ": " + e.getMessage()
                    + "; allowed values: the URI of an endpoint whose component is on the classpath", e);
        }
    }

    private static String unwrapRaw(String uri) {
        String u = uri.trim();
        if ((u.startsWith("RAW(") || u.startsWith("RAW{")) && (u.endsWith(")") || u.endsWith("}"))) {
            return u.substring(4, u.length() - 1);
        }
        return u;
    }

    private IllegalArgumentException invalid(String option, Object value, String allowed) {
        return new IllegalArgumentException("Invalid value '" + value + "' for option '" + option + "' of endpoint orchestrate:"
                + stepId + "; allowed values: " + allowed);
    }

    // ---- used by the producer

    /** The step as the engine set it up. */
    OrchestratedStep step() {
        return step;
    }

    StepSettings settings() {
        return settings;
    }

    /** Characters (or bytes) of input above which the step passes the message through unoptimised. */
    int maxInputSize() {
        return configuration.getMaxInputSize();
    }

    /** Whether this step's answers may come from and go to the response cache (cache=exact). */
    boolean cacheExact() {
        return cacheExact;
    }

    /** cacheGenerate: generate steps are cached only when the endpoint says so. */
    boolean cacheGenerate() {
        return configuration.isCacheGenerate();
    }

    /** The user's own headers that change the answer (cacheKeyHeaders). */
    java.util.List<String> cacheKeyHeaders() {
        return cacheKeyHeaders;
    }

    Expression budgetKeyExpression() {
        return budgetKey;
    }

    /** The step's own delegate: the original path. */
    AsyncProducer delegate() {
        return delegate;
    }

    /** The delegate that reaches a model: its own, or the step's (which reads the model from a header or body). */
    AsyncProducer delegateFor(ModelInfo model) {
        if (model != null) {
            AsyncProducer p = modelDelegates.get(model.name());
            if (p != null) {
                return p;
            }
        }
        return delegate;
    }

    UsageTotals totals() {
        return totals;
    }

    // ---- options

    public String getStepId() {
        return stepId;
    }

    public void setStepId(String stepId) {
        this.stepId = stepId;
    }

    public OrchestrateConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(OrchestrateConfiguration configuration) {
        this.configuration = configuration;
    }

    // ---- JMX: this step's figures

    @ManagedAttribute(description = "The step id")
    public String getStep() {
        return stepId;
    }

    @ManagedAttribute(description = "The delegate URI (sanitized)")
    public String getDelegateUri() {
        return URISupport.sanitizeUri(configuration.getDelegate());
    }

    @ManagedAttribute(description = "Declared intent, or auto")
    public String getIntent() {
        return configuration.getIntent();
    }

    @ManagedAttribute(description = "Input + output tokens of this step")
    public long getTotalTokensUsed() {
        return totals.tokensUsed();
    }

    @ManagedAttribute(description = "Tokens removed by compression in this step")
    public long getTotalTokensSaved() {
        return totals.tokensSaved();
    }

    @ManagedAttribute(description = "Cost of this step in USD")
    public double getTotalCost() {
        return totals.cost();
    }

    @ManagedAttribute(description = "Tokens saved in percent")
    public double getSavingsPercent() {
        return totals.savingsPercent();
    }

    @ManagedAttribute(description = "Invocations that ran through the pipeline")
    public long getStepsOrchestrated() {
        return totals.stepsOrchestrated();
    }

    @ManagedAttribute(description = "Invocations that fell back to the original path")
    public long getStepsFallenBack() {
        return totals.stepsFallenBack();
    }

    @ManagedAttribute(description = "Invocations over a hard budget")
    public long getStepsBudgetExceeded() {
        return totals.stepsBudgetExceeded();
    }

    @ManagedAttribute(description = "Invocations whose delegate failed")
    public long getStepsFailed() {
        return totals.stepsFailed();
    }
}
