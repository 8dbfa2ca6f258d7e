package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import io.camelorchestration.classify.Classification;
import io.camelorchestration.classify.IntentClassifier;
import io.camelorchestration.classify.KeywordIntentClassifier;
import io.camelorchestration.classify.StepDescription;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * An {@code intent=auto} step is classified when its route starts; its messages pay nothing for it, and a message's
 * instruction is classified once per distinct text.
 */
class ClassifiedAtStartUpTest extends OrchestrateTestSupport {

    private final AtomicInteger classifications = new AtomicInteger();

    {
        llm.answers("{\"ok\":true}");
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setCompressionEnabled(true);
        KeywordIntentClassifier keywords = new KeywordIntentClassifier();
        orchestrate.setClassifier(new IntentClassifier() {
            @Override
            public Classification classify(StepDescription step) {
                classifications.incrementAndGet();
                return keywords.classify(step);
            }

            @Override
            public boolean readsBodyShapeOnly() {
                return true;
            }
        });
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:fields").to("orchestrate:inbox?delegate=direct:llm"
                        + "&description=Pull the invoice number and total out of the e-mail");
            }
        };
    }

    @Test
    void messagesOfAFixedDescriptionAreNotClassifiedAgain() {
        int atStart = classifications.get();

        for (int i = 0; i < 50; i++) {
            int n = i;
            Exchange out = template.request("direct:fields", e -> e.getMessage().setBody("Invoice INV-" + n + " EUR 10"));
            assertThat(out.getMessage().getHeader(OrchestrateConstants.INTENT)).isEqualTo("extract");
        }

        assertThat(atStart).isPositive();
        assertThat(classifications.get()).isEqualTo(atStart);
    }

    @Test
    void anInstructionIsClassifiedOncePerText() {
        int atStart = classifications.get();

        for (int i = 0; i < 20; i++) {
            Exchange out = template.request("direct:fields", e -> {
                e.getMessage().setBody("Dear team, the parcel arrived broken. Regards, Ann");
                e.getMessage().setHeader(OrchestrateConstants.INSTRUCTION, "Summarize the e-mail in one sentence");
            });
            assertThat(out.getMessage().getHeader(OrchestrateConstants.INTENT)).isEqualTo("summarize");
        }

        assertThat(classifications.get() - atStart).isEqualTo(1);
    }
}
