package io.camelorchestration.component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import io.camelorchestration.audit.AuditSink;
import io.camelorchestration.budget.BudgetLedger;
import io.camelorchestration.budget.BudgetStorePolicy;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.compress.Compressor;
import io.camelorchestration.route.RoutingPolicy;
import io.camelorchestration.settle.UsageTotals;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Endpoint;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.StringHelper;

/**
 * The {@code orchestrate:} component. Every flag is off by default: adding the component changes nothing until
 * {@code camel.component.orchestrate.enabled=true}. The flags can be flipped at runtime through this component's
 * MBean; the next exchange sees the new value.
 */
@Component("orchestrate")
@ManagedResource(description = "LLM step orchestration: flags and totals")
public class OrchestrateComponent extends DefaultComponent {

    static final String PROPERTY_PREFIX = "camel.component.orchestrate.";

    @Metadata(defaultValue = "false", description = "Master switch. Off: the delegate is called directly and nothing else runs.")
    private volatile boolean enabled;
    @Metadata(defaultValue = "false", description = "Allow compression of step inputs.")
    private volatile boolean compressionEnabled;
    @Metadata(defaultValue = "false", description = "Allow routing of steps to cheaper models.")
    private volatile boolean routingEnabled;
    @Metadata(description = "The model the delegates use when not routed (for cost and for fallback).")
    private String defaultModel;
    @Metadata(description = "Model catalog resource (classpath:, file: or http:), in this project's format or LiteLLM's"
                            + " model_prices_and_context_window.json. Default: the built-in catalog.",
              supportFileReference = true)
    private String models;
    // ---- budget: per exchange and cumulative, where budgets live, what a store outage does
    @Metadata(label = "budget", defaultValue = "0",
              description = "Token budget per exchange, shared by all orchestrated steps of it. 0: none.")
    private long workflowBudgetTokens;
    @Metadata(label = "budget", defaultValue = "memory", enums = "memory,jdbc",
              description = "Where cumulative budgets live: memory, or jdbc with a DataSource.")
    private LedgerType ledger = LedgerType.MEMORY;
    // no angle or square brackets, stars or pluses here: the descriptor generator strips them
    @Metadata(label = "budget",
              description = "Cumulative budget rules separated by ';', each KEY=LIMIT UNIT/WINDOW, optionally then hard or soft, where KEY is a"
                            + " budget key or a glob with a star, UNIT is tokens or usd, WINDOW is minute, hour, day or month, hard"
                            + " the default; e.g. tenant-a=200000 tokens/day hard; tenant-b=5 usd/month soft. See docs/budgets.md.")
    private String budgets;
    @Metadata(label = "budget", defaultValue = "closed", enums = "closed,open",
              description = "What a hard cumulative budget does while the budget store is unreachable: closed (the step is"
                            + " treated as over budget and handled by its onBudgetExceeded) or open (the step goes down the"
                            + " original path). Either way a step that runs without a reservation keeps its spend in a local journal"
                            + " and it is booked when the store is back. Soft budgets never stop a step.")
    private BudgetStorePolicy onBudgetStoreUnavailable = BudgetStorePolicy.CLOSED;
    @Metadata(label = "budget", defaultValue = "50",
              description = "Longest a step's budget reservation (and reading what a budget has spent) from a ledger that"
                            + " can be slow or down, e.g. jdbc, may take. The exchange's thread does not wait for it: the step"
                            + " goes on, on Camel's threads, when the store answers; past this bound it follows"
                            + " on-budget-store-unavailable at once. A number of milliseconds or a duration such as 50ms."
                            + " 0: no bound, the reservation is made on the exchange's thread. The memory ledger is always"
                            + " asked on the exchange's thread (it never waits).")
    private long budgetReserveTimeout = 50;
    // ---- journal: what must survive a crash while a store is down
    @Metadata(label = "journal",
              description = "Directory of the local journals (H2 MVStore files) that keep, on disk, what must survive a crash"
                            + " while a store is down: the spend of steps that ran without a budget reservation until"
                            + " the ledger books it, and the JDBC audit trail's events until they are in the table. Default:"
                            + " camel-orchestration under java.io.tmpdir.")
    private String journalDirectory;
    @Metadata(label = "journal", defaultValue = "67108864",
              description = "Bound, in bytes, of each journal. When the pending-settlement journal is full, a step's unbooked"
                            + " spend is not kept (reported: health DOWN, a meter, an audit event); when the audit journal is"
                            + " full, events are written but not kept on disk. Nothing ever waits for room.")
    private long journalMaxBytes = 64L * 1024 * 1024;
    // ---- audit: where the events go
    @Metadata(label = "audit",
              description = "Endpoint that receives every audit event as JSON (log:, seda:, sql:, kafka:, ...).")
    private String auditUri;
    @Metadata(label = "audit", defaultValue = "false",
              description = "Also write every audit event to the table audit_trail of the DataSource (at least once, buffered"
                            + " and retried while the database is down, spooled to a local journal first so a crash loses none)."
                            + " The table is created when missing.")
    private boolean auditJdbc;
    // ---- cache: the response cache
    @Metadata(label = "cache", defaultValue = "false",
              description = "Allow the response cache: steps with cache=exact answer identical requests from it. Can be"
                            + " flipped on the component MBean. See docs/caching.md.")
    private volatile boolean cacheEnabled;
    @Metadata(label = "cache", defaultValue = "3600000",
              description = "How long a cached answer is served, in milliseconds or as a duration such as 1h or 30m.")
    private long cacheTtl = 3_600_000L;
    @Metadata(label = "cache", defaultValue = "10000",
              description = "Most answers the local store keeps (least valuable evicted first).")
    private long cacheMaxEntries = 10_000;
    @Metadata(label = "cache", defaultValue = "30000",
              description = "How long an identical request waits for the answer of the one call in flight, in milliseconds"
                            + " or as a duration such as 30s; then it calls the delegate itself.")
    private long cacheWaitTimeout = 30_000L;
    @Metadata(label = "cache", defaultValue = "local", enums = "local,jcache",
              description = "Where cached answers live: local (Caffeine, in this JVM) or jcache (a JSR-107 cache of the"
                            + " provider on the class path, e.g. a Hazelcast, Infinispan or Ehcache cluster, shared by instances; the only"
                            + " javax.cache.CacheManager bean when there is one, else the provider's default manager).")
    private CacheStoreType cacheStore = CacheStoreType.LOCAL;
    @Metadata(label = "cache", defaultValue = "camel-orchestration-responses",
              description = "Name of the JCache cache of cache-store=jcache (created with cache-ttl expiry when missing).")
    private String cacheName = "camel-orchestration-responses";
    // ---- advanced: beans of your own (else looked up in the registry)
    @Metadata(label = "advanced", autowired = true,
              description = "Your own response cache store (overrides cache-store).")
    private io.camelorchestration.cache.ResponseCache responseCache;
    @Metadata(label = "advanced", description = "The DataSource of the jdbc ledger and of the JDBC audit trail."
                                                + " Default: the only DataSource in the registry.")
    private DataSource dataSource;
    @Metadata(label = "advanced", autowired = true, description = "Your own intent classifier.")
    private IntentClassifier classifier;
    @Metadata(label = "advanced", defaultValue = "true",
              description = "Without a classifier of your own, use the one a module on the class path offers"
                            + " (camel-orchestration-embeddings: intent=auto by meaning). false: the keyword classifier.")
    private boolean classifierDiscovery = true;
    @Metadata(label = "advanced", autowired = true, description = "Your own compressor.")
    private Compressor compressor;
    @Metadata(label = "advanced", autowired = true,
              description = "Your own routing policy: which model each step runs on, the model of a step over budget,"
                            + " and when a routed answer is re-run on the original model. It is given the routing"
                            + " candidates (routing-models, or the catalog's) at start-up through withCandidates."
                            + " Default: the built-in policy (the intent's tier, raised when complex, the cheapest"
                            + " reachable candidate).")
    private RoutingPolicy routingPolicy;
    @Metadata(label = "advanced", autowired = true, description = "Your own budget ledger (overrides ledger).")
    private BudgetLedger budgetLedger;
    @Metadata(label = "advanced", autowired = true, description = "Your own audit sink (in addition to auditUri).")
    private AuditSink auditSink;
    @Metadata(label = "advanced", autowired = true,
              description = "The Micrometer registry for the meters. Default: the only MeterRegistry in the registry; none, no meters.")
    private MeterRegistry meterRegistry;
    @Metadata(description = "Defaults for the endpoints' options.")
    private OrchestrateConfiguration configuration = new OrchestrateConfiguration();

