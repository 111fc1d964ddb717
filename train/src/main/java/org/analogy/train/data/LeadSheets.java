package org.analogy.train.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;

/**
 * The lead sheets of {@code datasets/leadsheets/ewld/} ({@code <id>.mid} with a {@code melody} track, and
 * {@code <id>.chords.txt}: start beat, end beat, Harte label) as songs on the 16th grid, 4/4 pieces only
 * (the engine's accompaniment is 4/4). Ticks are 480 per quarter, so a step is 120 ticks; bar 0 starts at
 * tick 0 (a pickup is already shifted to end with bar 1).
 *
 * <p>The folder holds no validation split of its own (its held-out tenth is the project's test set and not
 * on disk), so this one is fixed here: a piece is for validation when the number its id's 12 hex digits
 * spell is divisible by 5, about a fifth of the pieces, stable whatever else is in the folder.
 */
public final class LeadSheets {

    public enum Part { TRAIN, VALIDATION, ALL }

    private static final int TICKS_PER_STEP = 120;

    private LeadSheets() {}

    /** True for folders that hold lead sheets: {@code DIR} itself or {@code DIR/ewld}. */
    public static Path folder(Path dir) {
        if (Files.isDirectory(dir.resolve("ewld"))) return dir.resolve("ewld");
        return dir;
    }

    public static boolean looksLikeLeadSheets(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(folder(dir))) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".chords.txt"));
        }
    }

    public static boolean isValidation(String id) {
        String hex = id.startsWith("ewld-") ? id.substring(5) : id;
        try {
            return Long.parseLong(hex, 16) % 5 == 0;
        } catch (NumberFormatException e) {
            return Math.floorMod(hex.hashCode(), 5) == 0;
        }
    }

    /** The 4/4 pieces of {@code part}, sorted by id. */
    public static List<Pop909Song> load(Path dir, Part part) throws IOException {
        Path folder = folder(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".chords.txt")).sorted().toList();
        }
        List<Pop909Song> songs = new ArrayList<>();
        for (Path chords : files) {
            String name = chords.getFileName().toString();
            String id = name.substring(0, name.length() - ".chords.txt".length());
            boolean validation = isValidation(id);
            if (part == Part.TRAIN && validation || part == Part.VALIDATION && !validation) continue;
            Pop909Song song = load(folder.resolve(id + ".mid"), chords, id);
            if (song != null) songs.add(song);
        }
        return songs;
    }

    /** One piece; null when it is not in 4/4. */
    static Pop909Song load(Path midi, Path chordFile, String id) throws IOException {
        Sequence sequence;
        try {
            sequence = MidiSystem.getSequence(midi.toFile());
        } catch (InvalidMidiDataException e) {
            throw new IOException(midi + ": unreadable MIDI: " + e.getMessage(), e);
        }
        if (sequence.getResolution() != 480) throw new IOException(midi + ": expected 480 ticks per quarter, found " + sequence.getResolution());
        List<GridNote> melody = new ArrayList<>();
        boolean fourFour = true;
        for (Track track : sequence.getTracks()) {
            String trackName = "";
            Map<Integer, long[]> open = new HashMap<>();
            List<long[]> notes = new ArrayList<>();
            for (int i = 0; i < track.size(); i++) {
                MidiEvent e = track.get(i);
                if (e.getMessage() instanceof MetaMessage m) {
                    if (m.getType() == 0x03) trackName = new String(m.getData(), StandardCharsets.US_ASCII);
                    if (m.getType() == 0x58 && m.getData().length >= 2 && (m.getData()[0] != 4 || m.getData()[1] != 2)) fourFour = false;
                } else if (e.getMessage() instanceof ShortMessage m) {
                    boolean on = m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0;
                    boolean off = m.getCommand() == ShortMessage.NOTE_OFF || m.getCommand() == ShortMessage.NOTE_ON && m.getData2() == 0;
                    if (on) {
                        open.put(m.getData1(), new long[] {e.getTick(), m.getData1(), m.getData2()});
                    } else if (off) {
                        long[] started = open.remove(m.getData1());
                        if (started != null) notes.add(new long[] {started[0], e.getTick(), started[1], started[2]});
                    }
                }
            }
            if (!trackName.equals("melody")) continue;
            for (long[] n : notes) {
                int start = (int) Math.round(n[0] / (double) TICKS_PER_STEP);
                int end = (int) Math.round(n[1] / (double) TICKS_PER_STEP);
                melody.add(new GridNote((int) n[2], (int) n[3], start, Math.max(1, end - start)));
            }
        }
        if (!fourFour) return null;
        List<double[]> spans = new ArrayList<>();
        List<Chord> labels = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(chordFile, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) continue;
            String[] parts = line.split("\t");
            if (parts.length != 3) throw new IOException(chordFile + " line " + lineNumber + ": expected start, end, label separated by tabs");
            try {
                spans.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
            } catch (NumberFormatException e) {
                throw new IOException(chordFile + " line " + lineNumber + ": not a beat number");
            }
            try {
                labels.add(Chord.parseHarte(parts[2].trim()));
            } catch (IllegalArgumentException e) {
                throw new IOException(chordFile + " line " + lineNumber + ": " + e.getMessage());
            }
        }
        int end = 0;
        for (GridNote n : melody) end = Math.max(end, n.end());
        for (double[] s : spans) end = Math.max(end, (int) Math.round(s[1] * 4));
        int bars = (end + 15) / 16;
        Chord[] perStep = new Chord[bars * 16];
        Arrays.fill(perStep, Chord.NONE);
        for (int i = 0; i < spans.size(); i++) {
            int from = (int) Math.round(spans.get(i)[0] * 4);
            int to = Math.min(perStep.length, (int) Math.round(spans.get(i)[1] * 4));
            for (int s = Math.max(0, from); s < to; s++) perStep[s] = labels.get(i);
        }
        List<Pop909Song.Bar> barList = new ArrayList<>();
        for (int b = 0; b < bars; b++) barList.add(new Pop909Song.Bar(b * 16, 4));
        return Pop909Song.of(id, melody, List.of(), List.of(), Arrays.asList(perStep), barList);
    }
}
