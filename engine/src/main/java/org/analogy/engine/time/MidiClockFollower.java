package org.analogy.engine.time;

/**
 * Follows an external MIDI clock (24 pulses per quarter note, so {@value #CLOCKS_PER_STEP} per 16th step)
 * and drives a {@link Transport} whose leader is {@link Transport.Leader#MIDI_CLOCK}.
 *
 * <p><b>Position: counted, never integrated.</b> The clock count is the authority. Clock number {@code k}
 * after Start is at step exactly {@code k / 6}, computed from the integer count each time, so no error can
 * accumulate however long the song. On every clock the Timeline is re-anchored at the clock's arrival time
 * with that step; between clocks readers extrapolate with the estimated tempo. So the position error of a
 * reader is the arrival jitter of the last clock plus (time since it) x (tempo error): about 1 ms for
 * ±1 ms jitter. We deliberately do not smooth the phase: a phase filter removes some jitter but lags
 * behind every tempo change by several milliseconds, and it would break the exact clock/step lock.
 *
 * <p><b>Tempo: least-squares slope over the last {@value #WINDOW_INTERVALS} clock intervals (one beat).</b>
 * Fitting a line to (clock number, arrival time) is the minimum-variance estimate of a constant clock
 * period under independent arrival jitter. For uniform ±1 ms jitter (sd 0.58 ms) and 25 points the slope's
 * sd is 0.58 ms x sqrt(12 / (25 x 624)) = 0.016 ms on a 20.8 ms period at 120 BPM, i.e. 0.09 BPM; even a
 * 5-sigma excursion stays under 0.5 BPM. A 2nd-order DLL (Adriaensen) reaches similar noise, but its
 * type-2 loop overshoots a tempo step; the windowed slope after a step is a weighted mean of the old and
 * new periods with positive weights, so it moves monotonically from one to the other and settles exactly
 * when the window has passed the change: one beat. On a ramp it reports the tempo of the window's middle,
 * half a beat behind. One beat is the longest lag a performer tolerates when a DAW changes tempo, and
 * shorter windows raise the noise as N^-1.5 (12 intervals would give ~0.25 BPM sd).
 *
 * <p><b>Start-up.</b> Until {@value #MIN_INTERVALS_FOR_ESTIMATE} consecutive intervals are known the previous
 * tempo is kept (fewer points are too noisy: two intervals with ±1 ms jitter scatter by ±10%). Clocks that
 * arrive while stopped (most DAWs send them) keep the estimate warm, so playback usually starts at the
 * right tempo.
 *
 * <p><b>Lost clock.</b> When no clock has arrived for {@link #DROPOUT_NANOS} (0.5 s: six clock periods at the
 * slowest tempo, 30 BPM, and 24 at 120 BPM) the clock is taken as lost: the transport holds still at the
 * step the next clock would have had, and the tempo window is cleared, since an interval across the gap says
 * nothing about tempo. Nothing arrives to tell us, so the capture thread calls {@link #checkForDropout} on
 * its regular tick; a late clock also triggers the check itself. When clocks return without Stop/Continue,
 * following resumes from the held position.
 *
 * <p><b>Out of range.</b> Estimates outside 30–300 BPM are clamped to the range and counted.
 *
 * <p>Called on the capture thread only (it owns the Transport); allocates nothing per message (the
 * Transport publishes one Timeline per clock, because the clock re-anchors the map each time).
 */
public final class MidiClockFollower {

    public static final int CLOCKS_PER_STEP = 6;
    static final int WINDOW_INTERVALS = 24;
    static final int MIN_INTERVALS_FOR_ESTIMATE = 6;
    public static final long DROPOUT_NANOS = 500_000_000L;

    private static final double MIN_NANOS_PER_STEP = Timeline.nanosPerStepAt(Timeline.MAX_BPM);
    private static final double MAX_NANOS_PER_STEP = Timeline.nanosPerStepAt(Timeline.MIN_BPM);

    private final Transport transport;

    /** Arrival times of the most recent consecutive clocks, a ring of WINDOW_INTERVALS + 1 entries. */
    private final long[] arrivals = new long[WINDOW_INTERVALS + 1];
    private int arrivalCount;
    private int oldestSlot;

    private boolean haveLastClock;
    private long lastClockNanos;
    private boolean clockLost;

    private boolean playing;
    /** Clocks since step 0 at which the next clock lands; Start sets 0, Song Position sets 6 per 16th. */
    private long nextClockIndex;

    private double nanosPerStep;

    private long clampedEstimates;
    private long dropouts;
    private long ignoredMessages;

