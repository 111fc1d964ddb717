package org.analogy.engine.health;

import java.lang.management.ManagementFactory;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;

import com.sun.management.GcInfo;

import org.analogy.engine.metrics.LatencyMetrics;

/**
 * One health reading of the running process, for unattended operation: what an installation's operator
 * checks to see that nothing grows over days (heap, file descriptors, threads) and that the music goes on.
 *
 * @param openFileDescriptors −1 where the platform does not tell (not a Unix JVM)
 */
public record Health(long uptimeSeconds, long bars, long covered, long errors, long eventsIn, long eventsOut,
                     long misses, long lateDropped, long heapUsedBytes, long heapAfterGcBytes, long openFileDescriptors, int threads,
                     long reconnects) {

    /** Reads the process and the engine's counters now; {@code reconnects} comes from the input watch. */
    public static Health read(long startedNanos, LatencyMetrics m, long reconnects) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return new Health((System.nanoTime() - startedNanos) / 1_000_000_000L, m.barsGenerated.get(),
                m.coveredBars.get(), m.processorErrors.get(), m.inputEvents.get(), m.eventsSent.get(),
                m.deadlineMisses.get(), m.lateEventsDropped.get(), memory.getHeapMemoryUsage().getUsed(), heapAfterLastGc(), countOpenFileDescriptors(),
                ManagementFactory.getThreadMXBean().getThreadCount(), reconnects);
    }

    /**
     * What the heap held right after the collector last ran (summed over the heap's pools, from the most
     * recent collection of any collector): the number that shows a leak, where the heap used in between
     * rises and falls with the collector's rhythm. −1 before the first collection or where the JVM does not tell.
     */
    public static long heapAfterLastGc() {
        GcInfo last = null;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof com.sun.management.GarbageCollectorMXBean sun)) continue;
            GcInfo info = sun.getLastGcInfo();
            if (info != null && (last == null || info.getEndTime() > last.getEndTime())) last = info;
        }
        if (last == null) return -1;
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) continue;
            MemoryUsage after = last.getMemoryUsageAfterGc().get(pool.getName());
            if (after != null) sum += after.getUsed();
        }
        return sum;
    }

    public static long countOpenFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    public String line() {
        long s = uptimeSeconds;
        return String.format("health | up %dd%02dh%02dm%02ds | bars %d (covered %d, errors %d) | events in %d out %d"
                        + " | misses %d | late %d | heap %.1f MB (after GC %.1f MB) | fds %d | threads %d | reconnects %d",
                s / 86400, s / 3600 % 24, s / 60 % 60, s % 60, bars, covered, errors, eventsIn, eventsOut, misses, lateDropped,
                heapUsedBytes / 1048576.0, heapAfterGcBytes / 1048576.0, openFileDescriptors, threads, reconnects);
    }
}
