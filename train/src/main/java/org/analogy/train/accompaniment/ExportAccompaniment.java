package org.analogy.train.accompaniment;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.analogy.engine.accompaniment.AccompanimentTensors;
import org.analogy.engine.accompaniment.AccompanimentModel;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.train.data.AccompanimentWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.analogy.train.nn.NamedWeights;

/**
 * Checkpoint → model bundle: {@code chord_encoder.onnx}, {@code texture_encoder.onnx}, {@code decoder.onnx} and
 * {@code manifest.json}.
 *
 * <pre>
 * java -cp "train/target/classes:engine/target/classes:train/target/lib/*" org.analogy.train.accompaniment.ExportAccompaniment \
 *      [--checkpoint runs/accompaniment/checkpoint.bin] [--out presets/models/accompaniment] [--data POP909]
 *      [--metrics runs/accompaniment/metrics.json] [--onset-threshold X]
 * </pre>
 *
 * The onset threshold is the one the run's final validation found best ({@code metrics.json}), unless given.
 * After writing, the bundle is loaded the way the engine loads it and, when the dataset is present, measured
 * through ONNX Runtime on the validation songs (reconstruction note F1) and compared with DJL (parity); both
 * go into the manifest.
 */
public final class ExportAccompaniment {

    public static final String MODEL_NAME = "analogy-accompaniment-polydis";
    /** The JVM settings of the training launch; the trainer's own arguments are stored in the checkpoint. */
    static final String TRAINING_JVM = "OMP_WAIT_POLICY=PASSIVE java -Xmx4g -Dai.djl.pytorch.num_threads=2 "
            + "-Dai.djl.pytorch.num_interop_threads=1 -cp \"runs/cp/train-classes:runs/cp/engine-classes:runs/cp/lib/*\" "
            + "org.analogy.train.accompaniment.";
    private static final int PARITY_WINDOWS = 128;

    private ExportAccompaniment() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = TrainingLog.flags(args);
        Path checkpointFile = Path.of(flags.getOrDefault("checkpoint", "runs/accompaniment/checkpoint.bin"));
        Path out = Path.of(flags.getOrDefault("out", "presets/models/accompaniment"));
        Path data = Path.of(flags.getOrDefault("data", Pop909Dataset.defaultRoot().toString()));
        Path metricsFile = Path.of(flags.getOrDefault("metrics", checkpointFile.resolveSibling("metrics.json").toString()));

