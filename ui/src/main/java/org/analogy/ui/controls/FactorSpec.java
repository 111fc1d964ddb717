package org.analogy.ui.controls;

import java.util.List;

/**
 * A factor of the music the models separate (a melody's pitch contour or rhythm, an accompaniment's
 * chords or texture), as one panel: where it comes from, how far to move towards that source (α), how
 * freely to sample (temperature), whether to hold it (freeze), and attribute sliders.
 *
 * @param available         false when the current mode has no such factor; the panel then shows why
 * @param unavailableReason shown when not available
 */
public record FactorSpec(String name, String label, List<String> sources, ParameterSpec alpha, ParameterSpec temperature,
                         ParameterSpec freeze, List<ParameterSpec> attributes, boolean available, String unavailableReason) {

    public FactorSpec {
        sources = List.copyOf(sources);
        attributes = List.copyOf(attributes);
    }

    /** The standard panel of a factor: α 0–1, temperature 0–2, freeze, and the given attributes. */
    public static FactorSpec standard(String name, String label, List<String> sources, List<ParameterSpec> attributes,
                                      boolean available, String unavailableReason) {
        return new FactorSpec(name, label, sources,
                ParameterSpec.continuous(name + ".alpha", "α", 0, 1, 0.01, "%.2f"),
                ParameterSpec.continuous(name + ".temperature", "temperature", 0, 2, 0.01, "%.2f"),
                ParameterSpec.toggle(name + ".freeze", "freeze"),
                attributes, available, unavailableReason);
    }

    /** Every parameter of the panel. */
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> all = new java.util.ArrayList<>(List.of(alpha, temperature, freeze));
        all.addAll(attributes);
        return all;
    }
}
