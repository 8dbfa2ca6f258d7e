package io.camelorchestration.engine;

import java.util.function.Predicate;

import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.classify.StepIntent;

/**
 * One step as set up at start-up: its options, its own text classified once, the models its delegate can reach, and
 * its own events (beside the orchestrator's, which every step publishes to).
 */
public final class OrchestratedStep {

    private final Orchestrator orchestrator;
    private final StepSettings settings;
    private final StepIntent intent;
    private final Predicate<ModelInfo> reachable;
    private final StepEvents events = new StepEvents();

    OrchestratedStep(Orchestrator orchestrator, StepSettings settings, StepIntent intent, Predicate<ModelInfo> reachable) {
        this.orchestrator = orchestrator;
        this.settings = settings;
        this.intent = intent;
        this.reachable = reachable;
    }

    public StepSettings settings() {
        return settings;
    }

    /** Null for a step whose intent is declared. */
    public StepIntent intent() {
        return intent;
    }

    public Predicate<ModelInfo> reachable() {
        return reachable;
    }

    /** This step's events only. */
    public StepEvents events() {
        return events;
    }

    /** One message through this step. */
    public StepExecution start(StepContext context) {
        return new StepExecution(this, orchestrator.planner(), context);
    }

    void publish(StepEvent event) {
        orchestrator.events().publish(event);
        events.publish(event);
    }
}
