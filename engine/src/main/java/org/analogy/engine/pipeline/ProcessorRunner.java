package org.analogy.engine.pipeline;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.process.BarProcessor;

/**
 * Runs one processor call against a deadline. Live, the call runs on its own thread so a stalled model
 * cannot hold the inference stage past the bar line; in a render, calls run inline (virtual time has no
 * deadline to miss).
 */
interface ProcessorRunner extends AutoCloseable {

    /** Outcome of a call; {@code error} is set when it failed or timed out. */
    record Outcome(boolean ok, Throwable error) {
        static final Outcome OK = new Outcome(true, null);
    }

    Outcome run(BarProcessor processor, BarWindow window, ControlSnapshot controls, BarNotes sink, long timeoutNanos);

    @Override
    default void close() {}

    static ProcessorRunner inline() {
        return (processor, window, controls, sink, timeoutNanos) -> {
            try {
                processor.process(window, controls, sink);
                return Outcome.OK;
            } catch (Exception | LinkageError | AssertionError e) {
                return new Outcome(false, e);
            }
        };
    }

    /** Calls on a plain daemon thread named {@code analogy-model}. */
    static ProcessorRunner withDeadline() {
        return withDeadline(r -> {
            Thread t = new Thread(r, "analogy-model");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Calls on the one thread {@code threads} makes, started now so that its set-up (the live engine gives it
     * its real-time priority and CPU) is done before the first bar, not during it.
     */
    static ProcessorRunner withDeadline(java.util.concurrent.ThreadFactory threads) {
        java.util.concurrent.ThreadPoolExecutor executor = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0L,
                TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), threads);
        executor.prestartAllCoreThreads();
        return new ProcessorRunner() {
            private final ExecutorService modelThread = executor;

            @Override
            public Outcome run(BarProcessor processor, BarWindow window, ControlSnapshot controls, BarNotes sink,
                               long timeoutNanos) {
                Future<?> call = modelThread.submit(() -> {
                    processor.process(window, controls, sink);
                    return null;
                });
                try {
                    call.get(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS);
                    return Outcome.OK;
                } catch (TimeoutException e) {
                    call.cancel(true);
                    return new Outcome(false, new TimeoutException(processor.name() + " missed the bar's deadline"));
                } catch (ExecutionException e) {
                    return new Outcome(false, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    call.cancel(true);
                    return new Outcome(false, e);
                }
            }

            @Override
            public void close() {
                modelThread.shutdownNow();
            }
        };
    }
}
