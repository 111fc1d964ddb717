package org.analogy.engine.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.analogy.engine.midi.MidiFileBuilder;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.render.PerformanceFiles;
import org.analogy.engine.render.PerformanceInput;

/**
 * The demo melody the engine plays as the performer when no controller is attached: an eight-bar tune in
 * C major over C–Am–F–G, written for Analogy. This test is its source: it checks the bundled file against
 * the notes below, and rewrites it when run with {@code -Danalogy.regenerateDemo=true}.
 */
class DemoMelodyTest {

    static final Path RESOURCE = Path.of("src/main/resources/org/analogy/engine/demo/demo-melody.mid");
    static final double BPM = 100;

    /** bar, 16th step in the bar, length in 16ths, MIDI pitch. */
    static final int[][] NOTES = {
            {0, 0, 4, 64}, {0, 4, 2, 67}, {0, 6, 2, 69}, {0, 8, 4, 67}, {0, 12, 4, 64},
            {1, 0, 6, 72}, {1, 6, 2, 71}, {1, 8, 4, 69}, {1, 12, 4, 64},
            {2, 0, 2, 65}, {2, 2, 2, 69}, {2, 4, 4, 72}, {2, 8, 2, 69}, {2, 10, 2, 65}, {2, 12, 4, 67},
            {3, 0, 8, 67}, {3, 12, 2, 62}, {3, 14, 2, 64},
            {4, 0, 4, 67}, {4, 4, 2, 76}, {4, 6, 2, 74}, {4, 8, 4, 72}, {4, 12, 4, 67},
            {5, 0, 6, 69}, {5, 6, 2, 72}, {5, 8, 4, 76}, {5, 12, 4, 74},
            {6, 0, 2, 72}, {6, 2, 2, 69}, {6, 4, 4, 65}, {6, 8, 2, 71}, {6, 10, 2, 74}, {6, 12, 4, 67},
            {7, 0, 14, 72},
    };

    static byte[] author() throws Exception {
        MidiFileBuilder file = new MidiFileBuilder(480).title("Analogy demo melody").tempo(0, BPM).meter(0, 4).endAt(8 * 16 * 120);
        MidiFileBuilder.TrackBuilder melody = file.track("melody");
        for (int[] n : NOTES) {
            long start = (n[0] * 16L + n[1]) * 120;
            // Played slightly detached, with a little accent on the beat, as a person would.
            int velocity = n[1] % 4 == 0 ? 92 : 78;
            melody.note(0, n[3], velocity, start, start + n[2] * 120 - 20);
        }
        return file.toBytes();
    }

    @Test
    void theBundledDemoIsTheMelodyWrittenHere() throws Exception {
        byte[] expected = author();
        if (Boolean.getBoolean("analogy.regenerateDemo")) Files.write(RESOURCE, expected);
        assertThat(Files.readAllBytes(RESOURCE)).isEqualTo(expected);
    }

    @Test
    void itReadsAsAnEightBarPerformanceIn44() throws Exception {
        PerformanceInput demo = PerformanceFiles.fromContent(MidiFiles.parse(Files.readAllBytes(RESOURCE), "demo"), null);
        assertThat(demo.initialBpm()).isEqualTo(BPM);
        assertThat(demo.meter().beatsPerBar()).isEqualTo(4);
        assertThat(demo.messages()).hasSize(NOTES.length * 2);
        assertThat(demo.endStep()).isLessThan(8 * 16);
    }
}
