package io.camelorchestration.starter.spring;

import javax.sql.DataSource;

import io.camelorchestration.audit.AuditSink;
import io.camelorchestration.budget.BudgetLedger;
import io.camelorchestration.cache.ResponseCache;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.component.OrchestrateComponent;
import io.camelorchestration.compress.Compressor;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Spring Boot auto-configuration (camel-spring-boot): the {@code orchestrate} component as a bean, its options bound
 * from {@code camel.component.orchestrate.*} with relaxed binding through the component's own checks, the
 * application's {@link MeterRegistry} (so the meters show in {@code /actuator/prometheus} with the actuator's common
 * tags) and the application's own classifier, compressor, budget ledger, audit sink, response cache and
 * {@link DataSource} when it defines one; and the {@code orchestrate} health indicator under {@code /actuator/health}.
 *
 * <p>{@code camel.component.orchestrate.enabled} stays the component's master switch (default off), not the on/off of
 * this auto-configuration as it is for Camel's own starters: the component is configured either way, so that a JMX
 * flip runs with the configured catalog and budgets. See {@link OnOrchestrateAutoConfiguration} for what switches it
 * off.
 */
@AutoConfiguration(afterName = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ConditionalOnClass(name = "org.apache.camel.spring.boot.CamelAutoConfiguration")
@ConditionalOnBean(CamelContext.class)
@Conditional(OnOrchestrateAutoConfiguration.class)
public class OrchestrateAutoConfiguration {

    /** The bean name is the scheme: Camel's component resolver looks it up by that name first. */
    @Bean(name = "orchestrate")
    @ConditionalOnMissingBean(OrchestrateComponent.class)
    public OrchestrateComponent orchestrateComponent(CamelContext camelContext, Environment environment,
                                                     ObjectProvider<MeterRegistry> meterRegistry,
                                                     ObjectProvider<IntentClassifier> classifier,
                                                     ObjectProvider<Compressor> compressor,
                                                     ObjectProvider<BudgetLedger> budgetLedger,
                                                     ObjectProvider<AuditSink> auditSink,
                                                     ObjectProvider<ResponseCache> responseCache,
                                                     ObjectProvider<DataSource> dataSource) {
        OrchestrateComponent component = new OrchestrateComponent();
        component.setCamelContext(camelContext);
        // resolves the generated configurer the binding goes through; Camel's later build is then a no-op
        ServiceHelper.buildService(component);
        // the application's beans first (getIfUnique: the @Primary one of several), so an explicit
        // camel.component.orchestrate.<bean option>=#name bound next still wins
        meterRegistry.ifUnique(component::setMeterRegistry);
        classifier.ifUnique(component::setClassifier);
        compressor.ifUnique(component::setCompressor);
        budgetLedger.ifUnique(component::setBudgetLedger);
        auditSink.ifUnique(component::setAuditSink);
        responseCache.ifUnique(component::setResponseCache);
        dataSource.ifUnique(component::setDataSource);
        new ComponentOptionsBinder(ComponentOptions.load()).bind(component, camelContext, environment);
        return component;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnEnabledHealthIndicator("orchestrate")
    static class Health {

        /** Named so that it shows as {@code orchestrate} under {@code /actuator/health}. */
        @Bean(name = "orchestrateHealthIndicator")
        @ConditionalOnMissingBean(name = "orchestrateHealthIndicator")
        OrchestrateHealthIndicator orchestrateHealthIndicator(CamelContext camelContext) {
            return new OrchestrateHealthIndicator(camelContext);
        }
    }
}
