package org.analogy.engine.schedule;

/**
 * The scheduler's delay line when some outputs take events early: messages already decided (and handed to
 * the early outputs) that the exact-time outputs and the recorder still wait for. A FIFO in due order,
 * because the scheduler decides events in due order; preallocated parallel arrays, nothing allocated per
 * event. Single-threaded, like the scheduler.
 */
final class DecidedEvents {

    private final long[] due;
    private final int[] part;
    private final int[] status;
    private final int[] data1;
    private final int[] data2;
    private final boolean[] timed;
    private int head;
    private int size;

    DecidedEvents(int capacity) {
        due = new long[capacity];
        part = new int[capacity];
        status = new int[capacity];
        data1 = new int[capacity];
        data2 = new int[capacity];
        timed = new boolean[capacity];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Adds at the tail; false (nothing added) when full. */
    boolean add(long dueNanos, int eventPart, int eventStatus, int d1, int d2, boolean countsAsTimed) {
        if (size == due.length) return false;
        int slot = (head + size) % due.length;
        due[slot] = dueNanos;
        part[slot] = eventPart;
        status[slot] = eventStatus;
        data1[slot] = d1;
        data2[slot] = d2;
        timed[slot] = countsAsTimed;
        size++;
        return true;
    }

    /** Due time of the head, or {@link Long#MAX_VALUE} when empty. */
    long nextDue() {
        return size == 0 ? Long.MAX_VALUE : due[head];
    }

    int headPart() { return part[head]; }

    int headStatus() { return status[head]; }

    int headData1() { return data1[head]; }

    int headData2() { return data2[head]; }

    /** True for note-ons and controls, whose lateness is the scheduling error; false for note-offs. */
    boolean headTimed() { return timed[head]; }

    void removeHead() {
        head = (head + 1) % due.length;
        size--;
    }
}
