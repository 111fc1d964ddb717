package org.analogy.engine.accompaniment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import ai.onnxruntime.OrtException;

/**
 * "These chords with that texture", window by window: window w of the result is decode(z_chord of the chords
 * of window w, z_texture of the texture source's window w), the texture repeating when it is shorter.
 */
public final class Arranger {

    private final AccompanimentModel model;

    public Arranger(AccompanimentModel model) {
        this.model = model;
    }

    /**
     * @param chordForms  the 8 × 36 chord form of each output window
     * @param windows     how many 2-bar windows to write
     * @param texture     the texture source's duration roll per window
     * @param textureWindows how many windows the texture source has (it repeats)
     */
    public List<int[][]> arrange(IntFunction<float[]> chordForms, int windows, IntFunction<int[][]> texture, int textureWindows)
            throws OrtException {
        if (windows < 1) throw new IllegalArgumentException("nothing to arrange: " + windows + " windows");
        if (textureWindows < 1) throw new IllegalArgumentException("the texture source has no windows");
        float[][] textureLatents = new float[textureWindows][];
        List<int[][]> out = new ArrayList<>(windows);
        for (int w = 0; w < windows; w++) {
            int t = w % textureWindows;
            if (textureLatents[t] == null) textureLatents[t] = model.encodeTexture(texture.apply(t));
            out.add(model.decode(model.encodeChords(chordForms.apply(w)), textureLatents[t]));
        }
        return out;
    }
}
