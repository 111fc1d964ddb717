/**
 * Building ONNX graphs from trained weights: the graph builder and the layers it writes.
 */
package org.analogy.train.onnx;
