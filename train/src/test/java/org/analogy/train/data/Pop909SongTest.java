package org.analogy.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;

class Pop909SongTest {

    /**
     * Beats of uneven length (0.5, 0.5, 0.75, 0.75, 0.5, 0.5, 1.0, 1.0, 0.5 s): a pickup beat, two 4-beat
     * bars and a last one-beat bar. The MIDI tempo changes from 120 to 60 bpm at 1 s, matching neither.
     */
    static final double[] BEATS = {0.0, 0.5, 1.0, 1.75, 2.5, 3.0, 3.5, 4.5, 5.5, 6.0};

    static TinySongs unevenSong() {
        return new TinySongs()
                .tempo(0, 500_000).tempo(960, 1_000_000)
                .beats(BEATS, 1, 5, 9)
                .note("MELODY", 72, 0.5, 0.75)     // beat 1 → steps 4..6
                .note("MELODY", 74, 1.375, 2.5)    // half-way through beat 2 (1.0–1.75) → step 10, to beat 4 = step 16
                .note("MELODY", 76, 3.1, 3.5)      // 0.2 into beat 5 (3.0–3.5) → step 20.8 ≈ 21, to step 24
                .note("MELODY", 77, 4.75, 4.8)     // 0.25 into beat 7 (4.5–5.5) → step 29, shorter than a step
                .note("PIANO", 48, 1.0, 2.5)
                .note("PIANO", 55, 1.0, 1.75)
                .note("BRIDGE", 67, 2.5, 3.0)
                .chord(0.0, 1.0, "N")
                .chord(1.0, 2.5, "C:maj")
                .chord(2.5, 4.5, "A:min7")
                .chord(4.5, 6.5, "G:7/3");
    }

    @Test
    void notesArePlacedByTheAnnotatedBeatsNotByTheMidiTempo(@TempDir Path root) throws IOException {
        Pop909Song song = Pop909Song.load(unevenSong().write(root, "007"));
        assertThat(song.id()).isEqualTo("007");
        assertThat(song.melody()).containsExactly(
                new GridNote(72, 90, 4, 2),
                new GridNote(74, 90, 10, 6),
                new GridNote(76, 90, 21, 3),
                new GridNote(77, 90, 29, 1));
        assertThat(song.piano()).containsExactly(new GridNote(48, 90, 8, 8), new GridNote(55, 90, 8, 4));
        assertThat(song.bridge()).containsExactly(new GridNote(67, 90, 16, 4));
    }

    @Test
    void barsComeFromTheFourBeatDownbeats(@TempDir Path root) throws IOException {
        Pop909Song song = Pop909Song.load(unevenSong().write(root, "007"));
        assertThat(song.bars()).containsExactly(
                new Pop909Song.Bar(4, 4), new Pop909Song.Bar(20, 4), new Pop909Song.Bar(36, 1));
        assertThat(song.bars().get(2).isFourFour()).isFalse();
    }

    @Test
    void eachStepTakesTheChordSoundingInItsMiddle(@TempDir Path root) throws IOException {
        Pop909Song song = Pop909Song.load(unevenSong().write(root, "007"));
        assertThat(song.chordPerStep()).hasSize(BEATS.length * 4);
        assertThat(song.chordPerStep().get(7)).isEqualTo(Chord.NONE);
        assertThat(song.chordPerStep().get(8)).isEqualTo(Chord.parseSymbol("C"));
        assertThat(song.chordPerStep().get(15)).isEqualTo(Chord.parseSymbol("C"));
        assertThat(song.chordPerStep().get(16)).isEqualTo(Chord.parseSymbol("Am7"));
        assertThat(song.chordPerStep().get(28)).isEqualTo(Chord.parseSymbol("G7/B"));
        assertThat(song.chordPerStep().get(39)).as("last beat extends by the previous beat's length")
                .isEqualTo(Chord.parseSymbol("G7/B"));
        assertThat(song.chords(38, 4)).containsExactly(
                Chord.parseSymbol("G7/B"), Chord.parseSymbol("G7/B"), Chord.NONE, Chord.NONE);
    }

    @Test
    void aBadChordLabelFailsNamingSongLineAndLabel(@TempDir Path root) throws IOException {
        Path folder = unevenSong().chord(6.5, 7.0, "C:mja").write(root, "012");
        assertThatThrownBy(() -> Pop909Song.load(folder))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("song 012")
                .hasMessageContaining("chord_midi.txt line 5")
                .hasMessageContaining("'mja'");
    }

    @Test
    void beatsMustIncrease(@TempDir Path root) throws IOException {
        Path folder = new TinySongs().beats(new double[]{0.0, 1.0, 0.5}, 0).chord(0, 1, "N").write(root, "013");
        assertThatThrownBy(() -> Pop909Song.load(folder)).isInstanceOf(IOException.class)
                .hasMessageContaining("beat_midi.txt line 3");
    }

    @Test
    void aMissingFileIsAnError(@TempDir Path root) throws IOException {
        Path folder = unevenSong().write(root, "014");
        Files.delete(folder.resolve("014.mid"));
        assertThatThrownBy(() -> Pop909Song.load(folder)).isInstanceOf(IOException.class);
    }
}
