package org.analogy.ui.app;

import org.analogy.engine.control.ControlSurfaceProvider;

/**
 * The performance window as the control surface {@code ./analogy} opens with no verb (found through
 * {@link java.util.ServiceLoader}). When no display is available, the launcher runs the headless engine.
 */
public final class PerformanceSurface implements ControlSurfaceProvider {

    @Override
    public boolean isAvailable() {
        return DisplayCheck.whyNot() == null;
    }

    @Override
    public String unavailableReason() {
        String why = DisplayCheck.whyNot();
        return why == null ? "available" : why;
    }

    @Override
    public int open(String[] args) {
        return PerformanceApp.run(args);
    }
}
