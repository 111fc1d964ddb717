package org.analogy.engine.pipeline;

import java.util.function.Supplier;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.NoteCapture;
import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.metrics.Stage;
import org.analogy.engine.midi.MidiByteParser;
import org.analogy.engine.output.SessionRecorder;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.MidiClockFollower;
import org.analogy.engine.time.TapTempo;
import org.analogy.engine.time.Timeline;
import org.analogy.engine.time.Transport;
import org.analogy.engine.time.TriggerPoints;

/**
 * The capture stage: the single writer of musical state. It applies transport commands, follows an
 * external clock, records the input, quantises notes, and at each generation trigger publishes the window
 * for the next bar. Called with one event at a time, from the capture thread (live) or the render loop.
 * Nothing here allocates per MIDI event; a window is allocated once per bar.
 */
public final class CaptureStage {

    /** Where the input's musical time comes from: our own, the input's MIDI clock, an external transport (JACK). */
    public enum ClockSource { INTERNAL, MIDI, EXTERNAL }

    /** Delay between a play command and the first downbeat, so the first bar can be generated on time. */
    static final long START_DELAY_NANOS = 100_000_000L;

    /** A revised bar changes from at least this far ahead of the key press, so its notes can still be sent. */
    static final double REVISION_MARGIN_STEPS = 0.25;

    /** What the capture stage hands on: windows and session changes, in order. */
    public interface WindowSink {
        void window(BarWindow window);

        void stopped(long nanos);

        void panic(long nanos);

        void processorChanged(BarProcessor processor);

        /** A melody note went down at {@code step} while the processor yields to the performer (an answer may be sounding). */
        default void performerPlayed(double step) {
        }
    }

    private final Transport transport;
    private final NoteCapture capture;
    private final SessionRecorder recorder;
    private final LatencyMetrics metrics;
    private final WindowSink out;
    private final Supplier<ControlSnapshot> controls;
    private final TapTempo tapTempo = new TapTempo();
    private final MidiClockFollower clockFollower;

    private final TriggerPoints triggers;
    private final TriggerPoints completeBarTriggers;
    private BarProcessor processor;
    private Timeline lastTimeline;
    private long lastTriggeredBar = Long.MIN_VALUE;
    /** The last beat whose in-bar decision point has been passed (a chord source that decides within bars). */
    private long lastDecidedBeat = Long.MIN_VALUE;
    private boolean shutdown;
    private volatile String lastCommandError;

    public CaptureStage(Transport transport, NoteCapture capture, SessionRecorder recorder, LatencyMetrics metrics,
                        BarProcessor processor, Supplier<ControlSnapshot> controls, WindowSink out) {
        this.transport = transport;
        this.capture = capture;
        this.recorder = recorder;
        this.metrics = metrics;
        this.processor = processor;
        this.controls = controls;
        this.out = out;
        this.clockFollower = new MidiClockFollower(transport);
        this.triggers = new TriggerPoints(capture.settings().lookaheadSteps());
        this.completeBarTriggers = new TriggerPoints(capture.settings().effectiveLookahead(true));
        this.lastTimeline = transport.timeline();
        recorder.timelineChanged(lastTimeline, Long.MIN_VALUE);
    }

    public boolean isShutdown() {
        return shutdown;
    }

    /** The last command that could not be applied (e.g. a meter change while playing), for the status line. */
    public String lastCommandError() {
        return lastCommandError;
    }

    private boolean followingClock() {
        return transport.leader() == Transport.Leader.MIDI_CLOCK;
    }

    /** True while our own commands move time (neither a MIDI clock nor an external transport leads). */
    private boolean leadingItself() {
        return transport.leader() == Transport.Leader.INTERNAL;
    }

    public void onEvent(InputEvent e, long nowNanos) {
        switch (e.kind) {
            case InputEvent.CHANNEL -> onChannelMessage(e.nanos, e.status, e.data1, e.data2);
            case InputEvent.REAL_TIME -> onRealTime(e.nanos, e.status);
            case InputEvent.SONG_POSITION -> {
                if (followingClock()) clockFollower.onSongPosition(e.data1);
            }
            case InputEvent.COMMAND -> {
                try {
                    onCommand(e, nowNanos);
                } catch (IllegalArgumentException | IllegalStateException refused) {
                    lastCommandError = e.command + ": " + refused.getMessage();
                }
            }
            case InputEvent.TICK -> {
                if (followingClock()) clockFollower.checkForDropout(nowNanos);
            }
            default -> { }
        }
        afterEvent(nowNanos);
        if (e.kind == InputEvent.CHANNEL) {
            metrics.record(Stage.INPUT_TO_CAPTURE, nowNanos - e.nanos);
        }
    }

