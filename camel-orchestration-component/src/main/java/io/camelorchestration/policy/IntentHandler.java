package io.camelorchestration.policy;

import io.camelorchestration.intent.Intent;

/**
 * How the pipeline treats one intent: its policy and its output check. Bind a bean of this type named
 * {@code orchestrate-<intent>} (e.g. {@code orchestrate-summarize}) or add it to the component's handlers to replace
 * the built-in one.
 */
public interface IntentHandler {

    Intent intent();

    IntentPolicy policy();

    CheckResult check(String output, String input);
}
