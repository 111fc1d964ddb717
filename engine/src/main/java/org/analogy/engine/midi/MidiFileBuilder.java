package org.analogy.engine.midi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import org.analogy.engine.time.Timeline;

/**
 * Builds a type-1 Standard MIDI File: a conductor track (title, tempo changes, time signatures) followed by
 * named tracks of timed events, all in ticks at one resolution.
 *
 * <pre>{@code
 * MidiFileBuilder file = new MidiFileBuilder(480).title("take 3").tempo(0, 96).meter(0, 4);
 * file.track("melody").note(0, 60, 100, 0, 480);
 * file.track("accompaniment").programChange(0, 1, 0).controlChange(0, 1, 64, 127);
 * file.write(Path.of("take3.mid"));
 * }</pre>
 *
 * Within one tick, events are written note-offs first, then program and control changes, then note-ons, so a
 * repeated note re-strikes cleanly and a new instrument is in place before its first note.
 */
public final class MidiFileBuilder {

    public static final int DEFAULT_RESOLUTION = 480;

    private final int resolution;
    private String title;
    private final List<TempoChange> tempos = new ArrayList<>();
    private final List<MeterChange> meters = new ArrayList<>();
    private final List<TrackBuilder> tracks = new ArrayList<>();
    private long endTick;

    public MidiFileBuilder() {
        this(DEFAULT_RESOLUTION);
    }

    /** @param resolution ticks per quarter note (1–32767) */
    public MidiFileBuilder(int resolution) {
        if (resolution < 1 || resolution > 0x7FFF) throw new IllegalArgumentException("resolution " + resolution + " outside 1–32767");
        this.resolution = resolution;
    }

    public int resolution() {
        return resolution;
    }

    /** Names the conductor track (most programs show it as the song title). */
    public MidiFileBuilder title(String title) {
        this.title = title;
        return this;
    }

    public MidiFileBuilder tempo(long tick, double bpm) {
        checkTick(tick);
        Timeline.checkBpm(bpm);
        tempos.add(TempoChange.ofBpm(tick, bpm));
        return this;
    }

    /** A time signature of {@code beats}/4 from {@code tick} on. */
    public MidiFileBuilder meter(long tick, int beats) {
        return meter(tick, beats, 4);
    }

    public MidiFileBuilder meter(long tick, int numerator, int denominator) {
        checkTick(tick);
        if (numerator > 255) throw new IllegalArgumentException("numerator " + numerator + " above 255");
        if (denominator > 64) throw new IllegalArgumentException("denominator " + denominator + " above 64");
        meters.add(new MeterChange(tick, numerator, denominator));
        return this;
    }

    /** Makes every track last at least until {@code tick} (e.g. the end of the last bar, even if it is silent). */
    public MidiFileBuilder endAt(long tick) {
        checkTick(tick);
        endTick = Math.max(endTick, tick);
        return this;
    }

    /** Adds a new named track; tracks are written in the order they were added, after the conductor track. */
    public TrackBuilder track(String name) {
        TrackBuilder track = new TrackBuilder(name);
        tracks.add(track);
        return track;
    }

