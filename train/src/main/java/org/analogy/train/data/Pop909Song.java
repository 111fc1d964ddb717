package org.analogy.train.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordLabel;
import org.analogy.engine.midi.TempoChange;
import org.analogy.engine.midi.TempoMap;
import org.analogy.engine.repr.GridNote;

/**
 * One POP909 song folder ({@code NNN/}) placed on Analogy's 16th grid.
 *
 * <p>POP909's MIDI tempo does not follow the music, so ticks are never divided into steps directly. Each
 * note's tick becomes seconds through the file's tempo map, and seconds become steps through the annotated
 * beats of {@code beat_midi.txt}: beat {@code i} spans steps {@code 4i..4i+4}, linearly in between. Step 0 is
 * the first annotated beat; the last beat is as long as the one before it. Onsets round to the nearest step;
 * a duration is the rounded end minus the rounded onset, at least one step. The chord of a step is the
 * {@code chord_midi.txt} segment sounding at the middle of the step (the middle, so that a chord boundary
 * written a microsecond off its beat still lands on the right step).
 */
public final class Pop909Song {

    /** A bar found from the 4-beat downbeat flags: where it starts and how many beats it has. */
    public record Bar(int startStep, int beats) {
        public boolean isFourFour() {
            return beats == 4;
        }
    }

    public static final int STEPS_PER_BEAT = 4;

    private final String id;
    private final List<GridNote> melody;
    private final List<GridNote> bridge;
    private final List<GridNote> piano;
    private final List<Chord> chordPerStep;
    private final List<Bar> bars;

    private Pop909Song(String id, List<GridNote> melody, List<GridNote> bridge, List<GridNote> piano,
                       List<Chord> chordPerStep, List<Bar> bars) {
        this.id = id;
        this.melody = melody;
        this.bridge = bridge;
        this.piano = piano;
        this.chordPerStep = chordPerStep;
        this.bars = bars;
    }

    /** Loads {@code folder/NNN.mid}, {@code beat_midi.txt} and {@code chord_midi.txt}; id = folder name. */
    public static Pop909Song load(Path folder) throws IOException {
        String id = folder.getFileName().toString();
        try {
            Path beatFile = folder.resolve("beat_midi.txt");
            List<double[]> beatRows = readColumns(beatFile, 3);
            BeatGrid grid = new BeatGrid(beatSeconds(beatRows, beatFile));
            Sequence sequence = MidiSystem.getSequence(folder.resolve(id + ".mid").toFile());
            TempoMap tempo = tempoOf(sequence);
            List<GridNote> melody = new ArrayList<>();
            List<GridNote> bridge = new ArrayList<>();
            List<GridNote> piano = new ArrayList<>();
            for (Track track : sequence.getTracks()) {
                String name = trackName(track);
                List<GridNote> target = switch (name) {
                    case "MELODY" -> melody;
                    case "BRIDGE" -> bridge;
                    case "PIANO" -> piano;
                    default -> null;
                };
                if (target != null) readNotes(track, tempo, grid, target);
            }
            List<Chord> chords = readChords(folder.resolve("chord_midi.txt"), grid);
            List<Bar> bars = bars(beatRows);
            return new Pop909Song(id, sorted(melody), sorted(bridge), sorted(piano), chords, bars);
        } catch (InvalidMidiDataException e) {
            throw new IOException("song " + id + ": unreadable MIDI: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException("song " + id + ": " + e.getMessage(), e);
        }
    }

    /** A song built from parts already on the grid (tests, synthetic data). */
    public static Pop909Song of(String id, List<GridNote> melody, List<GridNote> bridge, List<GridNote> piano,
                                List<Chord> chordPerStep, List<Bar> bars) {
        return new Pop909Song(id, sorted(melody), sorted(bridge), sorted(piano), List.copyOf(chordPerStep), List.copyOf(bars));
    }

    public String id() {
        return id;
    }

    /** MELODY track notes, sorted by start then pitch. Steps count from the first annotated beat. */
    public List<GridNote> melody() {
        return melody;
    }

    public List<GridNote> bridge() {
        return bridge;
    }

    public List<GridNote> piano() {
        return piano;
    }

    /** The chord at every step from step 0 to the end of the last beat. */
    public List<Chord> chordPerStep() {
        return chordPerStep;
    }

    /** The chords of {@code steps} steps from {@code start}; steps outside the song have no chord. */
    public List<Chord> chords(int start, int steps) {
        Chord[] result = new Chord[steps];
        for (int i = 0; i < steps; i++) {
            int step = start + i;
            result[i] = step >= 0 && step < chordPerStep.size() ? chordPerStep.get(step) : Chord.NONE;
        }
        return Arrays.asList(result);
    }

    /** Bars from the first 4-beat downbeat on; pickup beats before it belong to no bar. */
    public List<Bar> bars() {
        return bars;
    }

    private static List<GridNote> sorted(List<GridNote> notes) {
        List<GridNote> copy = new ArrayList<>(notes);
        copy.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(a.pitch(), b.pitch()));
        return Collections.unmodifiableList(copy);
    }

