package org.analogy.engine.pipeline;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.analogy.engine.spi.RealtimeThreads;

/**
 * A second thread for a bar's model calls, so that two parts of one bar (restyle's melody and its
 * accompaniment) decode at the same time on a machine's two cores instead of one after the other. Each part
 * calls its own model, so nothing is shared but the bar's inputs, read before and joined after.
 *
 * <p>Placement is part of the real-time design (role {@code parts} for {@link RealtimeThreads}): it runs at
 * the model thread's priority on the scheduler's CPU, where the scheduler, higher, preempts it the moment an
 * event is due, while the model thread keeps the other CPU. One thread for the whole process: a bar's work is
 * joined before the bar is handed on, so there is never more than one part waiting for it.
 */
public final class PartThread {

    private static final ThreadPoolExecutor THREAD = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
        Thread t = new Thread(() -> {
            try {
                RealtimeThreads.installed().threadStarted("parts");
            } catch (RuntimeException | LinkageError e) {
                // best effort by contract: a plain thread still decodes in parallel
            }
            runnable.run();
        }, "analogy-parts");
        t.setDaemon(true);
        return t;
    });

    private PartThread() {}

    /** Starts {@code part} on the part thread; {@link #join} it before the bar is handed on. */
    public static <T> Future<T> start(Callable<T> part) {
        return THREAD.submit(part);
    }

    /**
     * The part's result, waiting for it; what it threw is thrown here as itself. Interrupted (the bar was
     * abandoned at its deadline), the part is cancelled and the interruption propagates.
     */
    public static <T> T join(Future<T> part) throws Exception {
        try {
            return part.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) throw ex;
            if (cause instanceof Error err) throw err;
            throw e;
        } catch (InterruptedException e) {
            part.cancel(true);
            throw e;
        }
    }
}
