package org.analogy.train.accompaniment;

import static org.analogy.train.run.BundleExport.round;
import static org.analogy.train.run.BundleExport.spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.analogy.engine.accompaniment.AccompanimentModel;
import org.analogy.engine.accompaniment.AccompanimentTensors;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.train.TrainMain;
import org.analogy.train.data.AccompanimentWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;
import org.analogy.train.nn.NamedWeights;
import org.analogy.train.run.BundleExport;
import org.analogy.train.run.Checkpoint;
import org.analogy.train.run.ExportCommand;

/**
 * {@code ./analogy export accompaniment}: checkpoint → {@code chord_encoder.onnx}, {@code texture_encoder.onnx},
 * {@code decoder.onnx} and {@code manifest.json} ({@link ExportCommand} is the pipeline). The onset threshold is the
 * one the run's final validation found best ({@code metrics.json}) unless given. Measured through ONNX Runtime:
 * reconstruction note F1 on the validation songs; parity: DJL vs ONNX Runtime on the first validation windows.
 */
@Command(name = "accompaniment", mixinStandardHelpOptions = true,
        description = {"Turns an accompaniment training checkpoint into a bundle (chord_encoder.onnx, texture_encoder.onnx, decoder.onnx, "
                + "manifest.json), measured through ONNX Runtime and checked against DJL when POP909 is present."})
public final class ExportAccompaniment extends ExportCommand {

    public static final String MODEL_NAME = "analogy-accompaniment-polydis";
    /** The JVM settings of the shipped model's training launch (its invocations were recorded as "TrainAccompaniment …"). */
    static final String TRAINING_JVM = "OMP_WAIT_POLICY=PASSIVE java -Xmx4g -Dai.djl.pytorch.num_threads=2 "
            + "-Dai.djl.pytorch.num_interop_threads=1 -cp \"runs/cp/train-classes:runs/cp/engine-classes:runs/cp/lib/*\" "
            + "org.analogy.train.accompaniment.";
    private static final int PARITY_WINDOWS = 128;

    @Option(names = "--onset-threshold", paramLabel = "X", description = "Onset logit threshold of the bundle (default: the run's "
            + "metrics.json, which holds the one its final validation found best).")
    Float onsetThreshold;

    private float threshold;

    public static void main(String[] args) {
        System.exit(TrainMain.execute(new ExportAccompaniment(), args));
    }

    public ExportAccompaniment() {
        super(TrainAccompaniment.KIND, TrainAccompaniment::layout, "runs/accompaniment/checkpoint.bin", "presets/models/accompaniment");
    }

