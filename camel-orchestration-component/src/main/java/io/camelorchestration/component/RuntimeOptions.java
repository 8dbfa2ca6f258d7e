package io.camelorchestration.component;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

import io.camelorchestration.audit.AuditSink;
import io.camelorchestration.budget.BudgetLedger;
import io.camelorchestration.budget.BudgetRules;
import io.camelorchestration.budget.BudgetStorePolicy;
import io.camelorchestration.cache.ResponseCache;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.compress.CompressionPipeline;
import io.camelorchestration.compress.Compressor;
import io.camelorchestration.route.RoutingPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.spi.Registry;

/**
 * The component's options as the runtime is built from them: the one place where every component option is read
 * from {@link OrchestrateComponent}, checked and converted to the type the engine takes (rules, policies, durations,
 * paths, the beans the registry supplies), once, when the first {@code orchestrate:} endpoint starts. Grouped as the
 * options are in the catalog ({@code @Metadata(label = ...)}): budget, journal, cache, audit; the rest is common or
 * advanced. Every error names the option as the user writes it ({@code camel.component.orchestrate.<option>}) and
 * what it takes. {@link OrchestrationRuntime} and {@link ResponseCaching} build the services from this, never from
 * the component's getters.
 *
 * <p>Not here: the flags {@code enabled}, {@code compression-enabled}, {@code routing-enabled} and
 * {@code cache-enabled}, read from the component for each message (JMX can flip them), and the endpoint defaults
 * ({@link OrchestrateConfiguration}), which every endpoint checks as its own options. {@code models},
 * {@code default-model} and {@code routing-models} are checked against the catalog when the runtime loads it.
 *
 * @param models the catalog's location; null: the built-in catalog
 * @param defaultModel the model name; null: none
 * @param routingModels the component's routing-models (an endpoint default); null: the catalog's routable models
 * @param classifier the user's classifier, the one a module on the class path offers, or the keyword classifier
 * @param routingPolicy the user's routing policy; null: the built-in one over the candidates
 * @param meterRegistry the bound registry or the only one in the registry; null: no meters
 */
