package org.analogy.train.run;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.analogy.engine.model.ModelBundle;

/**
 * Writes a model bundle the way the engine reads it ({@link ModelBundle}): each ONNX graph, then
 * {@code manifest.json} with the model's entries, every file's size and SHA-256, and every graph's inputs and
 * outputs. Files are written atomically, so a bundle being read is never half replaced.
 */
public final class BundleExport {

    /** One ONNX graph of a bundle: its manifest key, file name, bytes, and named inputs and outputs ({@link #spec}). */
    public record Graph(String key, String file, byte[] onnx, List<Map<String, Object>> inputs, List<Map<String, Object>> outputs) {
    }

    /**
     * What a model's bundle holds: name, kind, description, its own manifest entries (grid, latents, decoding,
     * architecture … in manifest order), its graphs and how it was trained.
     */
    public record Bundle(String model, String kind, String description, Map<String, Object> entries, List<Graph> graphs,
                         Map<String, Object> training) {
    }

    private BundleExport() {
    }

    /** Writes the graphs and their manifest into {@code out}; returns the manifest written. */
    public static Map<String, Object> write(Path out, Bundle bundle) throws IOException {
        Files.createDirectories(out);
        Map<String, Object> files = new LinkedHashMap<>();
        Map<String, Object> graphs = new LinkedHashMap<>();
        for (Graph g : bundle.graphs()) {
            writeAtomically(out.resolve(g.file()), g.onnx());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", g.file());
            entry.put("bytes", g.onnx().length);
            entry.put("sha256", ModelBundle.sha256(g.onnx()));
            files.put(g.key(), entry);
            graphs.put(g.key(), Map.of("inputs", g.inputs(), "outputs", g.outputs()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("formatVersion", ModelBundle.FORMAT_VERSION);
        m.put("model", bundle.model());
        m.put("kind", bundle.kind());
        m.put("description", bundle.description());
        m.putAll(bundle.entries());
        m.put("files", files);
        m.put("graphs", graphs);
        m.put("training", bundle.training());
        writeManifest(out, m);
        return m;
    }

    /** A graph input or output as the manifest describes it; a String dimension is symbolic ("batch"). */
    public static Map<String, Object> spec(String name, String dtype, Object... shape) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("dtype", dtype);
        spec.put("shape", List.of(shape));
        return spec;
    }

    public static void writeManifest(Path out, Map<String, Object> manifest) throws IOException {
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(manifest);
        writeAtomically(out.resolve(ModelBundle.MANIFEST), json);
    }

    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A figure rounded to five decimals for the manifest. */
    public static double round(double value) {
        return Math.round(value * 1e5) / 1e5;
    }

    /** The largest |ONNX Runtime − DJL| over one output (from the buffer's position on). */
    public static float maxDifference(FloatBuffer actual, float[] expected) {
        if (actual.remaining() != expected.length) {
            throw new IllegalStateException("ONNX Runtime gave " + actual.remaining() + " values, DJL " + expected.length);
        }
        float worst = 0;
        for (int i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual.get(actual.position() + i) - expected[i]));
        return worst;
    }
}
