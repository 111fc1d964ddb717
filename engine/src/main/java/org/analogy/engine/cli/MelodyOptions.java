package org.analogy.engine.cli;

import java.nio.file.Path;
import java.util.function.IntFunction;

import picocli.CommandLine.Option;

import org.analogy.engine.chords.ChordChart;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.melody.MelodyLine;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelStore;

/** Options the melody verbs share: which model, where it runs, and which chords condition the decoding. */
final class MelodyOptions {

    @Option(names = "--model", paramLabel = "DIR", description = "A melody model bundle (default: the shipped one in presets/models/melody).")
    Path model;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|cuda",
            description = "Where the model runs; cuda needs the GPU build of ONNX Runtime (Maven profile gpu) and a GPU, else it says why and uses the CPU.")
    MelodyModel.Device device;

    @Option(names = "--melody-track", paramLabel = "N|NAME", description = "The track holding the melody (default: one named melody/lead/vocal, else the first with notes).")
    String melodyTrack;

    // Two plain options checked by hand: an @ArgGroup inside a mixin is listed twice in picocli's help.
    @Option(names = "--chords", paramLabel = "\"C G Am F\"", description = "A chord chart: one chord per bar, or bars separated by | with several chords each.")
    String chordChart;

    @Option(names = "--chords-from", paramLabel = "C.mid", description = "Take the chords from this file (recognised per half bar).")
    Path chordFile;

    MelodyModel open() throws Exception {
        checkOneChordSource();
        return ModelStore.openMelody(model, device);
    }

    MelodyLine read(Path file) throws Exception {
        return MelodyLine.of(Reading.said(file), melodyTrack);
    }

    /** Chroma per window: the chart, the chord file, or else the given melody's own harmony. */
    IntFunction<float[]> chordsFor(MelodyLine fallback) throws Exception {
        checkOneChordSource();
        if (chordChart != null) {
            ChordChart chart = ChordChart.parse(chordChart);
            return w -> ChordFeatures.chroma(chart.perStep((long) w * MelodyLine.WINDOW_STEPS, MelodyLine.WINDOW_STEPS, MelodyLine.STEPS_PER_BAR));
        }
        if (chordFile != null) {
            MelodyLine harmony = MelodyLine.of(Reading.said(chordFile), null);
            return w -> harmony.harmonyChroma(w % harmony.windows());
        }
        return fallback::harmonyChroma;
    }

    private void checkOneChordSource() {
        if (chordChart != null && chordFile != null)
            throw new IllegalArgumentException("--chords and --chords-from: give one chord source, not both");
    }

    static int noteCount(java.util.List<int[]> windows) {
        int n = 0;
        for (int[] w : windows) n += org.analogy.engine.melody.MelodyTokens.onsetCount(w);
        return n;
    }

}
