package org.analogy.jack;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded single-producer/single-consumer queue of timed MIDI messages between JACK's process thread and
 * one other thread. Preallocated parallel arrays, ordered by lazy sets: offering and polling allocate
 * nothing, never lock and never wait. A message is packed into an int: status, data1, data2, length.
 */
final class EventQueue {

    private final long[] times;
    private final long[] frames;
    private final int[] messages;
    private final int mask;
    /** Next slot to read; written by the consumer only. */
    private final AtomicLong head = new AtomicLong();
    /** Next slot to write; written by the producer only. */
    private final AtomicLong tail = new AtomicLong();

    EventQueue(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) throw new IllegalArgumentException("capacity must be a power of two");
        times = new long[capacityPowerOfTwo];
        frames = new long[capacityPowerOfTwo];
        messages = new int[capacityPowerOfTwo];
        mask = capacityPowerOfTwo - 1;
    }

    static int pack(int status, int data1, int data2, int length) {
        return (status & 0xFF) | (data1 & 0x7F) << 8 | (data2 & 0x7F) << 16 | length << 24;
    }

    static int status(int message) { return message & 0xFF; }

    static int data1(int message) { return message >>> 8 & 0xFF; }

    static int data2(int message) { return message >>> 16 & 0xFF; }

    static int length(int message) { return message >>> 24; }

    /** Producer: adds at the tail; false (nothing added) when full. */
    boolean offer(long time, long frame, int message) {
        long t = tail.get();
        if (t - head.get() > mask) return false;
        int i = (int) t & mask;
        times[i] = time;
        frames[i] = frame;
        messages[i] = message;
        tail.lazySet(t + 1);
        return true;
    }

    /** Consumer side from here on. */
    boolean isEmpty() {
        return head.get() == tail.get();
    }

    long peekTime() { return times[(int) head.get() & mask]; }

    long peekFrame() { return frames[(int) head.get() & mask]; }

    int peekMessage() { return messages[(int) head.get() & mask]; }

    void poll() {
        head.lazySet(head.get() + 1);
    }

    /** Consumer: forgets everything queued so far. */
    void clear() {
        head.lazySet(tail.get());
    }

    int capacity() {
        return mask + 1;
    }
}