    private final UsageTotals totals = new UsageTotals();
    /** The clock of cache expiry; a test's own (see {@link #useCacheClock}). */
    private java.time.Clock cacheClock = java.time.Clock.systemUTC();
    private volatile OrchestrationRuntime runtime;
    private PropertyConfigurer checkedComponentConfigurer;
    private PropertyConfigurer checkedEndpointConfigurer;
    private Map<String, Object> skippedByCamelMain;

    public OrchestrateComponent() {
    }

    /**
     * camel-main consumes {@code camel.component.<name>.enabled} itself (as "configure this component or not") and
     * never passes it on, and with {@code enabled=false} it skips every other option of the component too. The
     * master switch is ours, so read it here; when it is off, bind the other options as well, so that a flip to
     * on through JMX runs with the configured catalog, models and budgets rather than with defaults.
     */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        PropertiesComponent pc = getCamelContext().getPropertiesComponent();
        Optional<String> flag = pc.resolveProperty(PROPERTY_PREFIX + "enabled");
        if (flag.isPresent()) {
            String text = flag.get().trim();
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("Invalid value '" + flag.get() + "' for option '" + PROPERTY_PREFIX
                        + "enabled'; allowed values: true, false");
            }
            boolean on = Boolean.parseBoolean(text);
            if (!on) {
                // bound with the runtime, after the endpoints have been created with their own options
                skippedByCamelMain = pc.loadPropertiesAsMap(k -> k.startsWith(PROPERTY_PREFIX));
            }
            setEnabled(on);
        }
    }

    /** The options camel-main did not bind because the switch was off (see {@link #doInit()}). */
    private void bindOptionsSkippedByCamelMain(Map<String, Object> properties) {
        Map<String, Object> others = new LinkedHashMap<>();
        // entrySet, not forEach: Camel's ordered properties keep their entries outside Properties' own table
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            String option = e.getKey().substring(PROPERTY_PREFIX.length());
            if (!option.equals("enabled")) {
                others.put(StringHelper.dashToCamelCase(option), e.getValue());
            }
        }
        if (!others.isEmpty()) {
            PropertyBindingSupport.build().withCamelContext(getCamelContext()).withTarget(this)
                    .withConfigurer(getComponentPropertyConfigurer()).withProperties(others).withRemoveParameters(false).withIgnoreCase(true).bind();
        }
    }

    /**
     * The generated configurer behind a strict check of numbers and flags (see {@link CheckedConfigurer}); null, like
     * Camel's, until the component has resolved its own.
     */
    @Override
    public synchronized PropertyConfigurer getComponentPropertyConfigurer() {
        if (checkedComponentConfigurer == null) {
            checkedComponentConfigurer = CheckedConfigurer.forComponent(super.getComponentPropertyConfigurer());
        }
        return checkedComponentConfigurer;
    }

    @Override
    public synchronized PropertyConfigurer getEndpointPropertyConfigurer() {
        if (checkedEndpointConfigurer == null) {
            checkedEndpointConfigurer = CheckedConfigurer.forEndpoint(super.getEndpointPropertyConfigurer());
        }
        return checkedEndpointConfigurer;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        OrchestrateConfiguration config = configuration.copy();
        OrchestrateEndpoint endpoint = new OrchestrateEndpoint(uri, this, config);
        endpoint.setStepId(remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The shared services, built once on first use, after property binding. */
    OrchestrationRuntime runtime() {
        OrchestrationRuntime r = runtime;
        if (r == null) {
            synchronized (this) {
                r = runtime;
                if (r == null) {
                    if (skippedByCamelMain != null) {
                        bindOptionsSkippedByCamelMain(skippedByCamelMain);
                        skippedByCamelMain = null;
                    }
                    r = OrchestrationRuntime.create(this, RuntimeOptions.of(this));
                    ServiceHelper.startService(r);
                    runtime = r;
                }
            }
        }
        return r;
    }

    @Override
    protected void doStop() throws Exception {
        OrchestrationRuntime r = runtime;
        runtime = null;
        ServiceHelper.stopService(r);
        super.doStop();
    }

    /** For tests: cache entries expire by this clock (set before the first route starts). */
    void useCacheClock(java.time.Clock clock) {
        this.cacheClock = clock;
    }

    /** Requests now waiting for an identical call in flight (for tests and the console). */
    int runtimeCacheWaiting() {
        OrchestrationRuntime r = runtime;
        return r == null ? 0 : r.cache().service().waiting();
    }

    java.time.Clock cacheClock() {
        return cacheClock;
    }

    UsageTotals totals() {
        return totals;
    }

    // ---- runtime flags, read per message, writable through JMX

    @ManagedAttribute(description = "Master switch")
    public boolean isEnabled() {
        return enabled;
    }

    @ManagedAttribute(description = "Master switch")
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @ManagedAttribute(description = "Compression allowed")
    public boolean isCompressionEnabled() {
        return compressionEnabled;
    }

    @ManagedAttribute(description = "Compression allowed")
    public void setCompressionEnabled(boolean compressionEnabled) {
        this.compressionEnabled = compressionEnabled;
    }

    @ManagedAttribute(description = "Model routing allowed")
    public boolean isRoutingEnabled() {
        return routingEnabled;
    }

    @ManagedAttribute(description = "Model routing allowed")
    public void setRoutingEnabled(boolean routingEnabled) {
        this.routingEnabled = routingEnabled;
    }

    @ManagedAttribute(description = "Response cache allowed")
    public boolean isCacheEnabled() {
        return cacheEnabled;
    }

    @ManagedAttribute(description = "Response cache allowed")
    public void setCacheEnabled(boolean cacheEnabled) {
        this.cacheEnabled = cacheEnabled;
    }

    // ---- totals

    @ManagedAttribute(description = "Steps answered from the response cache")
    public long getCacheHits() {
        OrchestrationRuntime r = runtime;
        return r == null ? 0 : r.cache().service().hits();
    }

    @ManagedAttribute(description = "Cached steps that missed and called the delegate")
    public long getCacheMisses() {
        OrchestrationRuntime r = runtime;
        return r == null ? 0 : r.cache().service().misses();
    }

    @ManagedAttribute(description = "Answers stored in the response cache")
    public long getCacheStores() {
        OrchestrationRuntime r = runtime;
        return r == null ? 0 : r.cache().service().stores();
    }

    @ManagedAttribute(description = "Corrupt response cache entries dropped")
    public long getCacheCorruptEntries() {
        OrchestrationRuntime r = runtime;
        return r == null ? 0 : r.cache().service().corrupt();
    }

    @ManagedAttribute(description = "Response cache store failures (each a miss or an answer not kept)")
    public long getCacheStoreErrors() {
        OrchestrationRuntime r = runtime;
        return r == null ? 0 : r.cache().service().storeErrors();
    }

    @ManagedAttribute(description = "Input + output tokens of all orchestrated steps")
    public long getTotalTokensUsed() {
        return totals.tokensUsed();
    }

    @ManagedAttribute(description = "Tokens removed by compression")
    public long getTotalTokensSaved() {
        return totals.tokensSaved();
    }

    @ManagedAttribute(description = "Cost in USD")
    public double getTotalCost() {
        return totals.cost();
    }

    @ManagedAttribute(description = "Cost saved in USD by compression and routing")
    public double getTotalCostSaved() {
        return totals.costSaved();
    }

    @ManagedAttribute(description = "Tokens saved over tokens that would have been used, in percent")
    public double getSavingsPercent() {
        return totals.savingsPercent();
    }

    @ManagedAttribute(description = "Steps that ran through the pipeline")
    public long getStepsOrchestrated() {
        return totals.stepsOrchestrated();
    }

    @ManagedAttribute(description = "Steps that fell back to the original path")
    public long getStepsFallenBack() {
        return totals.stepsFallenBack();
    }

    @ManagedAttribute(description = "Audit events that could not be delivered")
    public long getAuditFailures() {
        OrchestrationRuntime r = runtime;
        return r == null ? 0 : r.audit().failures();
    }

    @ManagedAttribute(description = "Audit events delivered to the sinks")
    public long getAuditDelivered() {
        OrchestrationRuntime r = runtime;
        return r == null ? 0 : r.audit().delivered();
    }

    /** True while an audit sink's latest delivery failed, or events were dropped (read by the health check). */
    public boolean auditLastDeliveryFailed() {
        OrchestrationRuntime r = runtime;
        return r != null && r.audit().lastDeliveryFailed();
    }

    /** True when audit events go somewhere (audit-uri or an AuditSink bean); false also before the first step started. */
    public boolean auditActive() {
        OrchestrationRuntime r = runtime;
        return r != null && r.audit().active();
    }

    /** Whether the tokenizer encodings of the catalog's models have been loaded since start-up, for the health check. */
    public boolean tokenizersReady() {
        OrchestrationRuntime r = runtime;
        return r != null && r.tokenizersReady();
    }

    /**
     * The budget store in use (the bound ledger, or the one the ledger option built), for the health check; null until
     * the first orchestrate: endpoint has started, so asking never builds the runtime before the options are bound.
     */
    public BudgetLedger activeBudgetLedger() {
        OrchestrationRuntime r = runtime;
        return r == null ? null : r.budgets().ledger();
    }

    // ---- configuration

    @ManagedAttribute(description = "The model the delegates use when not routed")
    public String getDefaultModel() {
        return defaultModel;
    }

    public void setDefaultModel(String defaultModel) {
        this.defaultModel = defaultModel;
    }

    public String getModels() {
        return models;
    }

    public void setModels(String models) {
        this.models = models;
    }

    @ManagedAttribute(description = "Token budget per exchange; 0: none")
    public long getWorkflowBudgetTokens() {
        return workflowBudgetTokens;
    }

    public void setWorkflowBudgetTokens(long workflowBudgetTokens) {
        this.workflowBudgetTokens = workflowBudgetTokens;
    }

    public String getAuditUri() {
        return auditUri;
    }

    public void setAuditUri(String auditUri) {
        this.auditUri = auditUri;
    }

    public LedgerType getLedger() {
        return ledger;
    }

    public void setLedger(LedgerType ledger) {
        this.ledger = ledger;
    }

    public String getBudgets() {
        return budgets;
    }

    public void setBudgets(String budgets) {
        this.budgets = budgets;
    }

    public long getBudgetReserveTimeout() {
        return budgetReserveTimeout;
    }

    public void setBudgetReserveTimeout(long budgetReserveTimeout) {
        this.budgetReserveTimeout = budgetReserveTimeout;
    }

    public String getJournalDirectory() {
        return journalDirectory;
    }

    public void setJournalDirectory(String journalDirectory) {
        this.journalDirectory = journalDirectory;
    }

    public long getJournalMaxBytes() {
        return journalMaxBytes;
    }

    public void setJournalMaxBytes(long journalMaxBytes) {
        this.journalMaxBytes = journalMaxBytes;
    }

    /** The spend of steps that ran unbooked, waiting for the ledger (for the health check); null when none is kept. */
    public io.camelorchestration.budget.PendingSettlements pendingSettlements() {
        OrchestrationRuntime r = runtime;
        return r == null ? null : r.budgets().pending();
    }

    public BudgetStorePolicy getOnBudgetStoreUnavailable() {
        return onBudgetStoreUnavailable;
    }

    public void setOnBudgetStoreUnavailable(BudgetStorePolicy onBudgetStoreUnavailable) {
        this.onBudgetStoreUnavailable = onBudgetStoreUnavailable;
    }

    public boolean isAuditJdbc() {
        return auditJdbc;
    }

    public void setAuditJdbc(boolean auditJdbc) {
        this.auditJdbc = auditJdbc;
    }

    public long getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(long cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    public long getCacheMaxEntries() {
        return cacheMaxEntries;
    }

    public void setCacheMaxEntries(long cacheMaxEntries) {
        this.cacheMaxEntries = cacheMaxEntries;
    }

    public long getCacheWaitTimeout() {
        return cacheWaitTimeout;
    }

    public void setCacheWaitTimeout(long cacheWaitTimeout) {
        this.cacheWaitTimeout = cacheWaitTimeout;
    }

    public CacheStoreType getCacheStore() {
        return cacheStore;
    }

    public void setCacheStore(CacheStoreType cacheStore) {
        this.cacheStore = cacheStore;
    }

    public String getCacheName() {
        return cacheName;
    }

    public void setCacheName(String cacheName) {
        this.cacheName = cacheName;
    }

    public io.camelorchestration.cache.ResponseCache getResponseCache() {
        return responseCache;
    }

    public void setResponseCache(io.camelorchestration.cache.ResponseCache responseCache) {
        this.responseCache = responseCache;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public IntentClassifier getClassifier() {
        return classifier;
    }

    public void setClassifier(IntentClassifier classifier) {
        this.classifier = classifier;
    }

    public boolean isClassifierDiscovery() {
        return classifierDiscovery;
    }

    public void setClassifierDiscovery(boolean classifierDiscovery) {
        this.classifierDiscovery = classifierDiscovery;
    }

    public RoutingPolicy getRoutingPolicy() {
        return routingPolicy;
    }

    public void setRoutingPolicy(RoutingPolicy routingPolicy) {
        this.routingPolicy = routingPolicy;
    }

    public Compressor getCompressor() {
        return compressor;
    }

    public void setCompressor(Compressor compressor) {
        this.compressor = compressor;
    }

    public BudgetLedger getBudgetLedger() {
        return budgetLedger;
    }

    public void setBudgetLedger(BudgetLedger budgetLedger) {
        this.budgetLedger = budgetLedger;
    }

    public AuditSink getAuditSink() {
        return auditSink;
    }

    public void setAuditSink(AuditSink auditSink) {
        this.auditSink = auditSink;
    }

    public MeterRegistry getMeterRegistry() {
        return meterRegistry;
    }

    public void setMeterRegistry(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    public OrchestrateConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(OrchestrateConfiguration configuration) {
        this.configuration = configuration;
    }
}
