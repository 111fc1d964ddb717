package org.analogy.train.bass;

import org.analogy.engine.bass.BassLine;
import org.analogy.engine.bass.ChordTemplates;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.midi.FileNote;
import org.analogy.engine.midi.FileProgramChange;
import org.analogy.engine.midi.FileTrack;
import org.analogy.engine.midi.MeterChange;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.repr.GridNote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Slakh2100 as the Q&A authors processed it, read as MIDI (one track per instrument with its General MIDI
 * program, 120 BPM, a 16th = 120 ticks, no drums) and cut into 2-bar {@link Window}s for the bass model.
 *
 * <ul>
 *   <li>The bass is the track of the General MIDI bass family (programs 32–39) with the most notes; a song with
 *       none is skipped. Other bass-family tracks are left out of everything.</li>
 *   <li>Chords: every other track's notes, per half bar, labelled by {@link ChordTemplates} (pitch classes
 *       weighted by the steps they sound; a silent half bar keeps the chord before it).</li>
 *   <li>Rhythm: per step, how many other tracks have an onset there.</li>
 *   <li>Windows start on every 4/4 bar whose next bar is 4/4 too (bars of other lengths are skipped); a window
 *       where the bass plays no onset, or where no chord can be labelled, is skipped.</li>
 * </ul>
 *
 * <p>Licence: CC BY 4.0; {@link #CREDIT} is what bundles and reports carry.
 */
public final class SlakhDataset {

    public static final String CREDIT = "Slakh2100: E. Manilow, G. Wichern, P. Seetharaman, J. Le Roux, \"Cutting Music Source Separation "
            + "Some Slakh: A Dataset to Study the Impact of Training Data Quality and Quantity\", WASPAA 2019, from the Lakh MIDI Dataset "
            + "(C. Raffel); in the pre-processed form of Q&A (J. Zhao, G. Xia, Y. Wang, \"Q&A: Query-Based Representation Learning for "
            + "Multi-Track Symbolic Music re-Arrangement\", IJCAI 2023); licence CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); "
            + "changes: converted to MIDI at 120 BPM, bass tracks cut into 2-bar 4/4 windows, chords labelled from the other tracks";
    public static final String LICENCE = "CC BY 4.0";
    private static final int TICKS_PER_STEP_AT_480 = 120;

    /** The dataset's splits on disk. */
    public enum Split {
        TRAIN("train"), VALIDATION("validation");

        private final String folder;

        Split(String folder) {
            this.folder = folder;
        }

        public String folder() {
            return folder;
        }
    }

    /**
     * One 2-bar window: song, first step, the bass line, one chord per step, and the other tracks' onset count per
     * step.
     */
    public record Window(String song, int firstStep, BassLine bass, Chord[] chords, float[] onsets) {
    }

    /** What was read, with counts for the log. */
    public record Loaded(List<Window> windows, int songs, int songsWithoutBass, int skippedBars, int silentWindows) {
        public String describe() {
            return String.format("%d windows from %d songs (%d songs without a bass track skipped, %d bars not in 4/4 skipped, "
                    + "%d windows without bass onsets skipped)", windows.size(), songs, songsWithoutBass, skippedBars, silentWindows);
        }
    }

    private SlakhDataset() {
    }

    /** The dataset folder: {@code ../shared/datasets/slakh} above the working directory. */
    public static Path defaultRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path beside = dir.resolveSibling("shared").resolve("datasets").resolve("slakh");
            if (dir.getParent() != null && Files.isDirectory(beside)) return beside;
        }
        return Path.of("../shared/datasets/slakh");
    }

    /** Whether {@code root} holds the dataset's train and validation folders. */
    public static boolean isDataset(Path root) {
        return root != null && Files.isDirectory(root.resolve(Split.TRAIN.folder())) && Files.isDirectory(root.resolve(Split.VALIDATION.folder()));
    }

    /** Every song of {@code split}, in file-name order, as windows. */
    public static Loaded load(Path root, Split split) throws IOException {
        if (!isDataset(root)) throw new IOException(root + ": no Slakh2100 there (train/ and validation/ folders missing)");
        List<Path> files;
        try (Stream<Path> s = Files.list(root.resolve(split.folder()))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".mid")).sorted().toList();
        }
        if (files.isEmpty()) throw new IOException(root.resolve(split.folder()) + ": no .mid files");
        List<Window> windows = new ArrayList<>();
        int[] counts = new int[3];
        for (Path f : files) windows.addAll(windows(f, counts));
        return new Loaded(List.copyOf(windows), files.size(), counts[0], counts[1], counts[2]);
    }

    /** A song's windows; {@code counts} gains [0] 1 when it has no bass, [1] bars skipped, [2] silent windows. */
    public static List<Window> windows(Path file, int[] counts) throws IOException {
        MidiFileContent midi;
        try {
            midi = MidiFiles.read(file);
        } catch (MidiFileException e) {
            throw new IOException(e.getMessage(), e);
        }
        double ticksPerStep = midi.resolution() / 4.0;
        if (midi.resolution() * TICKS_PER_STEP_AT_480 / 480 != ticksPerStep) throw new IOException(file + ": resolution " + midi.resolution());
        FileTrack bass = null;
        for (FileTrack t : midi.tracks()) {
            if (isBass(t) && (bass == null || t.notes().size() > bass.notes().size())) bass = t;
        }
        if (bass == null || bass.notes().isEmpty()) {
            counts[0]++;
            return List.of();
        }
        long endTick = midi.endTick();
        int steps = (int) Math.ceil(endTick / ticksPerStep) + 1;
        List<GridNote> bassNotes = grid(bass.notes(), ticksPerStep);
        double[][] chroma = new double[steps][12];
        float[] onsets = new float[steps];
        for (FileTrack t : midi.tracks()) {
            if (isBass(t) || t.notes().isEmpty()) continue;
            boolean[] onsetHere = new boolean[steps];
            for (GridNote n : grid(t.notes(), ticksPerStep)) {
                if (n.start() >= steps) continue;
                onsetHere[n.start()] = true;
                for (int s = n.start(); s < Math.min(n.end(), steps); s++) chroma[s][n.pitch() % 12] += 1;
            }
            for (int s = 0; s < steps; s++) if (onsetHere[s]) onsets[s]++;
        }
        String song = file.getFileName().toString().replace(".mid", "");
        List<Window> windows = new ArrayList<>();
        List<int[]> bars = bars(midi, ticksPerStep, steps);
        for (int b = 0; b < bars.size(); b++) {
            int[] bar = bars.get(b);
            if (bar[1] != BassLine.STEPS_PER_BAR) {
                counts[1]++;
                continue;
            }
            if (b + 1 >= bars.size() || bars.get(b + 1)[1] != BassLine.STEPS_PER_BAR) continue;
            int from = bar[0];
            if (from + BassLine.STEPS > steps) break;
            Chord[] chords = chords(chroma, from);
            if (chords[0].isNone()) continue;
            List<GridNote> inWindow = new ArrayList<>();
            for (GridNote n : bassNotes) if (n.end() > from && n.start() < from + BassLine.STEPS) inWindow.add(n);
            BassLine line = BassLine.of(inWindow, from, chords);
            if (line.onsetCount() == 0) {
                counts[2]++;
                continue;
            }
            float[] windowOnsets = new float[BassLine.STEPS];
            System.arraycopy(onsets, from, windowOnsets, 0, BassLine.STEPS);
            windows.add(new Window(song, from, line, chords, windowOnsets));
        }
        return windows;
    }

    /** A track is a bass when its first program change is in the General MIDI bass family (32–39). */
    static boolean isBass(FileTrack track) {
        for (FileProgramChange p : track.programs()) return p.program() >= 32 && p.program() <= 39;
        return false;
    }

    /** Notes on the 16th grid: onset and end rounded to the nearest step, at least a step long. */
    static List<GridNote> grid(List<FileNote> notes, double ticksPerStep) {
        List<GridNote> out = new ArrayList<>(notes.size());
        for (FileNote n : notes) {
            int start = (int) Math.round(n.startTick() / ticksPerStep);
            int end = (int) Math.round(n.endTick() / ticksPerStep);
            out.add(new GridNote(n.pitch(), Math.max(1, n.velocity()), start, Math.max(1, end - start)));
        }
        return out;
    }

    /** The song's bars as {first step, length in steps}, from its time signatures. */
    static List<int[]> bars(MidiFileContent midi, double ticksPerStep, int steps) {
        List<MeterChange> meters = midi.meters();
        List<int[]> bars = new ArrayList<>();
        int step = 0;
        int m = 0;
        while (step < steps) {
            while (m + 1 < meters.size() && Math.round(meters.get(m + 1).tick() / ticksPerStep) <= step) m++;
            int length = meters.isEmpty() ? 16 : Math.max(1, meters.get(m).numerator() * 16 / meters.get(m).denominator());
            bars.add(new int[]{step, length});
            step += length;
        }
        return bars;
    }

    /** One chord per step of the window at {@code from}, labelled per half bar from the other tracks' pitch classes. */
    static Chord[] chords(double[][] chroma, int from) {
        int spans = BassLine.STEPS / ChordTemplates.SPAN;
        Chord[] labels = new Chord[spans];
        for (int s = 0; s < spans; s++) {
            double[] sum = new double[12];
            for (int t = from + s * ChordTemplates.SPAN; t < from + (s + 1) * ChordTemplates.SPAN; t++) {
                for (int pc = 0; pc < 12; pc++) sum[pc] += chroma[t][pc];
            }
            labels[s] = ChordTemplates.label(sum);
        }
        ChordTemplates.fillGaps(labels);
        Chord[] perStep = new Chord[BassLine.STEPS];
        for (int t = 0; t < BassLine.STEPS; t++) perStep[t] = labels[t / ChordTemplates.SPAN];
        return perStep;
    }
}
