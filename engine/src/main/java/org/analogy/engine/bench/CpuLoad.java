package org.analogy.engine.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Competing CPU-bound load for a timing run: threads that never sleep, as a model training or a render
 * beside the performance would. The engine and the JDK Sequencer compared with it run under the same load.
 */
public final class CpuLoad implements AutoCloseable {

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    /** Written so the busy work cannot be optimised away. */
    private volatile double sink;

    public CpuLoad(int threadCount) {
        if (threadCount < 0 || threadCount > 256) throw new IllegalArgumentException("--load " + threadCount + ": allowed 0–256 threads");
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(this::burn, "bench-load-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void burn() {
        double x = 1;
        long n = 0;
        while (running) {
            x = Math.sin(x) * 1.0000001 + Math.sqrt(n++ & 0xFFFF);
            if ((n & 0xFFFFF) == 0) sink = x;
        }
    }

    public int threadCount() {
        return threads.size();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) t.join(1000);
    }
}
