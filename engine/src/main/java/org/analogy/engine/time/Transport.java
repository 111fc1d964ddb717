package org.analogy.engine.time;

/**
 * The owner of musical time: tempo, position, running or stopped, meter and count-in.
 *
 * <p><b>Threading.</b> Only the capture thread mutates a Transport (it is the single writer of musical
 * state, see DESIGN.md). Every change publishes a new immutable {@link Timeline} through a volatile field,
 * so any thread reads a consistent map with one {@link #timeline()} call and never sees half an update.
 * Commands from the UI, OSC or CLI reach the capture thread through its queue; they never call in here
 * directly.
 *
 * <p><b>Who leads.</b> With {@link Leader#INTERNAL} the performer's commands ({@link #setTempo},
 * {@link #start}, ...) move time. With {@link Leader#MIDI_CLOCK} a {@link MidiClockFollower} moves it and
 * those commands are refused, because a second source of time would fight the clock. With
 * {@link Leader#EXTERNAL} another transport that knows its exact position and tempo (JACK) moves it through
 * {@link #follow}, and the same commands are refused.
 *
 * <p><b>Allocation.</b> Calls allocate nothing except the one small Timeline published when the map
 * actually changes; a call that changes nothing (same tempo, stop while stopped) publishes nothing.
 */
public final class Transport {

    public enum Leader { INTERNAL, MIDI_CLOCK, EXTERNAL }

    public static final int MAX_COUNT_IN_BARS = 4;

    private volatile Timeline timeline;
    private Leader leader = Leader.INTERNAL;
    private int countInBars;

    /** A stopped transport at step 0. */
    public Transport(Meter meter, double bpm) {
        this.timeline = Timeline.of(bpm, meter, 0L, 0.0, false);
    }

    /** The current map from nanos to steps; safe to call from any thread. */
    public Timeline timeline() {
        return timeline;
    }

    public Leader leader() {
        return leader;
    }

    public void setLeader(Leader leader) {
        if (leader == null) throw new IllegalArgumentException("leader is required");
        this.leader = leader;
    }

    public int countInBars() {
        return countInBars;
    }

    /** Bars of count-in before bar 0 on {@link #start}; they are numbered -N..-1. */
    public void setCountInBars(int bars) {
        if (bars < 0 || bars > MAX_COUNT_IN_BARS) {
            throw new IllegalArgumentException("count-in must be 0.." + MAX_COUNT_IN_BARS + " bars, was " + bars);
        }
        this.countInBars = bars;
    }

    /** Changes tempo at {@code nanos}, re-anchored at the position reached then so the position does not jump. */
    public void setTempo(double bpm, long nanos) {
        requireInternalLeader("set the tempo");
        Timeline.checkBpm(bpm);
        Timeline current = timeline;
        if (current.nanosPerStep() == Timeline.nanosPerStepAt(bpm)) return;
        timeline = current.withTempo(bpm, nanos);
    }

    /** Starts from the top: bar 0, or the first count-in bar when a count-in is configured. */
    public void start(long nanos) {
        requireInternalLeader("start");
        Timeline current = timeline;
        timeline = current.startedAt(nanos, -(double) countInBars * current.stepsPerBar());
    }

    public void stop(long nanos) {
        requireInternalLeader("stop");
        Timeline current = timeline;
        if (!current.running()) return;
        timeline = current.stoppedAt(nanos);
    }

    /** Resumes from where the transport stopped (or was located to). */
    public void continueAt(long nanos) {
        requireInternalLeader("continue");
        Timeline current = timeline;
        if (current.running()) return;
        timeline = current.startedAt(nanos, current.anchorStep());
    }

    /** Moves to a position; a running transport keeps running from there. */
    public void locate(double step, long nanos) {
        requireInternalLeader("locate");
        if (!Double.isFinite(step)) throw new IllegalArgumentException("step must be finite, was " + step);
        Timeline current = timeline;
        timeline = new Timeline(nanos, step, current.nanosPerStep(), current.meter(), current.running());
    }

    /** Bar lines would move under the performer's feet if the meter changed while playing, so only while stopped. */
    public void setMeter(Meter meter) {
        if (meter == null) throw new IllegalArgumentException("meter is required");
        Timeline current = timeline;
        if (current.running()) throw new IllegalStateException("the meter can only change while the transport is stopped");
        if (current.meter() == meter) return;
        timeline = new Timeline(current.anchorNanos(), current.anchorStep(), current.nanosPerStep(), meter, false);
    }

    /**
     * Follows an external transport: at {@code nanos} the position is {@code step}, the tempo {@code bpm}
     * (clamped to the allowed range), running or not. Publishes nothing when the map would not change.
     */
    public void follow(long nanos, double step, double bpm, boolean running) {
        if (leader != Leader.EXTERNAL) throw new IllegalStateException("not following an external transport");
        if (!Double.isFinite(step)) throw new IllegalArgumentException("step must be finite, was " + step);
        double nanosPerStep = Timeline.nanosPerStepAt(Math.max(Timeline.MIN_BPM, Math.min(Timeline.MAX_BPM, bpm)));
        Timeline current = timeline;
        if (current.running() == running && current.nanosPerStep() == nanosPerStep && current.stepAt(nanos) == step) return;
        timeline = new Timeline(nanos, step, nanosPerStep, current.meter(), running);
    }

    /**
     * Used by {@link MidiClockFollower} on each clock: the position is {@code step} at {@code nanos}, the tempo
     * {@code nanosPerStep}, running. Skips publishing when the map would not change.
     */
    void followClock(long nanos, double step, double nanosPerStep) {
        Timeline current = timeline;
        if (current.running() && current.nanosPerStep() == nanosPerStep && current.stepAt(nanos) == step) return;
        timeline = new Timeline(nanos, step, nanosPerStep, current.meter(), true);
    }

    /** Used by {@link MidiClockFollower} when the clock stops: hold still at {@code step}. */
    void followStop(long nanos, double step) {
        Timeline current = timeline;
        if (!current.running() && current.anchorStep() == step) return;
        timeline = new Timeline(nanos, step, current.nanosPerStep(), current.meter(), false);
    }

    private void requireInternalLeader(String what) {
        if (leader != Leader.INTERNAL) {
            throw new IllegalStateException("cannot " + what + " while following an external "
                    + (leader == Leader.MIDI_CLOCK ? "MIDI clock" : "transport"));
        }
    }
}
