package org.analogy.engine.control;

/**
 * A window or other control surface that {@code ./analogy} opens when run with no verb. Found through
 * {@link java.util.ServiceLoader}, so the engine does not depend on the UI module.
 */
public interface ControlSurfaceProvider {

    /** False when it cannot run here (no display, toolkit missing). */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false, in a few words (e.g. "no display: DISPLAY is not set"). */
    default String unavailableReason() {
        return "not available here";
    }

    /** Runs until the surface is closed; returns the process exit code. */
    int open(String[] args) throws Exception;
}
