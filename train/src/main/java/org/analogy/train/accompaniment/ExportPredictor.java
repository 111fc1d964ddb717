package org.analogy.train.accompaniment;

import static org.analogy.train.run.BundleExport.maxDifference;
import static org.analogy.train.run.BundleExport.round;
import static org.analogy.train.run.BundleExport.spec;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import org.analogy.engine.chords.ChordPredictorModel;
import org.analogy.engine.chords.PredictorFeatures;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;
import org.analogy.train.nn.NamedWeights;
import org.analogy.train.run.BundleExport;
import org.analogy.train.run.Checkpoint;
import org.analogy.train.run.ExportCommand;

/**
 * {@code ./analogy export predictor}: checkpoint (by default the run's best epoch) → {@code predictor.onnx} +
 * {@code manifest.json} ({@link ExportCommand} is the pipeline). Measured through the engine's
 * {@link ChordPredictorModel} bar by bar on the validation songs; parity: DJL vs ONNX Runtime over whole validation runs.
 */
@Command(name = "predictor", mixinStandardHelpOptions = true,
        description = {"Turns a chord predictor checkpoint into a bundle (predictor.onnx, manifest.json), measured through ONNX Runtime "
                + "and checked against DJL when POP909 is present."})
public final class ExportPredictor extends ExportCommand {

    public static final String MODEL_NAME = "analogy-next-bar-chord-predictor";
    private static final int PARITY_RUNS = 16;

    public ExportPredictor() {
        super(TrainPredictor.KIND, TrainPredictor::layout, "runs/predictor/best.bin", "presets/models/predictor");
    }

