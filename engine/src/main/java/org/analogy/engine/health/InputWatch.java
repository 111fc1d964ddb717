package org.analogy.engine.health;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps a named input device connected through unplugging and plugging back: polls the list of ports on a
 * thread of its own (never on the event path), closes the connection when the port disappears and opens it
 * again, with a fresh parser, when a port of that name comes back.
 */
public final class InputWatch implements AutoCloseable {

    /** Opens the named port; the returned handle closes it. */
    public interface Opener {
        AutoCloseable open(String portName) throws Exception;
    }

    private final String portName;
    private final Supplier<List<String>> available;
    private final Opener opener;
    private final Consumer<String> log;
    private final long periodMillis;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong losses = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private AutoCloseable connection;

    /**
     * @param connection the connection already open to {@code portName} (null when it could not be opened yet)
     * @param available  the names of the input ports present now
     */
    public InputWatch(String portName, AutoCloseable connection, Supplier<List<String>> available, Opener opener,
                      Consumer<String> log, long periodMillis) {
        this.portName = portName;
        this.connection = connection;
        this.available = available;
        this.opener = opener;
        this.log = log;
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::run, "analogy-input-watch");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    public InputWatch start() {
        thread.start();
        return this;
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long losses() {
        return losses.get();
    }

    public synchronized boolean connected() {
        return connection != null;
    }

    private void run() {
        while (!closed) {
            try {
                Thread.sleep(periodMillis);
                check();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.accept("input watch: " + e); // a driver's hiccup; try again next period
            }
        }
    }

    /** One poll: notices a loss or a return. Package-visible so that tests can step it. */
    synchronized void check() {
        if (closed) return;
        boolean present = available.get().contains(portName);
        if (connection != null && !present) {
            closeQuietly(connection);
            connection = null;
            losses.incrementAndGet();
            log.accept("input '" + portName + "' lost; waiting for it to come back");
        } else if (connection == null && present) {
            try {
                connection = opener.open(portName);
                reconnects.incrementAndGet();
                log.accept("input '" + portName + "' is back; reconnected");
            } catch (Exception e) {
                log.accept("input '" + portName + "' is listed but does not open yet (" + e.getMessage() + "); retrying");
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // a vanished device often fails to close; it is gone either way
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        thread.interrupt();
        if (connection != null) closeQuietly(connection);
        connection = null;
    }
}
