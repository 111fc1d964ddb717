package org.analogy.train.melody;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every trainable tensor of the melody model, by name, in a fixed order.
 *
 * <p>GRU tensors follow PyTorch's layout and gate order (r, z, n): {@code w_ih [3H, in]}, {@code w_hh [3H, H]},
 * {@code b_ih [3H]}, {@code b_hh [3H]}, because the training path calls PyTorch's own GRU kernel with them.
 * The ONNX exporter reorders gates itself. Linear layers are {@code w [out, in]}, {@code b [out]}.
 *
 * <p>Weights are plain named tensors rather than DJL blocks so that a checkpoint is a simple list of
 * (name, shape, floats) that the exporter and the optimiser state can share.
 */
public final class MelodyVaeWeights implements AutoCloseable {

    private final MelodyVaeConfig config;
    private final Map<String, NDArray> tensors = new LinkedHashMap<>();

    private MelodyVaeWeights(MelodyVaeConfig config) {
        this.config = config;
    }

    /** Names and shapes of all tensors for {@code config}, in checkpoint order. */
    public static Map<String, Shape> layout(MelodyVaeConfig c) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        gru(shapes, "enc.fwd", c.encoderInput(), c.encoderHidden());
        gru(shapes, "enc.bwd", c.encoderInput(), c.encoderHidden());
        int encoded = 2 * c.encoderHidden();
        linear(shapes, "pitch.mu", encoded, c.pitchLatent());
        linear(shapes, "pitch.logvar", encoded, c.pitchLatent());
        linear(shapes, "rhythm.mu", encoded, c.rhythmLatent());
        linear(shapes, "rhythm.logvar", encoded, c.rhythmLatent());
        linear(shapes, "rdec.init", c.rhythmLatent(), c.rhythmHidden());
        gru(shapes, "rdec.gru", c.rhythmDecoderInput(), c.rhythmHidden());
        linear(shapes, "rdec.out", c.rhythmHidden(), MelodyVaeConfig.RHYTHM);
        linear(shapes, "mdec.init", c.pitchLatent(), c.melodyHidden());
        gru(shapes, "mdec.gru", c.melodyDecoderInput(), c.melodyHidden());
        linear(shapes, "mdec.out", c.melodyHidden(), MelodyVaeConfig.TOKENS);
        return shapes;
    }

    private static void gru(Map<String, Shape> shapes, String name, int input, int hidden) {
        shapes.put(name + ".w_ih", new Shape(3L * hidden, input));
        shapes.put(name + ".w_hh", new Shape(3L * hidden, hidden));
        shapes.put(name + ".b_ih", new Shape(3L * hidden));
        shapes.put(name + ".b_hh", new Shape(3L * hidden));
    }

    private static void linear(Map<String, Shape> shapes, String name, int input, int output) {
        shapes.put(name + ".w", new Shape(output, input));
        shapes.put(name + ".b", new Shape(output));
    }

    /**
     * Fresh weights drawn as PyTorch does by default: uniform in ±1/√fan, where fan is the hidden size for
     * GRU tensors and the input size for linear layers. Drawn from {@code seed} in Java so that the start
     * is identical on every machine.
     */
    public static MelodyVaeWeights initialise(NDManager manager, MelodyVaeConfig config, long seed) {
        MelodyVaeWeights weights = new MelodyVaeWeights(config);
        SplittableRandom random = new SplittableRandom(seed);
        for (Map.Entry<String, Shape> entry : layout(config).entrySet()) {
            String name = entry.getKey();
            Shape shape = entry.getValue();
            double fan = name.contains(".w_") || name.contains(".b_")
                    ? shape.get(0) / 3.0                       // GRU: 3H rows
                    : (name.endsWith(".w") ? shape.get(1) : fanOfBias(config, name));
            double bound = 1.0 / Math.sqrt(fan);
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) values[i] = (float) random.nextDouble(-bound, bound);
            weights.put(manager, name, shape, values);
        }
        return weights;
    }

    private static double fanOfBias(MelodyVaeConfig config, String biasName) {
        String weightName = biasName.substring(0, biasName.length() - 1) + "w";
        return layout(config).get(weightName).get(1);
    }

    /** Weights from raw values, e.g. read back from a checkpoint; every tensor of the layout must be present. */
    public static MelodyVaeWeights of(NDManager manager, MelodyVaeConfig config, Map<String, float[]> values) {
        MelodyVaeWeights weights = new MelodyVaeWeights(config);
        for (Map.Entry<String, Shape> entry : layout(config).entrySet()) {
            float[] v = values.get(entry.getKey());
            if (v == null) throw new IllegalArgumentException("missing weight tensor " + entry.getKey());
            if (v.length != entry.getValue().size()) {
                throw new IllegalArgumentException("weight tensor " + entry.getKey() + " has " + v.length
                        + " values, layout " + entry.getValue() + " needs " + entry.getValue().size());
            }
            weights.put(manager, entry.getKey(), entry.getValue(), v);
        }
        return weights;
    }

    private void put(NDManager manager, String name, Shape shape, float[] values) {
        NDArray array = manager.create(values, shape);
        array.setName(name);
        tensors.put(name, array);
    }

    public MelodyVaeConfig config() {
        return config;
    }

    public NDArray get(String name) {
        NDArray array = tensors.get(name);
        if (array == null) throw new IllegalArgumentException("no weight tensor " + name);
        return array;
    }

    /** Name → tensor, in layout order; unmodifiable. */
    public Map<String, NDArray> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    public long parameterCount() {
        return tensors.values().stream().mapToLong(NDArray::size).sum();
    }

    /** Name → a copy of its values, in layout order. */
    public Map<String, float[]> toFloatArrays() {
        Map<String, float[]> values = new LinkedHashMap<>();
        tensors.forEach((name, array) -> values.put(name, array.toFloatArray()));
        return values;
    }

    public void setRequiresGradient(boolean requires) {
        tensors.values().forEach(t -> t.setRequiresGradient(requires));
    }

    /**
     * Moves the tensors into {@code manager} until it closes. DJL attaches an operation's result to its first
     * operand's manager; without this, temporaries computed from weights would pile up for the whole run.
     */
    public void tempAttach(NDManager manager) {
        tensors.values().forEach(t -> t.tempAttach(manager));
    }

    /** Writes count, then (name, rank, dims, floats) per tensor. */
    public static void write(DataOutputStream out, Map<String, float[]> values, Map<String, Shape> layout) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, float[]> entry : values.entrySet()) {
            out.writeUTF(entry.getKey());
            Shape shape = layout.get(entry.getKey());
            out.writeInt(shape.dimension());
            for (long dim : shape.getShape()) out.writeLong(dim);
            float[] v = entry.getValue();
            out.writeInt(v.length);
            for (float f : v) out.writeFloat(f);
        }
    }

    /** Reads what {@link #write} wrote, checking every shape against {@code layout}. */
    public static Map<String, float[]> read(DataInputStream in, Map<String, Shape> layout) throws IOException {
        int count = in.readInt();
        if (count != layout.size()) throw new IOException("checkpoint holds " + count + " tensors, model needs " + layout.size());
        Map<String, float[]> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            long[] dims = new long[in.readInt()];
            for (int d = 0; d < dims.length; d++) dims[d] = in.readLong();
            Shape expected = layout.get(name);
            if (expected == null || !expected.equals(new Shape(dims))) {
                throw new IOException("checkpoint tensor " + name + " " + new Shape(dims) + " does not match the model (" + expected + ")");
            }
            float[] v = new float[in.readInt()];
            for (int j = 0; j < v.length; j++) v[j] = in.readFloat();
            values.put(name, v);
        }
        return values;
    }

    @Override
    public void close() {
        tensors.values().forEach(NDArray::close);
        tensors.clear();
    }
}
