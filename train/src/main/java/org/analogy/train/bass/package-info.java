/**
 * The bass on the research side: Slakh2100 read into 2-bar chord-relative bass lines with the chords of the other
 * tracks and the band's onsets ({@link org.analogy.train.bass.SlakhDataset}), the bass model (a one-instrument
 * form of Q&A's orchestration function) and its trainer ({@code ./analogy train bass}), and its export to an ONNX
 * bundle ({@code ./analogy export bass}), read on stage by {@code org.analogy.engine.bass.BassModel}.
 *
 * <p>Data: Slakh2100 (Manilow, Wichern, Seetharaman, Le Roux, WASPAA 2019; from the Lakh MIDI Dataset, C. Raffel) as
 * pre-processed by Q&A (Zhao, Xia, Wang, IJCAI 2023), CC BY 4.0.
 */
package org.analogy.train.bass;
