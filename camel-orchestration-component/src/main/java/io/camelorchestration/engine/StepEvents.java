package io.camelorchestration.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where step events go: subscribers are called in the order they subscribed, on the thread that ended the step.
 * A subscriber that throws is not hidden: the step's own error handling sees it, as it saw a failing meter before.
 */
public final class StepEvents {

    private final List<Consumer<? super StepEvent>> subscribers = new CopyOnWriteArrayList<>();

    public void subscribe(Consumer<? super StepEvent> subscriber) {
        subscribers.add(subscriber);
    }

    public void publish(StepEvent event) {
        for (Consumer<? super StepEvent> s : subscribers) {
            s.accept(event);
        }
    }
}
