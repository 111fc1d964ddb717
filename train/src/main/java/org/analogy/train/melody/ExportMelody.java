package org.analogy.train.melody;

import static org.analogy.train.run.BundleExport.round;
import static org.analogy.train.run.BundleExport.spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.model.ModelBundle;
import org.analogy.train.data.MelodyWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;
import org.analogy.train.run.BundleExport;
import org.analogy.train.run.Checkpoint;
import org.analogy.train.run.ExportCommand;

/**
 * {@code ./analogy export melody}: checkpoint → {@code encoder.onnx}, {@code decoder.onnx} and {@code manifest.json}
 * ({@link ExportCommand} is the pipeline). Measured through ONNX Runtime: greedy reconstruction accuracy over every
 * validation window; parity: DJL vs ONNX Runtime on the first validation windows.
 */
@Command(name = "melody", mixinStandardHelpOptions = true,
        description = {"Turns a melody training checkpoint into a bundle (encoder.onnx, decoder.onnx, manifest.json), measured through "
                + "ONNX Runtime and checked against DJL when POP909 is present."})
public final class ExportMelody extends ExportCommand {

    public static final String MODEL_NAME = "analogy-melody-ec2vae";
    /** How the shipped run was made; {@code training.steps} in the manifest completes the reproduction command. */
    static final String TRAINING_COMMAND = "./analogy train melody --data POP909 --out runs/melody --batch 128 --seed 1 --minutes 600 "
            + "--steps 9137 (the base run; made as --minutes 85, interrupted after its step-599 checkpoint, continued with "
            + "--resume --minutes 82), then in a copy of its checkpoint: --resume --chord-fit 1.0 --steps 9652, then "
            + "--resume --chord-fit 0.3 --steps STEPS, with STEPS = training.steps below (train/README.md, chord-fit fine-tune)";
    private static final int PARITY_WINDOWS = 256;

    public ExportMelody() {
        super(TrainMelody.KIND, TrainMelody::layout, "runs/melody/checkpoint.bin", "presets/models/melody");
    }

