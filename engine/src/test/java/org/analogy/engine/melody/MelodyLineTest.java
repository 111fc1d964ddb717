package org.analogy.engine.melody;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.midi.MidiFileBuilder;
import org.analogy.engine.midi.MidiFileException;

class MelodyLineTest {

    @TempDir
    Path dir;

    /** Three bars: a melody track over a C–F–G chord track; 480 PPQ, 120 ticks per 16th. */
    Path song(int beats) throws Exception {
        MidiFileBuilder file = new MidiFileBuilder(480).tempo(0, 96).meter(0, beats);
        MidiFileBuilder.TrackBuilder melody = file.track("Melody");
        int[] line = {72, 74, 76, 77, 79, 77, 76, 74, 72, 71, 72, 74};
        for (int i = 0; i < line.length; i++) melody.note(0, line[i], 90, i * 480L, i * 480L + 400);
        MidiFileBuilder.TrackBuilder chords = file.track("Piano");
        int[][] triads = {{48, 52, 55}, {53, 57, 60}, {55, 59, 62}};
        for (int bar = 0; bar < 3; bar++) for (int p : triads[bar]) chords.note(1, p, 70, bar * 1920L, bar * 1920L + 1900);
        Path f = dir.resolve("song-" + beats + ".mid");
        file.write(f);
        return f;
    }

    @Test
    void readsTheMelodyTrackOnTheGridInTwoBarWindowsWithItsHarmony() throws Exception {
        MelodyLine line = MelodyLine.read(song(4), null);
        assertThat(line.bpm()).isEqualTo(96.0);
        assertThat(line.windows()).isEqualTo(2); // three bars round up to two windows
        int[] first = line.tokens(0);
        assertThat(first[0]).isEqualTo(72);
        assertThat(first[1]).isEqualTo(MelodyTokens.HOLD);
        assertThat(first[4]).isEqualTo(74);
        assertThat(line.hasHarmony()).isTrue();
        float[] chroma = line.harmonyChroma(0);
        assertThat(chroma[0]).isEqualTo(1f);         // C of C major at step 0
        assertThat(chroma[16 * 12 + 5]).isEqualTo(1f); // F of F major in bar 2
        assertThat(line.tokens(1)[16]).isEqualTo(MelodyTokens.REST); // bar 4 is empty
    }

    @Test
    void aTrackCanBeChosenByNumberOrName() throws Exception {
        Path f = song(4);
        assertThat(MelodyLine.read(f, "Piano").melody()).hasSize(9);
        assertThat(MelodyLine.read(f, "2").melody()).hasSize(12); // track 1 is the conductor
        assertThatThrownBy(() -> MelodyLine.read(f, "Strings")).isInstanceOf(MidiFileException.class).hasMessageContaining("Strings");
        assertThatThrownBy(() -> MelodyLine.read(f, "9")).isInstanceOf(MidiFileException.class).hasMessageContaining("no track 9");
    }

    @Test
    void otherMetersAndEmptyFilesAreClearErrors() throws Exception {
        assertThatThrownBy(() -> MelodyLine.read(song(3), null)).isInstanceOf(MidiFileException.class).hasMessageContaining("4/4").hasMessageContaining("3/4");
        Path empty = dir.resolve("empty.mid");
        new MidiFileBuilder(480).tempo(0, 100).meter(0, 4).track("melody");
        new MidiFileBuilder(480).tempo(0, 100).meter(0, 4).endAt(1920).write(empty);
        assertThatThrownBy(() -> MelodyLine.read(empty, null)).isInstanceOf(MidiFileException.class).hasMessageContaining("no notes");
    }

    @Test
    void decodedWindowsAreWrittenAsAMelodyTrackAndReadBack() throws Exception {
        int[] w0 = new int[32];
        java.util.Arrays.fill(w0, MelodyTokens.HOLD);
        w0[0] = 60;
        w0[8] = 64;
        java.util.Arrays.fill(w0, 16, 32, MelodyTokens.REST);
        int[] w1 = w0.clone();
        Path out = dir.resolve("out.mid");
        MelodyFiles.write(out, 110, List.of(w0, w1));
        MelodyLine back = MelodyLine.read(out, "melody");
        assertThat(back.tokens(0)).containsExactly(w0);
        assertThat(back.tokens(1)).containsExactly(w1);
        assertThat(back.bpm()).isCloseTo(110.0, org.assertj.core.data.Offset.offset(0.01));
    }
}
