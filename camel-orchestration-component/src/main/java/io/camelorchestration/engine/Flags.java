package io.camelorchestration.engine;

/**
 * The runtime switches as one message sees them (read once per message, so a flip mid-step cannot mix states).
 */
public record Flags(boolean compression, boolean routing) {
}
