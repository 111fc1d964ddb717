package org.analogy.engine.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.process.Part;
import org.analogy.engine.time.Timeline;

/**
 * Records a session: what was played (written by the capture thread) and what was sent (written by the
 * scheduler thread), each into its own {@link EventLog}, with the times they actually happened. Saved as a
 * type-1 MIDI file whose ticks follow the session's tempo, so bars line up in a DAW while each event keeps
 * its real timing. Nothing is dropped; saving can happen while recording continues.
 *
 * <p>The chords the parts were written to (reported by the inference stage per bar, a revision restating the
 * rest of its bar) become a track named {@value #CHORDS_TRACK}: at each change a text event (FF 01) with the
 * chord symbol, and the chord's pitch classes as a block chord from its bass up, around C3–B3, at velocity 1
 * until the next change, so a DAW shows it and {@code --chords-from} reads it back.
 */
public final class SessionRecorder {

    public static final int RESOLUTION = 480;
    public static final String CHORDS_TRACK = "chords";
    /** The chords track's notes: channel 16, velocity 1 (heard, if at all, as a whisper), bass in C3–B3. */
    static final int CHORD_CHANNEL = 15;
    static final int CHORD_VELOCITY = 1;
    static final int CHORD_LOWEST = 48;

    private record TimelineChange(long atNanos, Timeline timeline) {}

    private final EventLog input = new EventLog();
    private final EventLog output = new EventLog();
    private final List<TimelineChange> timelines = new CopyOnWriteArrayList<>();
    /** Chord per step (absolute steps), as last reported; guarded by itself. */
    private final java.util.TreeMap<Long, Chord> chords = new java.util.TreeMap<>();
    /** Text markers by step (answer mode marks each bar the band answered in), written as MIDI marker events. */
    private final java.util.TreeMap<Long, String> markers = new java.util.TreeMap<>();
    private volatile boolean enabled = true;

