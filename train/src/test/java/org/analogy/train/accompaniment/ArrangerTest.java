package org.analogy.train.accompaniment;

import static org.analogy.train.accompaniment.AccompanimentOnnxExportTest.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.accompaniment.AccompanimentFiles;
import org.analogy.engine.accompaniment.AccompanimentModel;
import org.analogy.engine.accompaniment.Arranger;
import org.analogy.engine.accompaniment.PianoPart;
import org.analogy.engine.accompaniment.PianoRoll;
import org.analogy.engine.chords.ChordChart;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.midi.FileTrack;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.model.ModelBundle;
import org.analogy.train.nn.NamedWeights;

/**
 * The arrange path on a bundle from a small random model (a negative onset threshold so that it writes notes):
 * window by window, chords from a chart, texture from a shipped clip, written as an 'accompaniment' track that
 * ends where asked.
 */
class ArrangerTest {

    private static final Path CLIP = Path.of("../presets/clips/alberti-bass.mid");

    @Test
    void arrangesWindowByWindowAndWritesAnAccompanimentTrack(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ExportAccompaniment.writeBundle(dir.resolve("bundle"), SMALL, NamedWeights.initialise(manager, SMALL.layout(), 5).toFloatArrays(),
                    -0.3f, Map.of());
        }
        PianoPart texture = PianoPart.read(CLIP, null);
        assertThat(texture.windows()).isGreaterThanOrEqualTo(1);
        ChordChart chart = ChordChart.parse("Am F C G");
        try (AccompanimentModel model = AccompanimentModel.load(ModelBundle.load(dir.resolve("bundle")), MelodyModel.Options.DEFAULT)) {
            List<int[][]> windows = new Arranger(model).arrange(
                    w -> ChordFeatures.chordFormFromSteps(chart.perStep(w * 32L, 32, 16)), 3, texture::roll, texture.windows());
            assertThat(windows).hasSize(3);
            // window 2 repeats the chart's first two bars: same chords, same texture window if the clip is 1 window long
            float[] chordsOfWindow1 = ChordFeatures.chordFormFromSteps(chart.perStep(32, 32, 16));
            assertThat(windows.get(1)).isDeepEqualTo(model.decode(model.encodeChords(chordsOfWindow1),
                    model.encodeTexture(texture.roll(1 % texture.windows()))));

            Path out = dir.resolve("out.mid");
            int written = AccompanimentFiles.write(out, 100, windows, 5);
            int beforeBar5 = 0;
            for (int w = 0; w < 3; w++) {
                for (var n : PianoRoll.toNotes(windows.get(w), 1)) if (w * 32 + n.start() < 5 * 16) beforeBar5++;
            }
            assertThat(written).isEqualTo(beforeBar5).isPositive();
            MidiFileContent content = MidiFiles.read(out);
            FileTrack track = content.track("accompaniment").orElseThrow();
            assertThat(track.notes()).hasSize(written);
            long lastEnd = track.notes().stream().mapToLong(n -> n.endTick()).max().orElseThrow();
            assertThat(content.stepsAt(lastEnd)).as("nothing sounds past bar 5").isLessThanOrEqualTo(5 * 16);
        }
    }
}
