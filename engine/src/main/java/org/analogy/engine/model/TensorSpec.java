package org.analogy.engine.model;

import java.util.List;

/**
 * A graph input or output as the manifest declares it: name, element type ("float32", "int64") and shape,
 * where a dimension is a number or a symbolic name such as "batch".
 */
public record TensorSpec(String name, String dtype, List<Object> shape) {

    public TensorSpec {
        shape = List.copyOf(shape);
    }

    /** The fixed size of dimension {@code index}, or −1 when it is symbolic. */
    public long dimension(int index) {
        return shape.get(index) instanceof Number n ? n.longValue() : -1;
    }
}
