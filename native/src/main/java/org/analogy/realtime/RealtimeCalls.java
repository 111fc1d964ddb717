package org.analogy.realtime;

/**
 * The system calls of real-time set-up, each on the calling thread, each returning 0 or the error number
 * (errno) that refused it. {@link #UNSUPPORTED} means the platform has no such call.
 */
interface RealtimeCalls {

    int UNSUPPORTED = -1;

    /** Which platform these calls are for, for the report. */
    String platform();

    /** Real-time scheduling of the calling thread at {@code priority} (SCHED_FIFO; macOS: time constraint). */
    int setRealtimePriority(int priority);

    /** Pins the calling thread to one CPU. */
    int pinToCpu(int cpu);

    /** Locks the process's current and future memory so the event path never waits for a page-in. */
    int lockMemory();

    int cpuCount();

    /** The calls for this platform: Linux, macOS, or none. */
    static RealtimeCalls forThisPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        try {
            if (os.contains("linux")) return new LinuxCalls();
            if (os.contains("mac")) return new MacCalls();
        } catch (LinkageError e) {
            return new NoCalls(os + " (JNA unavailable: " + e.getMessage() + ")");
        }
        return new NoCalls(os);
    }

    /** A platform without any of these calls. */
    record NoCalls(String platform) implements RealtimeCalls {
        @Override public int setRealtimePriority(int priority) { return UNSUPPORTED; }
        @Override public int pinToCpu(int cpu) { return UNSUPPORTED; }
        @Override public int lockMemory() { return UNSUPPORTED; }
        @Override public int cpuCount() { return Runtime.getRuntime().availableProcessors(); }
    }
}
