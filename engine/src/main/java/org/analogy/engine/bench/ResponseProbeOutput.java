package org.analogy.engine.bench;

import java.util.concurrent.atomic.AtomicLongArray;

import org.analogy.engine.output.MidiOutput;

/**
 * An output that notes when each pitch first sounds after being armed, so that a note played in can be
 * matched with the first note the engine generates from it. Allocation-free on the send path.
 */
public final class ResponseProbeOutput implements MidiOutput {

    private static final long NOT_YET = Long.MIN_VALUE;
    private final AtomicLongArray firstOn = new AtomicLongArray(128);

    public ResponseProbeOutput() {
        for (int p = 0; p < 128; p++) firstOn.set(p, NOT_YET);
    }

    @Override
    public String name() {
        return "response probe";
    }

    /** Forget when {@code pitch} last sounded: the next note-on of it is the response being waited for. */
    public void arm(int pitch) {
        firstOn.set(pitch, NOT_YET);
    }

    /** When {@code pitch} first sounded since {@link #arm}, or {@link Long#MIN_VALUE} if it has not. */
    public long firstNoteOn(int pitch) {
        return firstOn.get(pitch);
    }

    @Override
    public void send(long dueNanos, int status, int data1, int data2) {
        if ((status & 0xF0) == 0x90 && data2 > 0) firstOn.compareAndSet(data1 & 0x7F, NOT_YET, System.nanoTime());
    }

    @Override
    public void close() {}
}
