package org.analogy.realtime;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;

/** Linux: pthread_setschedparam(SCHED_FIFO), sched_setaffinity, mlockall; JNA direct mapping to libc. */
final class LinuxCalls implements RealtimeCalls {

    private static final int SCHED_FIFO = 1;
    private static final int MCL_CURRENT = 1;
    private static final int MCL_FUTURE = 2;
    /** glibc's cpu_set_t: 1024 bits. */
    private static final int CPU_SET_LONGS = 16;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private static native NativeLong pthread_self();

    /** Returns the error number itself rather than setting errno. {@code param} is struct sched_param. */
    private static native int pthread_setschedparam(NativeLong thread, int policy, int[] param);

    private static native int sched_setaffinity(int pid, NativeLong cpusetsize, long[] mask) throws LastErrorException;

    private static native int mlockall(int flags) throws LastErrorException;

    private static native int sched_getscheduler(int pid);

    private static native int sched_getaffinity(int pid, NativeLong cpusetsize, long[] mask);

    /** The calling thread's scheduling policy (1 = SCHED_FIFO), to check what was granted. */
    static int currentPolicy() {
        return sched_getscheduler(0);
    }

    /** The CPUs the calling thread may run on, as a bit mask of the first 64. */
    static long currentAffinity() {
        long[] mask = new long[CPU_SET_LONGS];
        sched_getaffinity(0, new NativeLong(CPU_SET_LONGS * 8L), mask);
        return mask[0];
    }

    @Override
    public String platform() {
        return "Linux";
    }

    @Override
    public int setRealtimePriority(int priority) {
        return pthread_setschedparam(pthread_self(), SCHED_FIFO, new int[] {priority});
    }

    @Override
    public int pinToCpu(int cpu) {
        long[] mask = new long[CPU_SET_LONGS];
        mask[cpu / 64] = 1L << (cpu % 64);
        try {
            sched_setaffinity(0, new NativeLong(CPU_SET_LONGS * 8L), mask); // 0: the calling thread
            return 0;
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
    }

    @Override
    public int lockMemory() {
        try {
            mlockall(MCL_CURRENT | MCL_FUTURE);
            return 0;
        } catch (LastErrorException e) {
            return e.getErrorCode();
        }
    }

    @Override
    public int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }
}
