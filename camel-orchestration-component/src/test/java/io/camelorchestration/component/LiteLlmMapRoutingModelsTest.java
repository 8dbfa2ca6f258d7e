package io.camelorchestration.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.camelorchestration.classify.Intent;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's real map and {@code default-model=gpt-4o} as in {@link LiteLlmMapRoutingTest}, with the user's own list
 * of models to route to, {@code routing-models=gpt-4o-mini,gpt-4o}: only those two are used.
 */
class LiteLlmMapRoutingModelsTest extends LiteLlmMapRoutingTest {

    @Override
    protected void configure(OrchestrateComponent orchestrate) {
        super.configure(orchestrate);
        orchestrate.getConfiguration().setRoutingModels("gpt-4o-mini,gpt-4o");
    }

    @Override
    @Test
    void everyIntentRunsOnACurrentChatModelOfItsTierAndNoCallIsWasted() {
        Map<Intent, String> routed = new LinkedHashMap<>();
        for (Intent intent : ANSWERS.keySet()) {
            routed.put(intent, routedModel(intent));
        }

        assertThat(routed.get(Intent.SUMMARIZE)).isEqualTo("gpt-4o-mini");
        assertThat(routed.get(Intent.GENERATE)).isEqualTo("gpt-4o");
        assertThat(routed.values()).allMatch(m -> m.equals("gpt-4o-mini") || m.equals("gpt-4o"));
        assertThat(calls()).extracting(c -> c[1]).allMatch(m -> m.equals("gpt-4o-mini") || m.equals("gpt-4o"));
        assertThat(calls()).hasSize(ANSWERS.size());
    }

    @Override
    @Test
    void aGenerateStepOverItsBudgetIsDegradedWithinTheLargeTier() {
        Exchange out = run("tight");

        assertThat(stepsOverBudget("tight")).isEqualTo(1);
        assertThat(out.getMessage().getHeader(OrchestrateConstants.MODEL, String.class)).isEqualTo("gpt-4o");
        assertThat(calls()).extracting(c -> c[1]).containsExactly("gpt-4o");
    }
}
