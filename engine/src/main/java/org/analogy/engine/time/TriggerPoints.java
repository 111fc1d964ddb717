package org.analogy.engine.time;

/**
 * When the capture stage has to act: the generation trigger for bar {@code n + 1} fires
 * {@code lookaheadSteps} before that bar's downbeat (so the accompaniment is ready in time), and bar lines
 * close the captured bar. A ticker thread asks for the next of either and sleeps until then.
 *
 * <p>Pure arithmetic on a Timeline, so it works the same in real and virtual time and allocates nothing.
 * Times come from the Timeline passed in: after a tempo change the ticker asks again with the new one.
 * The ticker should remember the last bar it triggered and not trigger it twice: a following Transport can
 * step back by a clock's jitter (about a millisecond) when it re-anchors on a clock.
 */
public final class TriggerPoints {

    public static final double DEFAULT_LOOKAHEAD_STEPS = 1.0;
    /** Returned when the transport is stopped: nothing is due. */
    public static final long NEVER = Long.MAX_VALUE;

    private final double lookaheadSteps;

    public TriggerPoints() {
        this(DEFAULT_LOOKAHEAD_STEPS);
    }

    /** @param lookaheadSteps how far before each downbeat generation starts, in 16ths; at least 0, under 3/4's bar. */
    public TriggerPoints(double lookaheadSteps) {
        if (!(lookaheadSteps >= 0 && lookaheadSteps < Meter.THREE_FOUR.stepsPerBar())) {
            throw new IllegalArgumentException("lookahead must be 0.." + Meter.THREE_FOUR.stepsPerBar() + " steps, was " + lookaheadSteps);
        }
        this.lookaheadSteps = lookaheadSteps;
    }

    public double lookaheadSteps() {
        return lookaheadSteps;
    }

    /** The bar whose generation trigger is the first one strictly after {@code afterNanos}. */
    public long nextTriggeredBar(Timeline timeline, long afterNanos) {
        long bar = timeline.barAt(timeline.stepAt(afterNanos) + lookaheadSteps) + 1;
        while (triggerNanos(timeline, bar - 1) > afterNanos) bar--;
        while (triggerNanos(timeline, bar) <= afterNanos) bar++;
        return bar;
    }

    /** When generation for {@code bar} should start: its downbeat minus the lookahead. */
    public long triggerNanos(Timeline timeline, long bar) {
        return timeline.nanosAt(timeline.barStartStep(bar) - lookaheadSteps);
    }

    /** The time of the next generation trigger strictly after {@code afterNanos}, or {@link #NEVER} when stopped. */
    public long nextTriggerNanos(Timeline timeline, long afterNanos) {
        if (!timeline.running()) return NEVER;
        return triggerNanos(timeline, nextTriggeredBar(timeline, afterNanos));
    }

    /** The bar whose downbeat is the first one strictly after {@code afterNanos}. */
    public static long nextBarLine(Timeline timeline, long afterNanos) {
        long bar = timeline.barAt(timeline.stepAt(afterNanos)) + 1;
        while (barLineNanos(timeline, bar - 1) > afterNanos) bar--;
        while (barLineNanos(timeline, bar) <= afterNanos) bar++;
        return bar;
    }

    public static long barLineNanos(Timeline timeline, long bar) {
        return timeline.nanosAt(timeline.barStartStep(bar));
    }

    /** The time of the next bar line strictly after {@code afterNanos}, or {@link #NEVER} when stopped. */
    public static long nextBarLineNanos(Timeline timeline, long afterNanos) {
        if (!timeline.running()) return NEVER;
        return barLineNanos(timeline, nextBarLine(timeline, afterNanos));
    }
}
