package io.camelorchestration.component;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.camelorchestration.component.testing.FakeLlm;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A wrong option stops the route from starting, with a message that names the option, the value and what is
 * allowed; never an error at the first message.
 */
// Not on OrchestrateTestSupport: a test starts (and fails to start) several contexts of its own, one per wrong option.
class OrchestrateStartupErrorTest {

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private String startupError(String uri) {
        return startupError(uri, c -> { });
    }

    /** Starts a route with the endpoint; returns the whole cause chain's messages. */
    private String startupError(String uri, Consumer<OrchestrateComponent> options) {
        return startupError(uri, options, Map.of());
    }

    /**
     * The same, with component options also bound by name through the component's configurer, as camel-main and the
     * Spring Boot starter bind {@code camel.component.orchestrate.*}: a text value as the user wrote it.
     */
    private String startupError(String uri, Map<String, Object> componentOptions) {
        return startupError(uri, c -> { }, componentOptions);
    }

    private String startupError(String uri, Consumer<OrchestrateComponent> options, Map<String, Object> componentOptions) {
        Throwable t = catchThrowable(() -> {
            context = new DefaultCamelContext();
            OrchestrateComponent orchestrate = new OrchestrateComponent();
            orchestrate.setEnabled(true);
            options.accept(orchestrate);
            context.addComponent("orchestrate", orchestrate);
            if (!componentOptions.isEmpty()) {
                PropertyBindingSupport.setPropertiesOnTarget(context, orchestrate, new HashMap<>(componentOptions));
            }
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").routeId("in").to(uri);
                    }
            });
            context.addRoutes(new FakeLlm());
            context.start();
        });
        assertThat(t).as("start-up must fail for " + uri).isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            messages.append(c.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void aValidEndpointStarts() throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("orchestrate:answer?delegate=direct:llm&intent=generate&budgetTokens=100");
            }
        });
        context.addRoutes(new FakeLlm());
        context.start();
        assertThat(context.createProducerTemplate().requestBody("direct:in", "hi", String.class)).isEqualTo("ok");
    }

    @Test
    void unknownIntent() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm&intent=summarise"))
                .contains("option 'intent' of endpoint orchestrate:s").contains("'summarise'")
                .contains("allowed values: auto, extract, summarize, generate, validate, send, transform, conditional,"
                          + " aggregate, filter, enrich");
    }

    @Test
    void negativeBudgetTokens() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm&budgetTokens=-5"))
                .contains("'budgetTokens'").contains("-5").contains(">= 0");
    }

    @Test
    void missingDelegate() {
        assertThat(startupError("orchestrate:s?intent=generate"))
                .contains("'delegate'").contains("URI of the wrapped step");
    }

    @Test
    void unknownModel() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm&model=gpt-17-ultra"))
                .contains("'model'").contains("gpt-17-ultra").contains("gpt-4o");
    }

    @Test
    void badCompression() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm&compression=extreme"))
                .contains("option 'compression' of endpoint orchestrate:s").contains("'extreme'")
                .contains("allowed values: auto, off, light, aggressive");
    }

    @Test
    void badRouting() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm&routing=sometimes"))
                .contains("option 'routing' of endpoint orchestrate:s").contains("'sometimes'")
                .contains("allowed values: auto, off");
    }

    @Test
    void badOnBudgetExceeded() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm&onBudgetExceeded=panic"))
                .contains("option 'onBudgetExceeded' of endpoint orchestrate:s").contains("'panic'")
                .contains("allowed values: degrade, fallback, fail");
    }

    @Test
    void badCache() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm&cache=semantic"))
                .contains("option 'cache' of endpoint orchestrate:s").contains("'semantic'")
                .contains("allowed values: off, exact");
    }

    @Test
    void badCacheStore() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm", Map.of("cacheStore", "redis")))
                .contains("option 'camel.component.orchestrate.cache-store'").contains("'redis'")
                .contains("allowed values: local, jcache");
    }

    @Test
    void aBadEndpointDefaultOnTheComponentNamesTheComponentOption() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm", Map.of("intent", "summarise")))
                .contains("option 'camel.component.orchestrate.intent'").contains("'summarise'")
                .contains("allowed values: auto, extract, summarize");
        assertThat(startupError("orchestrate:s?delegate=direct:llm", Map.of("compression", "max")))
                .contains("option 'camel.component.orchestrate.compression'").contains("'max'")
                .contains("allowed values: auto, off, light, aggressive");
    }

    @Test
    void badBudgetsRule() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm", c -> c.setBudgets("acme-*=lots of tokens")))
                .contains("budgets").contains("acme-*=lots of tokens")
                .contains("<key-glob>=<limit> <tokens|usd>/<minute|hour|day|month> [hard|soft]");
        assertThat(startupError("orchestrate:s?delegate=direct:llm", c -> c.setBudgets("acme-*=100 tokens/week hard")))
                .contains("budgets").contains("week").contains("minute, hour, day, month");
        assertThat(startupError("orchestrate:s?delegate=direct:llm", c -> c.setBudgets("a".repeat(200) + "*=100 tokens/day")))
                .contains("budgets").contains("longer than 128 characters");
    }

    @Test
    void badLedger() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm", Map.of("ledger", "redis")))
                .contains("option 'camel.component.orchestrate.ledger'").contains("'redis'")
                .contains("allowed values: memory, jdbc");
    }

    @Test
    void jdbcLedgerWithoutADataSource() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm", c -> c.setLedger(LedgerType.JDBC)))
                .contains("ledger=jdbc").contains("DataSource");
    }

    @Test
    void badBudgetStorePolicy() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm", Map.of("onBudgetStoreUnavailable", "sometimes")))
                .contains("option 'camel.component.orchestrate.on-budget-store-unavailable'").contains("'sometimes'")
                .contains("allowed values: closed, open");
    }

    @Test
    void unknownDefaultModel() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm", c -> c.setDefaultModel("gpt-17-ultra")))
                .contains("default-model").contains("gpt-17-ultra").contains("gpt-4o");
    }

    @Test
    void budgetTokensThatIsNoNumber() {
        // Camel alone reads "abc" as a duration of 0 ms for an integer option, and the step would start with 0 tokens
        assertThat(startupError("orchestrate:s?delegate=direct:llm&budgetTokens=abc"))
                .contains("'budgetTokens' of endpoint orchestrate:s").contains("'abc'").contains("a whole number of tokens");
        assertThat(startupError("orchestrate:s?delegate=direct:llm&maxOutputTokens=1.5"))
                .contains("'maxOutputTokens' of endpoint orchestrate:s").contains("'1.5'").contains("a whole number of tokens");
        assertThat(startupError("orchestrate:s?delegate=direct:llm&budgetTokens=99999999999"))
                .contains("'budgetTokens'").contains("up to " + Integer.MAX_VALUE);
    }

    @Test
    void emptyStepId() {
        assertThat(startupError("orchestrate:?delegate=direct:llm"))
                .contains("the step id is empty").contains("orchestrate:summarize");
    }

    @Test
    void delegateOfAComponentThatIsNotThere() {
        assertThat(startupError("orchestrate:s?delegate=RAW(openai-chat:gpt?model=gpt-4o)"))
                .contains("option 'delegate' of endpoint orchestrate:s").contains("openai-chat:gpt")
                .contains("component is on the classpath");
    }

    @Test
    void budgetsWithoutARule() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm", c -> c.setBudgets(";;")))
                .contains("camel.component.orchestrate.budgets").contains("empty budget rule").contains("';;'");
        assertThat(startupError("orchestrate:s?delegate=direct:llm", c -> c.setBudgets("a=10 tokens/day;;b=5 usd/month")))
                .contains("empty budget rule (rule 2");
    }

    @Test
    void oneSemicolonAfterTheLastRuleIsFine() throws Exception {
        context = new DefaultCamelContext();
        OrchestrateComponent orchestrate = new OrchestrateComponent();
        orchestrate.setEnabled(true);
        orchestrate.setBudgets("a=10 tokens/day; b=5 usd/month;");
        context.addComponent("orchestrate", orchestrate);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:in").to("orchestrate:s?delegate=direct:llm");
            }
        });
        context.addRoutes(new FakeLlm());
        context.start();
        assertThat(context.createProducerTemplate().requestBody("direct:in", "hi", String.class)).isEqualTo("ok");
    }

    @Test
    void auditUriOfAComponentThatIsNotThere() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm", c -> c.setAuditUri("kafak:audit")))
                .contains("camel.component.orchestrate.audit-uri").contains("kafak:audit")
                .contains("component is on the classpath");
    }

    @Test
    void maxInputSizeMustBePositive() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm&maxInputSize=0"))
                .contains("'maxInputSize'").contains("> 0");
        assertThat(startupError("orchestrate:s?delegate=direct:llm&maxInputSize=1MB"))
                .contains("'maxInputSize' of endpoint orchestrate:s").contains("a whole number");
    }

    @Test
    void routingModelsOfAnEndpointNamesTheEndpointsOption() {
        assertThat(startupError("orchestrate:s?delegate=direct:llm&routingModels=gpt-4o-mini,gpt-4o=huge"))
                .contains("option 'routingModels' of endpoint orchestrate:s").contains("unknown tier 'huge'")
                .contains("small, medium, large");
        assertThat(startupError("orchestrate:s?delegate=direct:llm&routingModels=claude-sonet-4-5"))
                .contains("option 'routingModels' of endpoint orchestrate:s").contains("claude-sonet-4-5")
                .contains("not in the model catalog").contains("claude-sonnet-4-5");
    }
}
