package org.analogy.engine.transform;

/** An allowed closed range for a setting, so that checks and error messages say the same thing everywhere. */
public record Range(double min, double max) {

    public boolean contains(double value) {
        return value >= min && value <= max;
    }

    /** Throws naming the setting, its value and the range when {@code value} is outside it (or not a number). */
    public double check(String what, double value) {
        if (!contains(value)) throw new IllegalArgumentException(what + " " + format(value) + ": allowed " + this);
        return value;
    }

    @Override
    public String toString() {
        return format(min) + "–" + format(max);
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e16 ? Long.toString((long) v) : Double.toString(v);
    }
}
