package org.analogy.train.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

import org.analogy.engine.accompaniment.PianoRoll;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.repr.GridNote;

/**
 * POP909 cut into 2-bar training windows with a 1-bar hop.
 *
 * <p>Window rules: both bars must be 4/4 (exactly four beats between downbeats; other bars are annotation
 * glitches or real meter changes the models are not built for). A melody window needs at least
 * {@link #MIN_MELODY_ONSETS} melody onsets: POP909 songs have long instrumental stretches, and near-empty
 * windows would teach the model mostly silence. An accompaniment window needs at least one piano onset
 * (the melody rule does not apply to it: Poly-dis learns accompaniment, which plays through interludes).
 *
 * <p>Everything is deterministic: song folders are read in ascending number and windows kept in song, then
 * bar order.
 */
public final class Pop909Dataset {

    public static final int MIN_MELODY_ONSETS = 4;
    public static final String ROOT_PROPERTY = "analogy.pop909";
    public static final String ROOT_ENV = "ANALOGY_POP909";
    public static final Path DEFAULT_ROOT = Path.of("/work/shared/datasets/pop909");

    /** How the candidate windows (every bar that has a next bar) were kept or skipped. */
    public record WindowCounts(int bars, int fourFourBars, int candidates, int notFourFour,
                               int sparseMelody, int emptyPiano) {
    }

    private final List<Pop909Song> songs;
    private final List<MelodyWindow> melodyWindows;
    /** Song index and bar of each accompaniment window, so the rolls are only built when asked for. */
    private final List<int[]> accompanimentStarts;
    private final WindowCounts counts;
    private List<AccompanimentWindow> accompanimentWindows;

    private Pop909Dataset(List<Pop909Song> songs, List<MelodyWindow> melodyWindows,
                          List<int[]> accompanimentStarts, WindowCounts counts) {
        this.songs = songs;
        this.melodyWindows = melodyWindows;
        this.accompanimentStarts = accompanimentStarts;
        this.counts = counts;
    }

    /** The data's licence and how to cite it, as every bundle trained on it records them. */
    public static final String LICENSE = "MIT (Copyright (c) 2020 Music X Lab)";
    public static final String CITATION = "Ziyu Wang, Ke Chen, Junyan Jiang, Yiyi Zhang, Maoran Xu, Shuqi Dai, Xianbin Gu, Gus Xia. "
            + "POP909: A Pop-song Dataset for Music Arrangement Generation. ISMIR 2020.";

    /**
     * The dataset directory: system property {@value #ROOT_PROPERTY}, else env {@value #ROOT_ENV}, else
     * {@code shared/datasets/pop909} beside the checkout (found from the working directory upwards, so it
     * works from any module and any clone location), else the shared copy on the development machines.
     */
    public static Path defaultRoot() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) return Path.of(property);
        String env = System.getenv(ROOT_ENV);
        if (env != null && !env.isBlank()) return Path.of(env);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path beside = dir.resolveSibling("shared").resolve("datasets").resolve("pop909");
            if (dir.getParent() != null && Files.isDirectory(beside)) return beside;
        }
        return DEFAULT_ROOT;
    }

    /** Loads every {@code NNN/} folder under {@code root} whose number passes {@code songFilter}. */
    public static Pop909Dataset load(Path root, IntPredicate songFilter) throws IOException {
        List<Path> folders;
        try (Stream<Path> entries = Files.list(root)) {
            folders = entries.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().matches("\\d{3}"))
                    .filter(p -> songFilter.test(Integer.parseInt(p.getFileName().toString())))
                    .sorted()
                    .toList();
        }
        List<Pop909Song> songs;
        try {
            // Parsing dominates; an ordered parallel map keeps the result in folder order.
            songs = folders.parallelStream().map(folder -> {
                try {
                    return Pop909Song.load(folder);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return of(songs);
    }

    /** Windows of songs already loaded (or built in a test), in the order given. */
    public static Pop909Dataset of(List<Pop909Song> songs) {
        List<MelodyWindow> melody = new ArrayList<>();
        List<int[]> accompaniment = new ArrayList<>();
        int bars = 0, fourFourBars = 0, candidates = 0, notFourFour = 0, sparse = 0, emptyPiano = 0;
        for (int songIndex = 0; songIndex < songs.size(); songIndex++) {
            Pop909Song song = songs.get(songIndex);
            List<Pop909Song.Bar> songBars = song.bars();
            bars += songBars.size();
            for (Pop909Song.Bar bar : songBars) if (bar.isFourFour()) fourFourBars++;
            for (int k = 0; k + 1 < songBars.size(); k++) {
                candidates++;
                if (!songBars.get(k).isFourFour() || !songBars.get(k + 1).isFourFour()) {
                    notFourFour++;
                    continue;
                }
                int start = songBars.get(k).startStep();
                int[] tokens = MelodyTokens.encodeWindow(song.melody(), start);
                if (MelodyTokens.onsetCount(tokens) >= MIN_MELODY_ONSETS) {
                    melody.add(new MelodyWindow(song.id(), k, tokens,
                            ChordFeatures.chroma(song.chords(start, MelodyTokens.WINDOW_STEPS))));
                } else {
                    sparse++;
                }
                if (notesFrom(song.piano(), start).isEmpty()) {
                    emptyPiano++;
                } else {
                    accompaniment.add(new int[]{songIndex, k});
                }
            }
        }
        return new Pop909Dataset(List.copyOf(songs), List.copyOf(melody), List.copyOf(accompaniment),
                new WindowCounts(bars, fourFourBars, candidates, notFourFour, sparse, emptyPiano));
    }

    private AccompanimentWindow accompanimentWindow(int songIndex, int bar) {
        Pop909Song song = songs.get(songIndex);
        int start = song.bars().get(bar).startStep();
        return new AccompanimentWindow(song.id(), bar,
                ChordFeatures.chordFormFromSteps(song.chords(start, MelodyTokens.WINDOW_STEPS)),
                PianoRoll.durations(notesFrom(song.piano(), start), start),
                MelodyTokens.encodeWindow(song.melody(), start));
    }

    /** The notes that can start inside a window from {@code start}; the roll ignores the rest anyway. */
    private static List<GridNote> notesFrom(List<GridNote> sortedNotes, int start) {
        int from = firstStartingAtOrAfter(sortedNotes, start);
        int to = firstStartingAtOrAfter(sortedNotes, start + PianoRoll.STEPS);
        return sortedNotes.subList(from, to);
    }

    private static int firstStartingAtOrAfter(List<GridNote> sortedNotes, int step) {
        int low = 0, high = sortedNotes.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sortedNotes.get(mid).start() < step) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    public List<Pop909Song> songs() {
        return songs;
    }

    public List<MelodyWindow> melodyWindows() {
        return melodyWindows;
    }

    /**
     * The accompaniment windows, built on the first call: a 32 × 128 roll is 16 KB, about 1 GB for the
     * train split, which a melody-only run should not pay for.
     */
    public synchronized List<AccompanimentWindow> accompanimentWindows() {
        if (accompanimentWindows == null) {
            List<AccompanimentWindow> windows = new ArrayList<>(accompanimentStarts.size());
            for (int[] start : accompanimentStarts) windows.add(accompanimentWindow(start[0], start[1]));
            accompanimentWindows = List.copyOf(windows);
        }
        return accompanimentWindows;
    }

    /** How many accompaniment windows there are, without building them. */
    public int accompanimentWindowCount() {
        return accompanimentStarts.size();
    }

    public WindowCounts counts() {
        return counts;
    }
}
