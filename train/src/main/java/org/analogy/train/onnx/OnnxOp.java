package org.analogy.train.onnx;

/**
 * The ONNX operators (default domain, opset {@value OnnxGraph#OPSET}) the exporters use.
 *
 * <p>tribuo-util-onnx's own operator enum stops at opset 13 and lacks GRU, ArgMax, OneHot, Tanh and MatMul,
 * so graphs are built on its ONNX protobuf classes with this list instead. Each constant names the op type
 * exactly as the ONNX spec spells it.
 */
public enum OnnxOp {
    ADD("Add"),
    ARG_MAX("ArgMax"),
    CONCAT("Concat"),
    CONV("Conv"),
    EXPAND("Expand"),
    GATHER("Gather"),
    GEMM("Gemm"),
    GRU("GRU"),
    MAT_MUL("MatMul"),
    MAX_POOL("MaxPool"),
    MUL("Mul"),
    ONE_HOT("OneHot"),
    RELU("Relu"),
    RESHAPE("Reshape"),
    SIGMOID("Sigmoid"),
    SPLIT("Split"),
    SQUEEZE("Squeeze"),
    SUB("Sub"),
    SUM("Sum"),
    TANH("Tanh"),
    TRANSPOSE("Transpose"),
    UNSQUEEZE("Unsqueeze");

    private final String opType;

    OnnxOp(String opType) {
        this.opType = opType;
    }

    public String opType() {
        return opType;
    }
}