record RuntimeOptions(String models, String defaultModel, long workflowBudgetTokens, String routingModels,
                      IntentClassifier classifier, Compressor compressor, RoutingPolicy routingPolicy,
                      MeterRegistry meterRegistry,
                      Budget budget, Journal journal, Cache cache, Audit audit) {

    static final String PREFIX = OrchestrateComponent.PROPERTY_PREFIX;

    /**
     * Cumulative budgets.
     *
     * @param ledger the user's ledger (budget-ledger), or null: the runtime builds {@code ledgerType}'s
     * @param dataSource the jdbc ledger's, when {@code ledgerType} is jdbc and there is no ledger of the user's
     */
    record Budget(BudgetRules rules, LedgerType ledgerType, BudgetLedger ledger, DataSource dataSource,
                  BudgetStorePolicy onStoreUnavailable, Duration reserveTimeout) {
    }

    /** The local journals of what must survive a crash while a store is down. */
    record Journal(Path directory, long maxBytes) {
    }

    /**
     * The response cache.
     *
     * @param store the user's store (response-cache), or null: the runtime builds {@code storeType}'s
     * @param clock the clock entries expire by (a test's own)
     */
    record Cache(Duration ttl, long maxEntries, Duration waitTimeout, CacheStoreType storeType, String name,
                 ResponseCache store, Clock clock) {
    }

    /**
     * Where audit events go.
     *
     * @param uri the audit-uri endpoint, trimmed; null: none
     * @param dataSource the JDBC audit trail's; null: no JDBC audit trail (audit-jdbc=false)
     */
    record Audit(String uri, AuditSink sink, DataSource dataSource) {
    }

    /** Reads, checks and converts the component's options. */
    static RuntimeOptions of(OrchestrateComponent c) {
        Registry registry = c.getCamelContext().getRegistry();
        if (c.getWorkflowBudgetTokens() < 0) {
            throw invalid("workflow-budget-tokens", c.getWorkflowBudgetTokens(), "0 (none) or a positive number of tokens");
        }
        return new RuntimeOptions(blankToNull(c.getModels()), blankToNull(c.getDefaultModel()), c.getWorkflowBudgetTokens(),
                c.getConfiguration().getRoutingModels(),
                ClassifierDiscovery.classifier(c.getClassifier(), c.isClassifierDiscovery(), c.getCamelContext()),
                c.getCompressor() != null ? c.getCompressor() : CompressionPipeline.defaults(),
                c.getRoutingPolicy(),
                c.getMeterRegistry() != null ? c.getMeterRegistry() : registry.findSingleByType(MeterRegistry.class),
                budget(c, registry), journal(c), cache(c), audit(c, registry));
    }

    private static Budget budget(OrchestrateComponent c, Registry registry) {
        BudgetRules rules;
        try {
            rules = BudgetRules.parse(c.getBudgets());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid value for option '" + PREFIX + "budgets': " + e.getMessage(), e);
        }
        LedgerType type = c.getLedger() == null ? LedgerType.MEMORY : c.getLedger();
        DataSource ds = c.getBudgetLedger() == null && type == LedgerType.JDBC ? dataSource(c, registry, "ledger=jdbc") : null;
        if (c.getBudgetReserveTimeout() < 0) {
            throw invalid("budget-reserve-timeout", c.getBudgetReserveTimeout(), "0 (no bound) or a positive duration, e.g. 50ms");
        }
        return new Budget(rules, type, c.getBudgetLedger(), ds,
                c.getOnBudgetStoreUnavailable() == null ? BudgetStorePolicy.CLOSED : c.getOnBudgetStoreUnavailable(),
                Duration.ofMillis(c.getBudgetReserveTimeout()));
    }

    private static Journal journal(OrchestrateComponent c) {
        if (c.getJournalMaxBytes() <= 0) {
            throw invalid("journal-max-bytes", c.getJournalMaxBytes(), "a positive number of bytes");
        }
        String dir = c.getJournalDirectory();
        Path directory;
        if (dir == null || dir.isBlank()) {
            directory = Path.of(System.getProperty("java.io.tmpdir"), "camel-orchestration");
        } else {
            try {
                directory = Path.of(dir.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Invalid value '" + dir + "' for option '" + PREFIX + "journal-directory';"
                        + " allowed values: a directory path", e);
            }
        }
        return new Journal(directory, c.getJournalMaxBytes());
    }

    private static Cache cache(OrchestrateComponent c) {
        if (c.getCacheTtl() <= 0) {
            throw invalid("cache-ttl", c.getCacheTtl(), "a positive duration, e.g. 1h, 30m or 600000 (milliseconds)");
        }
        if (c.getCacheMaxEntries() <= 0) {
            throw invalid("cache-max-entries", c.getCacheMaxEntries(), "a positive number of entries");
        }
        if (c.getCacheWaitTimeout() < 0) {
            throw invalid("cache-wait-timeout", c.getCacheWaitTimeout(), "a duration >= 0, e.g. 30s");
        }
        return new Cache(Duration.ofMillis(c.getCacheTtl()), c.getCacheMaxEntries(), Duration.ofMillis(c.getCacheWaitTimeout()),
                c.getCacheStore() == null ? CacheStoreType.LOCAL : c.getCacheStore(), c.getCacheName(), c.getResponseCache(),
                c.cacheClock());
    }

    private static Audit audit(OrchestrateComponent c, Registry registry) {
        return new Audit(blankToNull(c.getAuditUri()), c.getAuditSink(),
                c.isAuditJdbc() ? dataSource(c, registry, "audit-jdbc") : null);
    }

    private static DataSource dataSource(OrchestrateComponent c, Registry registry, String option) {
        DataSource ds = c.getDataSource() != null ? c.getDataSource() : registry.findSingleByType(DataSource.class);
        if (ds == null) {
            throw new IllegalArgumentException("Option '" + PREFIX + option + "' needs a DataSource, but none is"
                    + " set (" + PREFIX + "data-source) or bound, alone, in the registry");
        }
        return ds;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static IllegalArgumentException invalid(String option, Object value, String allowed) {
        return new IllegalArgumentException("Invalid value '" + value + "' for option '" + PREFIX + option
                + "'; allowed values: " + allowed);
    }
}