    @Override
    protected BundleExport.Bundle bundle(Checkpoint checkpoint, JsonNode runMetrics) throws Exception {
        MelodyVaeConfig c = MelodyVaeConfig.fromInts(checkpoint.sizes());
        Map<String, float[]> w = checkpoint.weights();
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("grid", Map.of("steps", MelodyVaeConfig.STEPS, "stepsPerBar", MelodyTokens.STEPS_PER_BAR,
                "tokens", MelodyVaeConfig.TOKENS, "hold", MelodyTokens.HOLD, "rest", MelodyTokens.REST,
                "chroma", MelodyVaeConfig.CHROMA, "rhythmClasses", MelodyVaeConfig.RHYTHM));
        entries.put("latents", Map.of("pitch", c.pitchLatent(), "rhythm", c.rhythmLatent()));
        Map<String, Object> architecture = new LinkedHashMap<>();
        architecture.put("encoderHiddenPerDirection", c.encoderHidden());
        architecture.put("rhythmDecoderHidden", c.rhythmHidden());
        architecture.put("melodyDecoderHidden", c.melodyHidden());
        architecture.put("parameters", MelodyVaeWeights.layout(c).values().stream().mapToLong(Shape::size).sum());
        architecture.put("onnx", Map.of("opset", 17, "irVersion", 8, "batch", "symbolic dimension 'batch'; the engine runs batch 1"));
        entries.put("architecture", architecture);

        List<BundleExport.Graph> graphs = List.of(
                new BundleExport.Graph("encoder", "encoder.onnx", MelodyOnnxExport.encoder(c, w).toByteArray(),
                        List.of(spec("tokens", "int64", "batch", 32), spec("chroma", "float32", "batch", 32, 12)),
                        List.of(spec("z_pitch", "float32", "batch", c.pitchLatent()), spec("z_rhythm", "float32", "batch", c.rhythmLatent()))),
                new BundleExport.Graph("decoder", "decoder.onnx", MelodyOnnxExport.decoder(c, w).toByteArray(),
                        List.of(spec("z_pitch", "float32", "batch", c.pitchLatent()), spec("z_rhythm", "float32", "batch", c.rhythmLatent()),
                                spec("chroma", "float32", "batch", 32, 12)),
                        List.of(spec("tokens", "int64", "batch", 32), spec("token_logits", "float32", "batch", 32, 130))));

        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", "POP909, songs 001-850 (MELODY track), 2-bar windows, transposed -6..+5 semitones as augmentation");
        training.put("dataLicense", Pop909Dataset.LICENSE);
        training.put("dataCitation", Pop909Dataset.CITATION);
        training.put("modelCitation", "Ruihan Yang, Dingsu Wang, Ziyu Wang, Tianyao Chen, Junyan Jiang, Gus Xia. "
                + "Deep Music Analogy via Latent Representation Disentanglement. ISMIR 2019.");
        training.put("command", TRAINING_COMMAND);
        if (!checkpoint.commands().isEmpty()) training.put("commands", checkpoint.commandLine());
        training.put("seed", checkpoint.seed());
        training.put("batch", checkpoint.batchSize());
        training.put("steps", checkpoint.step());
        training.put("epoch", checkpoint.epoch());
        training.put("batchInEpoch", checkpoint.batchInEpoch());
        training.put("trainedMinutes", Math.round(checkpoint.trainedMillis() / 600.0) / 100.0);
        training.put("schedule", TrainMelody.schedule(checkpoint).toString());
        if (runMetrics != null) training.put("finalValidationDjl", runMetrics);
        return new BundleExport.Bundle(MODEL_NAME, "melody", "EC2VAE-style melody VAE: a 2-bar melody and its chords → z_pitch and "
                + "z_rhythm; latents and chords → melody (greedy). Pitch/rhythm disentanglement after Yang et al., ISMIR 2019.",
                entries, graphs, training);
    }

    @Override
    protected Map<String, Object> measure(ModelBundle bundle, Path data) throws Exception {
        List<MelodyWindow> validation = Pop909Dataset.load(data, Split.VALIDATION).melodyWindows();
        try (MelodyModel model = MelodyModel.load(bundle, MelodyModel.Options.DEFAULT)) {
            return ortAccuracy(model, validation);
        }
    }

    @Override
    protected Map<String, Object> parity(NDManager manager, Checkpoint checkpoint, ModelBundle bundle, Path data) throws Exception {
        MelodyVaeConfig config = MelodyVaeConfig.fromInts(checkpoint.sizes());
        List<MelodyWindow> validation = Pop909Dataset.load(data, Split.VALIDATION).melodyWindows();
        MelodyVae djl = new MelodyVae(MelodyVaeWeights.of(manager, config, checkpoint.weights()));
        List<MelodyWindow> sample = validation.subList(0, Math.min(PARITY_WINDOWS, validation.size()));
        int[] tokens = new int[sample.size() * MelodyVaeConfig.STEPS];
        float[] chroma = new float[sample.size() * MelodyVaeConfig.STEPS * MelodyVaeConfig.CHROMA];
        for (int i = 0; i < sample.size(); i++) {
            System.arraycopy(sample.get(i).tokens(), 0, tokens, i * 32, 32);
            System.arraycopy(sample.get(i).chroma(), 0, chroma, i * 32 * 12, 32 * 12);
        }
        MelodyParity.Report parity = MelodyParity.compare(manager, djl, bundle.file("encoder"), bundle.file("decoder"), tokens, chroma, sample.size());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("windows", parity.windows());
        entry.put("maxLatentDifference", parity.maxLatentDifference());
        entry.put("maxLogitDifference", parity.maxLogitDifference());
        entry.put("identicalGreedyTokens", parity.identicalTokens() + "/" + parity.steps());
        return entry;
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

}