    private static double[] beatSeconds(List<double[]> rows, Path file) {
        double[] seconds = new double[rows.size()];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = rows.get(i)[0];
            if (i > 0 && seconds[i] <= seconds[i - 1]) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": beat times must increase");
            }
        }
        if (seconds.length < 2) throw new IllegalArgumentException(file.getFileName() + ": fewer than two beats");
        return seconds;
    }

    /** Column 3 of beat_midi.txt flags the first beat of each 4-beat bar. */
    private static List<Bar> bars(List<double[]> rows) {
        List<Integer> downbeats = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) if (rows.get(i)[2] == 1.0) downbeats.add(i);
        List<Bar> bars = new ArrayList<>();
        for (int k = 0; k < downbeats.size(); k++) {
            int first = downbeats.get(k);
            int next = k + 1 < downbeats.size() ? downbeats.get(k + 1) : rows.size();
            bars.add(new Bar(first * STEPS_PER_BEAT, next - first));
        }
        return List.copyOf(bars);
    }

    private static List<double[]> readColumns(Path file, int columns) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) continue;
            String[] parts = line.trim().split("\\s+");
            if (parts.length != columns) {
                throw new IllegalArgumentException(file.getFileName() + " line " + lineNumber + ": expected "
                        + columns + " columns, found " + parts.length);
            }
            double[] row = new double[columns];
            for (int c = 0; c < columns; c++) {
                try {
                    row[c] = Double.parseDouble(parts[c]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + lineNumber + ": not a number '" + parts[c] + "'");
                }
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Chord> readChords(Path file, BeatGrid grid) throws IOException {
        List<double[]> times = new ArrayList<>();
        List<Chord> segments = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) continue;
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 3) {
                throw new IllegalArgumentException(file.getFileName() + " line " + lineNumber + ": expected start, end, label");
            }
            try {
                times.add(new double[]{Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file.getFileName() + " line " + lineNumber + ": bad time in '" + line.trim() + "'");
            }
            try {
                segments.add(ChordLabel.parse(parts[2]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file.getFileName() + " line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        Chord[] perStep = new Chord[grid.totalSteps()];
        int segment = 0;
        for (int step = 0; step < perStep.length; step++) {
            double t = grid.secondsAt(step + 0.5);
            while (segment < times.size() && times.get(segment)[1] <= t) segment++;
            boolean inside = segment < times.size() && times.get(segment)[0] <= t;
            perStep[step] = inside ? segments.get(segment) : Chord.NONE;
        }
        return List.of(perStep);
    }

    private static String trackName(Track track) {
        for (int i = 0; i < track.size(); i++) {
            MidiMessage message = track.get(i).getMessage();
            if (message instanceof MetaMessage meta && meta.getType() == 0x03) {
                return new String(meta.getData(), StandardCharsets.ISO_8859_1).trim();
            }
        }
        return "";
    }

    /** Pairs note-ons with note-offs (first on, first off per pitch and channel) and places them on the grid. */
    private static void readNotes(Track track, TempoMap tempo, BeatGrid grid, List<GridNote> target) {
        @SuppressWarnings("unchecked")
        ArrayDeque<long[]>[] open = new ArrayDeque[16 * 128];
        for (int i = 0; i < track.size(); i++) {
            MidiEvent event = track.get(i);
            if (!(event.getMessage() instanceof ShortMessage message)) continue;
            int command = message.getCommand();
            boolean on = command == ShortMessage.NOTE_ON && message.getData2() > 0;
            boolean off = command == ShortMessage.NOTE_OFF || (command == ShortMessage.NOTE_ON && message.getData2() == 0);
            if (!on && !off) continue;
            int key = message.getChannel() * 128 + message.getData1();
            if (on) {
                if (open[key] == null) open[key] = new ArrayDeque<>();
                open[key].add(new long[]{event.getTick(), message.getData2()});
            } else if (open[key] != null && !open[key].isEmpty()) {
                long[] start = open[key].poll();
                target.add(place(message.getData1(), (int) start[1], start[0], event.getTick(), tempo, grid));
            }
        }
        // A note never switched off is dropped: its length is unknown.
    }

    private static GridNote place(int pitch, int velocity, long startTick, long endTick, TempoMap tempo, BeatGrid grid) {
        int start = (int) Math.round(grid.stepAt(tempo.secondsAt(startTick)));
        int end = (int) Math.round(grid.stepAt(tempo.secondsAt(endTick)));
        return new GridNote(pitch, velocity, start, Math.max(1, end - start));
    }

    /** Ticks to seconds through every tempo change of the file (type 1: tempo events may sit in any track). */
    static TempoMap tempoOf(Sequence sequence) throws InvalidMidiDataException {
        if (sequence.getDivisionType() != Sequence.PPQ) {
            throw new InvalidMidiDataException("SMPTE timing is not supported; POP909 files are PPQ");
        }
        List<TempoChange> changes = new ArrayList<>();
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                MidiEvent event = track.get(i);
                if (event.getMessage() instanceof MetaMessage meta && meta.getType() == 0x51 && meta.getData().length == 3) {
                    byte[] d = meta.getData();
                    int micros = ((d[0] & 0xFF) << 16) | ((d[1] & 0xFF) << 8) | (d[2] & 0xFF);
                    if (micros > 0) changes.add(new TempoChange(event.getTick(), micros));
                }
            }
        }
        return new TempoMap(sequence.getResolution(), changes);
    }

    /** Seconds ↔ fractional steps by the annotated beats, extrapolating with the first/last beat's length. */
    static final class BeatGrid {
        private final double[] beats;

        BeatGrid(double[] beatSeconds) {
            this.beats = beatSeconds;
        }

        int totalSteps() {
            return beats.length * STEPS_PER_BEAT;
        }

        double stepAt(double seconds) {
            int i = Arrays.binarySearch(beats, seconds);
            if (i < 0) i = -i - 2;
            i = Math.max(0, Math.min(i, beats.length - 2));
            double fraction = (seconds - beats[i]) / (beats[i + 1] - beats[i]);
            // Past the last beat the last interval goes on; i + fraction then exceeds the last index.
            return (i + fraction) * STEPS_PER_BEAT;
        }

        double secondsAt(double step) {
            double beat = step / STEPS_PER_BEAT;
            int i = (int) Math.floor(beat);
            i = Math.max(0, Math.min(i, beats.length - 2));
            return beats[i] + (beat - i) * (beats[i + 1] - beats[i]);
        }
    }
}
