/**
 * The drums on the research side: the Groove MIDI Dataset read into 2-bar grooves ({@link
 * org.analogy.train.drums.GrooveDataset}), the GrooVAE-like groove model and its trainer ({@code ./analogy train
 * drums}), and its export to an ONNX bundle ({@code ./analogy export drums}).
 *
 * <p>Data: Groove MIDI Dataset (Gillick, Roberts, Engel, Norouzi, Bamman, "Learning to Groove with Inverse
 * Sequence Transformations", ICML 2019), CC BY 4.0.
 */
package org.analogy.train.drums;
