package org.analogy.train.drums;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import org.analogy.engine.drums.DrumModel;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.train.nn.NamedWeights;
import org.analogy.train.run.BundleExport;
import org.analogy.train.run.Checkpoint;
import org.analogy.train.run.ExportCommand;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.analogy.train.drums.DrumConfig.FEATURES;
import static org.analogy.train.drums.DrumConfig.STEPS;
import static org.analogy.train.run.BundleExport.maxDifference;
import static org.analogy.train.run.BundleExport.spec;

/**
 * {@code ./analogy export drums}: a groove-model checkpoint (by default the run's best epoch) → {@code encoder.onnx},
 * {@code decoder.onnx} and {@code manifest.json} (with the Groove MIDI Dataset's credit); with {@code --data},
 * measured through the engine's {@link DrumModel} on the validation split, and DJL vs ONNX Runtime parity.
 */
@Command(name = "drums", mixinStandardHelpOptions = true,
        description = {"Turns a groove-model checkpoint into a bundle (encoder.onnx, decoder.onnx, manifest.json), measured through ONNX "
                + "Runtime on the Groove MIDI Dataset's validation split and checked against DJL when --data holds the dataset."})
public final class ExportDrums extends ExportCommand {

    public static final String MODEL_NAME = "analogy-groove-vae";
    private static final int PARITY_WINDOWS = 256;

    public ExportDrums() {
        super(TrainDrums.KIND, TrainDrums::layout, "runs/drums/best.bin", "presets/models/drums");
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> v = new LinkedHashMap<>(super.defaults());
        v.put("--data", GrooveDataset.defaultRoot().toString());
        return v;
    }

