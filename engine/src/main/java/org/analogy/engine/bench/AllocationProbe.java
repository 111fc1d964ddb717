package org.analogy.engine.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by one thread, from the JVM's per-thread allocation counter (HotSpot's
 * {@code com.sun.management.ThreadMXBean}); exact for the thread, unaffected by other threads and GC.
 */
public final class AllocationProbe {

    private static final com.sun.management.ThreadMXBean THREADS = threadBean();

    private AllocationProbe() {}

    private static com.sun.management.ThreadMXBean threadBean() {
        var bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean hotspot && hotspot.isThreadAllocatedMemorySupported()) {
            hotspot.setThreadAllocatedMemoryEnabled(true);
            return hotspot;
        }
        return null;
    }

    public static boolean isSupported() {
        return THREADS != null;
    }

    /** Bytes allocated so far by {@code thread}, or −1 when the JVM cannot tell. */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() needs Java 19
    public static long allocatedBytes(Thread thread) {
        return THREADS == null ? -1 : THREADS.getThreadAllocatedBytes(thread.getId());
    }
}
