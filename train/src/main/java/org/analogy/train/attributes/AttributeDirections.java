package org.analogy.train.attributes;

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

import org.analogy.engine.accompaniment.AccompanimentModel;
import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;
import org.analogy.train.data.AccompanimentWindow;
import org.analogy.train.data.MelodyWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;

/**
 * Attribute directions in a model's latent space, from the training songs (001–850): for each attribute,
 * the mean latent of the windows in its top quartile minus the mean of those in its bottom quartile,
 * encoded by the bundle's own encoders through ONNX Runtime, written into the bundle as
 * {@value AttributeOffsets#FILE} where a transform's {@code attributes} find them.
 *
 * <ul>
 *   <li>Accompaniment bundle, texture factor: density (onsets per window), register (mean onset pitch),
 *       syncopation (share of onsets off the beat).</li>
 *   <li>Melody bundle: density and syncopation on the rhythm factor, register on the pitch factor.</li>
 * </ul>
 *
 * <pre>
 * ./analogy export attributes --bundle DIR [--data POP909] [--windows 6000]   ({@link ExportAttributes})
 * </pre>
 */
public final class AttributeDirections {

    /** An attribute of one training window {@code W}, and the factor whose latent it moves. */
    record Measure<W>(String name, Factor factor, String description, ToDoubleFunction<W> value) {}

    /** The latents of one window, by factor. */
    @FunctionalInterface
    interface Encoder<W> {
        Map<Factor, float[]> encode(W window) throws Exception;
    }

    static final String QUARTILES = ", top vs bottom quartile of the training windows";

    static final List<Measure<int[][]>> TEXTURE = List.of(
            new Measure<>("density", Factor.TEXTURE, "onsets per 2-bar window" + QUARTILES, AttributeDirections::rollOnsets),
            new Measure<>("register", Factor.TEXTURE, "mean onset pitch" + QUARTILES, AttributeDirections::rollMeanPitch),
            new Measure<>("syncopation", Factor.TEXTURE, "share of onsets off the beat" + QUARTILES, AttributeDirections::rollOffBeatShare));

    static final List<Measure<MelodyWindow>> MELODY = List.of(
            new Measure<>("density", Factor.RHYTHM, "onsets per 2-bar window" + QUARTILES, w -> tokenOnsets(w.tokens())),
            new Measure<>("syncopation", Factor.RHYTHM, "share of onsets off the beat" + QUARTILES, w -> tokenOffBeatShare(w.tokens())),
            new Measure<>("register", Factor.PITCH, "mean onset pitch" + QUARTILES, w -> tokenMeanPitch(w.tokens())));

    private AttributeDirections() {}

    /** Computes the directions from up to {@code limit} training windows of {@code data} and writes them into the bundle. */
    public static void addTo(Path bundleDir, Path data, int limit) throws Exception {
        if (limit < 1) throw new IllegalArgumentException("--windows " + limit + ": give 1 or more");
        if (!Files.isDirectory(data)) throw new IllegalArgumentException("--data " + data + ": POP909 not found");
        ModelBundle bundle = ModelBundle.load(bundleDir);
        String kind = bundle.manifest().path("kind").asText("");
        Pop909Dataset train = Pop909Dataset.load(data, Split.TRAIN);
        List<Map<String, Object>> attributes;
        int used;
        switch (kind) {
            case "accompaniment" -> {
                List<int[][]> rolls = sample(train.accompanimentWindows().stream().map(AccompanimentWindow::pianoRoll).toList(), limit);
                try (AccompanimentModel model = AccompanimentModel.load(bundle, MelodyModel.Options.DEFAULT)) {
                    attributes = entries(TEXTURE, directions(rolls, TEXTURE, r -> Map.of(Factor.TEXTURE, model.encodeTexture(r))), rolls.size());
                }
                used = rolls.size();
            }
            case "melody" -> {
                List<MelodyWindow> windows = sample(train.melodyWindows(), limit);
                try (MelodyModel model = MelodyModel.load(bundle, MelodyModel.Options.DEFAULT)) {
                    attributes = entries(MELODY, directions(windows, MELODY, w -> {
                        MelodyLatents z = model.encode(w.tokens(), w.chroma());
                        return Map.of(Factor.PITCH, z.pitch(), Factor.RHYTHM, z.rhythm());
                    }), windows.size());
                }
                used = windows.size();
            }
            default -> throw new IllegalArgumentException(bundleDir + ": bundle kind '" + kind + "' has no attributes (melody or accompaniment)");
        }
        Path file = write(bundleDir, attributes);
        System.out.println("wrote " + file + " from " + used + " training windows");
    }

