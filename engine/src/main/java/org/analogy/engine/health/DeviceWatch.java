package org.analogy.engine.health;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps named MIDI devices connected through unplugging and plugging back, for unattended running: polls
 * the list of ports on a low-priority thread of its own (never on the event path), lets a device go when
 * its port disappears or it fails, and opens it again when a port of that name is listed again.
 */
public final class DeviceWatch implements AutoCloseable {

    /** One watched device: an input connection, or an output the scheduler keeps sending to. */
    public interface Device {
        /** For log lines, e.g. "input 'nanoKEY2'". */
        String label();

        /** Whether a port this device would open is listed among {@code ports}. */
        boolean listedIn(List<String> ports);

        /** False once it failed (an output that threw) even if its port is still listed. */
        boolean working();

        /** Releases what is left of the lost connection. */
        void release();

        /** Opens it again; throws when the port is listed but does not open yet. */
        void reopen() throws Exception;
    }

    private final List<Device> devices;
    private final Supplier<List<String>> ports;
    private final Consumer<String> log;
    private final long periodMillis;
    private final boolean[] connected;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong losses = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param devices     the devices, each connected now or not (a named input absent at start is not)
     * @param connectedNow whether each is connected now, in the same order
     * @param ports       the names of the ports present now (inputs and outputs)
     */
    public DeviceWatch(List<Device> devices, List<Boolean> connectedNow, Supplier<List<String>> ports,
                       Consumer<String> log, long periodMillis) {
        this.devices = List.copyOf(devices);
        this.connected = new boolean[devices.size()];
        for (int i = 0; i < connected.length; i++) connected[i] = connectedNow.get(i);
        this.ports = ports;
        this.log = log;
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::run, "analogy-device-watch");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    public DeviceWatch start() {
        thread.start();
        return this;
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long losses() {
        return losses.get();
    }

    public synchronized boolean connected(int index) {
        return connected[index];
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(periodMillis);
                check();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.accept("device watch: " + e); // a driver's hiccup while listing; try again next period
            }
        }
    }

    /** One poll: notices each loss and return. Public so that tests can step it. */
    public synchronized void check() {
        if (closed) return;
        List<String> present = ports.get();
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            boolean listed = d.listedIn(present);
            if (connected[i] && (!listed || !d.working())) {
                release(d);
                connected[i] = false;
                losses.incrementAndGet();
                log.accept(d.label() + " lost" + (listed ? " (it failed)" : "") + "; waiting for it to come back");
            } else if (!connected[i] && listed) {
                try {
                    d.reopen();
                    connected[i] = true;
                    reconnects.incrementAndGet();
                    log.accept(d.label() + " is back; reconnected");
                } catch (Exception e) {
                    log.accept(d.label() + " is listed but does not open yet (" + e.getMessage() + "); retrying");
                }
            }
        }
    }

    private static void release(Device d) {
        try {
            d.release();
        } catch (RuntimeException e) {
            // a vanished device often fails to close; it is gone either way
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        thread.interrupt();
        for (Device d : devices) release(d); // the watch owns the connections it (re)opened
    }
}
