package org.analogy.engine.midi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer on the Standard MIDI File reader: any bytes either read into content that keeps the reader's
 * promises or fail with a {@link MidiFileException}; anything else thrown is a finding. Seeds (real files
 * and hand-made damaged ones) are under {@code src/test/resources/org/analogy/engine/midi/MidiFilesFuzzTestInputs/}.
 */
class MidiFilesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyBytesReadCleanlyOrFailWithAMidiFileException(byte[] bytes) {
        MidiFileContent content;
        try {
            content = MidiFiles.parse(bytes, "fuzz.mid");
        } catch (MidiFileException expected) {
            assertThat(expected.getMessage()).startsWith("fuzz.mid");
            return;
        }
        assertThat(content.resolution()).isPositive();
        for (FileNote note : content.allNotes()) {
            assertThat(note.pitch()).isBetween(0, 127);
            assertThat(note.velocity()).isBetween(1, 127);
            assertThat(note.channel()).isBetween(0, 15);
            assertThat(note.endTick()).isGreaterThan(note.startTick());
            assertThat(note.startTick()).isNotNegative();
        }
        for (TempoChange tempo : content.tempoMap().changes()) {
            assertThat(content.tempoMap().bpmAt(tempo.tick())).isBetween(30.0, 300.0);
        }
        double seconds = content.durationSeconds();
        assertThat(Double.isFinite(seconds) && seconds >= 0).as("duration %s s", seconds).isTrue();
    }
}
