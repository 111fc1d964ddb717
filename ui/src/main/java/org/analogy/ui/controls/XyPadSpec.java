package org.analogy.ui.controls;

import java.util.List;

/**
 * The XY pad: a point inside a square whose four corners are reference clips; the engine blends one
 * factor's latents (texture, or rhythm) with the bilinear weights of the point.
 *
 * @param factor     the factor the pad blends ({@code texture}, {@code rhythm}, …)
 * @param references clips a corner can hold
 * @param corners    the four corners' clips: top-left, top-right, bottom-left, bottom-right
 * @param x          parameter of the horizontal position, 0–1
 * @param y          parameter of the vertical position, 0–1 (0 at the top)
 */
public record XyPadSpec(String factor, List<String> references, List<String> corners, ParameterSpec x, ParameterSpec y, boolean available,
                        String unavailableReason) {

    public XyPadSpec {
        references = List.copyOf(references);
        corners = List.copyOf(corners);
        if (corners.size() != 4) throw new IllegalArgumentException("an XY pad has 4 corners, not " + corners.size());
    }

    /** Weights of the corners (top-left, top-right, bottom-left, bottom-right) at a point; they sum to 1. */
    public static double[] weights(double x, double y) {
        return new double[] {(1 - x) * (1 - y), x * (1 - y), (1 - x) * y, x * y};
    }
}
