package io.camelorchestration.component;

import java.util.HashMap;
import java.util.Map;

import io.camelorchestration.budget.BudgetStorePolicy;
import io.camelorchestration.budget.OnBudgetExceeded;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.compress.CompressionLevel;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The options of a closed set of values are enums, written as documented (lower-case ids, any case taken) in endpoint
 * URIs and as component properties; {@code auto} is "not set". The bad values are in {@link OrchestrateStartupErrorTest}.
 */
class EnumOptionsTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private OrchestrateComponent start(Map<String, Object> componentOptions, String... uris) throws Exception {
        context = new DefaultCamelContext();
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        context.addComponent("orchestrate", orchestrate);
        Map<String, Object> options = new HashMap<>(componentOptions);
        options.put("enabled", "true");
        PropertyBindingSupport.setPropertiesOnTarget(context, orchestrate, options);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < uris.length; i++) {
                    from("direct:in" + i).to(uris[i]);
                }
                from("direct:llm").setBody(constant("ok"));
            }
        });
        context.start();
        return orchestrate;
    }

    private OrchestrateConfiguration options(String step) {
        return context.getEndpoints().stream().filter(e -> e instanceof OrchestrateEndpoint o && o.getStepId().equals(step))
                .map(e -> ((OrchestrateEndpoint) e).getConfiguration()).findFirst().orElseThrow();
    }

    private OrchestrateEndpoint endpoint(String step) {
        return context.getEndpoints().stream().filter(e -> e instanceof OrchestrateEndpoint o && o.getStepId().equals(step))
                .map(e -> (OrchestrateEndpoint) e).findFirst().orElseThrow();
    }

    @Test
    void endpointOptionsAsDocumented() throws Exception {
        start(Map.of(),
                "orchestrate:a?delegate=direct:llm&intent=summarize&compression=light&routing=off&cache=exact&onBudgetExceeded=fail",
                "orchestrate:b?delegate=direct:llm&intent=SUMMARIZE&compression=Aggressive&routing=Auto&cache=OFF&onBudgetExceeded=FallBack",
                "orchestrate:c?delegate=direct:llm&intent=auto&compression=auto",
                "orchestrate:d?delegate=direct:llm");

        OrchestrateConfiguration a = options("a");
        assertThat(a.getIntent()).isEqualTo(Intent.SUMMARIZE);
        assertThat(a.getCompression()).isEqualTo(CompressionLevel.LIGHT);
        assertThat(a.getRouting()).isEqualTo(RoutingMode.OFF);
        assertThat(a.getCache()).isEqualTo(CacheMode.EXACT);
        assertThat(a.getOnBudgetExceeded()).isEqualTo(OnBudgetExceeded.FAIL);
        assertThat(endpoint("a").cacheExact()).isTrue();
        assertThat(endpoint("a").getIntent()).as("JMX").isEqualTo("summarize");

        OrchestrateConfiguration b = options("b");
        assertThat(b.getIntent()).isEqualTo(Intent.SUMMARIZE);
        assertThat(b.getCompression()).isEqualTo(CompressionLevel.AGGRESSIVE);
        assertThat(b.getRouting()).isEqualTo(RoutingMode.AUTO);
        assertThat(b.getCache()).isEqualTo(CacheMode.OFF);
        assertThat(b.getOnBudgetExceeded()).isEqualTo(OnBudgetExceeded.FALLBACK);
        assertThat(endpoint("b").cacheExact()).isFalse();

        assertThat(options("c").getIntent()).as("auto: classified").isNull();
        assertThat(options("c").getCompression()).as("auto: the intent's").isNull();
        assertThat(endpoint("c").getIntent()).as("JMX").isEqualTo("auto");

        OrchestrateConfiguration d = options("d");
        assertThat(d.getIntent()).isNull();
        assertThat(d.getCompression()).isNull();
        assertThat(d.getRouting()).isEqualTo(RoutingMode.AUTO);
        assertThat(d.getCache()).isEqualTo(CacheMode.OFF);
        assertThat(d.getOnBudgetExceeded()).isEqualTo(OnBudgetExceeded.DEGRADE);
    }

    @Test
    void endpointDefaultsOnTheComponentAndAutoInTheUriOverridesThem() throws Exception {
        start(Map.of("intent", "extract", "compression", "off", "onBudgetExceeded", "fail", "cache", "exact"),
                "orchestrate:inherits?delegate=direct:llm",
                "orchestrate:own?delegate=direct:llm&intent=auto&compression=auto&onBudgetExceeded=degrade&cache=off");

        OrchestrateConfiguration inherits = options("inherits");
        assertThat(inherits.getIntent()).isEqualTo(Intent.EXTRACT);
        assertThat(inherits.getCompression()).isEqualTo(CompressionLevel.OFF);
        assertThat(inherits.getOnBudgetExceeded()).isEqualTo(OnBudgetExceeded.FAIL);
        assertThat(inherits.getCache()).isEqualTo(CacheMode.EXACT);

        OrchestrateConfiguration own = options("own");
        assertThat(own.getIntent()).isNull();
        assertThat(own.getCompression()).isNull();
        assertThat(own.getOnBudgetExceeded()).isEqualTo(OnBudgetExceeded.DEGRADE);
        assertThat(own.getCache()).isEqualTo(CacheMode.OFF);
    }

    @Test
    void componentOptionsAsDocumented() throws Exception {
        OrchestrateComponent c = start(Map.of("ledger", "memory", "onBudgetStoreUnavailable", "open", "cacheStore", "local"),
                "orchestrate:a?delegate=direct:llm");
        assertThat(c.getLedger()).isEqualTo(LedgerType.MEMORY);
        assertThat(c.getOnBudgetStoreUnavailable()).isEqualTo(BudgetStorePolicy.OPEN);
        assertThat(c.getCacheStore()).isEqualTo(CacheStoreType.LOCAL);
        assertThat(context.createProducerTemplate().requestBody("direct:in0", "hi", String.class)).isEqualTo("ok");
    }

    @Test
    void defaults() {
        OrchestrateComponent c = new OrchestrateComponent();
        assertThat(c.getLedger()).isEqualTo(LedgerType.MEMORY);
        assertThat(c.getOnBudgetStoreUnavailable()).isEqualTo(BudgetStorePolicy.CLOSED);
        assertThat(c.getCacheStore()).isEqualTo(CacheStoreType.LOCAL);
        OrchestrateConfiguration o = c.getConfiguration();
        assertThat(o.getIntent()).isNull();
        assertThat(o.getCompression()).isNull();
        assertThat(o.getRouting()).isEqualTo(RoutingMode.AUTO);
        assertThat(o.getCache()).isEqualTo(CacheMode.OFF);
        assertThat(o.getOnBudgetExceeded()).isEqualTo(OnBudgetExceeded.DEGRADE);
    }
}
