package org.analogy.jack;

import com.sun.jna.Pointer;

import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackPosition;
import org.jaudiolibs.jnajack.JackPositionBits;
import org.jaudiolibs.jnajack.JackTransportState;

import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

/**
 * The engine's transport tied to JACK's, in one of two directions.
 *
 * <p><b>Following</b> (the engine's clock source is EXTERNAL): the relay thread queries the JACK transport
 * every few milliseconds. With a timebase master its bar/beat/tick and tempo give the position; without
 * one, the transport frame is turned into 16ths at the engine's tempo. The engine hears of it only when
 * something changed: rolling/stopped, tempo, or a position off the predicted one by more than
 * {@link #RELOCATE_TOLERANCE_NANOS} (a locate, or drift).
 *
 * <p><b>Leading</b> (timebase master): JACK calls {@link #invoke} after each process cycle, on the process
 * thread, and it fills bar/beat/tick and tempo from the engine's timeline straight into JACK's position
 * structure (no allocation); the relay thread starts and stops the JACK transport when the engine starts
 * and stops.
 */
final class JackTransport implements JackNative.TimebaseCallback {

    static final long RELOCATE_TOLERANCE_NANOS = 500_000;
    static final double TICKS_PER_BEAT = 1920;

    private final LiveEngine engine;
    private final boolean lead;
    private final JackPosition query = new JackPosition();
    private final MidiCycle cycle;

    private boolean told;
    private boolean toldRolling;
    private long toldNanos;
    private double toldStep;
    private double toldBpm;
    private Boolean engineWasRunning;
    /** Re-pointed at JACK's position structure on each call: no allocation on the process thread. */
    private final Pointer position = new Pointer(0);

    JackTransport(LiveEngine engine, boolean lead, MidiCycle cycle) {
        this.engine = engine;
        this.lead = lead;
        this.cycle = cycle;
        JackNative.keepAttached(this, "analogy-jack-process");
    }

    boolean leads() {
        return lead;
    }

    /** On a (re)connected client: take the timebase when leading. */
    void attach(JackClient client) throws JackException {
        told = false;
        engineWasRunning = null;
        if (lead && JackNative.jack_set_timebase_callback(JackNative.address(client), 0, this, 0) != 0) {
            throw new JackException("another client is JACK timebase master already");
        }
    }

    void detach(JackClient client) {
        if (lead) JackNative.jack_release_timebase(JackNative.address(client));
    }

    /** The relay thread's turn. */
    void tick(JackClient client) throws JackException {
        if (lead) {
            boolean running = engine.timeline().running();
            if (engineWasRunning == null || running != engineWasRunning) {
                if (running) client.transportStart();
                else client.transportStop();
                engineWasRunning = running;
            }
            return;
        }
        JackTransportState state = client.transportQuery(query);
        boolean rolling = state == JackTransportState.JackTransportRolling;
        long nanos = query.getUsecs() * 1000 + cycle.clockOffsetNanos;
        double bpm;
        double step;
        if (query.getValid().contains(JackPositionBits.JackPositionBBT) && query.getBeatsPerMinute() > 0) {
            double beatType = query.getBeatType() > 0 ? query.getBeatType() : 4;
            double stepsPerBeat = Meter.STEPS_PER_BEAT * 4 / beatType;
            double beats = (query.getBar() - 1) * (double) query.getBeatsPerBar() + (query.getBeat() - 1)
                    + query.getTick() / Math.max(1, query.getTicksPerBeat());
            step = beats * stepsPerBeat;
            bpm = query.getBeatsPerMinute() * 4 / beatType;
        } else {
            bpm = engine.timeline().bpm();
            // jack_nframes_t is unsigned: past 2^31 frames (12 h at 48 kHz) the int is negative
            step = Integer.toUnsignedLong(query.getFrame()) / (double) query.getFrameRate() * bpm / 60 * Meter.STEPS_PER_BEAT;
        }
        if (!changed(nanos, step, bpm, rolling)) return;
        engine.followTransport(nanos, step, bpm, rolling);
        told = true;
        toldRolling = rolling;
        toldNanos = nanos;
        toldStep = step;
        toldBpm = bpm;
    }

    private boolean changed(long nanos, double step, double bpm, boolean rolling) {
        if (!told || rolling != toldRolling || Math.abs(bpm - toldBpm) > 1e-6) return true;
        double nanosPerStep = Timeline.nanosPerStepAt(Math.max(Timeline.MIN_BPM, Math.min(Timeline.MAX_BPM, bpm)));
        double predicted = rolling ? toldStep + (nanos - toldNanos) / nanosPerStep : toldStep;
        return Math.abs(predicted - step) * nanosPerStep > RELOCATE_TOLERANCE_NANOS;
    }

    /**
     * Timebase master: bar/beat/tick and tempo from the engine's timeline. JACK calls this after the process
     * callback, for the position of the next cycle, so the time is this cycle's start plus one period.
     * Process thread: writes JACK's jack_position_t in place.
     */
    @Override
    public void invoke(int state, int nframes, long positionAddress, int newPosition, long arg) {
        if (positionAddress == 0) return;
        Timeline t = engine.timeline();
        long nanos = cycle.lastCycleNanos + Math.round(nframes * cycle.lastNanosPerFrame);
        double beats = t.stepAt(nanos) / Meter.STEPS_PER_BEAT;
        int beatsPerBar = t.meter().beatsPerBar();
        long bar = (long) Math.floor(beats / beatsPerBar);
        double inBar = beats - bar * (double) beatsPerBar;
        int beat = (int) Math.floor(inBar);
        Pointer p = position;
        Pointer.nativeValue(p, positionAddress);
        p.setInt(JackNative.POSITION_VALID, p.getInt(JackNative.POSITION_VALID) | JackNative.POSITION_BBT);
        p.setInt(JackNative.POSITION_BAR, (int) bar + 1);
        p.setInt(JackNative.POSITION_BEAT, beat + 1);
        p.setInt(JackNative.POSITION_TICK, (int) Math.min(TICKS_PER_BEAT - 1, Math.floor((inBar - beat) * TICKS_PER_BEAT)));
        p.setDouble(JackNative.POSITION_BAR_START_TICK, bar * beatsPerBar * TICKS_PER_BEAT);
        p.setFloat(JackNative.POSITION_BEATS_PER_BAR, beatsPerBar);
        p.setFloat(JackNative.POSITION_BEAT_TYPE, 4);
        p.setDouble(JackNative.POSITION_TICKS_PER_BEAT, TICKS_PER_BEAT);
        p.setDouble(JackNative.POSITION_BEATS_PER_MINUTE, t.bpm());
    }
}
