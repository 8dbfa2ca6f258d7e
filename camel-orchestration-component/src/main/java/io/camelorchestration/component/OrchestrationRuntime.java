package io.camelorchestration.component;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelorchestration.audit.AuditAction;
import io.camelorchestration.audit.AuditEvent;
import io.camelorchestration.audit.AuditSink;
import io.camelorchestration.audit.StepAuditTrail;
import io.camelorchestration.audit.jdbc.JdbcAuditSink;
import io.camelorchestration.budget.BudgetLedger;
import io.camelorchestration.budget.CumulativeBudgets;
import io.camelorchestration.budget.InMemoryBudgetLedger;
import io.camelorchestration.budget.PendingSettlements;
import io.camelorchestration.budget.jdbc.JdbcBudgetLedger;
import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelCatalogLoader;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.ModelTiers;
import io.camelorchestration.classify.HandlerRegistry;
import io.camelorchestration.classify.IntentHandler;
import io.camelorchestration.engine.Orchestrator;
import io.camelorchestration.engine.OrchestratorConfig;
import io.camelorchestration.engine.Totals;
import io.camelorchestration.internal.Journal;
import io.camelorchestration.route.RoutingCandidates;
import io.camelorchestration.route.RoutingPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component's shared services, built once from its options: catalog, handlers, planner, budgets, meters and
 * audit. Every option error names the option.
 */
