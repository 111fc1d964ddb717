package org.analogy.train.accompaniment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.analogy.engine.model.AccompanimentModel;
import org.analogy.engine.model.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.train.data.AccompanimentWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;

/**
 * Attribute directions of the texture latent, from the training songs: for density (onsets per window),
 * register (mean onset pitch) and syncopation (share of onsets off the beat), the mean z_texture of the
 * windows in the attribute's top quartile minus the mean of those in its bottom quartile, encoded by the
 * bundle's own texture encoder through ONNX Runtime. Written into the bundle as
 * {@value AttributeOffsets#FILE}, where a texture transform's {@code attributes} find them.
 *
 * <pre>
 * ./analogy export attributes --bundle presets/models/accompaniment [--data POP909] [--windows 6000]
 * </pre>
 */
public final class TextureAttributes {

    /** An attribute measured on one window's duration roll. */
    record Measure(String name, String description, ToDoubleFunction<int[][]> value) {}

    static final List<Measure> MEASURES = List.of(
            new Measure("density", "onsets per 2-bar window, top vs bottom quartile of the training windows", TextureAttributes::onsets),
            new Measure("register", "mean onset pitch, top vs bottom quartile of the training windows", TextureAttributes::meanPitch),
            new Measure("syncopation", "share of onsets off the beat, top vs bottom quartile of the training windows", TextureAttributes::offBeatShare));

    /** The latent of one roll (the texture encoder). */
    @FunctionalInterface
    interface Encoder {
        float[] encode(int[][] roll) throws Exception;
    }

    private TextureAttributes() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = TrainingLog.flags(args);
        if (!flags.containsKey("bundle")) throw new IllegalArgumentException("--bundle DIR is required (the accompaniment bundle to add attributes to)");
        Path bundleDir = Path.of(flags.get("bundle"));
        Path data = Path.of(flags.getOrDefault("data", Pop909Dataset.defaultRoot().toString()));
        int limit = Integer.parseInt(flags.getOrDefault("windows", "6000"));
        if (!Files.isDirectory(data)) throw new IllegalArgumentException("--data " + data + ": POP909 not found");
        List<AccompanimentWindow> all = Pop909Dataset.load(data, Split.TRAIN).accompanimentWindows();
        if (all.isEmpty()) throw new IllegalArgumentException(data + ": no training windows (songs 001–850)");
        List<int[][]> rolls = new ArrayList<>();
        int stride = Math.max(1, all.size() / limit);
        for (int i = 0; i < all.size() && rolls.size() < limit; i += stride) rolls.add(all.get(i).pianoRoll());
        Map<String, float[]> directions;
        try (AccompanimentModel model = AccompanimentModel.load(ModelBundle.load(bundleDir), MelodyModel.Options.DEFAULT)) {
            directions = directions(rolls, model::encodeTexture);
        }
        Path file = write(bundleDir, directions, rolls.size());
        System.out.println("wrote " + file + " from " + rolls.size() + " training windows (every " + stride + "th of " + all.size() + ")");
    }

    /** Per measure, mean latent of the top quartile minus that of the bottom quartile. */
    static Map<String, float[]> directions(List<int[][]> rolls, Encoder encoder) throws Exception {
        if (rolls.size() < 8) throw new IllegalArgumentException("need at least 8 windows for quartiles, got " + rolls.size());
        List<float[]> latents = new ArrayList<>(rolls.size());
        for (int[][] roll : rolls) latents.add(encoder.encode(roll));
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Measure m : MEASURES) {
            Integer[] order = new Integer[rolls.size()];
            double[] values = new double[rolls.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                values[i] = m.value().applyAsDouble(rolls.get(i));
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
            int quarter = order.length / 4;
            float[] low = mean(latents, Arrays.copyOfRange(order, 0, quarter));
            float[] high = mean(latents, Arrays.copyOfRange(order, order.length - quarter, order.length));
            float[] d = new float[low.length];
            for (int k = 0; k < d.length; k++) d[k] = high[k] - low[k];
            out.put(m.name(), d);
        }
        return out;
    }

    static Path write(Path bundleDir, Map<String, float[]> directions, int windows) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Measure m : MEASURES) {
            float[] v = directions.get(m.name());
            if (v == null) continue;
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("factor", "texture");
            a.put("name", m.name());
            a.put("description", m.description() + " (" + windows + " windows)");
            a.put("vector", v);
            list.add(a);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", AttributeOffsets.FORMAT_VERSION);
        root.put("attributes", list);
        Path file = bundleDir.resolve(AttributeOffsets.FILE);
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        AttributeOffsets.parse(json, file.toString()); // what the engine will read must parse
        Files.write(file, json);
        return file;
    }

    static double onsets(int[][] roll) {
        int n = 0;
        for (int[] step : roll) for (int d : step) if (d > 0) n++;
        return n;
    }

    static double meanPitch(int[][] roll) {
        double sum = 0;
        int n = 0;
        for (int[] step : roll) {
            for (int pitch = 0; pitch < step.length; pitch++) {
                if (step[pitch] > 0) {
                    sum += pitch;
                    n++;
                }
            }
        }
        return n == 0 ? 60 : sum / n;
    }

    static double offBeatShare(int[][] roll) {
        int n = 0;
        int off = 0;
        for (int s = 0; s < roll.length; s++) {
            for (int d : roll[s]) {
                if (d <= 0) continue;
                n++;
                if (s % 4 != 0) off++;
            }
        }
        return n == 0 ? 0 : off / (double) n;
    }

    private static float[] mean(List<float[]> latents, Integer[] which) {
        float[] m = new float[latents.get(0).length];
        for (int i : which) {
            float[] z = latents.get(i);
            for (int k = 0; k < m.length; k++) m[k] += z[k];
        }
        for (int k = 0; k < m.length; k++) m[k] /= which.length;
        return m;
    }
}
