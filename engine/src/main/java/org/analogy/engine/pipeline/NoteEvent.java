package org.analogy.engine.pipeline;

import org.analogy.engine.process.Part;

/** Ring 3 slot: a generated note or control at a musical position, or "release everything". Preallocated. */
public final class NoteEvent {

    public static final int NOTE = 1;
    public static final int CONTROL = 2;
    public static final int ALL_OFF = 3;
    /** Withdraw the part's queued note-ons from {@code startStep} on (a revised bar follows). */
    public static final int CANCEL = 4;
    /** Withdraw the part's note-ons from {@code startStep} on and release its sounding notes there. */
    public static final int SILENCE = 5;

    public int kind;
    public Part part;
    public int channel;
    public int data1;
    public int data2;
    public double startStep;
    public double durationSteps;
    /** When the event was handed to ring 3 (for the hop latency). */
    public long publishedNanos;

    void set(int kind, Part part, int channel, int data1, int data2, double startStep, double durationSteps) {
        this.kind = kind;
        this.part = part;
        this.channel = channel;
        this.data1 = data1;
        this.data2 = data2;
        this.startStep = startStep;
        this.durationSteps = durationSteps;
    }
}
