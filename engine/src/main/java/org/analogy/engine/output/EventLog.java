package org.analogy.engine.output;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An append-only log of timestamped MIDI events with one writer thread and any number of readers. Events
 * go into fixed-size chunks, and the next chunk is made ready in advance by a background thread, so the
 * writer (an event-path thread) allocates nothing, and nothing recorded is ever dropped or moved. The
 * count is published with release semantics after each append, so a reader sees only complete events.
 */
public final class EventLog {

    static final int CHUNK = 1 << 16;

    /** Allocates spare chunks off the event path; one daemon thread for every log in the process. */
    private static final Executor PREPARER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "analogy-recorder-prepare");
        t.setDaemon(true);
        return t;
    });

    private record Chunk(long[] nanos, int[] events) {
        static Chunk allocate() {
            return new Chunk(new long[CHUNK], new int[CHUNK]);
        }
    }

    private final List<long[]> nanosChunks = new ArrayList<>();
    private final List<int[]> eventChunks = new ArrayList<>();
    private final AtomicReference<Chunk> spare = new AtomicReference<>();
    private volatile long count;

    public EventLog() {
        addChunk(Chunk.allocate());
        prepareSpare();
    }

    /** Writer thread only. {@code tag} is a small number the owner uses to tell streams apart (a part). */
    public void append(long nanos, int tag, int status, int data1, int data2) {
        long n = count;
        int chunk = (int) (n / CHUNK);
        if (chunk == nanosChunks.size()) {
            Chunk ready = spare.getAndSet(null);
            // Only a flood faster than a background allocation of 768 KB can outrun the spare.
            addChunk(ready != null ? ready : Chunk.allocate());
            prepareSpare();
        }
        int i = (int) (n % CHUNK);
        nanosChunks.get(chunk)[i] = nanos;
        eventChunks.get(chunk)[i] = (tag & 0xFF) << 24 | (status & 0xFF) << 16 | (data1 & 0x7F) << 8 | (data2 & 0x7F);
        count = n + 1;
    }

    /**
     * Allocates now, on the calling thread, room for {@code events} more events, so that appending them
     * allocates nothing at all, not even on the background thread (a session of known length, a benchmark).
     * Call before recording starts or from the writer thread.
     */
    public void reserve(long events) {
        long chunksNeeded = (count + events + CHUNK - 1) / CHUNK;
        while (nanosChunks.size() < chunksNeeded) {
            Chunk ready = spare.getAndSet(null);
            addChunk(ready != null ? ready : Chunk.allocate());
        }
        if (spare.get() == null) prepareSpare();
    }

    public long size() {
        return count;
    }

    public long nanos(long index) {
        checkIndex(index);
        synchronized (eventChunks) {
            return nanosChunks.get((int) (index / CHUNK))[(int) (index % CHUNK)];
        }
    }

    public int tag(long index) {
        return packed(index) >>> 24;
    }

    public int status(long index) {
        return packed(index) >>> 16 & 0xFF;
    }

    public int data1(long index) {
        return packed(index) >>> 8 & 0x7F;
    }

    public int data2(long index) {
        return packed(index) & 0x7F;
    }

    private int packed(long index) {
        checkIndex(index);
        synchronized (eventChunks) {
            return eventChunks.get((int) (index / CHUNK))[(int) (index % CHUNK)];
        }
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= count) throw new IndexOutOfBoundsException("event " + index + " of " + count);
    }

    private void addChunk(Chunk chunk) {
        // Readers index the chunk lists, so growing them is the one step that takes the lock.
        synchronized (eventChunks) {
            nanosChunks.add(chunk.nanos());
            eventChunks.add(chunk.events());
        }
    }

    private void prepareSpare() {
        PREPARER.execute(() -> spare.compareAndSet(null, Chunk.allocate()));
    }
}
