package io.camelorchestration.example.springboot;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A wrong value in application.properties stops the application at start, with the property's name: checked while
 * binding (a number, a flag) or when the component starts (a value from a fixed set).
 */
class WrongOptionFailsTheStartTest {

    @Test
    void aValueThatIsNotADurationIsReportedByItsPropertyName() {
        assertThatThrownBy(() -> start("camel.component.orchestrate.budget-reserve-timeout=soon"))
                .hasStackTraceContaining("camel.component.orchestrate.budget-reserve-timeout")
                .hasStackTraceContaining("a duration such as 500ms");
    }

    @Test
    void aLedgerThatDoesNotExistIsReportedByItsPropertyName() {
        assertThatThrownBy(() -> start("camel.component.orchestrate.enabled=true", "camel.component.orchestrate.ledger=paper"))
                .hasStackTraceContaining("camel.component.orchestrate.ledger")
                .hasStackTraceContaining("memory, jdbc");
    }

    private static void start(String... properties) {
        new SpringApplicationBuilder(SpringBootExample.class).web(WebApplicationType.NONE)
                .properties("example.run=false", "camel.main.jmx-enabled=false", "spring.jmx.enabled=false")
                .properties(properties).run().close();
    }
}
