package org.analogy.engine.pipeline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import org.analogy.engine.band.Band;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.NoteCapture;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.metrics.Stage;
import org.analogy.engine.midi.MidiMessageHandler;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.output.SessionRecorder;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.Modes;
import org.analogy.engine.schedule.Scheduler;
import org.analogy.engine.spi.RealtimeThreads;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.Style;
import org.analogy.engine.time.ClockGenerator;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;
import org.analogy.engine.time.Transport;

/**
 * The live engine: input → ring 1 → capture → ring 2 → inference → ring 3 → scheduler → outputs.
 * This class is also the control API: every method is safe from any thread and returns at once; transport
 * commands travel through ring 1 so musical state keeps its single writer, and settings are swapped as an
 * immutable {@link ControlSnapshot}.
 */
public final class LiveEngine implements AutoCloseable {

    private static final long TICK_HEARTBEAT_NANOS = 20_000_000;

    private final EngineConfig config;
    private final LatencyMetrics metrics = new LatencyMetrics();
    private final SessionRecorder recorder = new SessionRecorder();
    private final AtomicReference<ControlSnapshot> controls;
    private final Transport transport;
    private final CaptureStage captureStage;
    private final InferenceStage inferenceStage;
    private final Scheduler scheduler;
    private final SchedulerLoop schedulerLoop;
    private final Disruptor<InputEvent> inputDisruptor;
    private final Disruptor<WindowEvent> windowDisruptor;
    private final RingBuffer<InputEvent> inputRing;
    private final Thread schedulerThread;
    private final Thread tickerThread;
    private volatile boolean closed;
    private volatile BarWindow lastWindow;
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final RealtimeThreads realtime = RealtimeThreads.installed();
    /** Counts down as each of the five engine threads has had its real-time set-up. */
    private final CountDownLatch realtimeSetUp = new CountDownLatch(5);

    public LiveEngine(EngineConfig config, BarProcessor processor, List<MidiOutput> outputs) {
        this.config = config;
        this.controls = new AtomicReference<>(config.controls());
        this.transport = new Transport(config.meter(), config.bpm());
        transport.setCountInBars(config.countInBars());

        RingBuffer<NoteEvent> noteRing = RingBuffer.createSingleProducer(NoteEvent::new, config.ringSize(), new BlockingWaitStrategy());
        scheduler = new Scheduler(outputs, recorder, metrics, config.schedulerCapacity(), config.lateLimitNanos());
        schedulerLoop = new SchedulerLoop(scheduler, noteRing, transport::timeline, metrics,
                scheduler.hasClockOutputs() ? new ClockGenerator(transport) : null);
        inferenceStage = new InferenceStage(processor, new RingNotes(noteRing, schedulerLoop::wake), controls::get,
                metrics, ProcessorRunner.withDeadline(named("analogy-model")), config.outputLatencyNanos(), recorder);

        windowDisruptor = new Disruptor<>(WindowEvent::new, 64, named("analogy-inference"), ProducerType.SINGLE,
                new BlockingWaitStrategy());
        windowDisruptor.handleEventsWith((event, sequence, endOfBatch) -> onWindowEvent(event));
        windowDisruptor.setDefaultExceptionHandler(countingHandler());
        RingBuffer<WindowEvent> windowRing = windowDisruptor.getRingBuffer();

        captureStage = new CaptureStage(transport, new NoteCapture(config.capture()), recorder, metrics, processor,
                controls::get, new RingWindows(windowRing));
        inputDisruptor = new Disruptor<>(InputEvent::new, config.ringSize(), named("analogy-capture"),
                ProducerType.MULTI, new BlockingWaitStrategy());
        inputDisruptor.handleEventsWith((event, sequence, endOfBatch) -> {
            long picked = System.nanoTime();
            captureStage.onEvent(event, picked);
            metrics.record(Stage.CAPTURE, System.nanoTime() - picked);
        });
        inputDisruptor.setDefaultExceptionHandler(countingHandler());
        inputRing = inputDisruptor.getRingBuffer();

        windowDisruptor.start();
        inputDisruptor.start();
        schedulerThread = named("analogy-scheduler").newThread(schedulerLoop);
        schedulerThread.setPriority(Thread.MAX_PRIORITY);
        schedulerThread.start();
        tickerThread = named("analogy-ticker").newThread(this::tick);
        tickerThread.start();
    }

    // ---- control API ------------------------------------------------------------------------------

    public void play() { command(InputEvent.Command.PLAY, 0, null); }

    public void stop() { command(InputEvent.Command.STOP, 0, null); }

    public void continuePlaying() { command(InputEvent.Command.CONTINUE, 0, null); }

    public void panic() { command(InputEvent.Command.PANIC, 0, null); }

