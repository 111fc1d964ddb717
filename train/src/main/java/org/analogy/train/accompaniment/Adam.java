package org.analogy.train.accompaniment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with bias correction and global-norm gradient clipping, applied in place to {@link NamedWeights}.
 * Its moments and update count are plain named arrays, so a checkpoint restores them exactly and a resumed
 * run continues the same trajectory instead of restarting Adam cold.
 */
final class Adam implements AutoCloseable {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long updates;

    private Adam() {
    }

    static Adam zeros(NDManager manager, NamedWeights weights) {
        Adam adam = new Adam();
        weights.tensors().forEach((name, w) -> {
            adam.first.put(name, manager.zeros(w.getShape()));
            adam.second.put(name, manager.zeros(w.getShape()));
        });
        return adam;
    }

    static Adam of(NDManager manager, NamedWeights weights, Map<String, float[]> first, Map<String, float[]> second, long updates) {
        Adam adam = new Adam();
        weights.tensors().forEach((name, w) -> {
            adam.first.put(name, manager.create(first.get(name), w.getShape()));
            adam.second.put(name, manager.create(second.get(name), w.getShape()));
        });
        adam.updates = updates;
        return adam;
    }

    /**
     * One update from the gradients the weights hold, which are then zeroed (PyTorch accumulates them).
     * Returns the gradient norm before clipping.
     */
    double step(NamedWeights weights, float learningRate, float clipNorm) {
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        NDArray squares = null;
        for (Map.Entry<String, NDArray> entry : weights.tensors().entrySet()) {
            NDArray g = entry.getValue().getGradient();
            gradients.put(entry.getKey(), g);
            NDArray s = g.square().sum();
            squares = squares == null ? s : squares.add(s);
        }
        double norm = Math.sqrt(squares.getFloat());   // one sync with the native side per step, not one per tensor
        float scale = norm > clipNorm ? (float) (clipNorm / norm) : 1f;
        updates++;
        float correction1 = 1f - (float) Math.pow(BETA1, updates);
        float correction2 = 1f - (float) Math.pow(BETA2, updates);
        float stepSize = learningRate * (float) Math.sqrt(correction2) / correction1;
        for (Map.Entry<String, NDArray> entry : weights.tensors().entrySet()) {
            String name = entry.getKey();
            NDArray g = gradients.get(name).mul(scale);
            NDArray m = first.get(name).muli(BETA1).addi(g.mul(1f - BETA1));
            NDArray v = second.get(name).muli(BETA2).addi(g.square().muli(1f - BETA2));
            entry.getValue().subi(m.div(v.sqrt().addi(EPSILON)).muli(stepSize));
            gradients.get(name).subi(gradients.get(name));   // zero in place: the handle shares the grad storage
        }
        return norm;
    }

    /** Moves the moments into {@code manager} until it closes, so that update temporaries die with it. */
    void tempAttach(NDManager manager) {
        first.values().forEach(a -> a.tempAttach(manager));
        second.values().forEach(a -> a.tempAttach(manager));
    }

    long updates() {
        return updates;
    }

    Map<String, float[]> firstMoments() {
        return copy(first);
    }

    Map<String, float[]> secondMoments() {
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
