/**
 * The drums, one idea in one place: the drum vocabulary ({@link org.analogy.engine.drums.DrumVoice}), the
 * 2-bar groove grid with velocities and micro-timing ({@link org.analogy.engine.drums.DrumPattern}) and the
 * learned groove model that encodes and decodes it ({@link org.analogy.engine.drums.DrumModel}, after GrooVAE,
 * Gillick et al., ICML 2019).
 */
package org.analogy.engine.drums;
