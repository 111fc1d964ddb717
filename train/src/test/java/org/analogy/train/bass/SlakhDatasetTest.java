package org.analogy.train.bass;

import org.analogy.engine.bass.BassLine;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.midi.MidiFileBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SlakhDatasetTest {

    private static final int STEP = 120;
    private static final int[][] CHORDS = {{0, 4, 7}, {7, 11, 2}, {9, 0, 4}, {5, 9, 0}};   // C G Am F, a half bar each

    /**
     * A song as the shared Slakh MIDI is written: 4 bars of 4/4, one of 2/4, two of 4/4; piano chords C G Am F per half bar,
     * a finger bass playing each chord's root on the beats, a fretless bass with one note (the smaller bass track: left out); without the basses, a song with no bass.
     */
    private static void writeSong(Path file, boolean withBass) throws Exception {
        MidiFileBuilder b = new MidiFileBuilder(480).tempo(0, 120).meter(0, 4, 4).meter(64 * STEP, 2, 4).meter(72 * STEP, 4, 4);
        MidiFileBuilder.TrackBuilder piano = b.track("Acoustic Grand Piano").programChange(0, 0, 0);
        MidiFileBuilder.TrackBuilder bass = withBass ? b.track("Electric Bass (finger)").programChange(0, 1, 33) : null;
        if (withBass) b.track("Fretless Bass").programChange(0, 2, 35).note(2, 30, 90, 0, 4 * STEP);
        for (int half = 0; half < 104 / 8; half++) {
            int[] chord = CHORDS[half % 4];
            long at = (long) half * 8 * STEP;
            for (int pc : chord) piano.note(0, 60 + pc, 80, at, at + 8 * STEP);
            if (bass != null) for (int beat = 0; beat < 2; beat++) bass.note(1, 36 + chord[0], 100, at + beat * 4L * STEP, at + beat * 4L * STEP + 3 * STEP);
        }
        Files.createDirectories(file.getParent());
        b.write(file);
    }

    static Path tinyDataset(Path root) throws Exception {
        writeSong(root.resolve("train/Track00001.mid"), true);
        writeSong(root.resolve("train/Track00002.mid"), false);
        writeSong(root.resolve("validation/Track00003.mid"), true);
        return root;
    }

    @Test
    void cutsFourFourBarsIntoChordRelativeWindows(@TempDir Path root) throws Exception {
        SlakhDataset.Loaded train = SlakhDataset.load(tinyDataset(root), SlakhDataset.Split.TRAIN);
        assertThat(train.songs()).isEqualTo(2);
        assertThat(train.songsWithoutBass()).isEqualTo(1);
        assertThat(train.skippedBars()).isEqualTo(1);                           // the 2/4 bar
        assertThat(train.windows()).extracting(SlakhDataset.Window::firstStep).containsExactly(0, 16, 32, 72);
        SlakhDataset.Window first = train.windows().get(0);
        assertThat(first.chords()[0]).isEqualTo(Chord.parseSymbol("C"));
        assertThat(first.chords()[8]).isEqualTo(Chord.parseSymbol("G"));
        assertThat(first.chords()[16]).isEqualTo(Chord.parseSymbol("Am"));
        assertThat(first.chords()[24]).isEqualTo(Chord.parseSymbol("F"));
        // Roots on every beat read as interval 0 whatever the chord; the fretless bass is not the bass.
        for (int t = 0; t < BassLine.STEPS; t++) {
            int expected = t % 4 == 0 ? BassLine.onsetToken(0, 0) : t % 4 == 3 ? BassLine.REST : BassLine.HOLD;
            assertThat(first.bass().token(t)).as("step %d", t).isEqualTo(expected);
        }
        assertThat(first.onsets()[0]).isEqualTo(1f);                            // the piano; the basses are not the band
        assertThat(first.onsets()[4]).isEqualTo(0f);
        assertThat(SlakhDataset.load(root, SlakhDataset.Split.VALIDATION).windows()).hasSize(4);
        assertThatThrownBy(() -> SlakhDataset.load(root.resolve("nowhere"), SlakhDataset.Split.TRAIN)).hasMessageContaining("no Slakh2100 there");
    }

    @Test
    void readsTheRealValidationSplitWhenItIsThere() throws Exception {
        Path root = SlakhDataset.defaultRoot();
        assumeTrue(SlakhDataset.isDataset(root), "Slakh2100 not found at " + root + " (../shared/datasets/slakh): real-data check skipped");
        SlakhDataset.Loaded validation = SlakhDataset.load(root, SlakhDataset.Split.VALIDATION);
        assertThat(validation.songs()).isEqualTo(214);
        assertThat(validation.windows().size()).isGreaterThan(10_000);
        BassMetrics real = new BassMetrics();
        for (SlakhDataset.Window w : validation.windows()) real.addLine(w.bass(), w);
        // Real bass lines mostly play chord tones and roots of the labelled chords: the labels are sound.
        assertThat(real.chordToneShare()).isGreaterThan(0.7);
        assertThat(real.rootOnFirstBeat()).isGreaterThan(0.5);
    }
}
