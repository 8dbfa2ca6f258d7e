package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.check.CheckResult;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import io.camelorchestration.route.RouteRequest;
import io.camelorchestration.route.RoutingCandidates;
import io.camelorchestration.route.RoutingDecision;
import io.camelorchestration.route.RoutingPolicy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/**
 * A routing policy of one's own, bound as a bean: it picks every step's model and decides the cascade, in place of the
 * built-in one, and is handed the routing candidates at start-up.
 */
class UserRoutingPolicyTest extends OrchestrateTestSupport {

    /** Always the cheapest candidate of the small tier, and an answer it gives is kept even when its check fails. */
    static final class SmallAndTrusted implements RoutingPolicy {
        final AtomicReference<RoutingCandidates> given = new AtomicReference<>();

        @Override
        public RoutingDecision route(RouteRequest r) {
            ModelInfo small = given.get().cheapest(io.camelorchestration.catalog.Tier.SMALL, r.inputTokens(),
                    r.maxOutputTokens(), r.reachable()).orElseThrow();
            return new RoutingDecision(small, true, 0, "small and trusted");
        }

        @Override
        public RoutingDecision degrade(RouteRequest r) {
            return route(r);
        }

        @Override
        public boolean rerunOnOriginal(Intent intent, CheckResult check) {
            return false;
        }

        @Override
        public RoutingPolicy withCandidates(RoutingCandidates candidates) {
            given.set(candidates);
            return this;
        }

        @Override
        public RoutingCandidates candidates() {
            return given.get();
        }
    }

    final SmallAndTrusted policy = new SmallAndTrusted();

    {
        // the small model answers with something no summary check accepts
        llm.answers(call -> "gpt-4o".equals(call.model()) ? "Parcel late." : "");
    }

    @Override
    protected void bind(Registry registry) {
        registry.bind("smallAndTrusted", policy);
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setRoutingEnabled(true);
        orchestrate.setDefaultModel("gpt-4o");
        orchestrate.getConfiguration().setRoutingModels("gpt-4o-mini,gpt-4o");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:summarize").to("orchestrate:summarizeTicket?intent=summarize&delegate=direct:llm");
            }
        };
    }

    @Test
    void theBoundPolicyPicksTheModelAndKeepsItsAnswer() {
        Exchange out = template.request("direct:summarize", e -> e.getMessage().setBody(
                "Hello, my parcel 4471 was due on Monday and has still not arrived. Please find it. Regards, Anna"));

        assertThat(policy.candidates().models()).extracting(ModelInfo::name).containsExactly("gpt-4o-mini", "gpt-4o");
        assertThat(llm.received()).extracting(c -> c.model()).containsExactly("gpt-4o-mini");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class)).isTrue();
        assertThat(out.getMessage().getHeader(OrchestrateConstants.MODEL)).isEqualTo("gpt-4o-mini");
        assertThat(out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON)).isNull();
    }
}