    public void tap() { command(InputEvent.Command.TAP, 0, null); }

    public void setTempo(double bpm) {
        Timeline.checkBpm(bpm);
        command(InputEvent.Command.SET_TEMPO, bpm, null);
    }

    /** Changes the meter; refused, in one line, while a mode that plays only 4/4 runs. */
    public void setMeter(Meter meter) {
        Modes.requireMeter(mode(), meter);
        command(InputEvent.Command.SET_METER, meter.beatsPerBar(), null);
    }

    public void setCountInBars(int bars) {
        if (bars < 0 || bars > 4) throw new IllegalArgumentException("count-in " + bars + " bars: allowed 0–4");
        command(InputEvent.Command.SET_COUNT_IN, bars, null);
    }

    public void setClockSource(CaptureStage.ClockSource source) {
        schedulerLoop.setLeading(source == CaptureStage.ClockSource.INTERNAL);
        command(InputEvent.Command.SET_CLOCK_SOURCE, source.ordinal(), null);
    }

    /**
     * Moves the transport to an external one's state (a JACK transport): at {@code nanos} the position is
     * {@code step}, the tempo {@code bpm}. Applied on the capture thread, and only while the clock source is
     * {@link CaptureStage.ClockSource#EXTERNAL}. Call it when the external state changes, not every period.
     */
    public void followTransport(long nanos, double step, double bpm, boolean rolling) {
        if (closed) return;
        long seq = inputRing.next();
        try {
            InputEvent e = inputRing.get(seq);
            e.setCommand(nanos, InputEvent.Command.FOLLOW_TRANSPORT, step, null);
            e.bpm = bpm;
            e.data1 = rolling ? 1 : 0;
        } finally {
            inputRing.publish(seq);
        }
    }

    /** The processor (mode) used from the next bar on; notes already generated play out. */
    /** Switches the mode from the next bar; a 4/4 model mode is refused while the meter is 3/4 (see {@link Modes#requireMeter}). */
    public void setProcessor(BarProcessor processor) {
        Modes.requireMeter(processor.name(), timeline().meter());
        command(InputEvent.Command.SET_PROCESSOR, 0, processor);
    }

    /** Replaces the settings; the change is heard from the next bar line. */
    public ControlSnapshot updateControls(UnaryOperator<ControlSnapshot> change) {
        return controls.updateAndGet(change);
    }

    public ControlSnapshot controls() { return controls.get(); }

    /**
     * Puts a preset in force from the next bar line: its references are encoded now, on the caller's thread,
     * then its settings are swapped in and, when its mode differs from the one running, a fresh processor of
     * that mode takes over (notes already generated play out, so nothing hangs). A preset these band
     * cannot play (a model mode without the model, an attribute the bundle lacks) is refused with a {@link
     * org.analogy.engine.style.PresetException} naming file and field, and the running style is unchanged.
     */
    public void applyPreset(Preset preset, Band band) throws Exception {
        // Everything that can fail happens before anything changes: a preset refused leaves the style running.
        band.checkPlayable(preset.style(), preset.file() != null ? preset.file().toString() : "preset " + preset.name());
        Modes.requireMeter(preset.style().mode(), timeline().meter()); // a 4/4 mode is refused in 3/4, not failed per bar
        band.prepare(preset.style());
        BarProcessor running = inferenceStage.processor();
        if (!running.name().equals(preset.style().mode())) setProcessor(Modes.create(preset.style().mode(), band));
        controls.updateAndGet(preset::applyTo);
    }

    /** Replaces the style (a transform moved, a chord source switched); heard from the next bar line. */
    public ControlSnapshot updateStyle(UnaryOperator<Style> change) {
        return controls.updateAndGet(c -> c.withStyle(change.apply(c.style())));
    }

    /** The running mode's name. */
    public String mode() { return inferenceStage.processor().name(); }

    /** The chord the running mode is playing to, for the status line and the window. */
    public Chord chordInUse() { return inferenceStage.processor().chordInUse(); }

    public Timeline timeline() { return transport.timeline(); }

    public LatencyMetrics metrics() { return metrics; }

    public SessionRecorder recorder() { return recorder; }

    public BarWindow lastWindow() { return lastWindow; }

    public String lastError() { return inferenceStage.lastError(); }

    public EngineConfig config() { return config; }

    /**
     * A handler for one input source (a device, a file player): gives it to a {@link
     * org.analogy.engine.midi.MidiByteParser} or call it with whole messages. Each source needs its own
     * parser (running status is per source); all of them publish into ring 1.
     */
    public MidiMessageHandler inputHandler() {
        return new MidiMessageHandler() {
            @Override
            public void channelMessage(long nanos, int status, int data1, int data2) {
                publish(InputEvent.CHANNEL, nanos, status, data1, data2);
            }

            @Override
            public void realTime(long nanos, int status) {
                publish(InputEvent.REAL_TIME, nanos, status, 0, 0);
            }

            @Override
            public void songPosition(long nanos, int sixteenths) {
                publish(InputEvent.SONG_POSITION, nanos, 0xF2, sixteenths, 0);
            }
        };
    }

