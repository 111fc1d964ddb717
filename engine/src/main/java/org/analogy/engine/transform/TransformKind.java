package org.analogy.engine.transform;

import java.util.Locale;

/** What a {@link FactorTransform} does with a factor's live latent. */
public enum TransformKind {
    /** The latent of what is being played, unchanged. */
    LIVE(0, 0),
    /** The reference clip's latent instead (analogy: "with the rhythm of that clip"). */
    SWAP(1, 1),
    /** Spherical interpolation, α = 0 live … α = 1 the reference. */
    SLERP(1, 1),
    /** An XY pad between four references at the corners (x along 0→1 and 2→3, y from the 0–1 edge to the 2–3 edge). */
    XY(4, 4),
    /** A point drawn around the live latent (or around one reference, when given), at a temperature. */
    SAMPLE(0, 1),
    /** Hold the value the factor had when freeze was engaged. */
    FREEZE(0, 0);

    private final int minReferences;
    private final int maxReferences;

    TransformKind(int minReferences, int maxReferences) {
        this.minReferences = minReferences;
        this.maxReferences = maxReferences;
    }

    public int minReferences() {
        return minReferences;
    }

    public int maxReferences() {
        return maxReferences;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TransformKind ofKey(String key) {
        for (TransformKind k : values()) if (k.key().equals(key)) return k;
        throw new IllegalArgumentException("unknown transform '" + key + "': allowed live, swap, slerp, xy, sample, freeze");
    }
}
