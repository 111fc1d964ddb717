package org.analogy.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.band.Band;
import org.analogy.engine.chords.ChartChords;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordChart;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.AccompanyProcessor;
import org.analogy.engine.style.Style;
import org.analogy.engine.time.Meter;

/** A render's recording carries the chords it was accompanied to, and --chords-from reads them back as the same chart. */
class ChordsTrackIT {

    @Test
    void theChordsTrackNamesEachChangeSoundsItQuietlyAndReadsBackAsTheSameChart(@TempDir Path dir) throws Exception {
        ChartChords chart = ChartChords.parse("C G | Am F | Dm7 G7 | C");
        List<PerformanceInput.Message> played = new ArrayList<>();
        for (int s = 0; s < 64; s += 4) {
            played.add(new PerformanceInput.Message(s + 0.05, 0x90, 72, 90));
            played.add(new PerformanceInput.Message(s + 2, 0x80, 72, 0));
        }
        PerformanceInput performance = new PerformanceInput(Meter.FOUR_FOUR, 120, played, List.of());
        EngineConfig config = EngineConfig.defaults().withControls(
                ControlSnapshot.DEFAULT.withStyle(Style.DEFAULT.withMode("accompany").withChords(chart)));
        VirtualSession session = new VirtualSession(config, new AccompanyProcessor(Band.standIns()), List.of());
        session.play(performance, 0);
        Path file = dir.resolve("take.mid");
        session.recorder().save(file);

        Sequence sequence = MidiSystem.getSequence(file.toFile());
        Track chords = null;
        for (Track t : sequence.getTracks()) {
            if (t.size() > 0 && t.get(0).getMessage() instanceof MetaMessage m && m.getType() == 0x03
                    && new String(m.getData()).equals("chords")) chords = t;
        }
        assertThat(chords).as("a track named chords").isNotNull();
        List<String> symbols = new ArrayList<>();
        List<Long> symbolTicks = new ArrayList<>();
        for (int i = 0; i < chords.size(); i++) {
            if (chords.get(i).getTick() >= 4 * 1920) continue; // the engine went on into bar 4 (the chart again)
            if (chords.get(i).getMessage() instanceof MetaMessage m && m.getType() == 0x01) {
                symbols.add(new String(m.getData()));
                symbolTicks.add(chords.get(i).getTick());
            } else if (chords.get(i).getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON) {
                assertThat(m.getData2()).isEqualTo(1);
                assertThat(m.getData1()).isBetween(48, 71);
            }
        }
        // One symbol per change, at the change: half bars of 960 ticks (480 per quarter).
        assertThat(symbols).containsExactly("C", "G", "Am", "F", "Dm7", "G7", "C");
        assertThat(symbolTicks).containsExactly(0L, 960L, 1920L, 2880L, 3840L, 4800L, 5760L);

        ChordChart back = ChartChords.fromFile(file).chart();
        for (int step = 0; step < 64; step++) {
            Chord expected = chart.chart().at(step, 16);
            assertThat(back.at(step, 16)).as("step " + step).isEqualTo(expected);
        }
    }
}