final class OrchestrationRuntime extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(OrchestrationRuntime.class);
    /** The listener that reports a langchain4j model's usage can only be there with langchain4j. */
    private static final boolean LANGCHAIN4J = present("dev.langchain4j.model.chat.listener.ChatModelListener");

    private final ModelCatalog catalog;
    /** The routing candidates of each distinct routing-models value: the component's, and endpoints' own. */
    private final Map<String, RoutingCandidates> candidates = new java.util.concurrent.ConcurrentHashMap<>();
    private final ModelInfo defaultModel;
    private final Orchestrator orchestrator;
    private final CumulativeBudgets budgets;
    private final OrchestrationMeters meters;
    private final AuditPublisher audit;
    private ResponseCaching cache;
    /** Where a step goes on after a reservation the store answered later (created when there is such a store). */
    private volatile java.util.concurrent.ExecutorService budgetContinuation;
    private final JdbcAuditSink jdbcAudit;
    /** Null when the component started disabled: then nothing is counted, and nothing is loaded in advance. */
    private TokenizerWarmUp tokenizers;
    private ModelCallBinding modelCalls;
    /** Built here from the options (not the user's bean): stopped with the component. */
    private final boolean ownsLedger;

    private final OrchestrateComponent component;

    private OrchestrationRuntime(OrchestrateComponent component, ModelCatalog catalog, ModelInfo defaultModel,
            Orchestrator orchestrator, CumulativeBudgets budgets, boolean ownsLedger, OrchestrationMeters meters,
            AuditPublisher audit, JdbcAuditSink jdbcAudit) {
        this.component = component;
        this.jdbcAudit = jdbcAudit;
        this.ownsLedger = ownsLedger;
        this.catalog = catalog;
        this.defaultModel = defaultModel;
        this.orchestrator = orchestrator;
        this.budgets = budgets;
        this.meters = meters;
        this.audit = audit;
    }

    /** Builds the services from the component's options, read and checked once by {@link RuntimeOptions#of}. */
    static OrchestrationRuntime create(OrchestrateComponent c, RuntimeOptions o) {
        CamelContext ctx = c.getCamelContext();
        ModelCatalog catalog = loadCatalog(ctx, o.models());
        ModelInfo defaultModel = null;
        if (o.defaultModel() != null) {
            defaultModel = catalog.find(o.defaultModel()).orElseThrow(() -> new IllegalArgumentException(
                    "Invalid value '" + o.defaultModel() + "' for option 'camel.component.orchestrate.default-model';"
                            + " allowed values: " + String.join(", ", catalog.names())));
        }
        RuntimeOptions.Budget b = o.budget();
        BudgetLedger ledger = b.ledger() != null ? b.ledger()
                : b.ledgerType() == LedgerType.JDBC ? new JdbcBudgetLedger(b.dataSource()) : new InMemoryBudgetLedger();
        CumulativeBudgets budgets = new CumulativeBudgets(b.rules(), ledger, Clock.systemUTC(), b.onStoreUnavailable());
        if (!b.rules().isEmpty() && !(ledger instanceof InMemoryBudgetLedger)) {
            // a store that hangs costs a step at most this, then the store policy applies at once
            budgets.reserveTimeout(b.reserveTimeout());
        }
        RoutingCandidates candidates = candidates(catalog, o.routingModels(),
                "option 'camel.component.orchestrate.routing-models'");
        List<IntentHandler> overrides = new ArrayList<>(ctx.getRegistry().findByType(IntentHandler.class));
        Orchestrator orchestrator = Orchestrator.of(OrchestratorConfig.builder()
                .classifier(o.classifier())
                .handlers(HandlerRegistry.withOverrides(overrides))
                .compressor(o.compressor())
                .routing(o.routingPolicy() != null ? o.routingPolicy().withCandidates(candidates)
                        : RoutingPolicy.standard(candidates))
                .budgets(budgets)
                .build());
        MeterRegistry registry = o.meterRegistry();
        OrchestrationMeters meters = registry == null ? OrchestrationMeters.NONE : new OrchestrationMeters(registry);
        ResponseCaching caching = ResponseCaching.create(ctx, c, o.cache(), registry);
        List<AuditSink> sinks = new ArrayList<>(2);
        if (o.audit().uri() != null) {
            sinks.add(new EndpointAuditSink(ctx, auditEndpoint(ctx, o.audit().uri())));
        }
        if (o.audit().sink() != null) {
            sinks.add(o.audit().sink());
        }
        JdbcAuditSink jdbcAudit = null;
        if (o.audit().dataSource() != null) {
            jdbcAudit = new JdbcAuditSink(o.audit().dataSource());
            sinks.add(jdbcAudit);
        }
        Path journals = o.journal().directory();
        long journalMaxBytes = o.journal().maxBytes();
        AuditPublisher audit = new AuditPublisher(ctx, sinks, meters);
        if (jdbcAudit != null) {
            // every event on disk before it is acknowledged: a crash loses none (opened last, like the one below)
            jdbcAudit.spoolTo(Journal.openFree(journals, "audit-" + journalName(ctx.getName()), journalMaxBytes,
                    Integer.MAX_VALUE, (journal, id) -> LOG.warn("Audit journal {} is full ({} bytes): new events are"
                            + " written while the process lives but not kept on disk", journal.file(), journal.maxBytes())));
        }
        if (ledger instanceof JdbcBudgetLedger expiring) {
            meters.settledOnExpiry(expiring);
            expiring.expiryListener((holds, amount) -> {
                if (audit.active()) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("holds", holds);
                    d.put("amount", amount);
                    d.put("settledOnExpiry", true);
                    audit.publish(new AuditEvent(Instant.now(), AuditAction.ORCHESTRATION_BUDGET_SETTLED_ON_EXPIRY,
                            "budget_ledger", JdbcBudgetLedger.RESERVATIONS, null, null, null, "warning", d));
                }
            });
        }
        if (!b.rules().isEmpty() && !(ledger instanceof InMemoryBudgetLedger)) {
            // a ledger that can be down: what steps spend without a reservation waits on disk until it is booked.
            // Opened last, so that no other option's error leaves the journal's file locked
            PendingSettlements pending = PendingSettlements.open(journals, "budget-pending-" + journalName(ctx.getName()),
                    journalMaxBytes, ledger);
            budgets.pending(pending);
            meters.pending(pending);
            pending.listener(new JournalFullReport(audit, pending));
        }
        // what a step's events are for: the component's totals, the meters, the audit trail
        orchestrator.events().subscribe(Totals.into(c.totals()));
        orchestrator.events().subscribe(meters);
        if (audit.active()) {
            StepAuditTrail trail = new StepAuditTrail(event -> {
                try {
                    audit.publish(event);
                } catch (RuntimeException e) {
                    LOG.debug("Audit event not queued", e);
                }
            }, Clock.systemUTC());
            orchestrator.events().subscribe(trail);
        }
        OrchestrationRuntime rt = new OrchestrationRuntime(c, catalog, defaultModel, orchestrator, budgets,
                b.ledger() == null, meters, audit, jdbcAudit);
        rt.cache = caching;
        rt.candidates.put(routingModelsKey(o.routingModels()), candidates);
        return rt;
    }

    /**
     * The models steps may be routed to, from a routing-models value; built once per distinct value.
     *
     * @param option how an error names the option
     */
    static RoutingCandidates candidates(ModelCatalog catalog, String routingModels, String option) {
        RoutingCandidates rc;
        try {
            rc = RoutingCandidates.of(catalog, RoutingCandidates.parse(routingModels), ModelTiers.builtIn(),
                    Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value '" + routingModels + "' for " + option + ": "
                    + e.getMessage(), e);
        }
        if (rc.listed()) {
            rc.excluded().forEach((name, why) -> LOG.warn("Model {} of {} is not routed to: {}", name, option, why));
        }
        return rc;
    }

    /** The candidates of an endpoint's own routingModels (the component's when it has none of its own). */
    RoutingCandidates candidates(String routingModels, String option) {
        String key = routingModelsKey(routingModels);
        RoutingCandidates rc = candidates.get(key);
        if (rc == null) {
            rc = candidates(catalog, routingModels, option);
            RoutingCandidates before = candidates.putIfAbsent(key, rc);
            rc = before != null ? before : rc;
        }
        return rc;
    }

    private static String routingModelsKey(String routingModels) {
        return routingModels == null ? "" : routingModels.trim();
    }

    /** Resolved at start-up, so that a misspelt scheme or a component missing from the classpath stops the start. */
    private static Endpoint auditEndpoint(CamelContext ctx, String uri) {
        try {
            return ctx.getEndpoint(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid value '" + URISupport.sanitizeUri(uri)
                    + "' for option 'camel.component.orchestrate.audit-uri': " + e.getMessage()
                    + "; allowed values: the URI of an endpoint whose component is on the classpath, e.g. log:audit,"
                    + " seda:audit, kafka:audit or jms:queue:audit", e);
        }
    }

    /** The context's name as a file name: stable over restarts, so a restarted instance finds what it left. */
    private static String journalName(String contextName) {
        String n = contextName == null ? "camel" : contextName.replaceAll("[^A-Za-z0-9._-]", "_");
        return n.length() > 64 ? n.substring(0, 64) : n;
    }

    private static ModelCatalog loadCatalog(CamelContext ctx, String location) {
        if (location == null || location.isBlank()) {
            return ModelCatalogLoader.builtIn();
        }
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(ctx, location.trim())) {
            return ModelCatalogLoader.load(in, location);
        } catch (Exception e) {
            throw new IllegalArgumentException("Invalid value '" + location + "' for option 'camel.component.orchestrate.models': "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected void doStart() throws Exception {
        if (LANGCHAIN4J) {
            modelCalls = new ModelCallBinding();
            CamelContext ctx = component.getCamelContext();
            ctx.getManagementStrategy().addEventNotifier(modelCalls);
            // Camel skips creating exchange events when no notifier was there at start-up
            ctx.getCamelContextExtension().setEventNotificationApplicable(true);
            modelCalls.start();
        }
        if (component.isEnabled()) {
            tokenizers = TokenizerWarmUp.start(component.getCamelContext(), component, catalog.models());
        }
        if (jdbcAudit != null) {
            jdbcAudit.start();
        }
        audit.start();
        if (budgets.answersLater()) {
            budgetContinuation = component.getCamelContext().getExecutorServiceManager()
                    .newCachedThreadPool(component, "OrchestrateBudgetContinue");
        }
        if (budgets.ledger() instanceof JdbcBudgetLedger jdbc && !budgets.isEmpty()) {
            // swept at start-up and on a timer, probed while down: the ledger's state follows the store. After the
            // audit publisher, so that holds settled on expiry at start-up are reported
            jdbc.start();
        }
        if (budgets.pending() != null) {
            // books what waits, what a dead predecessor left in the journal as well
            budgets.pending().start();
        }
    }

    @Override
    protected void doStop() throws Exception {
        cache.stop();
        if (budgetContinuation != null) {
            // the routes have stopped: the steps that were waiting for a reservation have gone on
            component.getCamelContext().getExecutorServiceManager().shutdownGraceful(budgetContinuation, 10_000);
            budgetContinuation = null;
        }
        if (modelCalls != null) {
            component.getCamelContext().getManagementStrategy().removeEventNotifier(modelCalls);
            modelCalls.stop();
            modelCalls = null;
        }
        // the routes have stopped, so no step settles any more: what the ledger writes behind is written now
        BudgetLedger ledger = budgets.ledger();
        try {
            if (ownsLedger && ledger instanceof AutoCloseable closeable) {
                closeable.close();
            } else {
                ledger.flush();
            }
        } catch (RuntimeException e) {
            LOG.warn("Budget settlements could not be written while stopping: {}", e.getMessage());
        }
        if (budgets.pending() != null) {
            // what is not booked yet stays in the journal for the next start
            budgets.pending().close();
        }
        budgets.close();
        audit.stop();
        if (jdbcAudit != null) {
            // after the publisher has handed over its queue: the sink then drains its own buffer
            jdbcAudit.close();
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, OrchestrationRuntime.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether the tokenizer encodings of the catalog's models are loaded (see {@link TokenizerWarmUp}). */
    boolean tokenizersReady() {
        TokenizerWarmUp t = tokenizers;
        return t != null && t.ready();
    }

    /** The built-in JDBC audit trail, when audit-jdbc is on. */
    JdbcAuditSink jdbcAudit() {
        return jdbcAudit;
    }

    ModelCatalog catalog() {
        return catalog;
    }

    ModelInfo defaultModel() {
        return defaultModel;
    }

    Orchestrator orchestrator() {
        return orchestrator;
    }

    CumulativeBudgets budgets() {
        return budgets;
    }

    /**
     * Where a step goes on after a reservation the store answered later: Camel's threads, not the store's (they are
     * few, and the rest of the step, the delegate's route included, can take long).
     */
    java.util.concurrent.Executor budgetContinuation() {
        java.util.concurrent.Executor e = budgetContinuation;
        return e != null ? e : Runnable::run;
    }

    OrchestrationMeters meters() {
        return meters;
    }

    ResponseCaching cache() {
        return cache;
    }

    AuditPublisher audit() {
        return audit;
    }
}
