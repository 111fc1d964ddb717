package org.analogy.train.melody;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.train.data.MelodyWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checkpoint → model bundle: {@code encoder.onnx}, {@code decoder.onnx} and {@code manifest.json}.
 *
 * <pre>
 * java -cp "train/target/classes:engine/target/classes:train/target/lib/*" org.analogy.train.melody.ExportMelody \
 *      [--checkpoint runs/melody/checkpoint.bin] [--out presets/models/melody] [--data POP909] [--metrics runs/melody/metrics.json]
 * </pre>
 *
 * After writing, the bundle is loaded the way the engine loads it ({@link ModelBundle}, {@link MelodyModel})
 * and, when the dataset is present, evaluated: greedy reconstruction accuracy over every window of the
 * validation songs through ONNX Runtime, and DJL-vs-ORT parity on the first validation windows. Both go
 * into the manifest, so the bundle documents what it was measured to do.
 */
public final class ExportMelody {

    public static final String MODEL_NAME = "analogy-melody-ec2vae";
    /** How the shipped run was made; {@code training.steps} in the manifest completes the reproduction command. */
    static final String TRAINING_COMMAND = "./analogy train melody --data POP909 --out runs/melody --batch 128 --seed 1 --minutes 600 "
            + "--steps 9137 (the base run; made as --minutes 85, interrupted after its step-599 checkpoint, continued with "
            + "--resume --minutes 82), then in a copy of its checkpoint: --resume --chord-fit 1.0 --steps 9652, then "
            + "--resume --chord-fit 0.3 --steps STEPS, with STEPS = training.steps below (train/README.md, chord-fit fine-tune)";
    private static final int PARITY_WINDOWS = 256;

    private ExportMelody() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = TrainMelody.parse(args);
        Path checkpointFile = Path.of(flags.getOrDefault("checkpoint", "runs/melody/checkpoint.bin"));
        Path out = Path.of(flags.getOrDefault("out", "presets/models/melody"));
        Path data = Path.of(flags.getOrDefault("data", Pop909Dataset.defaultRoot().toString()));
        Path metricsFile = Path.of(flags.getOrDefault("metrics", checkpointFile.resolveSibling("metrics.json").toString()));

        Checkpoint checkpoint = Checkpoint.load(checkpointFile);
        MelodyVaeConfig config = checkpoint.config();
        byte[] encoder = MelodyOnnxExport.encoder(config, checkpoint.weights()).toByteArray();
        byte[] decoder = MelodyOnnxExport.decoder(config, checkpoint.weights()).toByteArray();
        Files.createDirectories(out);
        writeAtomically(out.resolve("encoder.onnx"), encoder);
        writeAtomically(out.resolve("decoder.onnx"), decoder);

        Map<String, Object> manifest = manifest(checkpoint, encoder, decoder, Files.exists(metricsFile)
                ? new ObjectMapper().readTree(metricsFile.toFile()) : null);
        writeManifest(out, manifest);
        System.out.printf("wrote %s (encoder %d bytes, decoder %d bytes)%n", out, encoder.length, decoder.length);

        if (!Files.isDirectory(data)) {
            System.out.println("POP909 not found at " + data + ": bundle written without validation metrics");
            return;
        }
        List<MelodyWindow> validation = Pop909Dataset.load(data, Split.VALIDATION).melodyWindows();
        ModelBundle bundle = ModelBundle.load(out);
        Map<String, Object> measured = new LinkedHashMap<>();
        try (MelodyModel model = MelodyModel.load(bundle, MelodyModel.Options.DEFAULT)) {
            measured.putAll(ortAccuracy(model, validation));
        }
        System.out.println("validation through ONNX Runtime: " + measured);
        manifest.put("validation", measured);