    private void onChannelMessage(long nanos, int status, int data1, int data2) {
        metrics.inputEvents.incrementAndGet();
        recorder.recordInput(nanos, status, data1, data2);
        Timeline t = transport.timeline();
        if (!t.running()) return;
        int ch = status & 0x0F;
        switch (status & 0xF0) {
            case 0x90 -> {
                if (data2 == 0) {
                    capture.noteOff(nanos, ch, data1, t);
                } else {
                    capture.noteOn(nanos, ch, data1, data2, t);
                    if (data1 < controls.get().style().chords().splitPoint()) chordPlayed(nanos, t);
                    else if (processor.yieldsToPerformer()) out.performerPlayed(t.stepAt(nanos));
                }
            }
            case 0x80 -> capture.noteOff(nanos, ch, data1, t);
            case 0xB0 -> {
                if (data1 == 64) capture.sustainPedal(nanos, ch, data2 >= 64, t);
                else if (MidiByteParser.isAllNotesOff(status, data1)) capture.allNotesOff(nanos, ch, t);
            }
            default -> { }
        }
    }

    /**
     * A key in the chord zone went down. When its bar has already been generated and the processor rewrites
     * bars on chord changes, a revision window asks for that bar again from the beat nearest to the key
     * (or, when that beat has passed, from the next step that can still be reached). One window per key.
     */
    private void chordPlayed(long nanos, Timeline t) {
        if (!processor.revisesOnChordChange() || lastTriggeredBar == Long.MIN_VALUE) return;
        double played = t.stepAt(nanos);
        double beat = Math.rint(played / Meter.STEPS_PER_BEAT) * Meter.STEPS_PER_BEAT;
        double from = Math.max(beat, Math.ceil(played + REVISION_MARGIN_STEPS));
        long bar = (long) Math.floor(from / t.stepsPerBar());
        if (bar > lastTriggeredBar) return; // not generated yet: its own window will read the chord
        out.window(capture.window(bar + 1, nanos, t).asRevision(from));
    }

    private void onRealTime(long nanos, int status) {
        if (!followingClock()) return;
        switch (status) {
            case 0xF8 -> clockFollower.onClock(nanos);
            case 0xFA -> clockFollower.onStart(nanos);
            case 0xFB -> clockFollower.onContinue(nanos);
            case 0xFC -> clockFollower.onStop(nanos);
            default -> { }
        }
    }

    private void onCommand(InputEvent e, long nowNanos) {
        switch (e.command) {
            case PLAY -> {
                if (leadingItself() && !transport.timeline().running()) {
                    transport.start(nowNanos + START_DELAY_NANOS);
                }
            }
            case CONTINUE -> {
                if (leadingItself() && !transport.timeline().running()) {
                    transport.continueAt(nowNanos);
                }
            }
            case STOP -> {
                if (leadingItself() && transport.timeline().running()) transport.stop(nowNanos);
            }
            case SET_TEMPO -> transport.setTempo(e.value, nowNanos);
            case TAP -> {
                double bpm = tapTempo.tap(e.nanos);
                if (!Double.isNaN(bpm) && leadingItself()) transport.setTempo(bpm, nowNanos);
            }
            case SET_METER -> transport.setMeter(Meter.ofBeatsPerBar((int) e.value));
            case SET_COUNT_IN -> transport.setCountInBars((int) e.value);
            case PANIC -> {
                capture.reset(nowNanos, transport.timeline());
                out.panic(nowNanos);
            }
            case SET_PROCESSOR -> {
                processor = (BarProcessor) e.argument;
                out.processorChanged(processor);
            }
            case SET_CLOCK_SOURCE -> transport.setLeader(switch (ClockSource.values()[(int) e.value]) {
                case MIDI -> Transport.Leader.MIDI_CLOCK;
                case EXTERNAL -> Transport.Leader.EXTERNAL;
                case INTERNAL -> Transport.Leader.INTERNAL;
            });
            case FOLLOW_TRANSPORT -> {
                if (transport.leader() == Transport.Leader.EXTERNAL) transport.follow(e.nanos, e.value, e.bpm, e.data1 != 0);
            }
            case SHUTDOWN -> {
                transport.setLeader(Transport.Leader.INTERNAL);
                if (transport.timeline().running()) transport.stop(nowNanos);
                shutdown = true;
            }
        }
    }

