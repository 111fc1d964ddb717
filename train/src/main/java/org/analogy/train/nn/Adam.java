package org.analogy.train.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with bias correction and global-norm gradient clipping, applied in place to named weight tensors
 * (name → tensor, in a fixed order); shared by every trainer.
 *
 * <p>Written out rather than taken from DJL's optimiser so that its moments can be saved in a checkpoint and
 * restored exactly: a resumed run then continues the same trajectory instead of restarting Adam cold.
 */
public final class Adam implements AutoCloseable {

    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;

    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long updates;

    private Adam() {
    }

    /** Zero moments for {@code tensors}. */
    public static Adam zeros(NDManager manager, Map<String, NDArray> tensors) {
        Adam state = new Adam();
        tensors.forEach((name, w) -> {
            state.first.put(name, manager.zeros(w.getShape()));
            state.second.put(name, manager.zeros(w.getShape()));
        });
        return state;
    }

    /** Moments restored from a checkpoint, after {@code updates} updates. */
    public static Adam of(NDManager manager, Map<String, NDArray> tensors, Map<String, float[]> first, Map<String, float[]> second, long updates) {
        Adam state = new Adam();
        tensors.forEach((name, w) -> {
            state.first.put(name, manager.create(first.get(name), w.getShape()));
            state.second.put(name, manager.create(second.get(name), w.getShape()));
        });
        state.updates = updates;
        return state;
    }

    /**
     * One update from the gradients currently held by {@code weights}, which are then zeroed (PyTorch
     * accumulates them). Returns the gradient norm before clipping; when it is not finite the update is
     * skipped.
     */
    public double step(Map<String, NDArray> tensors, float learningRate, float clipNorm) {
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        double squares = 0;
        for (Map.Entry<String, NDArray> entry : tensors.entrySet()) {
            NDArray g = entry.getValue().getGradient();
            gradients.put(entry.getKey(), g);
            squares += g.square().sum().getFloat();
        }
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) {
            // A non-finite gradient would poison the moments for good: skip the update, keep the weights.
            tensors.values().forEach(Adam::zeroGradient);
            return norm;
        }
        float scale = norm > clipNorm ? (float) (clipNorm / norm) : 1f;
        updates++;
        float correction1 = 1f - (float) Math.pow(BETA1, updates);
        float correction2 = 1f - (float) Math.pow(BETA2, updates);
        float stepSize = learningRate * (float) Math.sqrt(correction2) / correction1;
        for (Map.Entry<String, NDArray> entry : tensors.entrySet()) {
            String name = entry.getKey();
            NDArray g = gradients.get(name).mul(scale);
            NDArray m = first.get(name).muli(BETA1).addi(g.mul(1f - BETA1));
            NDArray v = second.get(name).muli(BETA2).addi(g.square().muli(1f - BETA2));
            entry.getValue().subi(m.div(v.sqrt().addi(EPSILON)).muli(stepSize));
            zeroGradient(entry.getValue());
        }
        return norm;
    }

    /** Moves the moments into {@code manager} until it closes, so that update temporaries die with it. */
    public void tempAttach(NDManager manager) {
        first.values().forEach(a -> a.tempAttach(manager));
        second.values().forEach(a -> a.tempAttach(manager));
    }

    private static void zeroGradient(NDArray weight) {
        JniUtils.zeroGrad((PtNDArray) weight);
    }

    public long updates() {
        return updates;
    }

    public Map<String, float[]> firstMoments() {
        return copy(first);
    }

    public Map<String, float[]> secondMoments() {
        return copy(second);
    }

    private static Map<String, float[]> copy(Map<String, NDArray> moments) {
        Map<String, float[]> values = new LinkedHashMap<>();
        moments.forEach((name, array) -> values.put(name, array.toFloatArray()));
        return values;
    }

    @Override
    public void close() {
        first.values().forEach(NDArray::close);
        second.values().forEach(NDArray::close);
    }
}