    static <T> List<T> sample(List<T> all, int limit) {
        if (all.isEmpty()) throw new IllegalArgumentException("no training windows (songs 001–850)");
        int stride = Math.max(1, all.size() / limit);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < all.size() && out.size() < limit; i += stride) out.add(all.get(i));
        return out;
    }

    /** Per measure, mean latent (of its factor) of the top quartile minus that of the bottom quartile. */
    static <W> Map<String, float[]> directions(List<W> windows, List<Measure<W>> measures, Encoder<W> encoder) throws Exception {
        if (windows.size() < 8) throw new IllegalArgumentException("need at least 8 windows for quartiles, got " + windows.size());
        List<Map<Factor, float[]>> latents = new ArrayList<>(windows.size());
        for (W w : windows) latents.add(encoder.encode(w));
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Measure<W> m : measures) {
            Integer[] order = new Integer[windows.size()];
            double[] values = new double[windows.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
                values[i] = m.value().applyAsDouble(windows.get(i));
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
            int quarter = order.length / 4;
            float[] low = mean(latents, m.factor(), Arrays.copyOfRange(order, 0, quarter));
            float[] high = mean(latents, m.factor(), Arrays.copyOfRange(order, order.length - quarter, order.length));
            float[] d = new float[low.length];
            for (int k = 0; k < d.length; k++) d[k] = high[k] - low[k];
            out.put(m.name(), d);
        }
        return out;
    }

    static <W> List<Map<String, Object>> entries(List<Measure<W>> measures, Map<String, float[]> directions, int windows) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Measure<W> m : measures) {
            float[] v = directions.get(m.name());
            if (v == null) continue;
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("factor", m.factor().key());
            a.put("name", m.name());
            a.put("description", m.description() + " (" + windows + " windows)");
            a.put("vector", v);
            list.add(a);
        }
        return list;
    }

    static Path write(Path bundleDir, List<Map<String, Object>> attributes) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("formatVersion", AttributeOffsets.FORMAT_VERSION);
        root.put("attributes", attributes);
        Path file = bundleDir.resolve(AttributeOffsets.FILE);
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        AttributeOffsets.parse(json, file.toString()); // what the engine will read must parse
        Files.write(file, json);
        return file;
    }

    static double rollOnsets(int[][] roll) {
        int n = 0;
        for (int[] step : roll) for (int d : step) if (d > 0) n++;
        return n;
    }

    static double rollMeanPitch(int[][] roll) {
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

    static double rollOffBeatShare(int[][] roll) {
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

    static double tokenOnsets(int[] tokens) {
        int n = 0;
        for (int t : tokens) if (t < MelodyTokens.HOLD) n++;
        return n;
    }

    static double tokenMeanPitch(int[] tokens) {
        double sum = 0;
        int n = 0;
        for (int t : tokens) {
            if (t < MelodyTokens.HOLD) {
                sum += t;
                n++;
            }
        }
        return n == 0 ? 60 : sum / n;
    }

    static double tokenOffBeatShare(int[] tokens) {
        int n = 0;
        int off = 0;
        for (int s = 0; s < tokens.length; s++) {
            if (tokens[s] >= MelodyTokens.HOLD) continue;
            n++;
            if (s % 4 != 0) off++;
        }
        return n == 0 ? 0 : off / (double) n;
    }

    private static float[] mean(List<Map<Factor, float[]>> latents, Factor factor, Integer[] which) {
        float[] m = new float[latents.get(0).get(factor).length];
        for (int i : which) {
            float[] z = latents.get(i).get(factor);
            for (int k = 0; k < m.length; k++) m[k] += z[k];
        }
        for (int k = 0; k < m.length; k++) m[k] /= which.length;
        return m;
    }
}
