package io.camelorchestration.component;

import java.util.Locale;

/** The endpoint option {@code routing}: whether the step may be routed to another model. */
public enum RoutingMode {
    /** The intent's tier and the input's complexity choose the model. */
    AUTO,
    /** The step keeps its model. */
    OFF;

    /** The value users write, e.g. {@code routing=off}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
