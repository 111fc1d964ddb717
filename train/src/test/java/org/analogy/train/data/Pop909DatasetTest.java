package org.analogy.train.data;

import static org.analogy.engine.melody.MelodyTokens.HOLD;
import static org.analogy.engine.melody.MelodyTokens.REST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.accompaniment.PianoRoll;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.melody.MelodyTokens;

class Pop909DatasetTest {

    private static Path writeTinyDataset(Path root) throws IOException {
        Pop909SongTest.unevenSong().write(root, "001");
        // Same beats, only three melody onsets: the melody window is skipped, the piano window kept.
        new TinySongs().beats(Pop909SongTest.BEATS, 1, 5, 9)
                .note("MELODY", 60, 0.5, 1.0).note("MELODY", 62, 1.0, 1.75).note("MELODY", 64, 3.0, 3.5)
                .note("PIANO", 40, 0.5, 3.0)
                .chord(0.0, 6.5, "F:maj")
                .write(root, "002");
        Pop909SongTest.unevenSong().write(root, "851");
        Files.createDirectories(root.resolve("notes")); // not a song folder: ignored
        return root;
    }

    @Test
    void cutsTwoBarWindowsFromFourFourBarsOnly(@TempDir Path root) throws IOException {
        Pop909Dataset dataset = Pop909Dataset.load(writeTinyDataset(root), Split.TRAIN);
        assertThat(dataset.songs()).extracting(Pop909Song::id).containsExactly("001", "002");
        assertThat(dataset.counts()).isEqualTo(new Pop909Dataset.WindowCounts(6, 4, 4, 2, 1, 0));

        MelodyWindow window = dataset.melodyWindows().get(0);
        assertThat(dataset.melodyWindows()).hasSize(1);
        assertThat(window.songId()).isEqualTo("001");
        assertThat(window.startBar()).isZero();
        int[] expected = new int[32];
        Arrays.fill(expected, REST);
        expected[0] = 72; expected[1] = HOLD;
        expected[6] = 74; for (int s = 7; s < 12; s++) expected[s] = HOLD;
        expected[17] = 76; expected[18] = expected[19] = HOLD;
        expected[25] = 77;
        assertThat(window.tokens()).containsExactly(expected);
        // Window step 4 is song step 8, where C major starts; before it there is no chord.
        assertThat(Arrays.copyOfRange(window.chroma(), 0, 12)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(window.chroma(), 4 * 12, 5 * 12)).containsExactly(1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0);
    }

    @Test
    void accompanimentWindowsCarryChordFormPianoRollAndMelody(@TempDir Path root) throws IOException {
        Pop909Dataset dataset = Pop909Dataset.load(writeTinyDataset(root), Split.TRAIN);
        assertThat(dataset.accompanimentWindowCount()).isEqualTo(2);
        assertThat(dataset.accompanimentWindows()).extracting(AccompanimentWindow::songId).containsExactly("001", "002");
        AccompanimentWindow window = dataset.accompanimentWindows().get(0);
        assertThat(window.pianoRoll()[4][48]).isEqualTo(8);
        assertThat(window.pianoRoll()[4][55]).isEqualTo(4);
        assertThat(PianoRoll.onsetCount(window.pianoRoll())).isEqualTo(2);
        assertThat(window.melodyTokens()).containsExactly(dataset.melodyWindows().get(0).tokens());
        float[] form = window.chordForm();
        assertThat(Arrays.copyOfRange(form, 0, 36)).as("beat 0 has no chord").containsOnly(0f);
        assertThat(form[36]).as("beat 1 root C").isEqualTo(1f);
        assertThat(form[4 * 36 + 9]).as("beat 4 root A").isEqualTo(1f);
    }

