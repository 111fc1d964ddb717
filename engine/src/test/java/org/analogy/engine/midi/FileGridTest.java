package org.analogy.engine.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.Limits;
import org.analogy.engine.repr.GridNote;

class FileGridTest {

    private static MidiFileContent content(int resolution, FileNote... notes) {
        FileTrack track = new FileTrack(0, "", List.of(notes), List.of(), List.of(), 0);
        return new MidiFileContent("t.mid", 1, resolution, List.of(track), new TempoMap(resolution, List.of()),
                List.of(), 0, 0, 0);
    }

    @Test
    void notesAreRoundedToTheNearestSixteenthAndKeepAtLeastOneStep() throws Exception {
        MidiFileContent c = content(480, new FileNote(0, 0, 120, 60, 90), new FileNote(0, 130, 150, 64, 80),
                new FileNote(0, 470, 960, 67, 70));
        assertThat(FileGrid.notes(c, c.allNotes())).containsExactly(
                new GridNote(60, 90, 0, 1), new GridNote(64, 80, 1, 1), new GridNote(67, 70, 4, 4));
    }

    @Test
    void drumChannelNotesAreLeftOut() throws Exception {
        MidiFileContent c = content(480, new FileNote(9, 0, 120, 36, 90), new FileNote(0, 0, 120, 60, 90));
        assertThat(FileGrid.notes(c, c.allNotes())).extracting(GridNote::pitch).containsExactly(60);
    }

    @Test
    void aPositionPastTheLongestSongIsAnErrorNamingTheFileNotAWrappedInt() throws Exception {
        // 2^31 steps at one tick per quarter would wrap to a negative int; far below that, the song limit refuses.
        long farTick = (1L << 31) / 4 + 10;
        MidiFileContent c = content(1, new FileNote(0, farTick, farTick + 1, 60, 90));
        assertThatThrownBy(() -> FileGrid.notes(c, c.allNotes())).isInstanceOf(MidiFileException.class)
                .hasMessageStartingWith("t.mid: an event at tick " + farTick)
                .hasMessageContaining(Limits.MAX_SONG_BARS + " bars");
        long justInside = Limits.MAX_SONG_STEPS / 4 - 1;
        MidiFileContent ok = content(1, new FileNote(0, justInside, justInside + 1, 60, 90));
        assertThat(FileGrid.notes(ok, ok.allNotes())).hasSize(1);
    }

    @Test
    void aWindowKeepsNotesStartingInsideAndCutsThemAtItsEnd() {
        List<GridNote> notes = List.of(new GridNote(60, 90, 30, 8), new GridNote(62, 90, 32, 4), new GridNote(64, 90, 2, 3));
        assertThat(FileGrid.window(notes, 0, 32)).containsExactly(new GridNote(60, 90, 30, 2), new GridNote(64, 90, 2, 3));
        assertThat(FileGrid.window(notes, 32, 32)).containsExactly(new GridNote(62, 90, 0, 4));
    }

    @Test
    void theFarOffFileIsRefusedWhereItIsRead() {
        assertThatThrownBy(() -> MidiFiles.parse(HostileFiles.farOffNoteOff(), "far.mid"))
                .isInstanceOf(MidiFileException.class)
                .hasMessageStartingWith("far.mid: track 0 reaches tick")
                .hasMessageContaining("longest song");
    }
}
