package org.analogy.engine.bench;

import java.util.List;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.Sequencer;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.HdrHistogram.Histogram;

import org.analogy.engine.render.PerformanceInput;

/**
 * The JDK's own {@link Sequencer} playing the same notes in the same run, as the reference the engine's
 * timing is compared with. Each note-on's arrival is compared with where the sequencer's own timeline puts
 * it; the constant start offset (unknown from outside) is removed by subtracting the median deviation.
 */
public final class SequencerProbe implements AutoCloseable {

    private final Sequencer sequencer;
    private final long[] expectedNanos;
    private final long[] arrivedNanos;
    private int arrived;
    private long startNanos;

    public SequencerProbe(PerformanceInput performance, double bpm, double seconds)
            throws MidiUnavailableException, InvalidMidiDataException {
        Sequence sequence = new Sequence(Sequence.PPQ, 480);
        Track track = sequence.createTrack();
        double nanosPerStep = 60e9 / (bpm * 4);
        List<PerformanceInput.Message> messages = performance.messages();
        int count = 0;
        for (PerformanceInput.Message m : messages) {
            if (m.step() * nanosPerStep > seconds * 1e9) break;
            if ((m.status() & 0xF0) == 0x90) count++;
        }
        expectedNanos = new long[count];
        arrivedNanos = new long[count];
        int i = 0;
        for (PerformanceInput.Message m : messages) {
            long step = Math.round(m.step());
            if (step * nanosPerStep > seconds * 1e9) break;
            boolean on = (m.status() & 0xF0) == 0x90;
            track.add(new MidiEvent(new ShortMessage(on ? 0x90 : 0x80, m.status() & 0x0F, m.data1(), on ? m.data2() : 0), step * 120));
            if (on && i < count) expectedNanos[i++] = Math.round(step * nanosPerStep);
        }
        sequencer = MidiSystem.getSequencer(false);
        sequencer.open();
        sequencer.setSequence(sequence);
        sequencer.setTempoInBPM((float) bpm);
        sequencer.getTransmitter().setReceiver(new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {
                long now = System.nanoTime();
                if (message instanceof ShortMessage s && s.getCommand() == 0x90 && s.getData2() > 0 && arrived < arrivedNanos.length) {
                    arrivedNanos[arrived++] = now;
                }
            }

            @Override
            public void close() {}
        });
    }

    public void start() {
        startNanos = System.nanoTime();
        sequencer.start();
    }

    /** Absolute deviation from the sequencer's timeline, median offset removed, in nanoseconds. */
    public synchronized Histogram deviations() {
        int n = arrived;
        long[] offsets = new long[n];
        for (int i = 0; i < n; i++) offsets[i] = arrivedNanos[i] - startNanos - expectedNanos[i];
        long[] sorted = offsets.clone();
        java.util.Arrays.sort(sorted);
        long median = n == 0 ? 0 : sorted[n / 2];
        Histogram h = new Histogram(60_000_000_000L, 3);
        for (long o : offsets) h.recordValue(Math.min(60_000_000_000L, Math.abs(o - median)));
        return h;
    }

    @Override
    public void close() {
        sequencer.stop();
        sequencer.close();
    }
}
