package io.camelorchestration.component.langchain4j;

/**
 * Carries what a chat model reports back to the orchestrated step that called it. camel-langchain4j-chat (4.17) puts
 * no token counts on the message, so {@link OrchestrationChatModelListener} on the model bean records them here.
 * <p>
 * The step opens one {@link Capture} per exchange and keeps it on the exchange, not on a thread: the model may be
 * called on another thread than the step's ({@code threads()}, an async delegate, a thread pool in the user's route).
 * A capture is bound to a thread only around a model call, on the thread making it: by the step on its own thread
 * while it calls the delegate (a model called from a bean or processor on that thread), and by the component around
 * every send to a {@code langchain4j-*} endpoint of the exchange, on whichever thread that send runs.
 * <p>
 * This class has no langchain4j types on purpose: the component calls it whether or not langchain4j is on the
 * classpath.
 */
public final class UsageCapture {

    private static final ThreadLocal<Capture> BOUND = new ThreadLocal<>();

    private UsageCapture() {
    }

    /** The usage a step's model calls reported, kept on the step's exchange. */
    public static final class Capture {
        private long input;
        private long output;
        private long cachedInput;
        private long cacheWriteInput;
        private long reasoning;
        private long calls;
        private boolean closed;

        synchronized void add(long inputTokens, long outputTokens) {
            add(inputTokens, outputTokens, 0, 0, 0);
        }

        synchronized void add(long inputTokens, long outputTokens, long cached, long cacheWrite, long reasoningTokens) {
            if (!closed) {
                input += Math.max(0, inputTokens);
                output += Math.max(0, outputTokens);
                cachedInput += Math.max(0, cached);
                cacheWriteInput += Math.max(0, cacheWrite);
                reasoning += Math.max(0, reasoningTokens);
                calls++;
            }
        }

        /**
         * @return the usage recorded since the last take, or null when no model reported any; a second call (a
         *         cascade) is then counted on its own
         */
        public synchronized CapturedUsage take() {
            if (calls == 0) {
                return null;
            }
            CapturedUsage u = new CapturedUsage(input, output, cachedInput, cacheWriteInput, reasoning);
            input = 0;
            output = 0;
            cachedInput = 0;
            cacheWriteInput = 0;
            reasoning = 0;
            calls = 0;
            return u;
        }

        /** No more usage is taken in: a thread still bound to it by mistake cannot add to a finished step. */
        public synchronized void close() {
            closed = true;
        }
    }

    /**
     * Binds a capture to this thread for the length of a model call.
     *
     * @return the capture bound before, to give back to {@link #restore}
     */
    public static Capture bind(Capture capture) {
        Capture before = BOUND.get();
        BOUND.set(capture);
        return before;
    }

    /** Undoes {@link #bind}. */
    public static void restore(Capture before) {
        if (before == null) {
            BOUND.remove();
        } else {
            BOUND.set(before);
        }
    }

    /** Called by a listener: adds a model call's usage to the capture bound to this thread, if any. */
    public static void record(long inputTokens, long outputTokens) {
        record(inputTokens, outputTokens, 0, 0, 0);
    }

    /**
     * As {@link #record(long, long)}, with the billed token types.
     *
     * @param inputTokens all input, cached and cache-written included
     */
    public static void record(long inputTokens, long outputTokens, long cachedInput, long cacheWriteInput,
            long reasoning) {
        Capture c = BOUND.get();
        if (c != null) {
            c.add(inputTokens, outputTokens, cachedInput, cacheWriteInput, reasoning);
        }
    }
}
