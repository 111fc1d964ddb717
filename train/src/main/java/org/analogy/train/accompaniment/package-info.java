/**
 * Training of the accompaniment model (Poly-dis-like VAE: chord and texture encoders, piano-roll decoder): its
 * network, batches, schedule, validation metrics, ONNX graphs and bundle export.
 */
package org.analogy.train.accompaniment;
