package org.analogy.engine.accompaniment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.midi.MidiFileBuilder;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.midi.MidiFiles;

class PianoPartTest {

    private static final int Q = 480;

    @Test
    void readsTheTextureTrackAndTheHarmonyOfAllTracks(@TempDir Path dir) throws Exception {
        MidiFileBuilder midi = new MidiFileBuilder(Q).tempo(0, 100).meter(0, 4).endAt(3L * 4 * Q);
        MidiFileBuilder.TrackBuilder lead = midi.track("lead");
        lead.note(0, 76, 90, 0, Q);
        MidiFileBuilder.TrackBuilder piano = midi.track("piano");
        for (int bar = 0; bar < 3; bar++) {
            for (int pitch : new int[]{57, 60, 64}) piano.note(0, pitch, 70, (long) bar * 4 * Q, (long) bar * 4 * Q + 2 * Q);   // A minor, half notes
        }
        Path file = dir.resolve("b.mid");
        midi.write(file);

        PianoPart part = PianoPart.read(file, null);

        assertThat(part.bars()).isEqualTo(3);
        assertThat(part.windows()).isEqualTo(2);
        assertThat(part.bpm()).isEqualTo(100, org.assertj.core.data.Offset.offset(1e-6));
        int[][] first = part.roll(0);
        assertThat(PianoRoll.onsetCount(first)).as("the lead track is not texture").isEqualTo(6);
        assertThat(first[0][57]).isEqualTo(8);
        assertThat(first[16][60]).isEqualTo(8);
        assertThat(PianoRoll.onsetCount(part.roll(1))).isEqualTo(3);
        float[] form = part.chordForm(0);
        assertThat(form[9]).as("beat 1 root A").isEqualTo(1f);
        assertThat(form[12 + 9] + form[12] + form[12 + 4]).as("A, C, E in the chroma").isEqualTo(3f);

        assertThat(PianoRoll.onsetCount(PianoPart.read(file, "lead").roll(0))).isEqualTo(1);
        assertThatThrownBy(() -> PianoPart.read(file, "strings")).isInstanceOf(MidiFileException.class).hasMessageContaining("no track named 'strings'");
    }

    @Test
    void writtenAccompanimentEndsWhereAskedAndNeverHoldsAKeyTwice(@TempDir Path dir) throws Exception {
        int[][] window = new int[32][128];
        window[0][60] = 8;     // overlaps the next onset of 60 at step 4
        window[4][60] = 2;
        window[20][64] = 30;   // runs past bar 2's end; cut at the end of the part
        Path out = dir.resolve("out.mid");
        int notes = AccompanimentFiles.write(out, 120, java.util.Collections.singletonList(window), 2);
        var content = MidiFiles.read(out);
        var track = content.track("accompaniment").orElseThrow();
        assertThat(notes).isEqualTo(3);
        assertThat(track.notes()).hasSize(3);
        assertThat(content.stepsAt(track.notes().stream().filter(n -> n.pitch() == 60 && n.startTick() == 0).findFirst().orElseThrow().endTick()))
                .isEqualTo(4.0);
        assertThat(track.notes().stream().mapToLong(n -> n.endTick()).max().orElseThrow()).isEqualTo(2L * 4 * Q);
        assertThat(AccompanimentFiles.write(out, 120, java.util.Collections.singletonList(window), 1)).as("bar 2's note left out").isEqualTo(2);
    }
}
