package org.analogy.engine.output;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An append-only log of timestamped MIDI events with one writer thread and any number of readers. Events
 * go into fixed-size chunks, and the next chunk is made ready in advance by a background thread, so the
 * writer (an event-path thread) allocates nothing, and nothing recorded is ever dropped or moved. The
 * count is published with release semantics after each append, so a reader sees only complete events;
 * neither side takes a lock, so a reader (the recorder saving, the window polling) never holds up the writer.
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

    /**
     * The chunks so far, replaced by a longer copy when one is added (once per {@value #CHUNK} events). The
     * writer publishes the new array before the count that needs it, so a reader who reads the count first
     * always finds the chunk: no lock on either side, and a reader never holds up the writer.
     */
    private volatile Chunk[] chunks = new Chunk[0];
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
        Chunk[] all = chunks;
        if (chunk == all.length) {
            Chunk ready = spare.getAndSet(null);
            // Only a flood faster than a background allocation of 768 KB can outrun the spare.
            all = addChunk(ready != null ? ready : Chunk.allocate());
            prepareSpare();
        }
        int i = (int) (n % CHUNK);
        Chunk c = all[chunk];
        c.nanos()[i] = nanos;
        c.events()[i] = (tag & 0xFF) << 24 | (status & 0xFF) << 16 | (data1 & 0x7F) << 8 | (data2 & 0x7F);
        count = n + 1;
    }

    /**
     * Allocates now, on the calling thread, room for {@code events} more events, so that appending them
     * allocates nothing at all, not even on the background thread (a session of known length, a benchmark).
     * Call before recording starts or from the writer thread.
     */
    public void reserve(long events) {
        long chunksNeeded = (count + events + CHUNK - 1) / CHUNK;
        while (chunks.length < chunksNeeded) {
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
        return chunks[(int) (index / CHUNK)].nanos()[(int) (index % CHUNK)];
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
        return chunks[(int) (index / CHUNK)].events()[(int) (index % CHUNK)];
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= count) throw new IndexOutOfBoundsException("event " + index + " of " + count);
    }

    /** Writer only: publishes a copy of the chunk array with one more chunk (before the count grows into it). */
    private Chunk[] addChunk(Chunk chunk) {
        Chunk[] grown = java.util.Arrays.copyOf(chunks, chunks.length + 1);
        grown[grown.length - 1] = chunk;
        chunks = grown;
        return grown;
    }

    private void prepareSpare() {
        PREPARER.execute(() -> spare.compareAndSet(null, Chunk.allocate()));
    }
}
