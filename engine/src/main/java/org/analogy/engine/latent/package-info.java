/**
 * Predicting the melody's next (or previous) 2-bar window as latents: the input features a window gives the
 * latent predictor ({@link org.analogy.engine.latent.LatentFeatures}), the ONNX model that runs it
 * ({@link org.analogy.engine.latent.LatentPredictorModel}), and what uses it: continuing a phrase
 * ({@link org.analogy.engine.latent.MelodyContinuation}) and filling a gap from both sides
 * ({@link org.analogy.engine.latent.Inpainter}).
 */
package org.analogy.engine.latent;
