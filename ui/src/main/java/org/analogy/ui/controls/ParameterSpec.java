package org.analogy.ui.controls;

import java.util.List;

/**
 * One adjustable value: a slider, a switch or a choice of a few values.
 *
 * @param choices for {@link Kind#CHOICE}: the allowed values, in order; empty otherwise
 */
public record ParameterSpec(String id, String label, Kind kind, double min, double max, double step, List<Double> choices,
                            String format) {

    public enum Kind { CONTINUOUS, TOGGLE, CHOICE }

    public ParameterSpec {
        choices = List.copyOf(choices);
        if (!(max > min)) throw new IllegalArgumentException(id + ": max " + max + " must exceed min " + min);
    }

    public static ParameterSpec continuous(String id, String label, double min, double max, double step, String format) {
        return new ParameterSpec(id, label, Kind.CONTINUOUS, min, max, step, List.of(), format);
    }

    public static ParameterSpec toggle(String id, String label) {
        return new ParameterSpec(id, label, Kind.TOGGLE, 0, 1, 1, List.of(), "%.0f");
    }

    public static ParameterSpec choice(String id, String label, List<Double> choices, String format) {
        return new ParameterSpec(id, label, Kind.CHOICE, choices.get(0), choices.get(choices.size() - 1), 0, choices, format);
    }

    /** The nearest allowed value: clamped, snapped to the step or to the nearest choice. */
    public double constrain(double value) {
        double v = Double.isNaN(value) ? min : Math.max(min, Math.min(max, value));
        switch (kind) {
            case TOGGLE:
                return v >= 0.5 ? 1 : 0;
            case CHOICE: {
                double best = choices.get(0);
                for (double c : choices) if (Math.abs(c - v) < Math.abs(best - v)) best = c;
                return best;
            }
            default:
                if (step <= 0) return v;
                double snapped = min + Math.round((v - min) / step) * step;
                // 0.1 + 6 × 0.1 is 0.7000000000000001 in binary: keep what a person would type.
                return Math.max(min, Math.min(max, Math.round(snapped * 1e9) / 1e9));
        }
    }

    /** Maps a 7-bit controller value (0–127) onto the range, as MIDI learn does for a knob or fader. */
    public double fromController(int value) {
        double fraction = Math.max(0, Math.min(127, value)) / 127.0;
        if (kind == Kind.CHOICE) return choices.get((int) Math.min(choices.size() - 1, Math.floor(fraction * choices.size())));
        return constrain(min + fraction * (max - min));
    }

    public String display(double value) {
        return String.format(format, value);
    }
}
