package org.analogy.train.drums;

import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.midi.FileNote;
import org.analogy.engine.midi.MeterChange;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.midi.MidiFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Groove MIDI Dataset's 4/4 performances cut into 2-bar {@link DrumPattern}s on the 16th grid, as GrooVAE
 * reads it: every note onset goes to its nearest 16th step, the distance from that step is its micro-timing
 * offset (−0.5..0.5 of a step), its velocity is velocity/127, and the Roland TD-11 note is folded into one of the
 * nine {@link DrumVoice}s. Two hits of one drum on one step keep the louder. Windows start on every bar (hop of
 * one bar); a performance shorter than two bars gives one window, its end left silent.
 *
 * <p>Which files and splits: {@code info.csv}'s own split column ({@code train}, {@code validation}; the test
 * split is not on disk) and its {@code time_signature} 4-4. Note-offs are ignored (drums are one-shots), so a
 * pad re-struck before its note-off (how the TD-11 recorded 498 files) is read correctly.
 *
 * <p>Licence: CC BY 4.0; {@link #CREDIT} is what bundles and reports carry.
 */
public final class GrooveDataset {

    public static final String ROOT_PROPERTY = "analogy.groove";
    public static final String ROOT_ENV = "ANALOGY_GROOVE";
    public static final String CREDIT = "Groove MIDI Dataset (Magenta): J. Gillick, A. Roberts, J. Engel, M. Norouzi, D. Bamman, "
            + "\"Learning to Groove with Inverse Sequence Transformations\", ICML 2019, https://magenta.tensorflow.org/datasets/groove; "
            + "licence CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); changes: TD-11 notes reduced to 9 drums, "
            + "quantised to 2-bar 16th-note windows with velocity and micro-timing";
    public static final String LICENCE = "CC BY 4.0";

    /** The dataset's own splits that are on disk. */
    public enum Split {
        TRAIN("train"), VALIDATION("validation");

        private final String label;

        Split(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One 2-bar window: which performance, which bar it starts at, its tempo, its drums. */
    public record Window(String file, int firstBar, double bpm, DrumPattern pattern) {
        /** Length of one 16th step in seconds at this window's tempo (for micro-timing errors in ms). */
        public double stepSeconds() {
            return DrumPattern.stepSeconds(bpm);
        }
    }

    /** What was read: the windows, and counts for the log. */
    public record Loaded(List<Window> windows, int files, int skippedMeter, long hits, long unmappedNotes) {
        public String describe() {
            return String.format("%d windows from %d files (%d not in 4/4 skipped), %d hits, %d notes outside the 9 drums",
                    windows.size(), files, skippedMeter, hits, unmappedNotes);
        }
    }

    private GrooveDataset() {
    }

    /** The dataset folder: property {@value #ROOT_PROPERTY}, env {@value #ROOT_ENV}, else {@code ../shared/datasets/groove} above here. */
    public static Path defaultRoot() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) return Path.of(property);
        String env = System.getenv(ROOT_ENV);
        if (env != null && !env.isBlank()) return Path.of(env);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path beside = dir.resolveSibling("shared").resolve("datasets").resolve("groove");
            if (dir.getParent() != null && Files.isDirectory(beside)) return beside;
        }
        return Path.of("../shared/datasets/groove");
    }

    /** Whether {@code root} looks like the dataset (an {@code info.csv} is there). */
    public static boolean isDataset(Path root) {
        return root != null && Files.isRegularFile(root.resolve("info.csv"));
    }

    /** The 9-drum reduction of a Roland TD-11 note as the dataset records it, or null for a note of no drum. */
    public static DrumVoice voiceOfRoland(int note) {
        return switch (note) {
            case 36 -> DrumVoice.KICK;
            case 37, 38, 40 -> DrumVoice.SNARE;                 // x-stick, head, rim
            case 22, 42, 44 -> DrumVoice.CLOSED_HAT;            // edge, bow, pedal
            case 26, 46 -> DrumVoice.OPEN_HAT;                  // edge, bow
            case 43, 58 -> DrumVoice.LOW_TOM;                   // floor tom head, rim (58 is not a tom in GM)
            case 45, 47 -> DrumVoice.MID_TOM;
            case 48, 50 -> DrumVoice.HIGH_TOM;
            case 49, 52, 55, 57 -> DrumVoice.CRASH;
            case 51, 53, 59 -> DrumVoice.RIDE;
            default -> null;
        };
    }

    /** Every 4/4 performance of {@code split} under {@code root}, as windows in file order. */
    public static Loaded load(Path root, Split split) throws IOException {
        if (!isDataset(root)) throw new IOException(root + ": no Groove MIDI Dataset there (info.csv missing)");
        List<String> lines = Files.readAllLines(root.resolve("info.csv"));
        if (lines.isEmpty()) throw new IOException(root.resolve("info.csv") + " is empty");
        Map<String, Integer> column = columns(lines.get(0), root);
        List<Window> windows = new ArrayList<>();
        int files = 0, skipped = 0;
        long[] counts = new long[2];
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] row = lines.get(i).split(",", -1);
            if (row.length != column.size()) throw new IOException(root.resolve("info.csv") + " line " + (i + 1) + ": " + row.length + " fields, header has " + column.size());
            if (!row[column.get("split")].equals(split.label())) continue;
            if (!row[column.get("time_signature")].equals("4-4")) {
                skipped++;
                continue;
            }
            Path file = root.resolve(row[column.get("midi_filename")]);
            windows.addAll(windows(file, root.relativize(file).toString(), counts));
            files++;
        }
        return new Loaded(List.copyOf(windows), files, skipped, counts[0], counts[1]);
    }

    private static Map<String, Integer> columns(String header, Path root) throws IOException {
        String[] names = header.split(",", -1);
        Map<String, Integer> column = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) column.put(names[i].trim(), i);
        for (String needed : List.of("split", "time_signature", "midi_filename")) {
            if (!column.containsKey(needed)) throw new IOException(root.resolve("info.csv") + ": no column " + needed);
        }
        return column;
    }

    /** One performance's 2-bar windows; {@code counts} gains its hits [0] and notes of no drum [1]. */
    public static List<Window> windows(Path file, String name, long[] counts) throws IOException {
        MidiFileContent midi;
        try {
            midi = MidiFiles.read(file);
        } catch (MidiFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        for (MeterChange meter : midi.meters()) {
            if (meter.numerator() != 4 || meter.denominator() != 4) {
                throw new IOException(file + ": time signature " + meter + " in a performance listed as 4-4");
            }
        }
        double stepTicks = midi.resolution() / 4.0;
        List<FileNote> notes = midi.allNotes();
        int lastStep = 0;
        for (FileNote n : notes) lastStep = Math.max(lastStep, (int) Math.floor(n.startTick() / stepTicks + 0.5));
        int bars = Math.max(DrumPattern.BARS, lastStep / DrumPattern.STEPS_PER_BAR + 1);
        // The grid of the whole performance, then sliced: index = step * VOICES + voice.
        int steps = bars * DrumPattern.STEPS_PER_BAR;
        float[] velocity = new float[steps * DrumPattern.VOICES];
        float[] offset = new float[steps * DrumPattern.VOICES];
        for (FileNote n : notes) {
            DrumVoice voice = voiceOfRoland(n.pitch());
            if (voice == null) {
                counts[1]++;
                continue;
            }
            double position = n.startTick() / stepTicks;
            int step = (int) Math.floor(position + 0.5);
            int i = step * DrumPattern.VOICES + voice.ordinal();
            float v = n.velocity() / 127f;
            if (velocity[i] == 0f) counts[0]++;
            if (v > velocity[i]) {
                velocity[i] = v;
                offset[i] = (float) (position - step);
            }
        }
        List<Window> windows = new ArrayList<>();
        for (int bar = 0; bar + DrumPattern.BARS <= bars; bar++) {
            DrumPattern pattern = new DrumPattern();
            int first = bar * DrumPattern.STEPS_PER_BAR;
            for (int s = 0; s < DrumPattern.STEPS; s++) {
                for (DrumVoice voice : DrumVoice.values()) {
                    int i = (first + s) * DrumPattern.VOICES + voice.ordinal();
                    if (velocity[i] > 0f) pattern.set(s, voice, velocity[i], offset[i]);
                }
            }
            if (pattern.hitCount() == 0) continue;
            long tick = Math.round(first * stepTicks);
            windows.add(new Window(name, bar, midi.tempoMap().bpmAt(tick), pattern));
        }
        return windows;
    }
}
