package org.analogy.ui.app;

import org.analogy.engine.cli.Main;
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

    /**
     * Opens the window. If the toolkit cannot start although a display seemed to be there (an unreachable
     * {@code DISPLAY}, missing GTK libraries), it says so in one line and runs the headless engine instead.
     */
    @Override
    public int open(String[] args) {
        try {
            return PerformanceApp.run(args);
        } catch (RuntimeException | LinkageError e) {
            if (PerformanceApp.hasStarted()) throw e;
            String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            System.out.println("analogy: the performance window cannot open (" + reason + "); running the headless live engine instead");
            return Main.commandLine().execute("live");
        }
    }
}
