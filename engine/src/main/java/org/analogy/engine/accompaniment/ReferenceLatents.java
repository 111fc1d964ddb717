package org.analogy.engine.accompaniment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.Factor;

/**
 * The chord and texture latents of reference clips, encoded once per clip content (checksum) and shared by
 * every accompanist on one model, so a mode switch does not encode them again. {@link #prepare} encodes a
 * preset's references when it is chosen, on the caller's thread, so the bar that first uses them only decodes.
 */
public final class ReferenceLatents {

    private final AccompanimentCodec model;
    private final Map<String, float[]> chords = new ConcurrentHashMap<>();
    private final Map<String, float[]> textures = new ConcurrentHashMap<>();

    public ReferenceLatents(AccompanimentCodec model) {
        this.model = model;
    }

    public float[] chord(ReferenceClip clip) throws Exception {
        float[] z = chords.get(clip.sha256());
        if (z == null) {
            z = model.encodeChord(clip.chords());
            chords.put(clip.sha256(), z);
        }
        return z;
    }

    public float[] texture(ReferenceClip clip) throws Exception {
        float[] z = textures.get(clip.sha256());
        if (z == null) {
            z = model.encodeTexture(clip.pianoRoll());
            textures.put(clip.sha256(), z);
        }
        return z;
    }

    /** Encodes every chord and texture reference of {@code style} not yet known. */
    public void prepare(Style style) throws Exception {
        for (ReferenceClip c : style.references(Factor.CHORD)) chord(c);
        for (ReferenceClip c : style.references(Factor.TEXTURE)) texture(c);
    }

    int size() {
        return chords.size() + textures.size();
    }
}