    /**
     * Turns recording off (or back on): a session that writes no recording, such as an installation running
     * for days, keeps nothing, so memory stays flat however long it runs.
     */
    public void setEnabled(boolean value) {
        enabled = value;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Capture thread. */
    public void recordInput(long nanos, int status, int data1, int data2) {
        if (enabled) input.append(nanos, Part.INPUT.ordinal(), status, data1, data2);
    }

    /** Scheduler thread. */
    public void recordOutput(long nanos, Part part, int status, int data1, int data2) {
        if (enabled && part.isRecorded()) output.append(nanos, part.ordinal(), status, data1, data2);
    }

    /** Inference thread: a text marker at {@code step} (a later one at the same step replaces it). */
    public void recordMarker(long step, String text) {
        if (!enabled) return;
        synchronized (markers) {
            markers.put(step, text);
        }
    }

    /** Inference thread: from {@code fromStep} on, the parts are written to these chords (one per step). */
    public void recordChords(long fromStep, Chord[] perStep) {
        if (!enabled) return;
        synchronized (chords) {
            for (int i = 0; i < perStep.length; i++) chords.put(fromStep + i, perStep[i]);
        }
    }

    /** Capture thread: the tempo, meter or transport state changed at {@code atNanos}. */
    public void timelineChanged(Timeline timeline, long atNanos) {
        if (enabled) timelines.add(new TimelineChange(timelines.isEmpty() ? Long.MIN_VALUE : atNanos, timeline));
    }

    /** Makes room now for this many more input and output events (see {@link EventLog#reserve}). */
    public void reserve(long inputEvents, long outputEvents) {
        input.reserve(inputEvents);
        output.reserve(outputEvents);
    }

    public long inputEventCount() {
        return input.size();
    }

    public long outputEventCount() {
        return output.size();
    }

    public EventLog inputLog() {
        return input;
    }

    public EventLog outputLog() {
        return output;
    }

    /** Writes everything recorded so far. */
    public void save(Path file) throws IOException {
        save(file, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Writes the events recorded in [{@code fromNanos}, {@code toNanos}) — a take within the session, as a
     * record button marks it. Notes still sounding at the end get their note-off there.
     */
    public void save(Path file, long fromNanos, long toNanos) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        MidiSystem.write(toSequence(fromNanos, toNanos), 1, tmp.toFile());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The recording as a type-1 sequence: a conductor track, then input, melody, accompaniment. */
    public Sequence toSequence() {
        return toSequence(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The events recorded in [{@code fromNanos}, {@code toNanos}) as a type-1 sequence. */
    public Sequence toSequence(long fromNanos, long toNanos) {
        try {
            List<TimelineChange> changes = new ArrayList<>(timelines);
            long inputCount = input.size();
            long outputCount = output.size();
            double firstStep = Double.POSITIVE_INFINITY;
            for (long i = 0; i < inputCount; i++) {
                if (inRange(input.nanos(i), fromNanos, toNanos)) firstStep = Math.min(firstStep, stepAt(changes, input.nanos(i)));
            }
            for (long i = 0; i < outputCount; i++) {
                if (inRange(output.nanos(i), fromNanos, toNanos)) firstStep = Math.min(firstStep, stepAt(changes, output.nanos(i)));
            }
            Timeline first = changes.get(0).timeline();
            int stepsPerBar = first.stepsPerBar();
            boolean whole = fromNanos == Long.MIN_VALUE;
            long firstBar = Double.isInfinite(firstStep) ? 0 : (long) Math.floor(firstStep / stepsPerBar);
            // A whole session keeps bar 0 where the transport had it; a take starts at the bar it began in.
            long originBar = whole ? Math.min(0, firstBar) : (long) Math.floor(stepAt(changes, fromNanos) / stepsPerBar);
            double originStep = originBar * (double) stepsPerBar;

            Sequence sequence = new Sequence(Sequence.PPQ, RESOLUTION);
            Track conductor = sequence.createTrack();
            conductor.add(new MidiEvent(meta(0x03, "analogy".getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0));
            conductor.add(new MidiEvent(meta(0x58, new byte[] {(byte) first.meter().beatsPerBar(), 2, 24, 8}), 0));
            double lastBpm = Double.NaN;
            for (TimelineChange c : changes) {
                Timeline t = c.timeline();
                if (t.bpm() == lastBpm) continue;
                lastBpm = t.bpm();
                long tick = Math.max(0, toTick(t.anchorStep(), originStep));
                int microsPerQuarter = (int) Math.round(60_000_000.0 / t.bpm());
                conductor.add(new MidiEvent(meta(0x51, new byte[] {
                        (byte) (microsPerQuarter >> 16), (byte) (microsPerQuarter >> 8), (byte) microsPerQuarter}), tick));
            }

            Track[] tracks = new Track[Part.values().length];
            tracks[Part.INPUT.ordinal()] = namedTrack(sequence, Part.INPUT);
            copy(input, inputCount, changes, originStep, sequence, tracks, fromNanos, toNanos);
            copy(output, outputCount, changes, originStep, sequence, tracks, fromNanos, toNanos);
            for (Track t : tracks) if (t != null) closeHangingNotes(t);
            long fromStep = whole ? Long.MIN_VALUE : (long) Math.ceil(stepAt(changes, fromNanos));
            long toStep = toNanos == Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(stepAt(changes, toNanos));
            writeChords(sequence, fromStep, toStep, originStep);
            synchronized (markers) {
                for (java.util.Map.Entry<Long, String> m : markers.subMap(Math.max(fromStep, (long) Math.ceil(originStep)), toStep).entrySet()) {
                    conductor.add(new MidiEvent(meta(0x06, m.getValue().getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                            toTick(m.getKey(), originStep)));
                }
            }
            return sequence;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("recording could not be encoded: " + e.getMessage(), e);
        }
    }

    /** The {@value #CHORDS_TRACK} track over the steps [fromStep, toStep) that have a reported chord. */
    private void writeChords(Sequence sequence, long fromStep, long toStep, double originStep) throws InvalidMidiDataException {
        java.util.SortedMap<Long, Chord> steps;
        synchronized (chords) {
            steps = new java.util.TreeMap<>(chords.subMap(Math.max(fromStep, (long) Math.ceil(originStep)), toStep));
        }
        if (steps.isEmpty()) return;
        Track track = sequence.createTrack();
        track.add(new MidiEvent(meta(0x03, CHORDS_TRACK.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0));
        Chord sounding = null;
        long segmentStart = 0;
        long last = Long.MIN_VALUE;
        for (java.util.Map.Entry<Long, Chord> e : steps.entrySet()) {
            long step = e.getKey();
            boolean gap = last != Long.MIN_VALUE && step != last + 1;
            if (sounding != null && (gap || !sounding.equals(e.getValue()))) {
                endChord(track, sounding, toTick(last + 1, originStep));
                sounding = null;
            }
            if (sounding == null) {
                sounding = e.getValue();
                segmentStart = toTick(step, originStep);
                startChord(track, sounding, segmentStart);
            }
            last = step;
        }
        if (sounding != null) endChord(track, sounding, toTick(last + 1, originStep));
    }

    private static void startChord(Track track, Chord chord, long tick) throws InvalidMidiDataException {
        String symbol = chord.isNone() ? "N.C." : chord.toSymbol();
        track.add(new MidiEvent(meta(0x01, symbol.getBytes(java.nio.charset.StandardCharsets.UTF_8)), tick));
        for (int pitch : chordVoicing(chord)) track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, CHORD_CHANNEL, pitch, CHORD_VELOCITY), tick));
    }

    private static void endChord(Track track, Chord chord, long tick) throws InvalidMidiDataException {
        for (int pitch : chordVoicing(chord)) track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, CHORD_CHANNEL, pitch, 0), tick));
    }

    /** The chord's pitch classes as a block chord: its bass in C3–B3, every other pitch class once above it. */
    static int[] chordVoicing(Chord chord) {
        if (chord.isNone()) return new int[0];
        int bass = chord.bass() >= 0 ? chord.bass() : chord.root();
        int[] classes = chord.pitchClasses();
        int[] out = new int[classes.length + 1];
        out[0] = CHORD_LOWEST + bass;
        int k = 1;
        for (int interval = 1; interval < 12; interval++) {
            int pc = (bass + interval) % 12;
            if (chord.contains(pc)) out[k++] = CHORD_LOWEST + bass + interval;
        }
        return java.util.Arrays.copyOf(out, k);
    }

    private static boolean inRange(long nanos, long fromNanos, long toNanos) {
        return nanos >= fromNanos && nanos < toNanos;
    }

    private static void copy(EventLog log, long count, List<TimelineChange> changes, double originStep,
                             Sequence sequence, Track[] tracks, long fromNanos, long toNanos) throws InvalidMidiDataException {
        for (long i = 0; i < count; i++) {
            if (!inRange(log.nanos(i), fromNanos, toNanos)) continue;
            int partIndex = log.tag(i);
            if (tracks[partIndex] == null) tracks[partIndex] = namedTrack(sequence, Part.values()[partIndex]);
            long tick = Math.max(0, toTick(stepAt(changes, log.nanos(i)), originStep));
            int status = log.status(i);
            int command = status & 0xF0;
            ShortMessage m = command == 0xC0 || command == 0xD0
                    ? new ShortMessage(command, status & 0x0F, log.data1(i), 0)
                    : new ShortMessage(command, status & 0x0F, log.data1(i), log.data2(i));
            tracks[partIndex].add(new MidiEvent(m, tick));
        }
    }

    /** Notes still down when the recording (or the take) ends get a note-off there, so no note hangs in the file. */
    private static void closeHangingNotes(Track track) throws InvalidMidiDataException {
        boolean[] down = new boolean[16 * 128];
        long last = 0;
        for (int i = 0; i < track.size(); i++) {
            MidiEvent e = track.get(i);
            last = Math.max(last, e.getTick());
            if (e.getMessage() instanceof ShortMessage m) {
                int slot = m.getChannel() * 128 + m.getData1();
                if (m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0) down[slot] = true;
                else if (m.getCommand() == ShortMessage.NOTE_OFF || m.getCommand() == ShortMessage.NOTE_ON) down[slot] = false;
            }
        }
        for (int slot = 0; slot < down.length; slot++) {
            if (down[slot]) track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, slot / 128, slot % 128, 0), last + 1));
        }
    }

    private static Track namedTrack(Sequence sequence, Part part) throws InvalidMidiDataException {
        Track t = sequence.createTrack();
        t.add(new MidiEvent(meta(0x03, part.trackName().getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0));
        return t;
    }

    private static MetaMessage meta(int type, byte[] data) throws InvalidMidiDataException {
        return new MetaMessage(type, data, data.length);
    }

    private static long toTick(double step, double originStep) {
        return Math.round((step - originStep) * RESOLUTION / 4.0);
    }

    /** Position of a time under the timeline in force then. */
    private static double stepAt(List<TimelineChange> changes, long nanos) {
        Timeline t = changes.get(0).timeline();
        for (TimelineChange c : changes) {
            if (c.atNanos() <= nanos) t = c.timeline();
            else break;
        }
        return t.stepAt(nanos);
    }
}