        Engine.getInstance();
        JniUtils.setGradMode(false);
        try (NDManager manager = NDManager.newBaseManager()) {
            MelodyVae djl = new MelodyVae(MelodyVaeWeights.of(manager, config, checkpoint.weights()));
            List<MelodyWindow> sample = validation.subList(0, Math.min(PARITY_WINDOWS, validation.size()));
            int[] tokens = new int[sample.size() * MelodyVaeConfig.STEPS];
            float[] chroma = new float[sample.size() * MelodyVaeConfig.STEPS * MelodyVaeConfig.CHROMA];
            for (int i = 0; i < sample.size(); i++) {
                System.arraycopy(sample.get(i).tokens(), 0, tokens, i * 32, 32);
                System.arraycopy(sample.get(i).chroma(), 0, chroma, i * 32 * 12, 32 * 12);
            }
            MelodyParity.Report parity = MelodyParity.compare(manager, djl, encoder, decoder, tokens, chroma, sample.size());
            System.out.println("parity DJL vs ONNX Runtime: " + parity);
            Map<String, Object> parityEntry = new LinkedHashMap<>();
            parityEntry.put("windows", parity.windows());
            parityEntry.put("maxLatentDifference", parity.maxLatentDifference());
            parityEntry.put("maxLogitDifference", parity.maxLogitDifference());
            parityEntry.put("identicalGreedyTokens", parity.identicalTokens() + "/" + parity.steps());
            manifest.put("parity", parityEntry);
        }
        writeManifest(out, manifest);
        ModelBundle.load(out);   // the final manifest must still describe the files
        System.out.println("manifest updated with validation and parity");
    }

    /** Greedy reconstruction through the engine's runtime, one window at a time as on stage. */
    static Map<String, Object> ortAccuracy(MelodyModel model, List<MelodyWindow> windows) throws Exception {
        long tokenHits = 0, rhythmHits = 0, onsets = 0, onsetHits = 0;
        for (MelodyWindow window : windows) {
            MelodyLatents latents = model.encode(window.tokens(), window.chroma());
            int[] decoded = model.decode(latents, window.chroma());
            int[] rhythm = MelodyTokens.rhythm(window.tokens());
            int[] decodedRhythm = MelodyTokens.rhythm(decoded);
            for (int t = 0; t < 32; t++) {
                if (decoded[t] == window.tokens()[t]) tokenHits++;
                if (decodedRhythm[t] == rhythm[t]) rhythmHits++;
                if (window.tokens()[t] < MelodyTokens.HOLD) {
                    onsets++;
                    if (decoded[t] == window.tokens()[t]) onsetHits++;
                }
            }
        }
        double steps = windows.size() * 32.0;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("songs", String.format("%03d-%03d", Split.VALIDATION.first(), Split.VALIDATION.last()));
        metrics.put("windows", windows.size());
        metrics.put("greedyTokenAccuracy", round(tokenHits / steps));
        metrics.put("greedyRhythmAccuracy", round(rhythmHits / steps));
        metrics.put("greedyOnsetPitchAccuracy", round((double) onsetHits / onsets));
        metrics.put("method", "encode to posterior means, greedy decode with no teacher (own rhythm and tokens fed back), "
                + "ONNX Runtime on this bundle, batch 1");
        return metrics;
    }

    private static double round(double value) {
        return Math.round(value * 1e5) / 1e5;
    }

    private static Map<String, Object> manifest(Checkpoint checkpoint, byte[] encoder, byte[] decoder, JsonNode runMetrics) {
        MelodyVaeConfig c = checkpoint.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formatVersion", ModelBundle.FORMAT_VERSION);
        m.put("model", MODEL_NAME);
        m.put("kind", "melody");
        m.put("description", "EC2VAE-style melody VAE: a 2-bar melody and its chords → z_pitch and z_rhythm; "
                + "latents and chords → melody (greedy). Pitch/rhythm disentanglement after Yang et al., ISMIR 2019.");
        m.put("grid", Map.of("steps", MelodyVaeConfig.STEPS, "stepsPerBar", MelodyTokens.STEPS_PER_BAR,
                "tokens", MelodyVaeConfig.TOKENS, "hold", MelodyTokens.HOLD, "rest", MelodyTokens.REST,
                "chroma", MelodyVaeConfig.CHROMA, "rhythmClasses", MelodyVaeConfig.RHYTHM));
        m.put("latents", Map.of("pitch", c.pitchLatent(), "rhythm", c.rhythmLatent()));
        Map<String, Object> architecture = new LinkedHashMap<>();
        architecture.put("encoderHiddenPerDirection", c.encoderHidden());
        architecture.put("rhythmDecoderHidden", c.rhythmHidden());
        architecture.put("melodyDecoderHidden", c.melodyHidden());
        architecture.put("parameters", MelodyVaeWeights.layout(c).values().stream().mapToLong(s -> s.size()).sum());
        architecture.put("onnx", Map.of("opset", 17, "irVersion", 8, "batch", "symbolic dimension 'batch'; the engine runs batch 1"));
        m.put("architecture", architecture);

        Map<String, Object> files = new LinkedHashMap<>();
        files.put("encoder", fileEntry("encoder.onnx", encoder));
        files.put("decoder", fileEntry("decoder.onnx", decoder));
        m.put("files", files);

        Map<String, Object> graphs = new LinkedHashMap<>();
        graphs.put("encoder", Map.of(
                "inputs", List.of(spec("tokens", "int64", "batch", 32), spec("chroma", "float32", "batch", 32, 12)),
                "outputs", List.of(spec("z_pitch", "float32", "batch", c.pitchLatent()), spec("z_rhythm", "float32", "batch", c.rhythmLatent()))));
        graphs.put("decoder", Map.of(
                "inputs", List.of(spec("z_pitch", "float32", "batch", c.pitchLatent()), spec("z_rhythm", "float32", "batch", c.rhythmLatent()),
                        spec("chroma", "float32", "batch", 32, 12)),
                "outputs", List.of(spec("tokens", "int64", "batch", 32), spec("token_logits", "float32", "batch", 32, 130))));
        m.put("graphs", graphs);

        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", "POP909, songs 001-850 (MELODY track), 2-bar windows, transposed -6..+5 semitones as augmentation");
        training.put("dataLicense", "MIT (Copyright (c) 2020 Music X Lab)");
        training.put("dataCitation", "Ziyu Wang, Ke Chen, Junyan Jiang, Yiyi Zhang, Maoran Xu, Shuqi Dai, Xianbin Gu, Gus Xia. "
                + "POP909: A Pop-song Dataset for Music Arrangement Generation. ISMIR 2020.");
        training.put("modelCitation", "Ruihan Yang, Dingsu Wang, Ziyu Wang, Tianyao Chen, Junyan Jiang, Gus Xia. "
                + "Deep Music Analogy via Latent Representation Disentanglement. ISMIR 2019.");
        training.put("command", TRAINING_COMMAND);
        training.put("seed", checkpoint.seed());
        training.put("batch", checkpoint.batchSize());
        training.put("steps", checkpoint.step());
        training.put("epoch", checkpoint.epoch());
        training.put("batchInEpoch", checkpoint.batchInEpoch());
        training.put("trainedMinutes", Math.round(checkpoint.trainedMillis() / 600.0) / 100.0);
        training.put("schedule", checkpoint.schedule().toString());
        if (runMetrics != null) training.put("finalValidationDjl", runMetrics);
        m.put("training", training);
        return m;
    }

    private static Map<String, Object> fileEntry(String path, byte[] bytes) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", path);
        entry.put("bytes", bytes.length);
        entry.put("sha256", ModelBundle.sha256(bytes));
        return entry;
    }

    private static Map<String, Object> spec(String name, String dtype, Object... shape) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("dtype", dtype);
        spec.put("shape", List.of(shape));
        return spec;
    }

    private static void writeManifest(Path out, Map<String, Object> manifest) throws java.io.IOException {
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(manifest);
        writeAtomically(out.resolve(ModelBundle.MANIFEST), json);
    }

    private static void writeAtomically(Path file, byte[] bytes) throws java.io.IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
