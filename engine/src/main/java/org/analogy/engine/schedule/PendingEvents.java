package org.analogy.engine.schedule;

/**
 * The scheduler's future: a binary min-heap of events ordered by musical position, held in preallocated
 * parallel arrays so that adding and removing allocates nothing. At equal positions note-offs come before
 * controls and controls before note-ons, so a repeated note is released before it is struck again.
 */
final class PendingEvents {

    static final int NOTE_OFF = 0;
    static final int CONTROL = 1;
    static final int NOTE_ON = 2;
    /** A note-on withdrawn before it was due (its bar was revised); sorts like a note-on. */
    static final int CANCELLED = 3;

    private final double[] step;
    private final int[] kind;
    private final int[] part;
    private final int[] channel;
    private final int[] data1;
    private final int[] data2;
    private final long[] noteId;
    private final long[] sequence;
    private final int[] heap;   // heap of slot indices
    private final int[] free;   // stack of free slot indices
    private int size;
    private int freeCount;
    private long nextSequence;

    PendingEvents(int capacity) {
        step = new double[capacity];
        kind = new int[capacity];
        part = new int[capacity];
        channel = new int[capacity];
        data1 = new int[capacity];
        data2 = new int[capacity];
        noteId = new long[capacity];
        sequence = new long[capacity];
        heap = new int[capacity];
        free = new int[capacity];
        clear();
    }

    int capacity() {
        return heap.length;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds an event; false (nothing added) when full. */
    boolean add(double atStep, int eventKind, int eventPart, int ch, int d1, int d2, long id) {
        if (freeCount == 0) return false;
        int slot = free[--freeCount];
        step[slot] = atStep;
        kind[slot] = eventKind;
        part[slot] = eventPart;
        channel[slot] = ch;
        data1[slot] = d1;
        data2[slot] = d2;
        noteId[slot] = id;
        sequence[slot] = nextSequence++;
        heap[size] = slot;
        siftUp(size++);
        return true;
    }

    /** Slot of the earliest event; only valid when not empty. */
    int peek() {
        return heap[0];
    }

    /** Removes the earliest event; its slot's fields stay readable until the next {@link #add}. */
    int poll() {
        int slot = heap[0];
        heap[0] = heap[--size];
        if (size > 0) siftDown(0);
        free[freeCount++] = slot;
        return slot;
    }

    /**
     * Withdraws the note-ons of {@code eventPart} due at or after {@code fromStep}: they stay in the heap
     * but are skipped when due, and their note-offs find nothing sounding. Allocates nothing.
     */
    int cancelNoteOns(int eventPart, double fromStep) {
        int cancelled = 0;
        for (int i = 0; i < size; i++) {
            int slot = heap[i];
            if (kind[slot] == NOTE_ON && part[slot] == eventPart && step[slot] >= fromStep) {
                kind[slot] = CANCELLED;
                cancelled++;
            }
        }
        return cancelled;
    }

    /**
     * Brings the note-offs of {@code eventPart} due after {@code atStep} forward to {@code atStep}, so what that part
     * has sounding stops there. Each moved event only rises in the heap (its key decreased), so one pass over the
     * heap in index order restores the order; nothing is allocated.
     */
    int releaseNoteOffs(int eventPart, double atStep) {
        int moved = 0;
        for (int i = 0; i < size; i++) {
            int slot = heap[i];
            if (kind[slot] == NOTE_OFF && part[slot] == eventPart && step[slot] > atStep) {
                step[slot] = atStep;
                siftUp(i);
                moved++;
            }
        }
        return moved;
    }

    void clear() {
        size = 0;
        freeCount = heap.length;
        for (int i = 0; i < free.length; i++) free[i] = free.length - 1 - i;
    }

    double step(int slot) { return step[slot]; }
    int kind(int slot) { return kind[slot]; }
    int part(int slot) { return part[slot]; }
    int channel(int slot) { return channel[slot]; }
    int data1(int slot) { return data1[slot]; }
    int data2(int slot) { return data2[slot]; }
    long noteId(int slot) { return noteId[slot]; }

    private boolean before(int a, int b) {
        if (step[a] != step[b]) return step[a] < step[b];
        int ka = order(kind[a]);
        int kb = order(kind[b]);
        if (ka != kb) return ka < kb;
        return sequence[a] < sequence[b];
    }

    /** A cancelled note-on keeps its place: the heap order must not change under it. */
    private static int order(int eventKind) {
        return eventKind == CANCELLED ? NOTE_ON : eventKind;
    }

    private void siftUp(int i) {
        int slot = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(slot, heap[parent])) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = slot;
    }

    private void siftDown(int i) {
        int slot = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) child = right;
            if (!before(heap[child], slot)) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = slot;
    }
}
