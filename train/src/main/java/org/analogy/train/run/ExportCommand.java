package org.analogy.train.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Option;

import org.analogy.engine.model.ModelBundle;

/**
 * {@code ./analogy export MODEL}: checkpoint → ONNX graphs → manifest with checksums, the bundle loaded back the
 * way the engine loads it, then, when POP909 is there, measured through ONNX Runtime on the validation songs and
 * compared with the DJL model on the same inputs (parity); both figures go into the manifest. A model's command
 * brings its graphs and manifest entries, its measure, and the inputs and outputs of its parity check.
 */
public abstract class ExportCommand implements Callable<Integer>, Defaults {

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "The training checkpoint (default: ${DEFAULT-VALUE}).")
    protected Path checkpoint;

    @Option(names = "--out", paramLabel = "DIR", description = "The bundle folder (default: ${DEFAULT-VALUE}).")
    protected Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "POP909 root, for the validation figures and the parity check; "
            + "without it the bundle is written without them (default: ${DEFAULT-VALUE}).")
    protected Path data;

    @Option(names = "--metrics", paramLabel = "FILE", description = "The run's metrics.json, copied into the manifest (default: beside the checkpoint).")
    protected Path metrics;

    private final String kind;
    private final Function<int[], Map<String, Shape>> layoutOf;
    private final Map<String, String> defaults;

    /** A model's exporter: its checkpoint kind and layout, and where its run and its bundle are by default. */
    protected ExportCommand(String kind, Function<int[], Map<String, Shape>> layoutOf, String checkpointDefault, String outDefault) {
        this.kind = kind;
        this.layoutOf = layoutOf;
        this.defaults = Map.of("--checkpoint", checkpointDefault, "--out", outDefault,
                "--data", org.analogy.train.data.Pop909Dataset.defaultRoot().toString());
    }

    @Override
    public Map<String, String> defaults() {
        return defaults;
    }

    /** The bundle of {@code checkpoint}; {@code runMetrics} is the run's metrics.json, or null. */
    protected abstract BundleExport.Bundle bundle(Checkpoint checkpoint, JsonNode runMetrics) throws Exception;

    /** Figures measured through ONNX Runtime on the validation songs of {@code data}, for the manifest's "validation". */
    protected abstract Map<String, Object> measure(ModelBundle bundle, Path data) throws Exception;

    /** ONNX Runtime against the DJL model of {@code checkpoint} on the same validation inputs, for the manifest's "parity". */
    protected abstract Map<String, Object> parity(NDManager manager, Checkpoint checkpoint, ModelBundle bundle, Path data) throws Exception;

    @Override
    public Integer call() throws Exception {
        Checkpoint loaded = Checkpoint.load(checkpoint, kind, layoutOf);
        Path metricsFile = metrics != null ? metrics : checkpoint.resolveSibling(TrainingRun.METRICS_FILE);
        JsonNode runMetrics = Files.exists(metricsFile) ? new ObjectMapper().readTree(metricsFile.toFile()) : null;
        Map<String, Object> manifest = BundleExport.write(out, bundle(loaded, runMetrics));
        ModelBundle bundle = ModelBundle.load(out);   // what the engine will read must load
        System.out.println("wrote " + out + " from " + checkpoint + " (step " + loaded.step() + ")");
        if (!Files.isDirectory(data)) {
            System.out.println("POP909 not found at " + data + ": bundle written without validation metrics");
            return 0;
        }
        Map<String, Object> measured = measure(bundle, data);
        System.out.println("validation through ONNX Runtime: " + measured);
        manifest.put("validation", measured);
        Engine.getInstance();
        JniUtils.setGradMode(false);
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Object> parity = parity(manager, loaded, bundle, data);
            System.out.println("parity DJL vs ONNX Runtime: " + parity);
            manifest.put("parity", parity);
        }
        BundleExport.writeManifest(out, manifest);
        ModelBundle.load(out);   // the final manifest must still describe the files
        System.out.println("manifest updated with validation and parity");
        return 0;
    }
}
