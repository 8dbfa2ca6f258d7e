package io.camelorchestration.classify;

import io.camelorchestration.check.CheckResult;

/**
 * How the pipeline treats one intent: its policy and its output check. Bind a bean of this type (any name) in the
 * Camel registry to replace the built-in handler of its intent.
 */
public interface IntentHandler {

    Intent intent();

    IntentPolicy policy();

    CheckResult check(String output, String input);
}
