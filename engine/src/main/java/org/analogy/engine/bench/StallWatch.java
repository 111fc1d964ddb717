package org.analogy.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

import org.analogy.engine.metrics.MissLog;
import org.analogy.engine.spi.RealtimeThreads;

/**
 * Watches for the machine stopping: a thread that asks to wake every half millisecond, at the scheduler's
 * real-time priority and on its CPU where the system allows, and notes every wake-up that came more than
 * a threshold late. Nothing else runs in it, so when it is late the CPU itself was not running this
 * process — a virtual machine's host took it away (steal time), or something of higher priority ran. A
 * bench sets the engine's late notes against these stalls to tell the engine's faults from the machine's.
 */
public final class StallWatch implements AutoCloseable {

    /** A gap in the watch's ticks: from its last tick to the one that came late. */
    public record Stall(long fromNanos, long toNanos) {
        public long nanos() {
            return toNanos - fromNanos;
        }

        long overlap(long from, long to) {
            return Math.max(0, Math.min(to, toNanos) - Math.max(from, fromNanos));
        }
    }

    static final long TICK_NANOS = 500_000;

    private final long thresholdNanos;
    private final long[] from;
    private final long[] to;
    private volatile int count;
    private volatile long total;
    private volatile boolean running = true;
    private final Thread thread;
    private final long stealAtStart = stealNanos().orElse(-1);

    /** @param capacity stalls kept (later ones are counted in {@link #total()} only) */
    public StallWatch(long thresholdNanos, int capacity) {
        this.thresholdNanos = thresholdNanos;
        this.from = new long[capacity];
        this.to = new long[capacity];
        this.thread = new Thread(this::watch, "stall-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        RealtimeThreads.installed().threadStarted("stall-watch");
        long last = System.nanoTime();
        while (running) {
            LockSupport.parkNanos(TICK_NANOS);
            long now = System.nanoTime();
            if (now - last > thresholdNanos + TICK_NANOS) {
                total++;
                int n = count;
                if (n < from.length) {
                    from[n] = last;
                    to[n] = now;
                    count = n + 1; // publishes the entry
                }
            }
            last = now;
        }
    }

    public List<Stall> stalls() {
        int n = count;
        List<Stall> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new Stall(from[i], to[i]));
        return out;
    }

    /** Stalls seen, including any beyond the capacity. */
    public long total() {
        return total;
    }

    public long longestNanos() {
        return stalls().stream().mapToLong(Stall::nanos).max().orElse(0);
    }

    /**
     * Whether the machine was stalled through most of {@code [from, to]}: the watch's gaps cover at least
     * half of it. A note found late over such a stretch was late because nothing here could run.
     */
    public boolean stalledThrough(long fromNanos, long toNanos) {
        return stalledThrough(stalls(), fromNanos, toNanos);
    }

    /** How much of {@code [from, to]} the machine spent stalled. */
    public long stalledNanos(long fromNanos, long toNanos) {
        return stalledNanos(stalls(), fromNanos, toNanos);
    }

    /** The late note-ons among {@code misses} that fell inside a stall of the machine. */
    public long lateNotesInside(List<MissLog.Miss> misses) {
        List<Stall> stalls = stalls();
        return misses.stream().filter(m -> m.kind() == MissLog.Kind.LATE_NOTE_DROPPED
                && stalledThrough(stalls, m.dueNanos(), m.noticedNanos())).count();
    }

    static boolean stalledThrough(List<Stall> stalls, long fromNanos, long toNanos) {
        return stalledNanos(stalls, fromNanos, toNanos) * 2 >= toNanos - fromNanos;
    }

    private static long stalledNanos(List<Stall> stalls, long fromNanos, long toNanos) {
        long covered = 0;
        for (Stall s : stalls) covered += s.overlap(fromNanos, toNanos);
        return covered;
    }

    /** The host's steal time since the watch started (Linux guests), or empty where the system does not tell. */
    public OptionalLong stealSinceStart() {
        OptionalLong now = stealNanos();
        return now.isPresent() && stealAtStart >= 0 ? OptionalLong.of(now.getAsLong() - stealAtStart) : OptionalLong.empty();
    }

    /**
     * Time the hypervisor ran something else while this machine's CPUs wanted to run, summed over CPUs
     * (the "steal" column of {@code /proc/stat}, in clock ticks of 10 ms).
     */
    static OptionalLong stealNanos() {
        Path stat = Path.of("/proc/stat");
        if (!Files.isReadable(stat)) return OptionalLong.empty();
        try {
            for (String line : Files.readAllLines(stat)) {
                if (!line.startsWith("cpu ")) continue;
                String[] f = line.trim().split("\\s+");
                return f.length > 8 ? OptionalLong.of(Long.parseLong(f[8]) * 10_000_000L) : OptionalLong.empty();
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(thread);
        thread.join(1000);
    }
}