    @Override
    protected BundleExport.Bundle bundle(Checkpoint checkpoint, JsonNode runMetrics) throws Exception {
        if (onsetThreshold != null) threshold = onsetThreshold;
        else if (runMetrics != null && runMetrics.path("onsetThreshold").isNumber()) threshold = runMetrics.get("onsetThreshold").floatValue();
        else throw new IllegalArgumentException("no onset threshold: the run's metrics.json is missing or has none; pass --onset-threshold");

        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", "POP909, songs 001-850 (PIANO track with chord annotations), 2-bar windows, transposed -6..+5 semitones; "
                + "texture encoder input shifted a further ±" + TrainAccompaniment.schedule(checkpoint).textureShift() + " semitones");
        training.put("dataLicense", Pop909Dataset.LICENSE);
        training.put("dataCitation", Pop909Dataset.CITATION);
        training.put("modelCitation", "Ziyu Wang, Dingsu Wang, Yixiao Zhang, Gus Xia. Learning Interpretable Representation for "
                + "Controllable Polyphonic Music Generation. ISMIR 2020.");
        if (checkpoint.commandLine().startsWith("TrainAccompaniment")) training.put("jvm", TRAINING_JVM + "TrainAccompaniment");
        training.put("commands", checkpoint.commandLine());
        training.put("seed", checkpoint.seed());
        training.put("batch", checkpoint.batchSize());
        training.put("steps", checkpoint.step());
        training.put("epoch", checkpoint.epoch());
        training.put("batchInEpoch", checkpoint.batchInEpoch());
        training.put("trainedMinutes", Math.round(checkpoint.trainedMillis() / 600.0) / 100.0);
        training.put("schedule", TrainAccompaniment.schedule(checkpoint).toString());
        if (runMetrics != null) training.put("finalValidationDjl", runMetrics);
        return bundle(AccompanimentConfig.fromInts(checkpoint.sizes()), checkpoint.weights(), threshold, training);
    }

    /** Writes the three graphs and a manifest for them into {@code out}; returns the manifest written. */
    public static Map<String, Object> writeBundle(Path out, AccompanimentConfig c, Map<String, float[]> weights, float onsetThreshold,
                                                  Map<String, Object> training) throws IOException {
        return BundleExport.write(out, bundle(c, weights, onsetThreshold, training));
    }

    static BundleExport.Bundle bundle(AccompanimentConfig c, Map<String, float[]> weights, float onsetThreshold, Map<String, Object> training) {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("grid", Map.of("steps", AccompanimentConfig.STEPS, "pitches", AccompanimentConfig.PITCHES, "beats", AccompanimentConfig.BEATS,
                "chordForm", AccompanimentConfig.CHORD_FORM, "durationBits", AccompanimentConfig.DURATION_BITS,
                "textureChannels", AccompanimentConfig.ROLL_CHANNELS));
        entries.put("latents", Map.of("chord", c.chordLatent(), "texture", c.textureLatent()));
        entries.put("decoding", Map.of("onsetThreshold", onsetThreshold,
                "rule", "a note starts where the onset logit > onsetThreshold; duration = 1 + sum of 2^i over duration-bit logits > 0"));
        Map<String, Object> architecture = new LinkedHashMap<>();
        architecture.put("sizes", c.toString());
        architecture.put("parameters", c.layout().values().stream().mapToLong(Shape::size).sum());
        architecture.put("onnx", Map.of("opset", 17, "irVersion", 8, "batch", "symbolic dimension 'batch'; the engine runs batch 1"));
        entries.put("architecture", architecture);

        List<BundleExport.Graph> graphs = List.of(
                new BundleExport.Graph("chordEncoder", "chord_encoder.onnx", AccompanimentOnnxExport.chordEncoder(c, weights).toByteArray(),
                        List.of(spec("chord_form", "float32", "batch", AccompanimentConfig.BEATS, AccompanimentConfig.CHORD_FORM)),
                        List.of(spec("z_chord", "float32", "batch", c.chordLatent()))),
                new BundleExport.Graph("textureEncoder", "texture_encoder.onnx", AccompanimentOnnxExport.textureEncoder(c, weights).toByteArray(),
                        List.of(spec("texture", "float32", "batch", AccompanimentTensors.CHANNELS, AccompanimentConfig.STEPS, AccompanimentConfig.PITCHES)),
                        List.of(spec("z_texture", "float32", "batch", c.textureLatent()))),
                new BundleExport.Graph("decoder", "decoder.onnx", AccompanimentOnnxExport.decoder(c, weights).toByteArray(),
                        List.of(spec("z_chord", "float32", "batch", c.chordLatent()), spec("z_texture", "float32", "batch", c.textureLatent())),
                        List.of(spec("logits", "float32", "batch", AccompanimentConfig.STEPS, AccompanimentConfig.PITCHES,
                                AccompanimentConfig.OUTPUTS_PER_PITCH))));
        return new BundleExport.Bundle(MODEL_NAME, "accompaniment", "Poly-dis-style accompaniment VAE: 2 bars of chords (8 beats × 36-d "
                + "chord form) → z_chord; 2 bars of piano (32 × 128 duration roll) → z_texture; any pair → a piano part (onset and duration "
                + "per step and pitch, decoded in one pass). After Wang et al., ISMIR 2020.", entries, graphs, training);
    }

    @Override
    protected Map<String, Object> measure(ModelBundle bundle, Path data) throws Exception {
        List<AccompanimentWindow> validation = Pop909Dataset.load(data, Split.VALIDATION).accompanimentWindows();
        try (AccompanimentModel model = AccompanimentModel.load(bundle, MelodyModel.Options.DEFAULT)) {
            AccompanimentMetrics metrics = new AccompanimentMetrics();
            for (AccompanimentWindow w : validation) {
                metrics.addReconstruction(model.decode(model.encodeChords(w.chordForm()), model.encodeTexture(w.pianoRoll())), w.pianoRoll());
            }
            Map<String, Object> measured = new LinkedHashMap<>();
            measured.put("songs", String.format("%03d-%03d", Split.VALIDATION.first(), Split.VALIDATION.last()));
            measured.put("windows", validation.size());
            measured.put("reconstructionNoteF1", round(metrics.noteF1()));
            measured.put("notePrecision", round(metrics.notePrecision()));
            measured.put("noteRecall", round(metrics.noteRecall()));
            measured.put("method", "posterior means, ONNX Runtime on this bundle, batch 1, onset threshold " + threshold);
            return measured;
        }
    }

    @Override
    protected Map<String, Object> parity(NDManager manager, Checkpoint checkpoint, ModelBundle bundle, Path data) throws Exception {
        AccompanimentConfig config = AccompanimentConfig.fromInts(checkpoint.sizes());
        List<AccompanimentWindow> validation = Pop909Dataset.load(data, Split.VALIDATION).accompanimentWindows();
        AccompanimentVae djl = new AccompanimentVae(NamedWeights.of(manager, config.layout(), checkpoint.weights()), config);
        List<AccompanimentWindow> sample = validation.subList(0, Math.min(PARITY_WINDOWS, validation.size()));
        AccompanimentBatches.Batch batch = AccompanimentBatches.batchOf(sample, new int[sample.size()]);
        AccompanimentParity.Report parity = AccompanimentParity.compare(manager, djl, bundle.file("chordEncoder"),
                bundle.file("textureEncoder"), bundle.file("decoder"), batch.chordForm(), batch.texture(), sample.size(), threshold);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("windows", parity.windows());
        entry.put("maxChordLatentDifference", parity.maxChordLatentDifference());
        entry.put("maxTextureLatentDifference", parity.maxTextureLatentDifference());
        entry.put("maxLogitDifference", parity.maxLogitDifference());
        entry.put("identicalNoteRolls", parity.identicalRolls() + "/" + parity.windows());
        return entry;
    }
}
