package org.analogy.train.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Trained layers, named as the DJL models name them ({@code layer.w}, {@code layer.b}, {@code gru.w_ih} …), turned
 * into ONNX initialisers and nodes. Shared by every exporter so that the weight layouts are converted in one place.
 *
 * <p>GRU ops: PyTorch stacks gates (r, z, n), ONNX expects (z, r, h), so the first two H-row blocks of every
 * weight and bias are swapped and biases become {@code B = [b_ih, b_hh]}; {@code linear_before_reset=1}
 * matches PyTorch's placement of the reset gate.
 */
public final class TrainedLayers {

    private TrainedLayers() {
    }

    /** {@code input [B, in] · Wᵀ + b} as one Gemm. */
    public static String gemm(OnnxGraph g, String input, Map<String, float[]> w, String layer) {
        String[] names = linearInitialisers(g, w, layer);
        return g.node(OnnxOp.GEMM, List.of(input, names[0], names[1]), Map.of("transB", 1L));
    }

    /** The same, its output given a name (a graph output). */
    public static void gemmTo(OnnxGraph g, String input, Map<String, float[]> w, String layer, String output) {
        String[] names = linearInitialisers(g, w, layer);
        g.namedNode(OnnxOp.GEMM, List.of(input, names[0], names[1]), List.of(output), Map.of("transB", 1L));
    }

    /** {@code input [..., in] · Wᵀ + b} for inputs of any rank (Gemm takes only 2-D). */
    public static String matMulAdd(OnnxGraph g, String input, Map<String, float[]> w, String layer) {
        String[] product = matMul(g, input, w, layer);
        return g.node(OnnxOp.ADD, product[0], product[1]);
    }

    /** The same, its output given a name (a graph output). */
    public static void matMulAddTo(OnnxGraph g, String input, Map<String, float[]> w, String layer, String output) {
        String[] product = matMul(g, input, w, layer);
        g.namedNode(OnnxOp.ADD, List.of(product[0], product[1]), List.of(output), Map.of());
    }

    /** {@code input · Wᵀ} and the bias initialiser. */
    private static String[] matMul(OnnxGraph g, String input, Map<String, float[]> w, String layer) {
        float[] bias = w.get(layer + ".b");
        float[] weight = w.get(layer + ".w");
        int out = bias.length;
        int in = weight.length / out;
        String key = layer.replace('.', '_');
        String wt = g.floats(key + "_wt", transpose(weight, out, in), in, out);
        return new String[]{g.node(OnnxOp.MAT_MUL, input, wt), g.floats(key + "_b", bias, out)};
    }

    private static String[] linearInitialisers(OnnxGraph g, Map<String, float[]> w, String layer) {
        float[] bias = w.get(layer + ".b");
        float[] weight = w.get(layer + ".w");
        int out = bias.length;
        int in = weight.length / out;
        String key = layer.replace('.', '_');
        return new String[]{g.floats(key + "_w", weight, out, in), g.floats(key + "_b", bias, out)};
    }

    /** PyTorch (r, z, n) row blocks → ONNX (z, r, h) for a [3H, cols] matrix or a [3H] vector. */
    public static float[] swapResetAndUpdate(float[] pytorch, int hidden) {
        int block = pytorch.length / 3;
        if (pytorch.length % 3 != 0 || block % hidden != 0) {
            throw new IllegalArgumentException("GRU tensor of " + pytorch.length + " values is not 3 × " + hidden + " rows");
        }
        float[] onnx = pytorch.clone();
        System.arraycopy(pytorch, block, onnx, 0, block);
        System.arraycopy(pytorch, 0, onnx, block, block);
        return onnx;
    }

    /** A GRU op's W from {@code gru.w_ih}. */
    public static float[] gruInput(Map<String, float[]> w, String gru, int hidden) {
        return swapResetAndUpdate(w.get(gru + ".w_ih"), hidden);
    }

    /** A GRU op's R from {@code gru.w_hh}. */
    public static float[] gruRecurrent(Map<String, float[]> w, String gru, int hidden) {
        return swapResetAndUpdate(w.get(gru + ".w_hh"), hidden);
    }

    /** A GRU op's B = [b_ih, b_hh]. */
    public static float[] gruBias(Map<String, float[]> w, String gru, int hidden) {
        return concat(swapResetAndUpdate(w.get(gru + ".b_ih"), hidden), swapResetAndUpdate(w.get(gru + ".b_hh"), hidden));
    }

    /** A row-major [rows, cols] matrix as [cols, rows]. */
    public static float[] transpose(float[] matrix, int rows, int cols) {
        float[] out = new float[matrix.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[c * rows + r] = matrix[r * cols + c];
        return out;
    }

    /** Columns [from, to) of a row-major [rows, cols] matrix, transposed: [to − from, rows]. */
    public static float[] columnsTransposed(float[] matrix, int rows, int cols, int from, int to) {
        float[] out = new float[(to - from) * rows];
        for (int r = 0; r < rows; r++) for (int col = from; col < to; col++) out[(col - from) * rows + r] = matrix[r * cols + col];
        return out;
    }

    public static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
