package io.camelorchestration.classify.internal;

import java.util.Objects;

import io.camelorchestration.check.CheckResult;
import io.camelorchestration.check.OutputCheck;
import io.camelorchestration.classify.Intent;
import io.camelorchestration.classify.IntentHandler;
import io.camelorchestration.classify.IntentPolicy;

/**
 * An intent handler made of a policy and an output check.
 */
public final class DefaultIntentHandler implements IntentHandler {

    private final Intent intent;
    private final IntentPolicy policy;
    private final OutputCheck check;

    public DefaultIntentHandler(Intent intent, IntentPolicy policy, OutputCheck check) {
        this.intent = Objects.requireNonNull(intent, "intent");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.check = Objects.requireNonNull(check, "check");
    }

    @Override
    public Intent intent() {
        return intent;
    }

    @Override
    public IntentPolicy policy() {
        return policy;
    }

    @Override
    public CheckResult check(String output, String input) {
        return check.check(output, input);
    }

    @Override
    public String toString() {
        return "IntentHandler[" + intent.id() + " " + policy + "]";
    }
}