    @Test
    void loadingIsDeterministic(@TempDir Path root) throws IOException {
        writeTinyDataset(root);
        Pop909Dataset first = Pop909Dataset.load(root, Split.ALL);
        Pop909Dataset second = Pop909Dataset.load(root, Split.ALL);
        assertThat(first.songs()).extracting(Pop909Song::id).containsExactly("001", "002", "851");
        assertThat(first.melodyWindows()).hasSameSizeAs(second.melodyWindows());
        for (int i = 0; i < first.melodyWindows().size(); i++) {
            assertThat(first.melodyWindows().get(i).tokens()).containsExactly(second.melodyWindows().get(i).tokens());
            assertThat(first.melodyWindows().get(i).songId()).isEqualTo(second.melodyWindows().get(i).songId());
        }
        assertThat(Pop909Dataset.load(root, Split.VALIDATION).songs()).extracting(Pop909Song::id).containsExactly("851");
    }

    @Test
    void splitsCoverTheSongNumbers() {
        assertThat(Split.TRAIN.test(1)).isTrue();
        assertThat(Split.TRAIN.test(850)).isTrue();
        assertThat(Split.TRAIN.test(851)).isFalse();
        assertThat(Split.VALIDATION.test(851)).isTrue();
        assertThat(Split.VALIDATION.test(880)).isTrue();
        assertThat(Split.ALL.test(881)).as("881–909 are the untouched test set").isFalse();
    }

    /** Over the real POP909 copy: skipped, with the reason, when it is not on this machine. */
    @Test
    void realDataGivesPlausibleWindows() throws IOException {
        Path root = Pop909Dataset.defaultRoot();
        assumeTrue(Files.isDirectory(root.resolve("851")), "POP909 not found at " + root + ": set -D"
                + Pop909Dataset.ROOT_PROPERTY + "=<dir> or $" + Pop909Dataset.ROOT_ENV + " to run this test");
        Pop909Dataset dataset = Pop909Dataset.load(root, n -> Split.VALIDATION.test(n) || n <= 30);
        assertThat(dataset.songs()).hasSize(60);
        // About 60 windows a song survive the 4/4 and melody rules in POP909 (~48.7k for 850 songs).
        assertThat(dataset.melodyWindows()).hasSizeBetween(60 * 30, 60 * 100);
        assertThat(dataset.accompanimentWindows().size()).isGreaterThan(dataset.melodyWindows().size());
        assertThat(dataset.counts().fourFourBars()).isGreaterThan(dataset.counts().bars() * 8 / 10);
        for (MelodyWindow window : dataset.melodyWindows()) {
            assertThat(window.tokens()).hasSize(MelodyTokens.WINDOW_STEPS);
            assertThat(window.tokens()[0]).isNotEqualTo(HOLD);
            for (int token : window.tokens()) assertThat(token).isBetween(0, MelodyTokens.CLASSES - 1);
            assertThat(MelodyTokens.onsetCount(window.tokens())).isGreaterThanOrEqualTo(Pop909Dataset.MIN_MELODY_ONSETS);
            for (float v : window.chroma()) assertThat(v).isIn(0f, 1f);
        }
        long pitchesInBand = dataset.melodyWindows().stream().flatMapToInt(w -> Arrays.stream(w.tokens()))
                .filter(t -> t < 128).filter(t -> t >= 48 && t <= 95).count();
        long pitches = dataset.melodyWindows().stream().flatMapToInt(w -> Arrays.stream(w.tokens())).filter(t -> t < 128).count();
        assertThat((double) pitchesInBand / pitches).isGreaterThan(0.99);
        long chordSteps = dataset.melodyWindows().stream().mapToLong(w -> {
            int n = 0;
            for (int s = 0; s < 32; s++) for (int pc = 0; pc < 12; pc++) if (w.chroma()[s * 12 + pc] > 0) { n++; break; }
            return n;
        }).sum();
        assertThat((double) chordSteps / (32L * dataset.melodyWindows().size())).as("steps with a chord").isGreaterThan(0.8);
        List<AccompanimentWindow> accompaniment = dataset.accompanimentWindows();
        assertThat(accompaniment.get(0).chordForm()).hasSize(ChordFeatures.BEATS_PER_WINDOW * ChordFeatures.CHORD_FORM_SIZE);
        for (AccompanimentWindow window : accompaniment) {
            for (int[] row : window.pianoRoll()) for (int d : row) assertThat(d).isBetween(0, PianoRoll.MAX_DURATION);
        }
    }
}
