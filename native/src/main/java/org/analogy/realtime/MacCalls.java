package org.analogy.realtime;

import com.sun.jna.Native;

/**
 * macOS: the Mach time-constraint policy (what Core Audio's own threads use) in place of SCHED_FIFO. It has
 * no thread-to-CPU pinning (affinity tags are hints, absent on Apple silicon) and no mlockall, so those
 * steps report "not supported". Compiled everywhere, exercised only on macOS.
 */
final class MacCalls implements RealtimeCalls {

    private static final int THREAD_TIME_CONSTRAINT_POLICY = 2;
    private static final int THREAD_TIME_CONSTRAINT_POLICY_COUNT = 4;
    /** The engine's scheduler wakes about once a millisecond and needs a fraction of that. */
    private static final long PERIOD_NANOS = 1_000_000;
    private static final long COMPUTATION_NANOS = 250_000;
    private static final long CONSTRAINT_NANOS = 500_000;

    static {
        Native.register("System");
    }

    private static native int mach_thread_self();

    private static native int thread_policy_set(int thread, int flavor, int[] policyInfo, int count);

    /** struct mach_timebase_info { uint32 numer; uint32 denom; } */
    private static native int mach_timebase_info(int[] info);

    @Override
    public String platform() {
        return "macOS";
    }

    @Override
    public int setRealtimePriority(int priority) {
        int[] timebase = new int[2];
        int kr = mach_timebase_info(timebase);
        if (kr != 0) return kr;
        int[] policy = {
                toAbsolute(PERIOD_NANOS, timebase), toAbsolute(COMPUTATION_NANOS, timebase),
                toAbsolute(CONSTRAINT_NANOS, timebase), 1 // preemptible
        };
        return thread_policy_set(mach_thread_self(), THREAD_TIME_CONSTRAINT_POLICY, policy, THREAD_TIME_CONSTRAINT_POLICY_COUNT);
    }

    /** Mach absolute time units: nanos × denom / numer. */
    private static int toAbsolute(long nanos, int[] timebase) {
        return (int) (nanos * Integer.toUnsignedLong(timebase[1]) / Integer.toUnsignedLong(timebase[0]));
    }

    @Override
    public int pinToCpu(int cpu) {
        return UNSUPPORTED;
    }

    @Override
    public int lockMemory() {
        return UNSUPPORTED;
    }

    @Override
    public int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }
}
