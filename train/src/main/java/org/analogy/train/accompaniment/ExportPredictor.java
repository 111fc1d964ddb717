package org.analogy.train.accompaniment;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.chords.PredictorFeatures;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Predictor checkpoint → bundle {@code predictor.onnx} + {@code manifest.json}.
 *
 * <pre>
 * java -cp "train/target/classes:engine/target/classes:train/target/lib/*" org.analogy.train.accompaniment.ExportPredictor \
 *      [--checkpoint runs/predictor/best.bin] [--out presets/models/predictor]
 * </pre>
 */
public final class ExportPredictor {

    public static final String MODEL_NAME = "analogy-next-bar-chord-predictor";

    private ExportPredictor() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = TrainingLog.flags(args);
        Path checkpointFile = Path.of(flags.getOrDefault("checkpoint", "runs/predictor/best.bin"));
        Path out = Path.of(flags.getOrDefault("out", "presets/models/predictor"));
        RunCheckpoint checkpoint = TrainPredictor.load(checkpointFile);
        Path metricsFile = checkpointFile.resolveSibling("metrics.json");
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", "POP909 songs 001-850: MELODY track and chord annotations, runs of 4/4 bars, transposed -6..+5");
        training.put("command", new DataInputStream(new ByteArrayInputStream(checkpoint.settings())).readUTF());
        training.put("steps", checkpoint.step());
        training.put("epoch", checkpoint.epoch());
        if (Files.exists(metricsFile)) training.put("validationDjl", new ObjectMapper().readTree(metricsFile.toFile()));
        writeBundle(out, PredictorConfig.fromInts(checkpoint.sizes()), checkpoint.weights(), training);
        ModelBundle.load(out);
        System.out.println("wrote " + out);
    }

    public static void writeBundle(Path out, PredictorConfig c, Map<String, float[]> weights, Map<String, Object> training) throws IOException {
        byte[] graph = PredictorOnnxExport.graph(c, weights).toByteArray();
        Files.createDirectories(out);
        ExportAccompaniment.writeAtomically(out.resolve("predictor.onnx"), graph);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formatVersion", ModelBundle.FORMAT_VERSION);
        m.put("model", MODEL_NAME);
        m.put("kind", "predictor");
        m.put("description", "Next-bar chord predictor: a GRU over bars (melody pitch-class profile + the bar's 4 beat chords) "
                + "→ the next bar's 4 beat chords (root class incl. 'no chord', chroma)" + (c.zChord() > 0 ? " and the next window's z_chord" : ""));
        m.put("grid", Map.of("barFeatures", PredictorFeatures.BAR_FEATURES, "beats", PredictorFeatures.BEATS_PER_BAR,
                "rootClasses", PredictorFeatures.ROOT_CLASSES));
        m.put("predictor", Map.of("hidden", c.hidden(), "mlp", c.mlp(), "zChord", c.zChord()));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", "predictor.onnx");
        file.put("bytes", graph.length);
        file.put("sha256", ModelBundle.sha256(graph));
        m.put("files", Map.of("predictor", file));
        List<Object> outputs = new java.util.ArrayList<>(List.of(
                spec(PredictorOnnxExport.ROOT_LOGITS, "batch", "bars", 4, PredictorFeatures.ROOT_CLASSES),
                spec(PredictorOnnxExport.CHROMA_LOGITS, "batch", "bars", 4, 12)));
        if (c.zChord() > 0) outputs.add(spec(PredictorOnnxExport.Z_CHORD, "batch", "bars", c.zChord()));
        outputs.add(spec(PredictorOnnxExport.NEXT_STATE, 1, "batch", c.hidden()));
        m.put("graphs", Map.of("predictor", Map.of(
                "inputs", List.of(spec(PredictorOnnxExport.BARS, "batch", "bars", PredictorFeatures.BAR_FEATURES),
                        spec(PredictorOnnxExport.STATE, 1, "batch", c.hidden())),
                "outputs", outputs)));
        m.put("training", training);
        ExportAccompaniment.writeManifest(out, m);
    }

    private static Map<String, Object> spec(String name, Object... shape) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("dtype", "float32");
        spec.put("shape", List.of(shape));
        return spec;
    }

}
