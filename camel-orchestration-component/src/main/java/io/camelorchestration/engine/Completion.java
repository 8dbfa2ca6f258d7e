package io.camelorchestration.engine;

/**
 * What a step does after a delegate call ({@link StepExecution#called} or {@link StepExecution#callFailed}).
 */
public sealed interface Completion {

    /** The routed call's answer is not kept: call the delegate again with the message as it came. */
    record Rerun(String reason) implements Completion {
    }

    /** Booked: the answer stands. */
    record Settled(Settlement settlement) implements Completion {
    }

    /** The delegate failed on the call as the user wrote it: its exception stands, nothing is booked. */
    record Failed() implements Completion {
    }
}