    // ---- internals --------------------------------------------------------------------------------

    private void publish(int kind, long nanos, int status, int data1, int data2) {
        if (closed) return;
        long seq = inputRing.next();
        try {
            inputRing.get(seq).set(kind, nanos, status, data1, data2);
        } finally {
            inputRing.publish(seq);
        }
    }

    private void command(InputEvent.Command command, double value, Object argument) {
        if (closed) return;
        long seq = inputRing.next();
        try {
            inputRing.get(seq).setCommand(System.nanoTime(), command, value, argument);
        } finally {
            inputRing.publish(seq);
        }
    }

    private void onWindowEvent(WindowEvent e) {
        switch (e.kind) {
            case WindowEvent.WINDOW -> {
                if (!e.window.isRevision()) lastWindow = e.window;
                inferenceStage.onWindow(e.window, System.nanoTime());
            }
            case WindowEvent.STOP, WindowEvent.PANIC -> inferenceStage.allOff(e.nanos);
            case WindowEvent.PROCESSOR -> inferenceStage.setProcessor(e.processor);
            case WindowEvent.PERFORMER -> inferenceStage.performerPlayed(e.step);
            default -> { }
        }
        // The ring keeps its slots: without this, 64 past windows (with their note history) would stay
        // reachable, which a flood of notes makes tens of megabytes.
        e.window = null;
        e.processor = null;
    }

    /** Wakes the capture stage at every generation trigger (and on a heartbeat, to notice tempo changes). */
    private void tick() {
        while (!closed) {
            long now = System.nanoTime();
            long next = captureStage.nextTriggerNanos(now);
            long wait = Math.min(next - now, TICK_HEARTBEAT_NANOS);
            if (wait > 0) LockSupport.parkNanos(wait);
            if (closed) break;
            if (System.nanoTime() >= next || wait == TICK_HEARTBEAT_NANOS) {
                publish(InputEvent.TICK, System.nanoTime(), 0, 0, 0);
            }
        }
    }

    private <T> ExceptionHandler<T> countingHandler() {
        return new ExceptionHandler<>() {
            @Override
            public void handleEventException(Throwable ex, long sequence, T event) {
                metrics.processorErrors.incrementAndGet();
                System.getLogger("analogy.engine").log(System.Logger.Level.ERROR, "event " + sequence + " failed", ex);
            }

            @Override
            public void handleOnStartException(Throwable ex) {
                System.getLogger("analogy.engine").log(System.Logger.Level.ERROR, "stage failed to start", ex);
            }

            @Override
            public void handleOnShutdownException(Throwable ex) {
                System.getLogger("analogy.engine").log(System.Logger.Level.ERROR, "stage failed to stop", ex);
            }
        };
    }

    /**
     * Stops the transport, releases every sounding note (note-offs, then CC 123 on the channels used) and
     * stops the threads. Safe to call more than once.
     */
    @Override
    public void close() {
        if (closed) return;
        command(InputEvent.Command.SHUTDOWN, 0, null);
        closed = true;
        try {
            inputDisruptor.shutdown(2, TimeUnit.SECONDS);
            windowDisruptor.shutdown(2, TimeUnit.SECONDS);
        } catch (com.lmax.disruptor.TimeoutException e) {
            inputDisruptor.halt();
            windowDisruptor.halt();
        }
        inferenceStage.close();
        schedulerLoop.halt();
        try {
            schedulerThread.join(2000);
            tickerThread.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the real-time set-up of the engine's threads granted and refused, one line per step. Waits (up to
     * a second) until every engine thread has started and had its turn.
     */
    public java.util.List<String> realtimeReport() {
        try {
            realtimeSetUp.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return realtime.report();
    }

    /** The engine's threads by role (capture, inference, model, scheduler, ticker), for real-time setup and measurement. */
    public Map<String, Thread> threads() { return Map.copyOf(threads); }

    public String lastCommandError() { return captureStage.lastCommandError(); }

    private ThreadFactory named(String name) {
        String role = name.substring("analogy-".length());
        return runnable -> {
            Thread t = new Thread(() -> {
                try {
                    realtime.threadStarted(role);
                } catch (RuntimeException | LinkageError e) {
                    // best effort by contract; a broken implementation must not stop the engine
                } finally {
                    realtimeSetUp.countDown();
                }
                runnable.run();
            }, name);
            t.setDaemon(true);
            threads.put(role, t);
            return t;
        };
    }
}