    public MidiClockFollower(Transport transport) {
        this.transport = transport;
        this.nanosPerStep = transport.timeline().nanosPerStep();
    }

    /** Timing clock, 0xF8. */
    public void onClock(long nanos) {
        if (!following()) return;
        checkForDropout(nanos);
        clockLost = false;
        haveLastClock = true;
        lastClockNanos = nanos;
        remember(nanos);
        estimateTempo();
        if (playing) {
            transport.followClock(nanos, (double) nextClockIndex / CLOCKS_PER_STEP, nanosPerStep);
            nextClockIndex++;
        }
    }

    /** Start, 0xFA: play from step 0, beginning with the next clock. */
    public void onStart(long nanos) {
        if (!following()) return;
        playing = true;
        nextClockIndex = 0;
        transport.followStop(nanos, 0.0);
    }

    /** Continue, 0xFB: play from the current song position, beginning with the next clock. */
    public void onContinue(long nanos) {
        if (!following()) return;
        playing = true;
    }

    /** Stop, 0xFC: hold at the step the next clock would have had, which is where Continue resumes. */
    public void onStop(long nanos) {
        if (!following()) return;
        playing = false;
        transport.followStop(nanos, (double) nextClockIndex / CLOCKS_PER_STEP);
    }

    /**
     * Song Position Pointer, 0xF2, in MIDI beats (16ths). It takes effect at the next clock after Continue
     * (or at the next clock if it arrives while playing); the transport is not moved before then.
     */
    public void onSongPosition(int sixteenths) {
        if (!following()) return;
        if (sixteenths < 0 || sixteenths > 0x3FFF) {
            throw new IllegalArgumentException("song position must be 0..16383 sixteenths, was " + sixteenths);
        }
        nextClockIndex = (long) sixteenths * CLOCKS_PER_STEP;
    }

    /** Call regularly (the capture tick) so a clock that stops arriving is noticed. */
    public void checkForDropout(long nanos) {
        if (clockLost || !haveLastClock || nanos - lastClockNanos <= DROPOUT_NANOS) return;
        clockLost = true;
        dropouts++;
        arrivalCount = 0;
        if (playing) transport.followStop(nanos, (double) nextClockIndex / CLOCKS_PER_STEP);
    }

    /** The current tempo estimate (or the previous tempo while there are too few clocks). */
    public double bpm() {
        return 60e9 / (nanosPerStep * Meter.STEPS_PER_BEAT);
    }

    /** True between Start/Continue and Stop, whether or not clocks are currently arriving. */
    public boolean isPlaying() {
        return playing;
    }

    public boolean isClockLost() {
        return clockLost;
    }

    /** Tempo estimates that fell outside 30–300 BPM and were clamped. */
    public long clampedEstimates() {
        return clampedEstimates;
    }

    /** Times the clock stopped arriving without a Stop message. */
    public long dropouts() {
        return dropouts;
    }

    /** Messages dropped because the transport was not following the MIDI clock. */
    public long ignoredMessages() {
        return ignoredMessages;
    }

    private boolean following() {
        if (transport.leader() == Transport.Leader.MIDI_CLOCK) return true;
        ignoredMessages++;
        return false;
    }

    private void remember(long nanos) {
        int capacity = arrivals.length;
        if (arrivalCount < capacity) {
            arrivals[(oldestSlot + arrivalCount) % capacity] = nanos;
            arrivalCount++;
        } else {
            arrivals[oldestSlot] = nanos;
            oldestSlot = (oldestSlot + 1) % capacity;
        }
    }

    private void estimateTempo() {
        int n = arrivalCount;
        if (n - 1 < MIN_INTERVALS_FOR_ESTIMATE) return;
        // Times relative to the oldest keep the sums small and exact in a double.
        int capacity = arrivals.length;
        long origin = arrivals[oldestSlot];
        double meanX = (n - 1) / 2.0;
        double sumY = 0;
        for (int i = 0; i < n; i++) sumY += arrivals[(oldestSlot + i) % capacity] - origin;
        double meanY = sumY / n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = i - meanX;
            sxy += dx * (arrivals[(oldestSlot + i) % capacity] - origin - meanY);
            sxx += dx * dx;
        }
        double estimate = CLOCKS_PER_STEP * (sxy / sxx);
        if (!(estimate >= MIN_NANOS_PER_STEP && estimate <= MAX_NANOS_PER_STEP)) {
            clampedEstimates++;
            estimate = estimate > MAX_NANOS_PER_STEP ? MAX_NANOS_PER_STEP : MIN_NANOS_PER_STEP;
        }
        nanosPerStep = estimate;
    }
}
