package org.analogy.engine.bench;

import org.HdrHistogram.Recorder;

import org.analogy.engine.output.MidiOutput;

/**
 * An output that measures instead of sounding: for every event, the moment it really arrived minus the
 * time it was due. Wait-free and allocation-free, so it measures the engine, not itself.
 */
public final class TimingProbeOutput implements MidiOutput {

    private final Recorder errors = new Recorder(60_000_000_000L, 3);
    /** Note-ons alone, the events the JDK Sequencer row measures, so the two rows compare like with like. */
    private final Recorder noteOnErrors = new Recorder(60_000_000_000L, 3);
    private volatile long received;

    @Override
    public String name() {
        return "timing probe";
    }

    @Override
    public void send(long dueNanos, int status, int data1, int data2) {
        long error = Math.max(0, Math.min(60_000_000_000L, System.nanoTime() - dueNanos));
        errors.recordValue(error);
        if ((status & 0xF0) == 0x90 && data2 > 0) noteOnErrors.recordValue(error);
        received++;
    }

    public long received() {
        return received;
    }

    public org.HdrHistogram.Histogram errors() {
        return errors.getIntervalHistogram();
    }

    public org.HdrHistogram.Histogram noteOnErrors() {
        return noteOnErrors.getIntervalHistogram();
    }

    @Override
    public void close() {}
}
