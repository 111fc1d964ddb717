package org.analogy.ui.session;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Hot-plug: re-lists the devices every couple of seconds off the JavaFX thread and reports when the
 * inputs or outputs changed. On macOS CoreMIDI4J sees devices come and go; elsewhere re-listing is the
 * only way the JDK notices them.
 */
public final class DeviceWatcher implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "analogy-ui-hotplug");
        t.setDaemon(true);
        return t;
    });
    private List<Endpoint> lastInputs = List.of();
    private List<Endpoint> lastOutputs = List.of();

    /** Calls {@code changed(inputs, outputs)} (on the watcher's thread) now and after every change. */
    public DeviceWatcher(LiveSession session, long periodMillis, BiConsumer<List<Endpoint>, List<Endpoint>> changed) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                List<Endpoint> inputs = session.inputs();
                List<Endpoint> outputs = session.outputs();
                if (!inputs.equals(lastInputs) || !outputs.equals(lastOutputs)) {
                    lastInputs = inputs;
                    lastOutputs = outputs;
                    changed.accept(inputs, outputs);
                }
            } catch (RuntimeException e) {
                // a driver hiccup while listing: try again next round
            }
        }, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
