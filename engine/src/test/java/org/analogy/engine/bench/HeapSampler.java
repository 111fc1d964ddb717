package org.analogy.engine.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Used heap after a full collection, sampled at intervals, to show whether a long run's memory stays flat.
 * {@code System.gc()} is a full, stop-the-world collection with the JDK's default collectors, so what
 * remains is what the run still holds.
 */
public final class HeapSampler {

    private final List<Long> samples = new ArrayList<>();

    public static long usedAfterGc() {
        System.gc();
        System.gc(); // a second pass lets finalisable and reference-queued objects go too
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public void sample() {
        samples.add(usedAfterGc());
    }

    public List<Long> samples() {
        return List.copyOf(samples);
    }

    /** Growth from the first sample to the lowest of the last three (one sample may catch a transient). */
    public long growth() {
        int n = samples.size();
        if (n < 2) return 0;
        long tail = Long.MAX_VALUE;
        for (int i = Math.max(1, n - 3); i < n; i++) tail = Math.min(tail, samples.get(i));
        return tail - samples.get(0);
    }

    public String describeMiB() {
        StringBuilder s = new StringBuilder();
        for (long v : samples) s.append(s.length() == 0 ? "" : " ").append(String.format("%.1f", v / 1048576.0));
        return s + " MiB";
    }
}