    @Override
    protected BundleExport.Bundle bundle(Checkpoint checkpoint, JsonNode runMetrics) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", "POP909 songs 001-850: MELODY track and chord annotations, runs of 4/4 bars, transposed -6..+5");
        training.put("command", checkpoint.commandLine());
        training.put("steps", checkpoint.step());
        training.put("epoch", checkpoint.epoch());
        if (runMetrics != null) training.put("validationDjl", runMetrics);
        return bundle(PredictorConfig.fromInts(checkpoint.sizes()), checkpoint.weights(), training);
    }

    public static void writeBundle(Path out, PredictorConfig c, Map<String, float[]> weights, Map<String, Object> training) throws IOException {
        BundleExport.write(out, bundle(c, weights, training));
    }

    static BundleExport.Bundle bundle(PredictorConfig c, Map<String, float[]> weights, Map<String, Object> training) {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("grid", Map.of("barFeatures", PredictorFeatures.BAR_FEATURES, "beats", PredictorFeatures.BEATS_PER_BAR,
                "rootClasses", PredictorFeatures.ROOT_CLASSES));
        entries.put("predictor", Map.of("hidden", c.hidden(), "mlp", c.mlp(), "zChord", c.zChord()));
        List<Map<String, Object>> outputs = new ArrayList<>(List.of(
                spec(PredictorOnnxExport.ROOT_LOGITS, "float32", "batch", "bars", 4, PredictorFeatures.ROOT_CLASSES),
                spec(PredictorOnnxExport.CHROMA_LOGITS, "float32", "batch", "bars", 4, 12)));
        if (c.zChord() > 0) outputs.add(spec(PredictorOnnxExport.Z_CHORD, "float32", "batch", "bars", c.zChord()));
        outputs.add(spec(PredictorOnnxExport.NEXT_STATE, "float32", 1, "batch", c.hidden()));
        BundleExport.Graph graph = new BundleExport.Graph("predictor", "predictor.onnx", PredictorOnnxExport.graph(c, weights).toByteArray(),
                List.of(spec(PredictorOnnxExport.BARS, "float32", "batch", "bars", PredictorFeatures.BAR_FEATURES),
                        spec(PredictorOnnxExport.STATE, "float32", 1, "batch", c.hidden())),
                outputs);
        return new BundleExport.Bundle(MODEL_NAME, "predictor", "Next-bar chord predictor: a GRU over bars (melody pitch-class profile "
                + "+ the bar's 4 beat chords) → the next bar's 4 beat chords (root class incl. 'no chord', chroma)"
                + (c.zChord() > 0 ? " and the next window's z_chord" : ""), entries, List.of(graph), training);
    }

    @Override
    protected Map<String, Object> measure(ModelBundle bundle, Path data) throws Exception {
        List<PredictorSongs.Run> runs = PredictorSongs.runs(Pop909Dataset.load(data, Split.VALIDATION).songs());
        PredictorMetrics m = new PredictorMetrics();
        try (ChordPredictorModel predictor = ChordPredictorModel.load(bundle, MelodyModel.Options.DEFAULT)) {
            for (PredictorSongs.Run run : runs) {
                predictor.reset();
                float[] features = run.features(0);
                for (int t = 0; t + 1 < run.bars(); t++) {
                    float[] bar = java.util.Arrays.copyOfRange(features, t * PredictorFeatures.BAR_FEATURES, (t + 1) * PredictorFeatures.BAR_FEATURES);
                    m.add(predictor.observe(bar).beats()[0], run.chord(t, PredictorConfig.BEATS - 1, 0), run.chord(t + 1, 0, 0));
                }
            }
        }
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("songs", String.format("%03d-%03d", Split.VALIDATION.first(), Split.VALIDATION.last()));
        measured.put("positions", m.positions());
        measured.put("rootAccuracy", round(m.rootAccuracy()));
        measured.put("repeatRootAccuracy", round(m.baselineRootAccuracy()));
        measured.put("chordToneAgreement", round(m.chordToneAgreement()));
        measured.put("repeatChordToneAgreement", round(m.baselineChordToneAgreement()));
        measured.put("method", "the engine's ChordPredictorModel on this bundle (ONNX Runtime), bar by bar from an empty state per run; "
                + "the next bar's first beat as played");
        return measured;
    }

    @Override
    protected Map<String, Object> parity(NDManager manager, Checkpoint checkpoint, ModelBundle bundle, Path data) throws Exception {
        PredictorConfig config = PredictorConfig.fromInts(checkpoint.sizes());
        ChordPredictorNet djl = new ChordPredictorNet(NamedWeights.of(manager, config.layout(), checkpoint.weights()), config);
        List<PredictorSongs.Run> runs = PredictorSongs.runs(Pop909Dataset.load(data, Split.VALIDATION).songs());
        runs = runs.subList(0, Math.min(PARITY_RUNS, runs.size()));
        float roots = 0, chroma = 0, z = 0;
        int bars = 0;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        JniUtils.setGradMode(false);
        try (OrtSession session = env.createSession(bundle.file("predictor"))) {
            for (PredictorSongs.Run run : runs) {
                float[] features = run.features(0);
                ChordPredictorNet.Output o = djl.forward(manager.create(features, new Shape(1, run.bars(), PredictorFeatures.BAR_FEATURES)),
                        manager.zeros(new Shape(1, 1, config.hidden())), false);
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(features), new long[]{1, run.bars(), PredictorFeatures.BAR_FEATURES});
                     OnnxTensor state = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[config.hidden()]), new long[]{1, 1, config.hidden()});
                     OrtSession.Result r = session.run(Map.of(PredictorOnnxExport.BARS, in, PredictorOnnxExport.STATE, state))) {
                    roots = Math.max(roots, maxDifference(((OnnxTensor) r.get(PredictorOnnxExport.ROOT_LOGITS).orElseThrow()).getFloatBuffer(),
                            o.rootLogits().toFloatArray()));
                    chroma = Math.max(chroma, maxDifference(((OnnxTensor) r.get(PredictorOnnxExport.CHROMA_LOGITS).orElseThrow()).getFloatBuffer(),
                            o.chromaLogits().toFloatArray()));
                    if (config.zChord() > 0) {
                        z = Math.max(z, maxDifference(((OnnxTensor) r.get(PredictorOnnxExport.Z_CHORD).orElseThrow()).getFloatBuffer(),
                                o.zChord().toFloatArray()));
                    }
                }
                bars += run.bars();
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("runs", runs.size());
        entry.put("bars", bars);
        entry.put("maxRootLogitDifference", roots);
        entry.put("maxChromaLogitDifference", chroma);
        if (config.zChord() > 0) entry.put("maxChordLatentDifference", z);
        return entry;
    }
}