        RunCheckpoint checkpoint = TrainAccompaniment.loadCheckpoint(checkpointFile);
        AccompanimentConfig config = AccompanimentConfig.fromInts(checkpoint.sizes());
        JsonNode runMetrics = Files.exists(metricsFile) ? new ObjectMapper().readTree(metricsFile.toFile()) : null;
        float threshold;
        if (flags.containsKey("onset-threshold")) threshold = Float.parseFloat(flags.get("onset-threshold"));
        else if (runMetrics != null && runMetrics.path("onsetThreshold").isNumber()) threshold = runMetrics.get("onsetThreshold").floatValue();
        else throw new IllegalArgumentException("no onset threshold: " + metricsFile + " is missing or has none; pass --onset-threshold");

        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", "POP909, songs 001-850 (PIANO track with chord annotations), 2-bar windows, transposed -6..+5 semitones; "
                + "texture encoder input shifted a further ±" + TrainAccompaniment.schedule(checkpoint).textureShift() + " semitones");
        training.put("dataLicense", "MIT (Copyright (c) 2020 Music X Lab)");
        training.put("dataCitation", "Ziyu Wang, Ke Chen, Junyan Jiang, Yiyi Zhang, Maoran Xu, Shuqi Dai, Xianbin Gu, Gus Xia. "
                + "POP909: A Pop-song Dataset for Music Arrangement Generation. ISMIR 2020.");
        training.put("modelCitation", "Ziyu Wang, Dingsu Wang, Yixiao Zhang, Gus Xia. Learning Interpretable Representation for "
                + "Controllable Polyphonic Music Generation. ISMIR 2020.");
        training.put("jvm", TRAINING_JVM + "TrainAccompaniment");
        training.put("commands", TrainAccompaniment.commands(checkpoint));
        training.put("seed", checkpoint.seed());
        training.put("batch", checkpoint.batchSize());
        training.put("steps", checkpoint.step());
        training.put("epoch", checkpoint.epoch());
        training.put("batchInEpoch", checkpoint.batchInEpoch());
        training.put("trainedMinutes", Math.round(checkpoint.trainedMillis() / 600.0) / 100.0);
        training.put("schedule", TrainAccompaniment.schedule(checkpoint).toString());
        if (runMetrics != null) training.put("finalValidationDjl", runMetrics);

        Map<String, Object> manifest = writeBundle(out, config, checkpoint.weights(), threshold, training);
        System.out.println("wrote " + out);
        if (!Files.isDirectory(data)) {
            System.out.println("POP909 not found at " + data + ": bundle written without validation metrics");
            return;
        }
        List<AccompanimentWindow> validation = Pop909Dataset.load(data, Split.VALIDATION).accompanimentWindows();
        ModelBundle bundle = ModelBundle.load(out);
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
            manifest.put("validation", measured);
            System.out.println("validation through ONNX Runtime: " + measured);
        }
        Engine.getInstance();
        JniUtils.setGradMode(false);
        try (NDManager manager = NDManager.newBaseManager()) {
            AccompanimentVae djl = new AccompanimentVae(NamedWeights.of(manager, config.layout(), checkpoint.weights()), config);
            List<AccompanimentWindow> sample = validation.subList(0, Math.min(PARITY_WINDOWS, validation.size()));
            AccompanimentBatches.Batch batch = AccompanimentBatches.batchOf(sample, new int[sample.size()]);
            AccompanimentParity.Report parity = AccompanimentParity.compare(manager, djl, bundle.file("chordEncoder"),
                    bundle.file("textureEncoder"), bundle.file("decoder"), batch.chordForm(), batch.texture(), sample.size(), threshold);
            System.out.println("parity DJL vs ONNX Runtime: " + parity);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("windows", parity.windows());
            entry.put("maxChordLatentDifference", parity.maxChordLatentDifference());
            entry.put("maxTextureLatentDifference", parity.maxTextureLatentDifference());
            entry.put("maxLogitDifference", parity.maxLogitDifference());
            entry.put("identicalNoteRolls", parity.identicalRolls() + "/" + parity.windows());
            manifest.put("parity", entry);
        }
        writeManifest(out, manifest);
        ModelBundle.load(out);   // the final manifest must still describe the files
        System.out.println("manifest updated with validation and parity");
    }

    /** Writes the three graphs and a manifest for them into {@code out}; returns the manifest written. */
    public static Map<String, Object> writeBundle(Path out, AccompanimentConfig c, Map<String, float[]> weights, float onsetThreshold,
                                                  Map<String, Object> training) throws IOException {
        byte[] chord = AccompanimentOnnxExport.chordEncoder(c, weights).toByteArray();
        byte[] texture = AccompanimentOnnxExport.textureEncoder(c, weights).toByteArray();
        byte[] decoder = AccompanimentOnnxExport.decoder(c, weights).toByteArray();
        Files.createDirectories(out);
        writeAtomically(out.resolve("chord_encoder.onnx"), chord);
        writeAtomically(out.resolve("texture_encoder.onnx"), texture);
        writeAtomically(out.resolve("decoder.onnx"), decoder);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formatVersion", ModelBundle.FORMAT_VERSION);
        m.put("model", MODEL_NAME);
        m.put("kind", "accompaniment");
        m.put("description", "Poly-dis-style accompaniment VAE: 2 bars of chords (8 beats × 36-d chord form) → z_chord; "
                + "2 bars of piano (32 × 128 duration roll) → z_texture; any pair → a piano part (onset and duration per step "
                + "and pitch, decoded in one pass). After Wang et al., ISMIR 2020.");
        m.put("grid", Map.of("steps", AccompanimentConfig.STEPS, "pitches", AccompanimentConfig.PITCHES, "beats", AccompanimentConfig.BEATS,
                "chordForm", AccompanimentConfig.CHORD_FORM, "durationBits", AccompanimentConfig.DURATION_BITS,
                "textureChannels", AccompanimentConfig.ROLL_CHANNELS));
        m.put("latents", Map.of("chord", c.chordLatent(), "texture", c.textureLatent()));
        m.put("decoding", Map.of("onsetThreshold", onsetThreshold,
                "rule", "a note starts where the onset logit > onsetThreshold; duration = 1 + sum of 2^i over duration-bit logits > 0"));
        Map<String, Object> architecture = new LinkedHashMap<>();
        architecture.put("sizes", c.toString());
        architecture.put("parameters", c.layout().values().stream().mapToLong(s -> s.size()).sum());
        architecture.put("onnx", Map.of("opset", 17, "irVersion", 8, "batch", "symbolic dimension 'batch'; the engine runs batch 1"));
        m.put("architecture", architecture);

        Map<String, Object> files = new LinkedHashMap<>();
        files.put("chordEncoder", fileEntry("chord_encoder.onnx", chord));
        files.put("textureEncoder", fileEntry("texture_encoder.onnx", texture));
        files.put("decoder", fileEntry("decoder.onnx", decoder));
        m.put("files", files);

        Map<String, Object> graphs = new LinkedHashMap<>();
        graphs.put("chordEncoder", Map.of(
                "inputs", List.of(spec("chord_form", "batch", AccompanimentConfig.BEATS, AccompanimentConfig.CHORD_FORM)),
                "outputs", List.of(spec("z_chord", "batch", c.chordLatent()))));
        graphs.put("textureEncoder", Map.of(
                "inputs", List.of(spec("texture", "batch", AccompanimentTensors.CHANNELS, AccompanimentConfig.STEPS, AccompanimentConfig.PITCHES)),
                "outputs", List.of(spec("z_texture", "batch", c.textureLatent()))));
        graphs.put("decoder", Map.of(
                "inputs", List.of(spec("z_chord", "batch", c.chordLatent()), spec("z_texture", "batch", c.textureLatent())),
                "outputs", List.of(spec("logits", "batch", AccompanimentConfig.STEPS, AccompanimentConfig.PITCHES,
                        AccompanimentConfig.OUTPUTS_PER_PITCH))));
        m.put("graphs", graphs);
        m.put("training", training);
        writeManifest(out, m);
        return m;
    }

    private static double round(double value) {
        return Math.round(value * 1e5) / 1e5;
    }

    private static Map<String, Object> fileEntry(String path, byte[] bytes) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", path);
        entry.put("bytes", bytes.length);
        entry.put("sha256", ModelBundle.sha256(bytes));
        return entry;
    }

    private static Map<String, Object> spec(String name, Object... shape) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("dtype", "float32");
        spec.put("shape", List.of(shape));
        return spec;
    }

    static void writeManifest(Path out, Map<String, Object> manifest) throws IOException {
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(manifest);
        writeAtomically(out.resolve(ModelBundle.MANIFEST), json);
    }

    static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
