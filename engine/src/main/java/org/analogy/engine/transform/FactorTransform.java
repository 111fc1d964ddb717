package org.analogy.engine.transform;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one factor's latent is formed for the bar being generated: an immutable setting, read once per bar.
 *
 * @param kind        what to do with the live latent
 * @param references  reference clip names the kind needs (swap, slerp: 1; xy: 4 corners; sample: 0 or 1 centre)
 * @param alpha       slerp: 0 = live … 1 = reference
 * @param x           xy: position between the left (0, 2) and right (1, 3) corners
 * @param y           xy: position between the top (0, 1) and bottom (2, 3) corners
 * @param temperature sample: standard deviation of the noise added around the centre
 * @param seed        sample: the draw for bar {@code b} is seeded from {@code seed} and {@code b}, so a render repeats
 * @param attributes  attribute offsets by name (e.g. density) in units of the stored direction; applied last
 */
public record FactorTransform(TransformKind kind, List<String> references, double alpha, double x, double y,
                              double temperature, long seed, Map<String, Double> attributes) {

    public static final Range UNIT = new Range(0, 1);
    public static final Range TEMPERATURE = new Range(0, 2);
    public static final Range ATTRIBUTE_AMOUNT = new Range(-3, 3);

    public static final FactorTransform LIVE = new FactorTransform(TransformKind.LIVE, List.of(), 0, 0, 0, 0, 0, Map.of());
    public static final FactorTransform FROZEN = new FactorTransform(TransformKind.FREEZE, List.of(), 0, 0, 0, 0, 0, Map.of());

    public FactorTransform {
        references = List.copyOf(references);
        attributes = Map.copyOf(new LinkedHashMap<>(attributes));
        if (references.size() < kind.minReferences() || references.size() > kind.maxReferences()) {
            throw new IllegalArgumentException(kind.key() + " takes " + (kind.minReferences() == kind.maxReferences()
                    ? kind.minReferences() : kind.minReferences() + "–" + kind.maxReferences())
                    + " reference clip(s), not " + references.size());
        }
        UNIT.check("alpha", alpha);
        UNIT.check("x", x);
        UNIT.check("y", y);
        TEMPERATURE.check("temperature", temperature);
        for (Map.Entry<String, Double> a : attributes.entrySet()) ATTRIBUTE_AMOUNT.check("attribute " + a.getKey(), a.getValue());
    }

    public static FactorTransform swap(String reference) {
        return new FactorTransform(TransformKind.SWAP, List.of(reference), 1, 0, 0, 0, 0, Map.of());
    }

    public static FactorTransform slerp(String reference, double alpha) {
        return new FactorTransform(TransformKind.SLERP, List.of(reference), alpha, 0, 0, 0, 0, Map.of());
    }

    public static FactorTransform xy(List<String> corners, double x, double y) {
        return new FactorTransform(TransformKind.XY, corners, 0, x, y, 0, 0, Map.of());
    }

    public static FactorTransform sample(double temperature, long seed) {
        return new FactorTransform(TransformKind.SAMPLE, List.of(), 0, 0, 0, temperature, seed, Map.of());
    }

    public FactorTransform withAlpha(double value) {
        return new FactorTransform(kind, references, value, x, y, temperature, seed, attributes);
    }

    public FactorTransform withXy(double newX, double newY) {
        return new FactorTransform(kind, references, alpha, newX, newY, temperature, seed, attributes);
    }

    public FactorTransform withAttributes(Map<String, Double> value) {
        return new FactorTransform(kind, references, alpha, x, y, temperature, seed, value);
    }

    /**
     * How much each reference weighs in the result, for generators that mix material rather than latents
     * (the pattern accompanist): index −1 (first entry) is the live input, then the references in order.
     */
    public double[] mixWeights() {
        return switch (kind) {
            case LIVE, FREEZE, SAMPLE -> references.isEmpty() ? new double[] {1} : new double[] {0, 1};
            case SWAP -> new double[] {0, 1};
            case SLERP -> new double[] {1 - alpha, alpha};
            case XY -> new double[] {0, (1 - x) * (1 - y), x * (1 - y), (1 - x) * y, x * y};
        };
    }

    /** One line for status and listings, e.g. {@code slerp 0.6 → rhythm-swung}. */
    public String describe() {
        String refs = references.isEmpty() ? "" : " → " + String.join(", ", references);
        String base = switch (kind) {
            case SLERP -> "slerp " + Range.format(alpha);
            case XY -> "xy (" + Range.format(x) + ", " + Range.format(y) + ")";
            case SAMPLE -> "sample t=" + Range.format(temperature);
            default -> kind.key();
        };
        String attrs = attributes.isEmpty() ? "" : " " + attributes;
        return base + refs + attrs;
    }
}
