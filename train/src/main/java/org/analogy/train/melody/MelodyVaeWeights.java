package org.analogy.train.melody;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.analogy.train.nn.NamedWeights;

/**
 * Every trainable tensor of the melody model, by name, in a fixed order: {@link NamedWeights} on the melody
 * model's layout.
 *
 * <p>GRU tensors follow PyTorch's layout and gate order (r, z, n): {@code w_ih [3H, in]}, {@code w_hh [3H, H]},
 * {@code b_ih [3H]}, {@code b_hh [3H]}, because the training path calls PyTorch's own GRU kernel with them.
 * The ONNX exporter reorders gates itself. Linear layers are {@code w [out, in]}, {@code b [out]}.
 */
public final class MelodyVaeWeights implements AutoCloseable {

    private final MelodyVaeConfig config;
    private final NamedWeights weights;

    private MelodyVaeWeights(MelodyVaeConfig config, NamedWeights weights) {
        this.config = config;
        this.weights = weights;
    }

    /** Names and shapes of all tensors for {@code config}, in checkpoint order. */
    public static Map<String, Shape> layout(MelodyVaeConfig c) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        NamedWeights.gru(shapes, "enc.fwd", c.encoderInput(), c.encoderHidden());
        NamedWeights.gru(shapes, "enc.bwd", c.encoderInput(), c.encoderHidden());
        int encoded = 2 * c.encoderHidden();
        NamedWeights.linear(shapes, "pitch.mu", encoded, c.pitchLatent());
        NamedWeights.linear(shapes, "pitch.logvar", encoded, c.pitchLatent());
        NamedWeights.linear(shapes, "rhythm.mu", encoded, c.rhythmLatent());
        NamedWeights.linear(shapes, "rhythm.logvar", encoded, c.rhythmLatent());
        NamedWeights.linear(shapes, "rdec.init", c.rhythmLatent(), c.rhythmHidden());
        NamedWeights.gru(shapes, "rdec.gru", c.rhythmDecoderInput(), c.rhythmHidden());
        NamedWeights.linear(shapes, "rdec.out", c.rhythmHidden(), MelodyVaeConfig.RHYTHM);
        NamedWeights.linear(shapes, "mdec.init", c.pitchLatent(), c.melodyHidden());
        NamedWeights.gru(shapes, "mdec.gru", c.melodyDecoderInput(), c.melodyHidden());
        NamedWeights.linear(shapes, "mdec.out", c.melodyHidden(), MelodyVaeConfig.TOKENS);
        return shapes;
    }

    /** Fresh weights drawn as PyTorch does by default, from {@code seed} (see {@link NamedWeights#initialise}). */
    public static MelodyVaeWeights initialise(NDManager manager, MelodyVaeConfig config, long seed) {
        return new MelodyVaeWeights(config, NamedWeights.initialise(manager, layout(config), seed));
    }

    /** Weights from raw values, e.g. read back from a checkpoint; every tensor of the layout must be present. */
    public static MelodyVaeWeights of(NDManager manager, MelodyVaeConfig config, Map<String, float[]> values) {
        return new MelodyVaeWeights(config, NamedWeights.of(manager, layout(config), values));
    }

    public MelodyVaeConfig config() {
        return config;
    }

    /** The same tensors as plain named weights (for the optimiser and checkpoints). */
    public NamedWeights named() {
        return weights;
    }

    public NDArray get(String name) {
        return weights.get(name);
    }

    /** Name → tensor, in layout order; unmodifiable. */
    public Map<String, NDArray> tensors() {
        return weights.tensors();
    }

    public long parameterCount() {
        return weights.parameterCount();
    }

    /** Name → a copy of its values, in layout order. */
    public Map<String, float[]> toFloatArrays() {
        return weights.toFloatArrays();
    }

    public void setRequiresGradient(boolean requires) {
        weights.setRequiresGradient(requires);
    }

    /** See {@link NamedWeights#tempAttach}. */
    public void tempAttach(NDManager manager) {
        weights.tempAttach(manager);
    }

    @Override
    public void close() {
        weights.close();
    }
}
