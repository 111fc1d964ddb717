package org.analogy.engine.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import org.analogy.engine.band.Band;
import org.analogy.engine.chords.ChartChords;
import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.model.ModelBundleException;
import org.analogy.engine.process.AnswerProcessor;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.Modes;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.Style;

/** The performance mode and its settings, shared by the verbs that run the engine (live, render). */
final class ModeOptions {

    @Option(names = "--mode", paramLabel = "echo|accompany|restyle|looper|answer",
            description = "Performance mode (default: the preset's, else echo). Without --preset, modes other than echo take the ballad preset's texture and sound.")
    String mode;

    @Option(names = "--preset", paramLabel = "NAME|FILE", description = "A style preset by name (./analogy presets) or a preset file.")
    String preset;

    // Two plain options checked by hand: an @ArgGroup inside a mixin is listed twice in picocli's help.
    @Option(names = "--chords", paramLabel = "\"C G Am F\"", description = "Chord chart to play to (overrides the preset's chord source).")
    String chordChart;

    @Option(names = "--chords-from", paramLabel = "F.mid", description = "Take the chord chart from this file (its 'chords' track, else all its notes).")
    Path chordFile;

    @Option(names = "--model", paramLabel = "DIR", description = "Melody model bundle for restyle and looper (default: presets/models/melody).")
    Path model;

    @Option(names = "--accompaniment-model", paramLabel = "DIR",
            description = "Accompaniment model bundle (default: presets/models/accompaniment when installed, else reference textures re-voiced to the chords).")
    Path accompanimentModel;

    @Option(names = "--predictor", paramLabel = "DIR",
            description = "Next-bar chord predictor bundle for the 'predicted' chord source (default: presets/models/predictor when installed, else repeat the current chord).")
    Path predictorModel;

    @Option(names = "--echo-bars", defaultValue = "1", paramLabel = "N", description = "Echo: bars of delay, 1, 2 or 4 (default: ${DEFAULT-VALUE}).")
    int echoBars;

    @Option(names = "--transpose", defaultValue = "0", paramLabel = "SEMITONES", description = "Echo: transposition, −24…24 (default: ${DEFAULT-VALUE}).")
    int transpose;

    @Option(names = "--answer-after", defaultValue = "1", paramLabel = "BARS",
            description = "Answer: bars of rest, 1–4, after which the band answers your phrase (default: ${DEFAULT-VALUE}).")
    int answerAfter;

    @Option(names = "--answer-bars", defaultValue = "4", paramLabel = "BARS",
            description = "Answer: the longest answer in bars, 2, 4 or 8 (default: ${DEFAULT-VALUE}).")
    int answerBars;

    static final String DEFAULT_PRESET = "ballad";

    private Setup setup;
    /** Load the melody model when it is installed even if the first mode does not need it (live: presets switch modes). */
    boolean preferModel;

    /** The processor, controls and band these options describe, built once. */
    record Setup(BarProcessor processor, ControlSnapshot controls, Band band, Preset preset, PresetLibrary library) {
        String modeName() {
            return processor.name();
        }
    }

    /** Where the bundles are, as the options give them (null: the shipped place, used when installed). */
    Band.Sources sources(boolean melody) {
        Band.Sources s = Band.Sources.SHIPPED.withMelody(model).withAccompaniment(accompanimentModel).withPredictor(predictorModel);
        return melody ? s : s.withoutMelody();
    }

    Setup setup() throws Exception {
        if (setup != null) return setup;
        ControlSnapshot controls = ControlSnapshot.DEFAULT.withEcho(echoBars, transpose);
        // Echo alone plays with no model: a verb that can only echo starts without loading any (faster start);
        // live loads everything installed, since presets switch modes.
        boolean echoOnly = !preferModel && accompanimentModel == null && predictorModel == null && model == null
                && ((mode != null && mode.equalsIgnoreCase("echo")) || (mode == null && preset == null));
        Band band;
        try {
            band = echoOnly ? Band.standIns() : Band.load(sources(true), Band.OnBrokenBundle.FAIL);
        } catch (ModelBundleException e) {
            // Said in the terms of what was asked: the mode that cannot run without the model.
            if (model != null && mode != null && Modes.needsMelodyModel(mode) && e.getMessage().contains(model.toString())) {
                throw new ModelBundleException("mode " + mode + " needs the melody model: " + e.getMessage(), e);
            }
            throw e;
        }
        try {
            setup = assemble(band, controls);
        } catch (Exception | Error e) {
            band.close();
            throw e;
        }
        return setup;
    }

    private Setup assemble(Band band, ControlSnapshot controls) throws Exception {
        PresetLibrary library = band.presetLibrary(Logs.userDir());
        Preset chosen = null;
        Style style = band.defaultStyle();
        // A mode with accompaniment but no preset takes its texture and sound from the ballad preset.
        String presetName = preset != null ? preset : mode != null && !mode.equalsIgnoreCase("echo") ? DEFAULT_PRESET : null;
        if (presetName != null) {
            chosen = library.find(presetName);
            controls = chosen.applyTo(controls);
            style = chosen.style();
        }
        String modeName = mode != null ? mode : chosen != null ? style.mode() : "echo";
        if (!Modes.exists(modeName)) throw new IllegalArgumentException("--mode " + modeName + ": allowed " + String.join(", ", Modes.names()));
        style = style.withMode(modeName.toLowerCase(java.util.Locale.ROOT));
        ChordSource source = chordSource();
        if (source != null) style = style.withChords(source);
        controls = controls.withStyle(style);
        if (Modes.needsMelodyModel(modeName) && !band.hasMelodyModel()) {
            throw new ModelBundleException("mode " + modeName + " needs the melody model: " + band.path(Band.Part.MELODY).line());
        }
        band.checkPlayable(style, chosen != null && chosen.file() != null ? chosen.file().toString() : "preset " + style.name());
        band.prepare(style);
        BarProcessor processor = modeName.equalsIgnoreCase("answer")
                ? new AnswerProcessor(band, answerSettings())
                : Modes.create(modeName, band);
        return new Setup(processor, controls, band, chosen, library);
    }

    /** The answer mode's settings, checked: a bad value is a one-line error naming the flag. */
    AnswerProcessor.Settings answerSettings() {
        try {
            return new AnswerProcessor.Settings(answerAfter, answerBars);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--answer-after " + answerAfter + " --answer-bars " + answerBars + ": " + e.getMessage());
        }
    }

    private ChordSource chordSource() throws Exception {
        if (chordChart != null && chordFile != null)
            throw new IllegalArgumentException("--chords and --chords-from: give one chord source, not both");
        if (chordChart != null) return ChartChords.parse(chordChart);
        if (chordFile != null) return ChartChords.fromFile(chordFile);
        return null;
    }

    BarProcessor processor() throws Exception {
        return setup().processor();
    }

    ControlSnapshot controls() throws Exception {
        return setup().controls();
    }

    /** Bars the engine must keep playing after the input ends, so the last echo, phrase or loop pass is heard. */
    int tailBars() throws Exception {
        return switch (setup().modeName()) {
            case "echo" -> echoBars;
            case "restyle" -> 2;
            case "looper" -> setup().controls().style().loopBars();
            case "answer" -> answerAfter + answerBars;
            default -> 1;
        };
    }

    /** One line for the start-up banner: mode, preset and chord source. */
    String describe() throws Exception {
        Setup s = setup();
        Style style = s.controls().style();
        return s.modeName() + (s.preset() != null ? " | preset " + s.preset().name() : "")
                + (s.modeName().equals("echo") ? "" : " | chords " + style.chords().describe());
    }
}
