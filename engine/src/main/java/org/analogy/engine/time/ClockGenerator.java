package org.analogy.engine.time;

/**
 * MIDI clock out while Analogy leads: when the next 0xF8 is due, and which realtime status (Start,
 * Continue, Stop) goes with it.
 *
 * <p>Clock {@code i} sits at step {@code i / 6}; clock 0 is the downbeat of bar 0 and count-in clocks have
 * negative numbers. Times come from the Timeline current at the time of asking, so after a tempo change the
 * clocks stay on the musical 1/6-step grid rather than on a grid of equal time intervals. The scheduler
 * should ask again after every Timeline change, passing the time of the last clock it sent (right after a
 * start, a time just before the start, so clock 0 or the first count-in clock is included).
 *
 * <p>The receiving device learns where we are from Start (it plays its step 0 at the first clock after
 * Start) or from Song Position + Continue (same, from the given 16th). So clocks run through the count-in
 * to let it lock its tempo, Start goes out just before clock 0, and a resume elsewhere waits for the next
 * 16th boundary, because Song Position can only name whole 16ths. A locate while running is not signalled
 * to the receiver (it would need Stop, Song Position, Continue); it keeps counting from where it was.
 *
 * <p>One instance per output, used by the scheduler thread only; allocates nothing.
 */
public final class ClockGenerator {

    public static final int CLOCKS_PER_STEP = MidiClockFollower.CLOCKS_PER_STEP;
    public static final int CLOCK = 0xF8;
    public static final int START = 0xFA;
    public static final int CONTINUE = 0xFB;
    public static final int STOP = 0xFC;
    /** Status value meaning "nothing to send before this clock". */
    public static final int NONE = 0;
    /** Returned when the transport is stopped and no clock is due. */
    public static final long NO_CLOCK = Long.MAX_VALUE;

    private final Transport transport;
    private long clockIndex;
    private long clockNanos = NO_CLOCK;
    private boolean receiverPlaying;

    public ClockGenerator(Transport transport) {
        this.transport = transport;
    }

    /**
     * The time of the first clock after {@code afterNanos} (more than a microsecond after), or {@link #NO_CLOCK} when stopped.
     * Its number is then {@link #clockIndex()}.
     */
    public long nextClockNanos(long afterNanos) {
        Timeline timeline = transport.timeline();
        if (!timeline.running()) {
            clockNanos = NO_CLOCK;
            return NO_CLOCK;
        }
        clockIndex = nextClockIndex(timeline, afterNanos);
        clockNanos = clockNanos(timeline, clockIndex);
        return clockNanos;
    }

    /** The number of the clock last returned by {@link #nextClockNanos}. */
    public long clockIndex() {
        return clockIndex;
    }

    /**
     * Called when the scheduler sends the clock last returned by {@link #nextClockNanos}: the realtime status
     * to send just before it (START, CONTINUE after a Song Position of {@link #songPositionOf(long)}, or NONE).
     */
    public int statusBeforeClock() {
        if (receiverPlaying || clockIndex < 0 || clockIndex % CLOCKS_PER_STEP != 0) return NONE;
        receiverPlaying = true;
        return clockIndex == 0 ? START : CONTINUE;
    }

    /**
     * Called on every Timeline change the scheduler notices: true once when the transport has stopped while
     * the receiver was playing, so STOP is due now.
     */
    public boolean stopDue() {
        if (!receiverPlaying || transport.timeline().running()) return false;
        receiverPlaying = false;
        return true;
    }

    /** The Song Position (in 16ths) to send before a CONTINUE at {@code clockIndex}. */
    public static int songPositionOf(long clockIndex) {
        return (int) Math.floorDiv(clockIndex, CLOCKS_PER_STEP);
    }

    /**
     * Clocks closer than this to {@code afterNanos} count as that clock itself. Positions are rounded to
     * whole nanos, so the same clock computed before and after a re-anchor can differ by a nanosecond;
     * clocks are never closer than 8 ms (300 BPM), so a microsecond cannot merge two real clocks.
     */
    static final long SAME_CLOCK_NANOS = 1_000L;

    /** The number of the first clock more than {@link #SAME_CLOCK_NANOS} after {@code afterNanos} on a running timeline. */
    public static long nextClockIndex(Timeline timeline, long afterNanos) {
        long index;
        if (afterNanos < timeline.anchorNanos()) {
            // The timeline starts later (a re-anchor after the last clock sent): clocks before its anchor
            // belong to the previous segment and went out already, so begin with the first one at its anchor.
            index = (long) Math.ceil(timeline.anchorStep() * CLOCKS_PER_STEP - 1e-6);
        } else {
            index = (long) Math.floor(timeline.stepAt(afterNanos) * CLOCKS_PER_STEP) + 1;
            while (clockNanos(timeline, index - 1) > afterNanos + SAME_CLOCK_NANOS) index--;
        }
        while (clockNanos(timeline, index) <= afterNanos + SAME_CLOCK_NANOS) index++;
        return index;
    }

    public static long clockNanos(Timeline timeline, long clockIndex) {
        return timeline.nanosAt((double) clockIndex / CLOCKS_PER_STEP);
    }
}
