package org.analogy.engine.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The most recent misses, with their times, so that a bench or a log can say <em>when</em> each happened
 * (and set it against what else happened then, such as the machine stalling). Preallocated and
 * allocation-free for the writers (the scheduler and inference threads); the oldest entries are overwritten.
 */
public final class MissLog {

    public enum Kind { LATE_NOTE_DROPPED, BAR_COVERED }

    /**
     * @param dueNanos    when the note was due, or the bar's deadline
     * @param noticedNanos when the engine found it late, or gave the bar up
     */
    public record Miss(Kind kind, long dueNanos, long noticedNanos) {
        public long latenessNanos() {
            return noticedNanos - dueNanos;
        }
    }

    private static final Kind[] KINDS = Kind.values();
    private final int capacity;
    private final long[] due;
    private final long[] noticed;
    private final int[] kind;
    /** Entries written so far; an entry is readable once its slot's stamp equals its index + 1. */
    private final AtomicLong written = new AtomicLong();
    private final AtomicLongArray stamps;

    public MissLog(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity " + capacity + ": must be at least 1");
        this.capacity = capacity;
        this.due = new long[capacity];
        this.noticed = new long[capacity];
        this.kind = new int[capacity];
        this.stamps = new AtomicLongArray(capacity);
    }

    public void record(Kind what, long dueNanos, long noticedNanos) {
        long index = written.getAndIncrement();
        int slot = (int) (index % capacity);
        due[slot] = dueNanos;
        noticed[slot] = noticedNanos;
        kind[slot] = what.ordinal();
        stamps.set(slot, index + 1); // publishes the fields above
    }

    /** Misses recorded so far (ever, including those overwritten). */
    public long count() {
        return written.get();
    }

    /** The entries still held, oldest first; one being written at this moment may be left out. */
    public List<Miss> snapshot() {
        long end = written.get();
        List<Miss> out = new ArrayList<>();
        for (long index = Math.max(0, end - capacity); index < end; index++) {
            int slot = (int) (index % capacity);
            if (stamps.get(slot) != index + 1) continue;
            Miss m = new Miss(KINDS[kind[slot]], due[slot], noticed[slot]);
            if (stamps.get(slot) == index + 1) out.add(m);
        }
        return out;
    }
}
