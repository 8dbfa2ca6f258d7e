package io.camelorchestration.example;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.component.OrchestrateEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * The example's own books, kept apart from the component's so that the two can be compared: every model call is
 * booked, with the usage the provider reported, to the orchestrated step that made it (known from Camel's
 * sending/sent events around the {@code orchestrate:} endpoint; the chat call runs on the same thread). It works the
 * same with orchestration off, when the component keeps no figures at all.
 */
public final class StepLedger extends EventNotifierSupport {

    private final ThreadLocal<String> currentStep = new ThreadLocal<>();
    private volatile Map<String, StepTally> steps = Collections.synchronizedMap(new LinkedHashMap<>());

    /** A listener for the chat model bean that the catalog names {@code model}: it prices the calls at its rates. */
    public ChatModelListener listenerFor(ModelInfo model) {
        return new ChatModelListener() {
            @Override
            public void onResponse(ChatModelResponseContext ctx) {
                String step = currentStep.get();
                TokenUsage u = ctx.chatResponse().tokenUsage();
                if (step == null || u == null) {
                    return;
                }
                long in = u.inputTokenCount() == null ? 0 : u.inputTokenCount();
                long out = u.outputTokenCount() == null ? 0 : u.outputTokenCount();
                tally(step).add(model.name(), in, out, model.cost(in, out));
            }
        };
    }

    /** Closes the books of a run and opens new ones. */
    Map<String, StepTally> closeRun() {
        Map<String, StepTally> closed = steps;
        steps = Collections.synchronizedMap(new LinkedHashMap<>());
        return closed;
    }

    private StepTally tally(String step) {
        return steps.computeIfAbsent(step, s -> new StepTally());
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeSendingEvent || event instanceof CamelEvent.ExchangeSentEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeSendingEvent e && e.getEndpoint() instanceof OrchestrateEndpoint oe) {
            currentStep.set(oe.getStepId());
            tally(oe.getStepId());
        } else if (event instanceof CamelEvent.ExchangeSentEvent e && e.getEndpoint() instanceof OrchestrateEndpoint) {
            currentStep.remove();
        }
    }
}
