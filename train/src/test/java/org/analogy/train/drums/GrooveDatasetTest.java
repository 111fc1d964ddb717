package org.analogy.train.drums;

import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.midi.MidiFileBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GrooveDatasetTest {

    private static final int PPQ = 480;
    private static final int STEP = PPQ / 4;

    /** Three bars at 100 BPM: kick on beats, a TD-11 hat edge (22) late by 30 ticks, a snare early by 24 ticks, two hits on one step. */
    private static void writeGroove(Path file, int beats) throws Exception {
        MidiFileBuilder b = new MidiFileBuilder(PPQ).tempo(0, 100).meter(0, beats, 4);
        MidiFileBuilder.TrackBuilder t = b.track("drums");
        for (int bar = 0; bar < 3; bar++) {
            long at = (long) bar * 16 * STEP;
            t.note(9, 36, 100, at, at + 60);                                   // kick on the downbeat
            t.note(9, 22, 64, at + 2 * STEP + 30, at + 2 * STEP + 90);         // closed hat (edge), late
            t.note(9, 38, 127, at + 4 * STEP - 24, at + 4 * STEP + 40);       // snare, early
        }
        t.note(9, 40, 50, 4 * STEP + 10, 4 * STEP + 50);                      // a quieter snare rim on the same step: dropped
        t.note(9, 58, 90, 8 * STEP, 8 * STEP + 60);                           // floor-tom rim: low tom, not GM 58
        t.note(9, 39, 90, 9 * STEP, 9 * STEP + 60);                           // no drum of the nine on the TD-11: unmapped
        Files.createDirectories(file.getParent());
        b.write(file);
    }

    static Path tinyDataset(Path root) throws Exception {
        writeGroove(root.resolve("drummer1/s1/1_funk_100_beat_4-4.mid"), 4);
        writeGroove(root.resolve("drummer1/s1/2_funk_100_beat_4-4.mid"), 4);
        writeGroove(root.resolve("drummer1/s1/3_waltz_100_beat_3-4.mid"), 3);
        Files.writeString(root.resolve("info.csv"), String.join("\n",
                "drummer,session,id,style,bpm,beat_type,time_signature,midi_filename,audio_filename,duration,split",
                "drummer1,drummer1/s1,drummer1/s1/1,funk,100,beat,4-4,drummer1/s1/1_funk_100_beat_4-4.mid,x.wav,7.2,train",
                "drummer1,drummer1/s1,drummer1/s1/2,funk,100,beat,4-4,drummer1/s1/2_funk_100_beat_4-4.mid,x.wav,7.2,validation",
                "drummer1,drummer1/s1,drummer1/s1/3,waltz,100,beat,3-4,drummer1/s1/3_waltz_100_beat_3-4.mid,x.wav,7.2,train") + "\n");
        return root;
    }

    @Test
    void cutsFourFourPerformancesIntoTwoBarWindowsWithVelocityAndMicroTiming(@TempDir Path root) throws Exception {
        GrooveDataset.Loaded train = GrooveDataset.load(tinyDataset(root), GrooveDataset.Split.TRAIN);
        assertThat(train.files()).isEqualTo(1);
        assertThat(train.skippedMeter()).isEqualTo(1);
        assertThat(train.windows()).hasSize(2);                               // 3 bars, hop 1 bar
        assertThat(train.unmappedNotes()).isEqualTo(1);
        assertThat(train.hits()).isEqualTo(3 * 3 + 1);                        // the rim on the snare's step is not a new hit

        GrooveDataset.Window first = train.windows().get(0);
        assertThat(first.firstBar()).isZero();
        assertThat(first.bpm()).isCloseTo(100, within(1e-6));
        assertThat(first.stepSeconds()).isCloseTo(0.15, within(1e-9));
        DrumPattern p = first.pattern();
        assertThat(p.hit(0, DrumVoice.KICK)).isTrue();
        assertThat(p.velocity(0, DrumVoice.KICK)).isCloseTo(100 / 127f, within(1e-6f));
        assertThat(p.offset(0, DrumVoice.KICK)).isZero();
        assertThat(p.hit(2, DrumVoice.CLOSED_HAT)).isTrue();
        assertThat(p.offset(2, DrumVoice.CLOSED_HAT)).isCloseTo(30f / STEP, within(1e-6f));
        assertThat(p.offset(4, DrumVoice.SNARE)).isCloseTo(-24f / STEP, within(1e-6f));
        assertThat(p.velocity(4, DrumVoice.SNARE)).isEqualTo(1f);             // the louder of the two kept
        assertThat(p.hit(8, DrumVoice.LOW_TOM)).isTrue();
        assertThat(p.hit(16, DrumVoice.KICK)).isTrue();                       // second bar
        assertThat(p.hitCount()).isEqualTo(7);

        GrooveDataset.Window second = train.windows().get(1);
        assertThat(second.firstBar()).isEqualTo(1);
        assertThat(second.pattern().hit(0, DrumVoice.KICK)).isTrue();
        assertThat(second.pattern().hit(8, DrumVoice.LOW_TOM)).isFalse();

        assertThat(GrooveDataset.load(root, GrooveDataset.Split.VALIDATION).windows()).hasSize(2);
    }

    @Test
    void aHalfStepLateHitBelongsToTheNextStep(@TempDir Path root) throws Exception {
        MidiFileBuilder b = new MidiFileBuilder(PPQ).tempo(0, 120).meter(0, 4, 4);
        b.track("d").note(9, 36, 80, STEP / 2, STEP / 2 + 10).note(9, 42, 80, STEP / 2 - 1, STEP / 2 + 10);
        Path file = root.resolve("one.mid");
        b.write(file);
        List<GrooveDataset.Window> w = GrooveDataset.windows(file, "one", new long[2]);
        assertThat(w).hasSize(1);                                             // shorter than 2 bars: one window, padded
        assertThat(w.get(0).pattern().offset(1, DrumVoice.KICK)).isEqualTo(-0.5f);
        assertThat(w.get(0).pattern().offset(0, DrumVoice.CLOSED_HAT)).isCloseTo((STEP / 2f - 1) / STEP, within(1e-6f));
    }

    @Test
    void theEnginesReadingOfAClipCutsTheSameWindowsAsTheDataset(@TempDir Path root) throws Exception {
        Path file = root.resolve("groove.mid");
        writeGroove(file, 4);
        List<GrooveDataset.Window> windows = GrooveDataset.windows(file, "groove", new long[2]);
        var notes = org.analogy.engine.midi.MidiFiles.read(file).allNotes();
        for (GrooveDataset.Window w : windows) {
            DrumPattern clip = DrumPattern.ofOnsets(notes, w.firstBar() * 16.0 * STEP, STEP, GrooveDataset::voiceOfRoland);
            assertThat(clip).as("bar %d", w.firstBar()).isEqualTo(w.pattern());
        }
    }

    @Test
    void mapsEveryTd11NoteOfTheDatasetToItsDrum() {
        int[] used = {22, 26, 36, 37, 38, 40, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 55, 57, 58, 59};
        for (int note : used) assertThat(GrooveDataset.voiceOfRoland(note)).as("note %d", note).isNotNull();
        assertThat(GrooveDataset.voiceOfRoland(58)).isEqualTo(DrumVoice.LOW_TOM);
        assertThat(GrooveDataset.voiceOfRoland(26)).isEqualTo(DrumVoice.OPEN_HAT);
        assertThat(GrooveDataset.voiceOfRoland(81)).isNull();
    }

    @Test
    void aFolderWithoutInfoCsvIsRefusedByName(@TempDir Path root) {
        assertThatThrownBy(() -> GrooveDataset.load(root, GrooveDataset.Split.TRAIN))
                .isInstanceOf(IOException.class).hasMessageContaining("info.csv");
    }

    @Test
    void readsTheRealDatasetWhenItIsThere() throws Exception {
        Path root = GrooveDataset.defaultRoot();
        assumeTrue(GrooveDataset.isDataset(root), "Groove MIDI Dataset not found at " + root
                + " (set -Danalogy.groove=DIR or ANALOGY_GROOVE): real-data check skipped");
        GrooveDataset.Loaded validation = GrooveDataset.load(root, GrooveDataset.Split.VALIDATION);
        assertThat(validation.files()).isBetween(110, 124);
        assertThat(validation.windows().size()).isGreaterThan(1000);
        double sumAbsOffset = 0;
        int n = 0;
        for (GrooveDataset.Window w : validation.windows()) {
            assertThat(w.bpm()).isBetween(40.0, 300.0);
            for (int s = 0; s < DrumPattern.STEPS; s++) {
                for (DrumVoice v : DrumVoice.values()) {
                    if (!w.pattern().hit(s, v)) continue;
                    sumAbsOffset += Math.abs(w.pattern().offset(s, v));
                    n++;
                }
            }
        }
        // Played drums sit near the grid but not on it: the mean |offset| is well inside the step, and not zero.
        assertThat(sumAbsOffset / n).isBetween(0.02, 0.3);
    }
}
