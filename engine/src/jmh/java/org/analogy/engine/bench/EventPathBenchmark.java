package org.analogy.engine.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.NoteCapture;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.output.SessionRecorder;
import org.analogy.engine.pipeline.CaptureStage;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.InputEvent;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.process.Part;
import org.analogy.engine.schedule.Scheduler;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;
import org.analogy.engine.time.Transport;

/**
 * The two halves of the event path, each called on the benchmark thread with a virtual clock so that
 * nothing but the engine's own code is measured: input → capture (one MIDI event through the capture
 * stage, recorded) and scheduler → output (a generated note queued, then its note-on and note-off sent
 * and recorded). Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is bytes per event, over all threads.
 *
 * <p>Each invocation is a fixed batch of {@value #EVENTS} events (single shot), so the whole run's number of
 * events is known in advance and the session recording can be reserved before measuring. The recording keeps
 * every event on purpose (12 bytes each); reserving it makes the remaining allocation, the event path's own,
 * visible on its own.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class EventPathBenchmark {

    static final int EVENTS = 200_000;
    /** Virtual nanoseconds between input events: a flood, so that no bar line falls inside a batch. */
    static final long EVENT_SPACING = 1_000;

    private final LatencyMetrics metrics = new LatencyMetrics();
    private final SessionRecorder recorder = new SessionRecorder();
    private final InputEvent event = new InputEvent();
    private CaptureStage capture;
    private long now = 1_000_000_000L;
    private long windows;

    private final CountingOutput output = new CountingOutput();
    private Scheduler scheduler;
    private Timeline timeline;
    private double step;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        long invocations = (long) params.getWarmup().getCount() * params.getWarmup().getBatchSize()
                + (long) params.getMeasurement().getCount() * params.getMeasurement().getBatchSize();
        recorder.reserve(invocations * EVENTS + EVENTS, invocations * EVENTS + EVENTS);

        // 30 BPM: a bar lasts 8 s of virtual time, a batch 0.2 s, so a window (once per bar) is rare.
        EngineConfig config = EngineConfig.defaults().withBpm(30);
        Transport transport = new Transport(config.meter(), config.bpm());
        BarProcessor echo = new EchoProcessor();
        capture = new CaptureStage(transport, new NoteCapture(config.capture()), recorder, metrics, echo,
                () -> ControlSnapshot.DEFAULT, new CaptureStage.WindowSink() {
                    @Override
                    public void window(BarWindow window) {
                        windows++;
                    }

                    @Override
                    public void stopped(long nanos) {}

                    @Override
                    public void panic(long nanos) {}

                    @Override
                    public void processorChanged(BarProcessor processor) {}
                });
        event.setCommand(now, InputEvent.Command.PLAY, 0, null);
        capture.onEvent(event, now);
        now += 200_000_000L; // past the first downbeat

        scheduler = new Scheduler(List.of(output), recorder, metrics, config.schedulerCapacity(), config.lateLimitNanos());
        timeline = Timeline.of(120, Meter.FOUR_FOUR, 1_000_000_000L, 0, true);
    }

    /**
     * The control: a batch of the same size doing next to nothing. What JMH itself allocates per iteration
     * shows up here, spread over the batch; the event path's own allocation is its figure minus this one.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long emptyBatch() {
        long sum = 0;
        for (int i = 0; i < EVENTS; i++) sum += (now += EVENT_SPACING) & 0xFF;
        return sum;
    }

    /** One event of a player's stream: notes on and off, with mod wheel and pitch bend between them. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long inputToCapture() {
        for (int i = 0; i < EVENTS; i++) {
            now += EVENT_SPACING;
            int pitch = 48 + (i >> 2) % 36;
            switch (i & 3) {
                case 0 -> event.set(InputEvent.CHANNEL, now, 0x90, pitch, 90);
                case 1 -> event.set(InputEvent.CHANNEL, now, 0xB0, 1, i & 0x7F);
                case 2 -> event.set(InputEvent.CHANNEL, now, 0x80, pitch, 0);
                default -> event.set(InputEvent.CHANNEL, now, 0xE0, 0, 64 + (i & 15));
            }
            capture.onEvent(event, now);
        }
        return windows;
    }

    /**
     * One sent event: notes are queued 64 at a time (as a bar's worth arrives from inference), then sent at
     * their times; each note is two events, its note-on and its note-off.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long schedulerToOutput() {
        for (int sent = 0; sent < EVENTS; sent += 128) {
            for (int n = 0; n < 64; n++) {
                scheduler.scheduleNote(Part.MELODY, 0, 48 + n % 36, 90, step + n * 0.25, 0.2);
            }
            for (int n = 0; n < 64; n++) {
                scheduler.dispatchDue(timeline.nanosAt(step + n * 0.25), timeline);
                scheduler.dispatchDue(timeline.nanosAt(step + n * 0.25 + 0.2), timeline);
            }
            step += 16;
        }
        return output.events;
    }
}
