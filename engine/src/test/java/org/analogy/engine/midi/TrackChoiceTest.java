package org.analogy.engine.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class TrackChoiceTest {

    private static FileTrack track(int index, String name, boolean withNotes) {
        List<FileNote> notes = withNotes ? List.of(new FileNote(0, 0, 10, 60, 90)) : List.of();
        return new FileTrack(index, name, notes, List.of(), List.of(), 10);
    }

    private static final MidiFileContent FILE = new MidiFileContent("song.mid", 1, 480,
            List.of(track(0, "", false), track(1, "Lead", false), track(2, "piano", true), track(3, "melody", true)),
            new TempoMap(480, List.of()), List.of(), 10, 0, 0);

    @Test
    void aNumberIsOneBasedAndANameIsCaseInsensitive() throws Exception {
        assertThat(TrackChoice.named(FILE, " 3 ").name()).isEqualTo("piano");
        assertThat(TrackChoice.named(FILE, "MELODY").index()).isEqualTo(3);
    }

    @Test
    void aMissingTrackIsOneLineListingTheTracks() {
        assertThatThrownBy(() -> TrackChoice.named(FILE, "9")).hasMessage(
                "song.mid: no track 9 (the file has 4 tracks: 1=(unnamed), 2=Lead, 3=piano, 4=melody)");
        assertThatThrownBy(() -> TrackChoice.named(FILE, "99999999999999999999")).hasMessageStartingWith("song.mid: no track 9999");
        assertThatThrownBy(() -> TrackChoice.named(FILE, "bass")).hasMessageStartingWith("song.mid: no track named 'bass'");
    }

    @Test
    void preferredNamesSkipEmptyTracksAndGoInTheOrderGiven() {
        assertThat(TrackChoice.preferred(FILE, List.of("lead", "melody"))).map(FileTrack::index).contains(3);
        assertThat(TrackChoice.preferred(FILE, List.of("vocal"))).isEmpty();
        assertThat(TrackChoice.firstWithNotes(FILE)).map(FileTrack::index).contains(2);
    }
}
