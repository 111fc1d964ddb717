package org.analogy.train.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Trainable tensors by name, in the fixed order of a layout (name → shape). Used by every model trained
 * here (melody, accompaniment, chord predictor); a checkpoint is a plain list of (name, shape, floats) that
 * exporter and optimiser share.
 *
 * <p>Naming conventions drive initialisation: GRU tensors end in {@code .w_ih}, {@code .w_hh}, {@code .b_ih},
 * {@code .b_hh} (PyTorch layout and gate order r, z, n, as the PyTorch GRU kernel takes them); linear layers
 * are {@code .w [out, in]} and {@code .b [out]}; convolutions {@code .w [out, in, kh, kw]} and {@code .b [out]}.
 */
public final class NamedWeights implements AutoCloseable {

    private final Map<String, Shape> layout;
    private final Map<String, NDArray> tensors = new LinkedHashMap<>();

    private NamedWeights(Map<String, Shape> layout) {
        this.layout = Collections.unmodifiableMap(new LinkedHashMap<>(layout));
    }

    /** Adds the four tensors of a one-direction GRU layer to {@code layout}. */
    public static void gru(Map<String, Shape> layout, String name, int input, int hidden) {
        layout.put(name + ".w_ih", new Shape(3L * hidden, input));
        layout.put(name + ".w_hh", new Shape(3L * hidden, hidden));
        layout.put(name + ".b_ih", new Shape(3L * hidden));
        layout.put(name + ".b_hh", new Shape(3L * hidden));
    }

    public static void linear(Map<String, Shape> layout, String name, int input, int output) {
        layout.put(name + ".w", new Shape(output, input));
        layout.put(name + ".b", new Shape(output));
    }

    public static void conv(Map<String, Shape> layout, String name, int inChannels, int outChannels, int kernelH, int kernelW) {
        layout.put(name + ".w", new Shape(outChannels, inChannels, kernelH, kernelW));
        layout.put(name + ".b", new Shape(outChannels));
    }

    /**
     * Fresh weights as PyTorch initialises them by default, uniform in ±1/√fan: fan is the hidden size for GRU
     * tensors and the input size (times kernel area) for linear and convolution layers. Drawn in Java from
     * {@code seed}, so a start is identical everywhere.
     */
    public static NamedWeights initialise(NDManager manager, Map<String, Shape> layout, long seed) {
        NamedWeights weights = new NamedWeights(layout);
        SplittableRandom random = new SplittableRandom(seed);
        for (Map.Entry<String, Shape> entry : layout.entrySet()) {
            String name = entry.getKey();
            Shape shape = entry.getValue();
            double bound = 1.0 / Math.sqrt(fanIn(layout, name));
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) values[i] = (float) random.nextDouble(-bound, bound);
            weights.put(manager, name, shape, values);
        }
        return weights;
    }

    private static double fanIn(Map<String, Shape> layout, String name) {
        if (name.contains(".w_") || name.contains(".b_")) return layout.get(name).get(0) / 3.0;   // GRU: 3H rows
        Shape weight = layout.get(name.substring(0, name.length() - 1) + "w");
        long fan = 1;
        for (int d = 1; d < weight.dimension(); d++) fan *= weight.get(d);
        return fan;
    }

    /** Weights from raw values (a checkpoint); every tensor of the layout must be present with its size. */
    public static NamedWeights of(NDManager manager, Map<String, Shape> layout, Map<String, float[]> values) {
        NamedWeights weights = new NamedWeights(layout);
        for (Map.Entry<String, Shape> entry : layout.entrySet()) {
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

    public Map<String, Shape> layout() {
        return layout;
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
            int length = in.readInt();
            if (length != expected.size()) throw new IOException("checkpoint tensor " + name + " holds " + length + " values, its shape " + expected.size());
            float[] v = new float[length];
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
