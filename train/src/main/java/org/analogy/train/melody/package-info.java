/**
 * Training of the melody model (EC2VAE-like: pitch and rhythm latents, chord-conditioned decoders): network,
 * trainer, validation, ONNX graphs and bundle export.
 */
package org.analogy.train.melody;