    public Sequence toSequence() {
        try {
            Sequence sequence = new Sequence(Sequence.PPQ, resolution);
            Track conductor = sequence.createTrack();
            if (title != null) conductor.add(new MidiEvent(text(0x03, title), 0));
            for (MeterChange meter : meters) conductor.add(new MidiEvent(timeSignature(meter), meter.tick()));
            for (TempoChange tempo : tempos) conductor.add(new MidiEvent(tempo(tempo.microsPerQuarter()), tempo.tick()));
            for (TrackBuilder builder : tracks) builder.writeTo(sequence.createTrack());
            if (endTick > 0) {
                for (Track track : sequence.getTracks()) track.add(new MidiEvent(new MetaMessage(0x2F, new byte[0], 0), endTick));
            }
            return sequence;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("building a MIDI sequence from checked values failed", e); // a bug here
        }
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MidiSystem.write(toSequence(), 1, out);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the file. It is written beside the target first and then moved into place, so a reader (or a
     * crash) never sees half a file.
     */
    public void write(Path file) throws MidiFileException {
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".part");
        try {
            if (absolute.getParent() != null) Files.createDirectories(absolute.getParent());
            Files.write(temporary, toBytes());
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the original error is the one worth reporting
            }
            throw new MidiFileException(file + " could not be written: " + e.getMessage(), e);
        }
    }

    private static void checkTick(long tick) {
        if (tick < 0) throw new IllegalArgumentException("tick " + tick + " is negative");
    }

    private static MetaMessage text(int type, String text) throws InvalidMidiDataException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new MetaMessage(type, bytes, bytes.length);
    }

    private static MetaMessage tempo(int microsPerQuarter) throws InvalidMidiDataException {
        byte[] data = {(byte) (microsPerQuarter >> 16), (byte) (microsPerQuarter >> 8), (byte) microsPerQuarter};
        return new MetaMessage(0x51, data, 3);
    }

    private static MetaMessage timeSignature(MeterChange meter) throws InvalidMidiDataException {
        int power = Integer.numberOfTrailingZeros(meter.denominator());
        // 24 MIDI clocks per metronome click and 8 32nds per quarter: the values every sequencer writes.
        byte[] data = {(byte) meter.numerator(), (byte) power, 24, 8};
        return new MetaMessage(0x58, data, 4);
    }

    /** The events of one named track. All methods check their arguments and return this track for chaining. */
    public static final class TrackBuilder {

        // Sort keys within a tick: see the class comment of MidiFileBuilder.
        private static final int NOTE_OFF = 0;
        private static final int SETUP = 1;
        private static final int NOTE_ON = 2;

        private record TimedMessage(long tick, int rank, int order, ShortMessage message) {}

        private final String name;
        private final List<TimedMessage> events = new ArrayList<>();

        private TrackBuilder(String name) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("a track needs a name");
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** A note from {@code startTick} to {@code endTick} (exclusive, after the start). */
        public TrackBuilder note(int channel, int pitch, int velocity, long startTick, long endTick) {
            if (endTick <= startTick) throw new IllegalArgumentException("note end " + endTick + " must come after its start " + startTick);
            noteOn(startTick, channel, pitch, velocity);
            return noteOff(endTick, channel, pitch);
        }

        public TrackBuilder noteOn(long tick, int channel, int pitch, int velocity) {
            if (velocity < 1 || velocity > 127) throw new IllegalArgumentException("velocity " + velocity + " outside 1–127");
            return add(tick, NOTE_ON, ShortMessage.NOTE_ON, channel, pitch, velocity);
        }

        public TrackBuilder noteOff(long tick, int channel, int pitch) {
            return add(tick, NOTE_OFF, ShortMessage.NOTE_OFF, channel, pitch, 0);
        }

        public TrackBuilder controlChange(long tick, int channel, int controller, int value) {
            return add(tick, SETUP, ShortMessage.CONTROL_CHANGE, channel, controller, value);
        }

        public TrackBuilder programChange(long tick, int channel, int program) {
            return add(tick, SETUP, ShortMessage.PROGRAM_CHANGE, channel, program, 0);
        }

        private TrackBuilder add(long tick, int rank, int command, int channel, int data1, int data2) {
            checkTick(tick);
            if (channel < 0 || channel > 15) throw new IllegalArgumentException("channel " + channel + " outside 0–15");
            if (data1 < 0 || data1 > 127) throw new IllegalArgumentException("data byte " + data1 + " outside 0–127");
            if (data2 < 0 || data2 > 127) throw new IllegalArgumentException("data byte " + data2 + " outside 0–127");
            try {
                events.add(new TimedMessage(tick, rank, events.size(), new ShortMessage(command, channel, data1, data2)));
            } catch (InvalidMidiDataException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return this;
        }

        private void writeTo(Track track) throws InvalidMidiDataException {
            track.add(new MidiEvent(text(0x03, name), 0));
            List<TimedMessage> sorted = new ArrayList<>(events);
            sorted.sort(Comparator.comparingLong(TimedMessage::tick).thenComparingInt(TimedMessage::rank)
                    .thenComparingInt(TimedMessage::order));
            for (TimedMessage event : sorted) {
                MidiMessage message = event.message();
                track.add(new MidiEvent(message, event.tick()));
            }
        }
    }
}
