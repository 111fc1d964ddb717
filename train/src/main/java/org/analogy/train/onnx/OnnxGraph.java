package org.analogy.train.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small builder for one ONNX graph on the ONNX protobuf classes: initialisers, nodes, typed inputs and outputs
 * of any rank (a dimension given as a String is symbolic, e.g. "batch"). Node outputs get unique names from
 * a counter; callers refer to values by the names this class returns.
 *
 * <p>Chosen over tribuo's {@code ONNXContext} because that one declares only 2-D float inputs and outputs and
 * cannot express an omitted optional input; here an empty string is simply an omitted input.
 */
public final class OnnxGraph {

    public static final int OPSET = 17;
    public static final long IR_VERSION = 8;

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private int counter;

    public OnnxGraph(String name) {
        graph.setName(name);
    }

    /** A float tensor initialiser, raw little-endian data. Returns its name. */
    public String floats(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .addAllDims(boxed(dims)).setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    /** An int64 tensor initialiser (shapes, axes, indices). Returns its name. */
    public String longs(String name, long[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber())
                .addAllDims(boxed(dims)).setRawData(ByteString.copyFrom(bytes.array())));
        return name;
    }

    public void input(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        graph.addInput(valueInfo(name, type, dims));
    }

    public void output(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        graph.addOutput(valueInfo(name, type, dims));
    }

    /** A node with one output; returns the output's generated name. */
    public String node(OnnxOp op, List<String> inputs, Map<String, Object> attributes) {
        return nodeWithOutputs(op, inputs, 1, attributes).get(0);
    }

    public String node(OnnxOp op, String... inputs) {
        return node(op, List.of(inputs), Map.of());
    }

    /** A node with {@code outputs} outputs; returns their generated names. */
    public List<String> nodeWithOutputs(OnnxOp op, List<String> inputs, int outputs, Map<String, Object> attributes) {
        String base = op.opType().toLowerCase() + "_" + counter++;
        List<String> names = new ArrayList<>(outputs);
        for (int i = 0; i < outputs; i++) names.add(base + "_out" + i);
        namedNode(op, inputs, names, attributes);
        return names;
    }

    /** A node whose outputs take the given names, e.g. a graph output. */
    public void namedNode(OnnxOp op, List<String> inputs, List<String> outputs, Map<String, Object> attributes) {
        OnnxMl.NodeProto.Builder node = OnnxMl.NodeProto.newBuilder()
                .setOpType(op.opType()).setName(op.opType() + "_" + counter++)
                .addAllInput(inputs).addAllOutput(outputs);
        attributes.forEach((key, value) -> node.addAttribute(attribute(key, value)));
        graph.addNode(node);
    }

    public OnnxMl.ModelProto build(String producer) {
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(producer)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph)
                .build();
    }

    private static OnnxMl.AttributeProto attribute(String name, Object value) {
        OnnxMl.AttributeProto.Builder a = OnnxMl.AttributeProto.newBuilder().setName(name);
        if (value instanceof Integer || value instanceof Long) {
            a.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            a.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(((Number) value).floatValue());
        } else if (value instanceof String s) {
            a.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        } else if (value instanceof long[] ints) {
            a.setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long i : ints) a.addInts(i);
        } else {
            throw new IllegalArgumentException("unsupported attribute " + name + " of " + value.getClass());
        }
        return a.build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorProto.DataType type, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder d = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof String symbolic) d.setDimParam(symbolic);
            else d.setDimValue(((Number) dim).longValue());
            shape.addDim(d);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(
                        OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    private static List<Long> boxed(long[] dims) {
        List<Long> list = new ArrayList<>(dims.length);
        for (long d : dims) list.add(d);
        return list;
    }
}
