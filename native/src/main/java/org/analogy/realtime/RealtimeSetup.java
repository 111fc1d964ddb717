package org.analogy.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.analogy.engine.spi.RealtimeThreads;

/**
 * The engine's real-time thread set-up, designed as one: the scheduler gets the highest priority and a CPU of
 * its own (the last); capture one below it on the CPU before; the inference stage and the thread its model
 * calls run on ({@code model}) two below, on capture's CPU, away from the scheduler's. A second part of the
 * bar ({@code parts}: restyle's accompaniment beside its melody) decodes on the scheduler's CPU at the models'
 * priority, so the scheduler preempts it the moment an event is due. The models are thereby shielded from
 * everything else on the machine (other processes, builds, {@code bench --load}), which otherwise stretches a
 * 3 ms bar to tens of milliseconds. A model call is a few milliseconds per bar, and one that stalls is
 * abandoned at the bar's deadline. The ticker stays an ordinary thread: it only wakes capture. The process's
 * memory is locked once.
 *
 * <p>Priorities sit below JACK's default (10 for jackd2) so the JACK process callback always preempts the
 * scheduler's short spin. Override with {@code -Danalogy.rt.priority=N} (the scheduler's; capture gets N−1),
 * or switch the whole set-up off with {@code -Danalogy.rt=off}.
 */
public final class RealtimeSetup implements RealtimeThreads {

    static final int DEFAULT_PRIORITY = 8;

    private final RealtimeCalls calls;
    private final int schedulerPriority;
    private final boolean enabled;
    private final AtomicBoolean memoryTried = new AtomicBoolean();
    private final Map<String, Integer> priorityResults = new ConcurrentHashMap<>();
    private final Map<String, Integer> affinityResults = new ConcurrentHashMap<>();
    private final Map<String, Integer> cpus = new ConcurrentHashMap<>();
    private volatile Integer memoryResult;

    /** The service-loader constructor: this platform's calls, settings from system properties. */
    public RealtimeSetup() {
        this(RealtimeCalls.forThisPlatform(), Integer.getInteger("analogy.rt.priority", DEFAULT_PRIORITY),
                !"off".equalsIgnoreCase(System.getProperty("analogy.rt", "on")));
    }

    RealtimeSetup(RealtimeCalls calls, int schedulerPriority, boolean enabled) {
        this.calls = calls;
        this.schedulerPriority = Math.max(3, Math.min(98, schedulerPriority));
        this.enabled = enabled;
    }

    @Override
    public void threadStarted(String role) {
        if (!enabled) return;
        if (memoryTried.compareAndSet(false, true)) memoryResult = calls.lockMemory();
        int priority = switch (role) {
            case "scheduler", "stall-watch" -> schedulerPriority; // the bench's watch sits beside the scheduler
            case "capture" -> schedulerPriority - 1;
            case "inference", "model", "parts" -> schedulerPriority - 2;
            default -> 0;
        };
        if (priority == 0) return;
        priorityResults.put(role, calls.setRealtimePriority(priority));
        int cpu = cpuFor(role, calls.cpuCount());
        cpus.put(role, cpu);
        affinityResults.put(role, calls.pinToCpu(cpu));
    }

    /**
     * The scheduler on the last CPU; capture and the models on the one before it (the same one on a single CPU).
     * The second part of a bar ({@code parts}) decodes beside the model thread on the scheduler's CPU, below
     * the scheduler's priority: it is preempted whenever an event is due.
     */
    static int cpuFor(String role, int cpuCount) {
        int last = Math.max(0, cpuCount - 1);
        return switch (role) {
            case "scheduler", "stall-watch", "parts" -> last;
            default -> Math.max(0, last - 1);
        };
    }

    int priorityOf(String role) {
        return switch (role) {
            case "scheduler", "stall-watch" -> schedulerPriority;
            case "capture" -> schedulerPriority - 1;
            default -> schedulerPriority - 2;
        };
    }

    @Override
    public List<String> report() {
        List<String> lines = new ArrayList<>();
        if (!enabled) {
            lines.add("real-time set-up: off (-Danalogy.rt=off)");
            return lines;
        }
        lines.add(priorityLine());
        lines.add(affinityLine());
        lines.add(memoryLine());
        return lines;
    }

    private String priorityLine() {
        String what = calls.platform().equals("macOS") ? "time-constraint policy" : "SCHED_FIFO priority";
        if (priorityResults.isEmpty()) return "real-time priority: not tried yet (no engine thread has started)";
        List<String> granted = new ArrayList<>();
        Integer refusal = null;
        for (String role : List.of("scheduler", "capture", "inference", "model", "parts")) {
            Integer r = priorityResults.get(role);
            if (r == null) continue;
            if (r == 0) granted.add(role + " " + priorityOf(role));
            else refusal = r;
        }
        if (refusal == null) return "real-time priority: granted, " + what + " (" + String.join(", ", granted) + ")";
        if (refusal == RealtimeCalls.UNSUPPORTED) return "real-time priority: not supported on " + calls.platform();
        return "real-time priority: refused (" + Errno.name(refusal) + ")" + (granted.isEmpty() ? "" : " for some threads")
                + " — " + (refusal == Errno.EPERM || refusal == Errno.EACCES
                ? "this user may not use real-time scheduling; add it to the 'audio' group with an rtprio limit"
                + " (e.g. '@audio - rtprio 95' in /etc/security/limits.d/audio.conf) and log in again."
                : "the system refused it.")
                + " Timing stays correct, with more jitter under load.";
    }

    private String affinityLine() {
        if (affinityResults.isEmpty()) return "CPU affinity: not tried yet";
        List<String> granted = new ArrayList<>();
        Integer refusal = null;
        for (String role : List.of("scheduler", "capture", "inference", "model", "parts")) {
            Integer r = affinityResults.get(role);
            if (r == null) continue;
            if (r == 0) granted.add(role + " → CPU " + cpus.get(role));
            else refusal = r;
        }
        if (refusal == null) return "CPU affinity: granted (" + String.join(", ", granted) + ")";
        if (refusal == RealtimeCalls.UNSUPPORTED) return "CPU affinity: not supported on " + calls.platform();
        return "CPU affinity: refused (" + Errno.name(refusal) + "); threads float over all CPUs";
    }

    private String memoryLine() {
        Integer r = memoryResult;
        if (r == null) return "memory locking: not tried yet";
        if (r == 0) return "memory locking: granted (mlockall, current and future pages)";
        if (r == RealtimeCalls.UNSUPPORTED) return "memory locking: not supported on " + calls.platform();
        return "memory locking: refused (" + Errno.name(r) + ")"
                + (r == Errno.ENOMEM || r == Errno.EPERM
                ? " — the locked-memory limit is too small; raise 'memlock' (e.g. '@audio - memlock unlimited'"
                + " in /etc/security/limits.d/audio.conf). Pages may be swapped out under memory pressure."
                : "");
    }
}
