package org.analogy.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.midi.MidiFileBuilder;
import org.analogy.engine.repr.GridNote;

class LeadSheetsTest {

    @Test
    void aPieceComesOnTheGridWithItsChordsPerStep(@TempDir Path dir) throws Exception {
        MidiFileBuilder midi = new MidiFileBuilder(480).meter(0, 4);
        midi.track("melody").note(0, 67, 100, 0, 480).note(0, 72, 100, 480, 1440);
        midi.track("chords").note(1, 48, 80, 0, 1920);
        midi.write(dir.resolve("ewld-00000000000a.mid"));
        Files.writeString(dir.resolve("ewld-00000000000a.chords.txt"), "0.0\t2.0\tC:maj\n2.0\t4.0\tG:7\n");
        List<Pop909Song> all = LeadSheets.load(dir, LeadSheets.Part.ALL);
        assertThat(all).hasSize(1);
        Pop909Song song = all.get(0);
        assertThat(song.melody()).containsExactly(new GridNote(67, 100, 0, 4), new GridNote(72, 100, 4, 8));
        assertThat(song.chordPerStep()).hasSize(16);
        assertThat(song.chordPerStep().get(7)).isEqualTo(Chord.parseHarte("C:maj"));
        assertThat(song.chordPerStep().get(8)).isEqualTo(Chord.parseHarte("G:7"));
        assertThat(song.bars()).containsExactly(new Pop909Song.Bar(0, 4));
        // 0xa = 10 is divisible by 5: a validation piece.
        assertThat(LeadSheets.load(dir, LeadSheets.Part.VALIDATION)).hasSize(1);
        assertThat(LeadSheets.load(dir, LeadSheets.Part.TRAIN)).isEmpty();
    }

    @Test
    void theSharedLeadSheetsSplitIntoTrainAndValidation() throws Exception {
        Path root = Path.of("/work/shared/datasets/leadsheets");
        assumeTrue(Files.isDirectory(root.resolve("ewld")), "skipped: lead sheets not found at " + root);
        List<Pop909Song> validation = LeadSheets.load(root, LeadSheets.Part.VALIDATION);
        List<Pop909Song> train = LeadSheets.load(root, LeadSheets.Part.TRAIN);
        assertThat(validation).isNotEmpty();
        assertThat(train.size()).isGreaterThan(3 * validation.size());
        assertThat(validation).noneMatch(v -> train.stream().anyMatch(t -> t.id().equals(v.id())));
    }
}
