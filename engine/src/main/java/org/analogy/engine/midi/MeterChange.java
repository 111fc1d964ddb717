package org.analogy.engine.midi;

/** A time signature change, e.g. 3/4 from {@code tick} on. */
public record MeterChange(long tick, int numerator, int denominator) {

    public MeterChange {
        if (numerator < 1) throw new IllegalArgumentException("numerator must be at least 1, was " + numerator);
        if (denominator < 1 || Integer.bitCount(denominator) != 1) {
            throw new IllegalArgumentException("denominator must be a power of two, was " + denominator);
        }
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator + " at " + tick;
    }
}
