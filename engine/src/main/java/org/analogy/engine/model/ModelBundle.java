package org.analogy.engine.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A verified model bundle: a directory holding {@code manifest.json} and the files it lists.
 *
 * <p>{@link #load} reads the manifest, then reads every listed file into memory and checks its size and SHA-256.
 * Only when all of them pass is a bundle returned, and sessions are later created from those verified bytes,
 * never by re-reading the disk: a bundle is either complete and intact or not loaded at all.
 *
 * <p>Manifest fields read here: {@code formatVersion} (must be {@value #FORMAT_VERSION}), {@code model},
 * {@code files} (role → {@code {path, sha256, bytes}}) and {@code graphs} (role → {@code {inputs, outputs}},
 * each a list of {@code {name, dtype, shape}}). Everything else (grid, latents, training, metrics) is
 * available through {@link #manifest()}.
 */
public final class ModelBundle {

    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";

    private final Path directory;
    private final JsonNode manifest;
    private final Map<String, byte[]> files;
    private final Map<String, List<TensorSpec>> inputs;
    private final Map<String, List<TensorSpec>> outputs;

    private ModelBundle(Path directory, JsonNode manifest, Map<String, byte[]> files,
                        Map<String, List<TensorSpec>> inputs, Map<String, List<TensorSpec>> outputs) {
        this.directory = directory;
        this.manifest = manifest;
        this.files = files;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public static ModelBundle load(Path directory) throws ModelBundleException {
        Path manifestFile = directory.resolve(MANIFEST);
        JsonNode manifest;
        try {
            if (Files.exists(manifestFile) && (!Files.isRegularFile(manifestFile) || Files.size(manifestFile) > org.analogy.engine.Limits.MAX_MANIFEST_BYTES)) {
                throw new ModelBundleException("model bundle manifest is not a regular file of at most "
                        + org.analogy.engine.Limits.MAX_MANIFEST_BYTES / 1024 + " KB: " + manifestFile);
            }
            manifest = new ObjectMapper().readTree(Files.readAllBytes(manifestFile));
        } catch (NoSuchFileException e) {
            throw new ModelBundleException("model bundle manifest missing: " + manifestFile);
        } catch (IOException e) {
            throw new ModelBundleException("model bundle manifest unreadable: " + manifestFile + ": " + e.getMessage(), e);
        }
        int format = manifest.path("formatVersion").asInt(-1);
        if (format != FORMAT_VERSION) {
            throw new ModelBundleException(manifestFile + ": formatVersion " + manifest.path("formatVersion")
                    + " is not the supported " + FORMAT_VERSION);
        }
        JsonNode fileEntries = manifest.path("files");
        if (!fileEntries.isObject() || fileEntries.isEmpty()) throw new ModelBundleException(manifestFile + ": lists no files");

        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fileEntries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            files.put(entry.getKey(), verifiedBytes(directory, manifestFile, entry.getKey(), entry.getValue()));
        }

        Map<String, List<TensorSpec>> inputs = new LinkedHashMap<>();
        Map<String, List<TensorSpec>> outputs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = manifest.path("graphs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> graph = it.next();
            inputs.put(graph.getKey(), specs(graph.getValue().path("inputs")));
            outputs.put(graph.getKey(), specs(graph.getValue().path("outputs")));
        }
        return new ModelBundle(directory, manifest, Collections.unmodifiableMap(files), inputs, outputs);
    }

    private static byte[] verifiedBytes(Path directory, Path manifestFile, String role, JsonNode entry) throws ModelBundleException {
        String relative = entry.path("path").asText("");
        String expectedHash = entry.path("sha256").asText("");
        if (relative.isEmpty() || expectedHash.isEmpty()) {
            throw new ModelBundleException(manifestFile + ": file entry '" + role + "' needs a path and a sha256");
        }
        Path file = directory.resolve(relative).normalize();
        if (!file.startsWith(directory.normalize())) {
            throw new ModelBundleException(manifestFile + ": file entry '" + role + "' points outside the bundle: " + relative);
        }
        byte[] bytes;
        try {
            // Size first, read after: a file that is not what the manifest says (or not a file) is never read whole.
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new ModelBundleException("model file is not a regular file: " + file + " (listed in " + manifestFile + ")");
            }
            long size = Files.size(file);
            if (entry.has("bytes") && entry.get("bytes").asLong() != size) {
                throw new ModelBundleException("model file corrupt: " + file + " is " + size + " bytes, manifest says "
                        + entry.get("bytes").asLong());
            }
            if (size > org.analogy.engine.Limits.MAX_MODEL_FILE_BYTES) {
                throw new ModelBundleException("model file too large: " + file + " is " + size + " bytes, the limit is "
                        + org.analogy.engine.Limits.MAX_MODEL_FILE_BYTES / (1024 * 1024) + " MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelBundleException("model file missing: " + file + " (listed in " + manifestFile + ")");
        } catch (IOException e) {
            throw new ModelBundleException("model file unreadable: " + file + ": " + e.getMessage(), e);
        }
        if (entry.has("bytes") && entry.get("bytes").asLong() != bytes.length) {
            throw new ModelBundleException("model file corrupt: " + file + " is " + bytes.length + " bytes, manifest says "
                    + entry.get("bytes").asLong());
        }
        String actualHash = sha256(bytes);
        if (!actualHash.equalsIgnoreCase(expectedHash)) {
            throw new ModelBundleException("model file corrupt: " + file + " has SHA-256 " + actualHash + ", manifest says " + expectedHash);
        }
        return bytes;
    }

    private static List<TensorSpec> specs(JsonNode list) {
        List<TensorSpec> specs = new ArrayList<>();
        for (JsonNode spec : list) {
            List<Object> shape = new ArrayList<>();
            for (JsonNode dim : spec.path("shape")) shape.add(dim.isNumber() ? (Object) dim.asLong() : dim.asText());
            specs.add(new TensorSpec(spec.path("name").asText(), spec.path("dtype").asText(), shape));
        }
        return List.copyOf(specs);
    }

    /** Lower-case hex SHA-256 of {@code bytes}: what manifests record. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** The whole manifest, for fields this class does not interpret. */
    public JsonNode manifest() {
        return manifest;
    }

    public String modelName() {
        return manifest.path("model").asText();
    }

    /** The verified contents of the file with this role, e.g. "encoder". */
    public byte[] file(String role) throws ModelBundleException {
        byte[] bytes = files.get(role);
        if (bytes == null) throw new ModelBundleException(directory.resolve(MANIFEST) + ": no file with role '" + role + "'");
        return bytes;
    }

    public List<TensorSpec> inputs(String graph) {
        return inputs.getOrDefault(graph, List.of());
    }

    public List<TensorSpec> outputs(String graph) {
        return outputs.getOrDefault(graph, List.of());
    }

    /** A required integer from the manifest at a JSON pointer such as {@code /latents/pitch}. */
    public int requireInt(String pointer) throws ModelBundleException {
        JsonNode node = manifest.at(pointer);
        if (!node.isInt()) throw new ModelBundleException(directory.resolve(MANIFEST) + ": needs an integer at " + pointer);
        return node.asInt();
    }

    /** Total size of the bundle's model files in bytes. */
    public long size() {
        return files.values().stream().mapToLong(b -> b.length).sum();
    }

    /**
     * An ONNX Runtime session on the file of {@code role}; a file ONNX Runtime cannot load is a
     * {@link ModelBundleException} naming it. Every model class opens its sessions here.
     */
    public ai.onnxruntime.OrtSession openSession(ai.onnxruntime.OrtEnvironment env, String role,
                                                 ai.onnxruntime.OrtSession.SessionOptions options) throws ModelBundleException {
        try {
            return env.createSession(file(role), options);
        } catch (ai.onnxruntime.OrtException e) {
            throw new ModelBundleException("model file " + directory().resolve(manifest().path("files").path(role).path("path").asText(role))
                    + " is not a loadable ONNX model: " + e.getMessage(), e);
        }
    }
}
