package io.camelorchestration.component.langchain4j;

/**
 * Carries what a chat model reports back to the orchestrated step that called it. camel-langchain4j-chat calls its
 * model on the caller's thread and, in Camel 4.17, puts no token counts on the message; so the step opens a capture on
 * its thread around the delegate call, and {@link OrchestrationChatModelListener} on the model bean fills it in.
 * <p>
 * This class has no langchain4j types on purpose: the component calls it whether or not langchain4j is on the
 * classpath.
 */
public final class UsageCapture {

    private static final ThreadLocal<long[]> OPEN = new ThreadLocal<>();

    private UsageCapture() {
    }

    /** Opens a capture on this thread, dropping anything an earlier call left behind. */
    public static void begin() {
        OPEN.set(new long[3]);
    }

    /** Called by a listener: adds a model call's usage to the capture open on this thread, if any. */
    public static void record(long inputTokens, long outputTokens) {
        long[] c = OPEN.get();
        if (c != null) {
            c[0] += Math.max(0, inputTokens);
            c[1] += Math.max(0, outputTokens);
            c[2]++;
        }
    }

    /**
     * @return the usage recorded on this thread since {@link #begin()}, or null when no model reported any; the capture
     *         stays open but empty, so a second call (a cascade) is counted on its own
     */
    public static CapturedUsage take() {
        long[] c = OPEN.get();
        if (c == null || c[2] == 0) {
            return null;
        }
        CapturedUsage u = new CapturedUsage(c[0], c[1]);
        c[0] = 0;
        c[1] = 0;
        c[2] = 0;
        return u;
    }

    /** Closes the capture of this thread. */
    public static void end() {
        OPEN.remove();
    }
}
