package io.camelorchestration.engine;

import java.util.function.Predicate;

import io.camelorchestration.catalog.ModelInfo;
import io.camelorchestration.settle.WorkflowExecution;

/**
 * The engine's one entry point: classify, budget, compress, route, then after the delegate's call check, settle and
 * publish what happened. It knows nothing of Camel; the component is a thin adapter that reads the message, calls the
 * delegate and writes headers.
 *
 * <pre>{@code
 * Orchestrator orchestrator = Orchestrator.of(OrchestratorConfig.builder().routing(policy).build());
 * orchestrator.events().subscribe(event -> ...);                 // totals, meters, audit
 * OrchestratedStep step = orchestrator.step(settings, reachable); // at start-up: the step's own text classified once
 *
 * StepExecution run = step.start(context);                       // per message
 * run.draft(flags, input);                                       // intent, compressed input, model
 * run.plan(executor).thenAccept(plan -> call(plan));             // budgets reserved, maybe off this thread
 * Completion next = run.called(usage, answer, sentText, cacheable, overheadNanos); // Rerun or Settled
 * }</pre>
 */
public final class Orchestrator {

    private final OrchestratorConfig config;
    private final StepPlanner planner;
    private final StepEvents events = new StepEvents();

    private Orchestrator(OrchestratorConfig config) {
        this.config = config;
        this.planner = new StepPlanner(config.classifier(), config.handlers(), config.compressor(), config.routing(),
                config.budgets());
        events.subscribe(Totals.ofEachWorkflow());
    }

    public static Orchestrator of(OrchestratorConfig config) {
        return new Orchestrator(config);
    }

    public OrchestratorConfig config() {
        return config;
    }

    /** Every step's events: subscribe once, at start-up. */
    public StepEvents events() {
        return events;
    }

    /**
     * A step as set up once: its own id, description and delegate are classified now, not per message.
     *
     * @param reachable which catalog models the step's delegate can call
     */
    public OrchestratedStep step(StepSettings settings, Predicate<ModelInfo> reachable) {
        return new OrchestratedStep(this, settings, planner.prepare(settings), reachable);
    }

    /** Begins a workflow execution (in Camel: a message's first orchestrated step). */
    public WorkflowExecution startWorkflow(String routeId, String executionId, String userId, long budgetTokens) {
        WorkflowExecution wf = new WorkflowExecution(executionId, budgetTokens);
        events.publish(new StepEvent.WorkflowStarted(new StepContext(null, routeId, executionId, userId, wf),
                wf.budget().limit()));
        return wf;
    }

    /** Ends a workflow execution: its totals and budget utilization are final. */
    public void completeWorkflow(WorkflowExecution wf, String routeId, String userId, boolean failed) {
        events.publish(new StepEvent.WorkflowCompleted(new StepContext(null, routeId, wf.executionId(), userId, wf),
                failed));
    }

    StepPlanner planner() {
        return planner;
    }
}
