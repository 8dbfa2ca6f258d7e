package io.camelorchestration.check;

/**
 * Whether a step's output passed its intent's check, and if not, why.
 */
public record CheckResult(boolean passed, String reason) {

    private static final CheckResult PASS = new CheckResult(true, null);

    public static CheckResult pass() {
        return PASS;
    }

    public static CheckResult fail(String reason) {
        return new CheckResult(false, reason);
    }
}
