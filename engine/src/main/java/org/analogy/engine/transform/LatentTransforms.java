package org.analogy.engine.transform;

import java.util.List;
import java.util.Random;

import org.analogy.engine.melody.LatentMath;

/**
 * The latent transforms as pure functions: the same inputs give the same latent, so a render repeats and
 * a test can pin each one down. Callers hold the only state there is (the value a freeze holds).
 */
public final class LatentTransforms {

    private LatentTransforms() {}

    /**
     * The latent for one factor of bar {@code bar}.
     *
     * @param live       the latent of what is being played (encoded from the capture window)
     * @param references the latents of {@link FactorTransform#references()}, in the same order
     * @param held       the value this factor had in the previous bar (what a freeze holds); null when
     *                   there is none yet, and a freeze then holds the live value
     * @param offsets    attribute directions for {@link FactorTransform#attributes()}; may be empty
     */
    public static float[] apply(Factor factor, FactorTransform t, float[] live, List<float[]> references, float[] held,
                                long bar, AttributeOffsets offsets) {
        if (references.size() != t.references().size()) {
            throw new IllegalArgumentException(factor.key() + ": " + t.references().size() + " reference(s) named, "
                    + references.size() + " given");
        }
        for (float[] r : references) {
            if (r.length != live.length) {
                throw new IllegalArgumentException(factor.key() + ": reference latent has " + r.length
                        + " values, the live one " + live.length);
            }
        }
        float[] base = switch (t.kind()) {
            case LIVE -> live.clone();
            case SWAP -> references.get(0).clone();
            case SLERP -> LatentMath.slerp(live, references.get(0), t.alpha());
            case XY -> xy(references, t.x(), t.y());
            case SAMPLE -> LatentMath.sampleAround(references.isEmpty() ? live : references.get(0), t.temperature(),
                    new Random(barSeed(t.seed(), bar)));
            case FREEZE -> (held != null && held.length == live.length ? held : live).clone();
        };
        // A frozen value already carries the offsets it was frozen with.
        if (t.kind() != TransformKind.FREEZE && !t.attributes().isEmpty()) offsets.addTo(factor, t.attributes(), base);
        return base;
    }

    /**
     * Bilinear interpolation on the sphere: along the top edge (0→1) and the bottom edge (2→3) by x, then
     * between the two results by y. The corners come back exactly at (0,0), (1,0), (0,1), (1,1).
     */
    public static float[] xy(List<float[]> corners, double x, double y) {
        if (corners.size() != 4) throw new IllegalArgumentException("an XY pad needs 4 corners, not " + corners.size());
        float[] top = LatentMath.slerp(corners.get(0), corners.get(1), x);
        float[] bottom = LatentMath.slerp(corners.get(2), corners.get(3), x);
        return LatentMath.slerp(top, bottom, y);
    }

    /** A different, reproducible seed per bar (SplitMix64's finaliser spreads neighbouring bars apart). */
    static long barSeed(long seed, long bar) {
        long z = seed + 0x9E3779B97F4A7C15L * (bar + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
