package org.analogy.engine.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import org.analogy.engine.Limits;
import org.analogy.engine.accompaniment.PianoPart;
import org.analogy.engine.chords.ChartChords;
import org.analogy.engine.melody.MelodyLine;
import org.analogy.engine.render.PerformanceFiles;
import org.analogy.engine.render.PerformanceInput;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.ReferenceClips;

/**
 * Jazzer on the path every verb takes after the parser: bytes → file → 16th-grid notes, melody windows,
 * piano part, chords per bar, reference clip, performance. Any bytes either come out within the limits or
 * are refused with a {@link MidiFileException} naming the file; anything else thrown (an
 * {@code OutOfMemoryError} under the test JVM's 2 GiB heap included) is a finding, and so is one input taking
 * longer than {@link #SECONDS_PER_INPUT} once warm. Seeds: {@code src/test/resources/…/FileToGridFuzzTestInputs/}, among
 * them the 40-byte file with a far-off note-off that once exhausted memory.
 */
class FileToGridFuzzTest {

    /**
     * A hang, as the red-team table counts one. Far above what any input within the limits takes once warm
     * (milliseconds), and far below what the far-off file took before the limits (minutes, or memory exhausted).
     */
    static final double SECONDS_PER_INPUT = 10.0;
    /** The first input pays for loading and instrumenting every class on the path: not timed. */
    private static boolean warm;

    @FuzzTest(maxDuration = "30s")
    void anyBytesReachTheGridWithinTheLimitsOrAreRefusedByName(byte[] bytes) {
        long started = System.nanoTime();
        MidiFileContent content;
        try {
            content = MidiFiles.parse(bytes, "fuzz.mid");
        } catch (MidiFileException refused) {
            assertThat(refused.getMessage()).startsWith("fuzz.mid");
            return;
        }
        try {
            List<GridNote> grid = FileGrid.notes(content, content.allNotes());
            for (GridNote n : grid) {
                assertThat(n.start()).isBetween(0, Limits.MAX_SONG_STEPS);
                assertThat(n.end()).isBetween(1, Limits.MAX_SONG_STEPS + 1);
            }
        } catch (MidiFileException refused) {
            assertThat(refused.getMessage()).startsWith("fuzz.mid");
        }
        try {
            MelodyLine line = MelodyLine.of(content, null);
            assertThat(line.harmonyPerStep()).hasSize(line.windows() * MelodyLine.WINDOW_STEPS);
            assertThat(line.tokens(line.windows() - 1)).hasSize(MelodyLine.WINDOW_STEPS);
        } catch (MidiFileException refused) {
            assertThat(refused.getMessage()).startsWith("fuzz.mid");
        }
        try {
            PianoPart part = PianoPart.of(content, null);
            assertThat(part.bars()).isBetween(1, Limits.MAX_SONG_BARS + 1);
            assertThat(part.roll(part.windows() - 1)).isNotNull();
        } catch (MidiFileException refused) {
            assertThat(refused.getMessage()).startsWith("fuzz.mid");
        }
        try {
            ChartChords chords = ChartChords.fromContent(content, "chords from fuzz.mid");
            assertThat(chords.chart().bars()).isBetween(1, Limits.MAX_CHART_BARS);
        } catch (MidiFileException refused) {
            assertThat(refused.getMessage()).startsWith("fuzz.mid");
        }
        try {
            ReferenceClip clip = ReferenceClips.read("fuzz", bytes, "sha", "fuzz.mid");
            assertThat(clip.notes()).allSatisfy(n -> assertThat(n.end()).isLessThanOrEqualTo(ReferenceClip.STEPS));
            assertThat(clip.chordPerStep()).hasSize(ReferenceClip.STEPS);
        } catch (MidiFileException refused) {
            assertThat(refused.getMessage()).startsWith("fuzz.mid");
        }
        try {
            PerformanceInput performance = PerformanceFiles.fromContent(content, null);
            for (PerformanceInput.Message m : performance.messages()) assertThat(m.step()).isBetween(0.0, (double) Limits.MAX_SONG_STEPS);
        } catch (MidiFileException refused) {
            assertThat(refused.getMessage()).startsWith("fuzz.mid");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (warm) assertThat(seconds).as("seconds for one input of %d bytes", bytes.length).isLessThan(SECONDS_PER_INPUT);
        warm = true;
    }
}
