package org.analogy.engine.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.analogy.engine.accompaniment.AccompanimentFiles;
import org.analogy.engine.accompaniment.AccompanimentModel;
import org.analogy.engine.accompaniment.Arranger;
import org.analogy.engine.accompaniment.PianoPart;
import org.analogy.engine.chords.ChordChart;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelStore;

@Command(name = "arrange", mixinStandardHelpOptions = true,
        description = {"An accompaniment from the chords of one source and the texture of another: every 2-bar window "
                + "is decoded from the chords' z_chord and the texture file's z_texture (the texture repeats if shorter). "
                + "Writes a track named 'accompaniment'. Files must be in 4/4."})
final class ArrangeCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Chords chords;

    static final class Chords {
        @Option(names = "--chords", paramLabel = "\"Am F C G\"", description = "A chord chart: one chord per bar, or bars separated by | with several chords each.")
        String chart;

        @Option(names = "--chords-from", paramLabel = "A.mid", description = "Take the chords from this file (recognised per half bar).")
        Path file;
    }

    @Option(names = "--texture-from", required = true, paramLabel = "B.mid") Path textureFrom;
    @Option(names = "--texture-track", paramLabel = "N|NAME", description = "The track holding the texture (default: one named piano/accompaniment, else all pitched tracks).")
    String textureTrack;
    @Option(names = "--bars", paramLabel = "N", description = "Bars to write (default: the chord file's length, or the chart's).")
    Integer bars;
    @Option(names = "--out", required = true, paramLabel = "OUT.mid") Path out;
    @Option(names = "--model", paramLabel = "DIR", description = "An accompaniment model bundle (default: the shipped one in presets/models/accompaniment).")
    Path model;

    @Override
    public Integer call() throws Exception {
        if (bars != null && bars < 1) throw new IllegalArgumentException("--bars must be at least 1, got " + bars);
        PianoPart texture = PianoPart.of(Reading.said(textureFrom), textureTrack);
        IntFunction<float[]> forms;
        int length;
        String chordSource;
        if (chords.chart != null) {
            ChordChart chart = ChordChart.parse(chords.chart);
            forms = w -> ChordFeatures.chordFormFromSteps(chart.perStep((long) w * PianoPart.WINDOW_STEPS, PianoPart.WINDOW_STEPS, PianoPart.STEPS_PER_BAR));
            length = chart.bars();
            chordSource = "chart " + chart;
        } else {
            PianoPart harmony = PianoPart.of(Reading.said(chords.file), null);
            forms = w -> harmony.chordForm(w % harmony.windows());
            length = harmony.bars();
            chordSource = chords.file.toString();
        }
        int total = bars != null ? bars : length;
        int windows = (total + 1) / 2;
        try (AccompanimentModel accompaniment = ModelStore.openAccompaniment(model, MelodyModel.Device.CPU)) {
            List<int[][]> result = new Arranger(accompaniment).arrange(forms, windows, texture::roll, texture.windows());
            int notes = AccompanimentFiles.write(out, texture.bpm(), result, total);
            System.out.printf("arrange: chords of %s + texture of %s → %s (%d bars, %d windows, %d notes)%n",
                    chordSource, textureFrom, out, total, windows, notes);
        }
        return 0;
    }
}
