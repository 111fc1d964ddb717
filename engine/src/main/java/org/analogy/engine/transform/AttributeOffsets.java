package org.analogy.engine.transform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Attribute directions in latent space ("denser", "higher", "more syncopated"): per factor, named vectors
 * that the training side computes as the mean latent of training windows high in the attribute minus the
 * mean of those low in it, and stores in the model bundle as {@value #FILE}:
 *
 * <pre>{@code
 * {"formatVersion": 1,
 *  "attributes": [
 *    {"factor": "rhythm", "name": "density", "description": "onsets per bar, top vs bottom quartile",
 *     "vector": [0.12, -0.4, ...]}]}
 * }</pre>
 *
 * A transform adds {@code amount × vector} for each attribute it names. Vectors must have the factor's latent
 * size; that is checked when a model is attached ({@link #checkSize}).
 */
public final class AttributeOffsets {

    public static final String FILE = "attributes.json";
    public static final int FORMAT_VERSION = 1;
    public static final AttributeOffsets NONE = new AttributeOffsets(new EnumMap<>(Factor.class));

    private final Map<Factor, Map<String, float[]>> vectors;

    private AttributeOffsets(Map<Factor, Map<String, float[]>> vectors) {
        this.vectors = vectors;
    }

    public static AttributeOffsets of(Map<Factor, Map<String, float[]>> vectors) {
        Map<Factor, Map<String, float[]>> copy = new EnumMap<>(Factor.class);
        vectors.forEach((f, m) -> {
            Map<String, float[]> inner = new LinkedHashMap<>();
            m.forEach((k, v) -> inner.put(k, v.clone()));
            copy.put(f, inner);
        });
        return new AttributeOffsets(copy);
    }

    /** Reads {@value #FILE} from a bundle directory; a bundle without one has no attributes. */
    public static AttributeOffsets loadFromBundle(Path bundleDir) throws IOException {
        Path file = bundleDir.resolve(FILE);
        return Files.isRegularFile(file) ? parse(Files.readAllBytes(file), file.toString()) : NONE;
    }

    public static AttributeOffsets parse(byte[] json, String source) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) throw new IOException(source + ": expected a JSON object");
        int version = root.path("formatVersion").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IOException(source + ": formatVersion " + root.path("formatVersion") + ", this engine reads " + FORMAT_VERSION);
        }
        JsonNode list = root.path("attributes");
        if (!list.isArray()) throw new IOException(source + ": 'attributes' must be a list");
        Map<Factor, Map<String, float[]>> out = new EnumMap<>(Factor.class);
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            String where = source + ": attributes[" + i + "]";
            Factor factor;
            try {
                factor = Factor.ofKey(a.path("factor").asText(""));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ".factor: " + e.getMessage());
            }
            String name = a.path("name").asText("");
            if (!name.matches("[a-z][a-z0-9-]{0,31}")) {
                throw new IOException(where + ".name '" + name + "': allowed lower-case letters, digits and '-', 1–32 characters");
            }
            JsonNode v = a.path("vector");
            if (!v.isArray() || v.isEmpty()) throw new IOException(where + ".vector: a non-empty list of numbers is required");
            float[] vector = new float[v.size()];
            Iterator<JsonNode> it = v.elements();
            for (int k = 0; it.hasNext(); k++) {
                JsonNode x = it.next();
                if (!x.isNumber() || !Double.isFinite(x.asDouble())) throw new IOException(where + ".vector[" + k + "]: not a finite number");
                vector[k] = (float) x.asDouble();
            }
            Map<String, float[]> forFactor = out.computeIfAbsent(factor, f -> new LinkedHashMap<>());
            if (forFactor.put(name, vector) != null) throw new IOException(where + ": " + factor.key() + "/" + name + " appears twice");
        }
        return new AttributeOffsets(out);
    }

    public Set<String> names(Factor factor) {
        return vectors.getOrDefault(factor, Map.of()).keySet();
    }

    /** Throws when a vector of {@code factor} does not have {@code size} values (a bundle/model mismatch). */
    public void checkSize(Factor factor, int size) {
        vectors.getOrDefault(factor, Map.of()).forEach((name, v) -> {
            if (v.length != size) {
                throw new IllegalArgumentException("attribute " + factor.key() + "/" + name + " has " + v.length
                        + " values; the model's " + factor.key() + " latent has " + size);
            }
        });
    }

    /** Adds {@code amount × direction} for every named attribute to {@code latent}, in place. */
    public void addTo(Factor factor, Map<String, Double> amounts, float[] latent) {
        Map<String, float[]> forFactor = vectors.getOrDefault(factor, Map.of());
        for (Map.Entry<String, Double> a : amounts.entrySet()) {
            float[] v = forFactor.get(a.getKey());
            if (v == null) {
                throw new IllegalArgumentException("no attribute '" + a.getKey() + "' for " + factor.key()
                        + (forFactor.isEmpty() ? " (the model bundle stores none)" : "; available: " + String.join(", ", forFactor.keySet())));
            }
            if (v.length != latent.length) {
                throw new IllegalArgumentException("attribute " + factor.key() + "/" + a.getKey() + " has " + v.length
                        + " values; the latent has " + latent.length);
            }
            double amount = a.getValue();
            for (int i = 0; i < latent.length; i++) latent[i] += (float) (amount * v[i]);
        }
    }
}
