package org.analogy.engine.render;

import java.util.List;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.NoteCapture;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.output.SessionRecorder;
import org.analogy.engine.pipeline.CaptureStage;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.InputEvent;
import org.analogy.engine.pipeline.VirtualStages;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.schedule.Scheduler;
import org.analogy.engine.time.Timeline;
import org.analogy.engine.time.Transport;

/**
 * The live pipeline's stages run in virtual time, as fast as the machine allows: the capture, inference
 * and scheduler stages are the very same classes as live, called in time order by one loop instead of
 * being woken by rings and threads. Used by {@code render}, the tests and the soak run.
 */
public final class VirtualSession {

    /** Virtual time starts here, not at zero, so that nothing is confused with "unset". */
    private static final long ORIGIN_NANOS = 1_000_000_000L;

    private final EngineConfig config;
    private final LatencyMetrics metrics = new LatencyMetrics();
    private final SessionRecorder recorder = new SessionRecorder();
    private final Transport transport;
    private final Scheduler scheduler;
    private final CaptureStage capture;
    private final VirtualStages stages;
    private final InputEvent event = new InputEvent();
    private ControlSnapshot controls;
    private long now = ORIGIN_NANOS;

    public VirtualSession(EngineConfig config, BarProcessor processor, List<MidiOutput> outputs) {
        this(config, processor, outputs, true);
    }

    /**
     * @param keepWindows whether {@link #windows()} keeps every window; a long run (a soak, hours of
     *                    music) passes false, so that memory holds only what the recording keeps
     */
    public VirtualSession(EngineConfig config, BarProcessor processor, List<MidiOutput> outputs, boolean keepWindows) {
        this.config = config;
        this.controls = config.controls();
        this.transport = new Transport(config.meter(), config.bpm());
        transport.setCountInBars(config.countInBars());
        this.scheduler = new Scheduler(outputs, recorder, metrics, config.schedulerCapacity(), config.lateLimitNanos());
        this.stages = new VirtualStages(processor, scheduler, () -> controls, metrics, config.outputLatencyNanos(), keepWindows, recorder);
        this.capture = new CaptureStage(transport, new NoteCapture(config.capture()), recorder, metrics, processor,
                () -> controls, stages.windowSink(() -> now));
    }

    /**
     * Called at every bar line of a {@link #play}, in virtual time, before anything else due then; it may
     * change the session (controls, processor, tempo) as a performer would at that moment.
     */
    @FunctionalInterface
    public interface BarListener {
        void barLine(long bar, VirtualSession session);
    }

    /**
     * Plays the performance from its first downbeat, lets the engine run {@code tailBars} bars past the
     * last input message, then stops (which releases everything still sounding).
     */
    public void play(PerformanceInput input, int tailBars) {
        play(input, tailBars, null);
    }

    /** As {@link #play(PerformanceInput, int)}, calling {@code listener} (may be null) at each bar line. */
    public void play(PerformanceInput input, int tailBars, BarListener listener) {
        command(InputEvent.Command.PLAY, 0);
        int stepsPerBar = transport.timeline().stepsPerBar();
        double endStep = (Math.floor(input.endStep() / stepsPerBar) + 1 + tailBars) * stepsPerBar;
        int nextMessage = 0;
        int nextTempo = 0;
        List<PerformanceInput.Message> messages = input.messages();
        List<PerformanceInput.TempoChange> tempos = input.tempoChanges();
        long nextBar = 0;
        while (true) {
            Timeline t = transport.timeline();
            long barAt = listener == null ? Long.MAX_VALUE : t.nanosAt(t.barStartStep(nextBar));
            long messageAt = nextMessage < messages.size() ? t.nanosAt(messages.get(nextMessage).step()) : Long.MAX_VALUE;
            long tempoAt = nextTempo < tempos.size() ? t.nanosAt(tempos.get(nextTempo).step()) : Long.MAX_VALUE;
            long tickAt = capture.nextTriggerNanos(now);
            long dueAt = scheduler.nextDueNanos(t);
            long endAt = t.nanosAt(endStep);
            long cueAt = cues.isEmpty() ? Long.MAX_VALUE : t.nanosAt(cues.get(0).step());
            long next = Math.min(Math.min(Math.min(messageAt, tempoAt), Math.min(tickAt, dueAt)), cueAt);
            if (endAt <= Math.min(next, barAt)) {
                now = Math.max(now, endAt);
                break;
            }
            if (barAt <= next) {
                now = Math.max(now, barAt);
                listener.barLine(nextBar++, this);
                continue;
            }
            now = Math.max(now, next);
            if (next == cueAt) {
                cues.remove(0).action().run();
            } else if (next == tempoAt) {
                command(InputEvent.Command.SET_TEMPO, tempos.get(nextTempo++).bpm());
            } else if (next == messageAt) {
                PerformanceInput.Message m = messages.get(nextMessage++);
                event.set(InputEvent.CHANNEL, now, m.status(), m.data1(), m.data2());
                capture.onEvent(event, now);
            } else if (next == tickAt) {
                event.set(InputEvent.TICK, now, 0, 0, 0);
                capture.onEvent(event, now);
            }
            scheduler.dispatchDue(now, transport.timeline());
        }
        scheduler.dispatchDue(now, transport.timeline());
        command(InputEvent.Command.STOP, 0);
    }

    /** Sends a control command through the capture stage at the current virtual time. */
    public void command(InputEvent.Command command, double value) {
        command(command, value, null);
    }

    /** The processor (mode) used from the next window on, as {@code LiveEngine.setProcessor}. */
    public void setProcessor(BarProcessor processor) {
        command(InputEvent.Command.SET_PROCESSOR, 0, processor);
    }

    private void command(InputEvent.Command command, double value, Object argument) {
        event.setCommand(now, command, value, argument);
        capture.onEvent(event, now);
        scheduler.dispatchDue(now, transport.timeline());
    }

    /** The name of the mode generating the bars now (a processor set with {@link #setProcessor} counts at once). */
    public String mode() {
        return stages.mode();
    }

    /** Runs {@code action} (a mode or control change) when virtual time reaches {@code step}, during {@link #play}. */
    public void at(double step, Runnable action) {
        cues.add(new Cue(step, action));
        cues.sort(java.util.Comparator.comparingDouble(Cue::step));
    }

    private record Cue(double step, Runnable action) {}

    private final List<Cue> cues = new java.util.ArrayList<>();

    public ControlSnapshot controls() {
        return controls;
    }

    public void setControls(ControlSnapshot snapshot) {
        this.controls = snapshot;
    }

    public SessionRecorder recorder() {
        return recorder;
    }

    public LatencyMetrics metrics() {
        return metrics;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Timeline timeline() {
        return transport.timeline();
    }

    public List<BarWindow> windows() {
        return stages.windows();
    }

    public long nowNanos() {
        return now;
    }
}
