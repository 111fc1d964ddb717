package org.analogy.train.latent;

import static ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;

import org.analogy.train.onnx.OnnxGraph;
import org.analogy.train.onnx.OnnxOp;
import org.analogy.train.onnx.TrainedLayers;

/**
 * One direction of the latent predictor as an ONNX graph (opset 17): {@code windows} [batch,T,F] and the carried
 * {@code state} [1,batch,H] → {@code z} [batch,T,Z] (position t's prediction of the next window in this direction)
 * and {@code next_state} [1,batch,H]. The engine runs a context of a few windows in one call, then one window per
 * call while it continues.
 */
public final class LatentOnnxExport {

    public static final String WINDOWS = "windows";
    public static final String STATE = "state";
    public static final String Z = "z";
    public static final String NEXT_STATE = "next_state";

    private LatentOnnxExport() {
    }

    /** {@code direction} is "fwd" or "bwd" ({@link LatentConfig#DIRECTIONS}). */
    public static OnnxMl.ModelProto graph(LatentConfig c, Map<String, float[]> w, String direction) {
        OnnxGraph g = new OnnxGraph("latent_predictor_" + direction);
        int h = c.hidden();
        g.input(WINDOWS, FLOAT, "batch", "windows", c.features());
        g.input(STATE, FLOAT, 1, "batch", h);
        g.output(Z, FLOAT, "batch", "windows", c.zSize());
        g.output(NEXT_STATE, FLOAT, 1, "batch", h);

        String gru = direction + ".gru";
        String timeMajor = g.node(OnnxOp.TRANSPOSE, List.of(WINDOWS), Map.of("perm", new long[]{1, 0, 2}));
        String gw = g.floats(direction + "_W", TrainedLayers.swapResetAndUpdate(w.get(gru + ".w_ih"), h), 1, 3L * h, c.features());
        String gr = g.floats(direction + "_R", TrainedLayers.swapResetAndUpdate(w.get(gru + ".w_hh"), h), 1, 3L * h, h);
        String gb = g.floats(direction + "_B", TrainedLayers.concat(TrainedLayers.swapResetAndUpdate(w.get(gru + ".b_ih"), h),
                TrainedLayers.swapResetAndUpdate(w.get(gru + ".b_hh"), h)), 1, 6L * h);
        List<String> gruOut = new ArrayList<>(List.of(direction + "_gru_y", NEXT_STATE));
        g.namedNode(OnnxOp.GRU, List.of(timeMajor, gw, gr, gb, "", STATE), gruOut,
                Map.of("hidden_size", (long) h, "linear_before_reset", 1L));
        String states = g.node(OnnxOp.SQUEEZE, direction + "_gru_y", g.longs("axis1", new long[]{1}, 1));   // [T,B,H]
        String batchMajor = g.node(OnnxOp.TRANSPOSE, List.of(states), Map.of("perm", new long[]{1, 0, 2}));
        String hidden = g.node(OnnxOp.RELU, TrainedLayers.matMulAdd(g, batchMajor, w, direction + ".mlp"));
        TrainedLayers.matMulAddTo(g, hidden, w, direction + ".z", Z);
        return g.build("analogy-train LatentOnnxExport");
    }
}
