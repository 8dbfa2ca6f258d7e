package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelorchestration.catalog.ModelCatalog;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.catalog.Tier;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.component.testing.FakeLlm;
import io.camelorchestration.component.testing.OrchestrateTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * What a new user gets who drops LiteLLM's real price map in as {@code models}, with {@code default-model=gpt-4o} and
 * routing on: one document per intent, each step's delegate a {@code direct:} route that reports its usage. No step
 * lands on a deprecated, special-purpose, reasoning or older-family model, and {@code generate} keeps a large model.
 */
class LiteLlmMapRoutingTest extends OrchestrateTestSupport {

    static final String MAP = "classpath:catalog/litellm/model_prices_and_context_window.json";
    /** About 6,000 characters of plain prose: nothing in it asks for a stronger model. */
    static final String DOCUMENT = ("The supplier confirmed the delivery of forty pallets for the twelfth of March, and the"
            + " warehouse in Leeds will receive them at the north gate before noon. The invoice follows by post. ").repeat(32);

    /** The intents that use a model, each with an answer its output check accepts. */
    static final Map<Intent, String> ANSWERS = new LinkedHashMap<>();

    static {
        ANSWERS.put(Intent.EXTRACT, "{\"pallets\":40,\"city\":\"Leeds\"}");
        ANSWERS.put(Intent.SUMMARIZE, "Forty pallets reach Leeds on 12 March.");
        ANSWERS.put(Intent.GENERATE, "Dear customer, your forty pallets arrive on 12 March.");
        ANSWERS.put(Intent.VALIDATE, "valid");
        ANSWERS.put(Intent.TRANSFORM, "{\"delivery\":{\"pallets\":40}}");
        ANSWERS.put(Intent.CONDITIONAL, "yes");
        ANSWERS.put(Intent.AGGREGATE, "One delivery of forty pallets, one invoice.");
        ANSWERS.put(Intent.FILTER, "yes");
        ANSWERS.put(Intent.ENRICH, "Leeds: West Yorkshire, United Kingdom.");
    }

    /** The user's LLM route of each intent's step: it runs on the model it is given and reports what it used. */
    final Map<Intent, FakeLlm> llms = new LinkedHashMap<>();

    {
        for (Intent intent : ANSWERS.keySet()) {
            llms.put(intent, fakeLlm("direct:llm-" + intent.id()).answers(ANSWERS.get(intent)).usage(1_200, 20));
        }
    }

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        orchestrate.setRoutingEnabled(true);
        orchestrate.setModels(MAP);
        orchestrate.setDefaultModel("gpt-4o");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (Intent intent : ANSWERS.keySet()) {
                    from("direct:" + intent.id())
                            .to("orchestrate:" + intent.id() + "?intent=" + intent.id() + "&delegate=direct:llm-" + intent.id());
                }
                // a generate step over its own budget: degraded, but still on a large model
                from("direct:tight").to("orchestrate:tight?intent=generate&budgetTokens=600&onBudgetExceeded=degrade"
                        + "&delegate=direct:llm-generate");
            }
        };
    }

    /** What each delegate call was asked to run on: step, then model (gpt-4o when it was given none). */
    List<String[]> calls() {
        List<String[]> calls = new ArrayList<>();
        llms.forEach((intent, llm) -> llm.received().forEach(
                call -> calls.add(new String[] {intent.id(), call.model() == null ? "gpt-4o" : call.model()})));
        return calls;
    }

    Exchange run(String endpoint) {
        Exchange out = template.request("direct:" + endpoint, x -> x.getMessage().setBody(DOCUMENT));
        assertThat(out.getException()).as(endpoint).isNull();
        return out;
    }

    String routedModel(Intent intent) {
        Exchange out = run(intent.id());
        assertThat(out.getMessage().getHeader(OrchestrateConstants.ORCHESTRATED, Boolean.class))
                .as(intent.id() + ": " + out.getMessage().getHeader(OrchestrateConstants.FALLBACK_REASON)).isTrue();
        return out.getMessage().getHeader(OrchestrateConstants.MODEL, String.class);
    }

    ModelCatalog catalog() {
        return orchestrate().runtime().catalog();
    }

    @Test
    void everyIntentRunsOnACurrentChatModelOfItsTierAndNoCallIsWasted() {
        Map<Intent, String> routed = new LinkedHashMap<>();
        for (Intent intent : ANSWERS.keySet()) {
            routed.put(intent, routedModel(intent));
        }

        Map<Intent, String> expected = new LinkedHashMap<>();
        for (Intent intent : ANSWERS.keySet()) {
            expected.put(intent, switch (intent) {
                // gpt-4.1 is gpt-4o's successor, large tier, at a lower price
                case GENERATE -> "gpt-4.1";
                case AGGREGATE, ENRICH -> "gpt-4.1-mini";
                default -> "gpt-4.1-nano";
            });
        }
        assertThat(routed).isEqualTo(expected);
        for (Map.Entry<Intent, String> r : routed.entrySet()) {
            ModelInfo m = catalog().find(r.getValue()).orElseThrow();
            assertThat(m.reasoning()).as(r.getKey() + " on " + m.name()).isFalse();
            assertThat(m.deprecationDate()).as(r.getKey() + " on " + m.name()).isNull();
            assertThat(m.name()).as(r.getKey().id()).doesNotStartWith("gpt-3.5").doesNotContain("audio", "search", "ft:");
        }
        // one call per step: no answer was thrown away and asked again of gpt-4o
        assertThat(calls()).hasSize(ANSWERS.size());
        assertThat(calls()).noneMatch(c -> c[1].equals("gpt-4o"));
    }

    @Test
    void aGenerateStepOverItsBudgetIsDegradedWithinTheLargeTier() {
        Exchange out = run("tight");

        String model = out.getMessage().getHeader(OrchestrateConstants.MODEL, String.class);
        assertThat(stepsOverBudget("tight")).as("the step was over its budget and degraded").isEqualTo(1);
        assertThat(catalog().find(model).orElseThrow().tier()).isEqualTo(Tier.LARGE);
        assertThat(calls()).extracting(c -> c[1]).containsExactly(model);
    }

    long stepsOverBudget(String step) {
        return context.getEndpoints().stream().filter(e -> e instanceof OrchestrateEndpoint o && o.getStepId().equals(step))
                .mapToLong(e -> ((OrchestrateEndpoint) e).getStepsBudgetExceeded()).sum();
    }
}
