package org.analogy.engine.melody;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.analogy.engine.band.Band;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.LatentTransforms;

/**
 * A mode's melody factors: live latents through the style's pitch and rhythm transforms, remembering the
 * last value of each factor for freeze. One per mode instance, used on the inference thread.
 */
public final class MelodyTransformer {

    private final Band band;
    private final Map<Factor, float[]> held = new EnumMap<>(Factor.class);

    public MelodyTransformer(Band band) {
        this.band = band;
    }

    public MelodyLatents transform(MelodyLatents live, Style style, long seedBar) throws Exception {
        float[] pitch = factor(Factor.PITCH, live.pitch(), style, seedBar, true);
        float[] rhythm = factor(Factor.RHYTHM, live.rhythm(), style, seedBar, false);
        return new MelodyLatents(pitch, rhythm);
    }

    private float[] factor(Factor f, float[] live, Style style, long seedBar, boolean pitch) throws Exception {
        List<float[]> refs = new ArrayList<>();
        for (ReferenceClip clip : style.references(f)) {
            MelodyLatents z = band.referenceLatents(clip);
            refs.add(pitch ? z.pitch() : z.rhythm());
        }
        float[] out = LatentTransforms.apply(f, style.transform(f), live, refs, held.get(f), seedBar, band.melodyOffsets());
        held.put(f, out);
        return out;
    }
}