    @Override
    protected BundleExport.Bundle bundle(Checkpoint checkpoint, JsonNode runMetrics) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", "Groove MIDI Dataset train split, 4/4 performances, 2-bar windows on the 16th grid (hop 1 bar)");
        training.put("command", checkpoint.commandLine());
        training.put("steps", checkpoint.step());
        training.put("epoch", checkpoint.epoch());
        training.put("minutes", BundleExport.round(checkpoint.trainedMillis() / 60000.0));
        if (runMetrics != null) training.put("validationDjl", runMetrics);
        return bundle(DrumConfig.fromInts(checkpoint.sizes()), checkpoint.weights(), training);
    }

    public static void writeBundle(Path out, DrumConfig c, Map<String, float[]> weights, Map<String, Object> training) throws IOException {
        BundleExport.write(out, bundle(c, weights, training));
    }

    static BundleExport.Bundle bundle(DrumConfig c, Map<String, float[]> weights, Map<String, Object> training) {
        Map<String, Object> entries = new LinkedHashMap<>();
        List<Map<String, Object>> voices = new ArrayList<>();
        for (DrumVoice v : DrumVoice.values()) voices.add(Map.of("name", v.name().toLowerCase(), "generalMidiNote", v.generalMidiNote()));
        entries.put("grid", Map.of("steps", STEPS, "stepsPerBar", DrumPattern.STEPS_PER_BAR, "voices", DrumPattern.VOICES,
                "features", FEATURES, "layout", "per step: 9 hits, 9 velocities (0-1), 9 offsets (-0.5..0.5 of a step)", "drums", voices));
        entries.put("latents", Map.of("groove", c.latent()));
        entries.put("decoding", Map.of("hitThresholdLogit", 0.0, "velocity", "sigmoid", "offset", "tanh / 2"));
        entries.put("architecture", Map.of("encoderHidden", c.encoderHidden(), "latent", c.latent(), "decoderHidden", c.decoderHidden(), "mlp", c.mlp()));
        entries.put("credits", List.of(Map.of("dataset", "Groove MIDI Dataset", "licence", GrooveDataset.LICENCE, "attribution", GrooveDataset.CREDIT)));
        BundleExport.Graph encoder = new BundleExport.Graph("encoder", "encoder.onnx", DrumOnnxExport.encoder(c, weights).toByteArray(),
                List.of(spec(DrumOnnxExport.PATTERN, "float32", "batch", STEPS, FEATURES)),
                List.of(spec(DrumOnnxExport.LATENT, "float32", "batch", c.latent())));
        BundleExport.Graph decoder = new BundleExport.Graph("decoder", "decoder.onnx", DrumOnnxExport.decoder(c, weights).toByteArray(),
                List.of(spec(DrumOnnxExport.LATENT, "float32", "batch", c.latent())),
                List.of(spec(DrumOnnxExport.OUTPUTS, "float32", "batch", STEPS, FEATURES)));
        return new BundleExport.Bundle(MODEL_NAME, "drums", "GrooVAE-like groove model: a bidirectional GRU encodes a 2-bar drum pattern "
                + "(9 drums, hits, velocities, micro-timing) into a groove latent; a GRU decodes it back", entries, List.of(encoder, decoder), training);
    }

    @Override
    protected Map<String, Object> measure(ModelBundle bundle, Path data) throws Exception {
        List<GrooveDataset.Window> windows = GrooveDataset.load(data, GrooveDataset.Split.VALIDATION).windows();
        DrumMetrics m = new DrumMetrics();
        try (DrumModel model = DrumModel.load(bundle, MelodyModel.Options.DEFAULT)) {
            for (GrooveDataset.Window w : windows) m.add(w.pattern(), model.decode(model.encode(w.pattern())), w.stepSeconds());
        }
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("split", "Groove MIDI Dataset validation, 4/4");
        measured.put("windows", windows.size());
        measured.putAll(m.toMap());
        measured.put("method", "the engine's DrumModel on this bundle (ONNX Runtime): each window encoded to its posterior mean and decoded; "
                + "errors on the hits both have, timing in ms at the window's tempo; gridTimingMaeMs is the error of playing on the grid");
        return measured;
    }

    @Override
    protected Map<String, Object> parity(NDManager manager, Checkpoint checkpoint, ModelBundle bundle, Path data) throws Exception {
        List<GrooveDataset.Window> windows = GrooveDataset.load(data, GrooveDataset.Split.VALIDATION).windows();
        List<DrumPattern> patterns = new ArrayList<>();
        for (GrooveDataset.Window w : windows.subList(0, Math.min(PARITY_WINDOWS, windows.size()))) patterns.add(w.pattern());
        return parity(manager, DrumConfig.fromInts(checkpoint.sizes()), checkpoint.weights(), bundle, patterns);
    }

    /** Largest |ONNX Runtime − DJL| of the latent and the decoder outputs over {@code patterns} (one batch). */
    static Map<String, Object> parity(NDManager manager, DrumConfig config, Map<String, float[]> weights, ModelBundle bundle,
                                      List<DrumPattern> patterns) throws Exception {
        JniUtils.setGradMode(false);
        DrumVae djl = new DrumVae(NamedWeights.of(manager, config.layout(), weights), config);
        float[] x = TrainDrums.features(patterns);
        int b = patterns.size();
        DrumVae.Posterior q = djl.encode(manager.create(x, new Shape(b, STEPS, FEATURES)), false);
        float[] z = q.mean().toFloatArray();
        float[] out = djl.decode(q.mean(), false).toFloatArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float latentDifference, outputDifference;
        try (OrtSession encoder = env.createSession(bundle.file("encoder"));
             OrtSession decoder = env.createSession(bundle.file("decoder"));
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[]{b, STEPS, FEATURES});
             OrtSession.Result encoded = encoder.run(Map.of(DrumOnnxExport.PATTERN, in));
             OrtSession.Result decoded = decoder.run(Map.of(DrumOnnxExport.LATENT, (OnnxTensor) encoded.get(DrumOnnxExport.LATENT).orElseThrow()))) {
            latentDifference = maxDifference(((OnnxTensor) encoded.get(DrumOnnxExport.LATENT).orElseThrow()).getFloatBuffer(), z);
            outputDifference = maxDifference(((OnnxTensor) decoded.get(DrumOnnxExport.OUTPUTS).orElseThrow()).getFloatBuffer(), out);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("windows", b);
        entry.put("maxLatentDifference", latentDifference);
        entry.put("maxOutputDifference", outputDifference);
        return entry;
    }
}