    /**
     * Notices transport changes however they came (a command, the external clock) and publishes every
     * generation trigger that has been reached.
     */
    private void afterEvent(long nowNanos) {
        Timeline t = transport.timeline();
        if (t != lastTimeline) {
            boolean stopped = !t.running() && lastTimeline.running();
            lastTimeline = t;
            recorder.timelineChanged(t, nowNanos);
            if (stopped) {
                capture.reset(nowNanos, t);
                out.stopped(nowNanos);
                lastTriggeredBar = Long.MIN_VALUE;
                lastDecidedBeat = Long.MIN_VALUE;
            }
        }
        if (!t.running()) return;
        TriggerPoints points = processor.requiresCompleteBar(controls.get()) ? completeBarTriggers : triggers;
        if (lastTriggeredBar == Long.MIN_VALUE) lastTriggeredBar = firstBarToSkip(t, points.lookaheadSteps());
        long due = points.nextTriggeredBar(t, nowNanos) - 1; // the last bar whose trigger has been reached
        while (lastTriggeredBar < due) {
            lastTriggeredBar++;
            out.window(capture.window(lastTriggeredBar, nowNanos, t));
        }
        ChordSource chords = controls.get().style().chords();
        if (processor.revisesOnChordChange() && chords.decidesWithinBars()) beatDecisions(t, nowNanos, chords, points.lookaheadSteps());
    }

    /**
     * A chord source that decides within bars is offered each beat after the first, the lookahead before it:
     * where it asks, a revision window has the bar playing rewritten from that beat. Only beats a revision can
     * still reach are offered: after a gap (this source or a revising mode switched on mid-song, the transport
     * moved, this thread stalled) the beats left behind stay as they were played, or every note of their
     * revisions would arrive late.
     */
    private void beatDecisions(Timeline t, long nowNanos, ChordSource chords, double lookahead) {
        double nowStep = t.stepAt(nowNanos);
        long beat = (long) Math.floor((nowStep + lookahead) / Meter.STEPS_PER_BEAT);
        long firstReachable = (long) Math.ceil((nowStep + REVISION_MARGIN_STEPS) / Meter.STEPS_PER_BEAT);
        long first = lastDecidedBeat == Long.MIN_VALUE || lastDecidedBeat > beat
                ? firstReachable : Math.max(lastDecidedBeat + 1, firstReachable);
        for (long b = first; b <= beat; b++) {
            long step = b * Meter.STEPS_PER_BEAT;
            long bar = Math.floorDiv(step, t.stepsPerBar());
            int inBar = (int) (step - bar * t.stepsPerBar());
            if (inBar == 0 || bar < 0 || bar > lastTriggeredBar) continue;
            if (chords.redecidesAt(bar, inBar)) out.window(capture.window(bar + 1, nowNanos, t).asRevision(step));
        }
        lastDecidedBeat = beat;
    }

    /**
     * After a start the first bar can still be generated: the downbeat is {@link #START_DELAY_NANOS} away.
     * After a continue in mid-bar, that bar has begun and generation resumes with the next one.
     */
    private static long firstBarToSkip(Timeline t, double lookahead) {
        long bar = t.barAt(t.anchorStep());
        boolean onBarLine = t.anchorStep() == t.barStartStep(bar);
        return onBarLine ? bar - 1 : t.barAt(t.anchorStep() + lookahead);
    }

    /** The next time this stage may publish a window, for the ticker; {@link TriggerPoints#NEVER} when stopped. */
    public long nextTriggerNanos(long afterNanos) {
        Timeline t = transport.timeline();
        long next = Math.min(triggers.nextTriggerNanos(t, afterNanos), completeBarTriggers.nextTriggerNanos(t, afterNanos));
        if (t.running() && processor.revisesOnChordChange() && controls.get().style().chords().decidesWithinBars()) {
            double lookahead = triggers.lookaheadSteps();
            double nextBeat = (Math.floor((t.stepAt(afterNanos) + lookahead) / Meter.STEPS_PER_BEAT) + 1) * Meter.STEPS_PER_BEAT;
            next = Math.min(next, Math.max(afterNanos + 1, t.nanosAt(nextBeat - lookahead)));
        }
        return next;
    }

    public NoteCapture capture() {
        return capture;
    }

    public Transport transport() {
        return transport;
    }
}
