/**
 * The bass part's learned model at run time: a Q&A-style "orchestration function" for one instrument. A
 * 2-bar bass line is written chord-relatively ({@link org.analogy.engine.bass.BassLine}: per 16th a rest, a
 * hold, or an onset of an interval above the chord's root in one of two octaves, with a velocity), so one
 * style latent plays in any key. The encoder turns a reference bass clip into that latent; the decoder writes
 * a window from the latent, the window's chords ({@link org.analogy.engine.bass.BassConditioning}) and the
 * band's onsets (piano accompaniment and kick), in one non-autoregressive pass ({@link
 * org.analogy.engine.bass.BassModel}). {@link org.analogy.engine.bass.ChordTemplates} labels chords from the
 * other parts' pitch classes, the same way in training (Slakh2100) and on stage.
 */
package org.analogy.engine.bass;
