package org.analogy.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CaptureSettings;
import org.analogy.engine.input.FilePlayer;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.metrics.Stage;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.pipeline.CaptureStage;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.time.Meter;

@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Runs the live engine headless until interrupted (Ctrl-C), printing one status line per bar.",
                "On exit every sounding note is released and the recording is written."})
final class LiveCommand implements Callable<Integer> {

    @Option(names = "--in", defaultValue = "auto", paramLabel = "PORT|file:F.mid|demo|none",
            description = "Input: part of a device name, a MIDI file played as the performer, the built-in demo, or none."
                    + " Default: the first controller, else the demo.")
    String in;

    @Option(names = "--loop", description = "Repeat a file input (the demo always loops).")
    boolean loop;

    @Option(names = "--track", paramLabel = "N|NAME", description = "With file input: play only this track.")
    String track;

    @Option(names = "--out", paramLabel = "PORT|synth|none", split = ",",
            description = "Output(s): part of a device name, synth (the JDK synthesizer, default) or none. Repeatable.")
    List<String> out = new ArrayList<>();

    @Option(names = "--bpm", paramLabel = "N", description = "Tempo, 30–300 (default: the input file's, else 120).")
    Double bpm;

    @Option(names = "--meter", paramLabel = "4/4|3/4", description = "Meter (default: the input file's, else 4/4).")
    String meter;

    @Option(names = "--count-in", defaultValue = "0", paramLabel = "BARS", description = "Count-in bars, 0–4.")
    int countIn;

    @Mixin
    ModeOptions mode;

    @Option(names = "--channel", paramLabel = "1-16", description = "Capture only this input channel (default: all).")
    Integer channel;

    @Option(names = "--clock", defaultValue = "internal", paramLabel = "internal|midi",
            description = "Follow the input's MIDI clock (a DAW leading) or keep our own tempo.")
    CaptureStage.ClockSource clock;

    @Option(names = "--lookahead", defaultValue = "1.0", paramLabel = "STEPS",
            description = "How long before each bar line the next bar is generated, in 16ths (default: ${DEFAULT-VALUE}).")
    double lookahead;

    @Option(names = "--record", paramLabel = "F.mid", description = "Write the recording here (default: ~/.analogy/recordings/session-TIME.mid).")
    Path record;

    @Option(names = "--no-record", description = "Do not write a recording.")
    boolean noRecord;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop by itself after N seconds.")
    Double seconds;

    @Override
    public Integer call() throws Exception {
        Endpoints.InputSpec input = Endpoints.resolveInput(in, track);
        double tempo = bpm != null ? bpm
                : input instanceof Endpoints.FileInput f ? f.performance().initialBpm() : 120;
        Meter meterValue = meter != null ? Meter.parse(meter)
                : input instanceof Endpoints.FileInput f ? f.performance().meter() : Meter.FOUR_FOUR;
        int mask = channel == null ? 0xFFFF : 1 << checkChannel(channel) - 1;
        EngineConfig config = EngineConfig.defaults().withBpm(tempo).withMeter(meterValue).withCountInBars(countIn)
                .withCapture(CaptureSettings.DEFAULT.withLookahead(lookahead).withChannelMask(mask))
                .withControls(mode.controls());
        Path recording = noRecord ? null : record != null ? record : Endpoints.defaultRecording();
        List<MidiOutput> outputs = Endpoints.openOutputs(out);

        LiveEngine engine = new LiveEngine(config, mode.processor(), outputs);
        engine.setClockSource(clock);
        AutoCloseable source = connect(input, engine);
        CountDownLatch done = new CountDownLatch(1);
        Thread cleanup = new Thread(() -> shutDown(engine, source, outputs, recording, done), "analogy-shutdown");
        Runtime.getRuntime().addShutdownHook(cleanup);

        System.out.printf("analogy live: %s → %s | %s, %.0f BPM %s | mode %s%s%n", describe(input),
                outputs.isEmpty() ? "no output" : String.join(", ", outputs.stream().map(MidiOutput::name).toList()),
                clock == CaptureStage.ClockSource.MIDI ? "following MIDI clock" : "internal clock", tempo, meterValue, mode.mode,
                recording == null ? "" : " | recording to " + recording);
        System.out.println("Ctrl-C to stop; " + ConsoleControls.HELP);
        ConsoleControls keys = new ConsoleControls(engine, System.out);
        keys.listen(System.in);
        if (clock == CaptureStage.ClockSource.INTERNAL) engine.play();
        printStatusUntil(engine, seconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9),
                source instanceof FilePlayer p && !loop && !isDemo(input) ? p : null, keys);
        Runtime.getRuntime().removeShutdownHook(cleanup);
        shutDown(engine, source, outputs, recording, done);
        done.await(5, TimeUnit.SECONDS);
        return engine.metrics().processorErrors.get() == 0 ? 0 : 1;
    }

    private static int checkChannel(int channel) {
        if (channel < 1 || channel > 16) throw new IllegalArgumentException("--channel " + channel + ": allowed 1–16");
        return channel;
    }

    private static boolean isDemo(Endpoints.InputSpec input) {
        return input instanceof Endpoints.FileInput f && f.isDemo();
    }

    private AutoCloseable connect(Endpoints.InputSpec input, LiveEngine engine) throws Exception {
        if (input instanceof Endpoints.DeviceInput device) {
            return Endpoints.connect(device, engine.inputHandler(), 0xFFFF);
        }
        if (input instanceof Endpoints.FileInput file) {
            return new FilePlayer(file.performance(), engine.inputHandler(), engine::timeline, loop || file.isDemo()).start();
        }
        return () -> { };
    }

    private static String describe(Endpoints.InputSpec input) {
        if (input instanceof Endpoints.DeviceInput d) return d.port().name();
        if (input instanceof Endpoints.FileInput f) return f.label();
        return "no input";
    }

    /** One line per bar until the deadline, the end of a non-looping file, or interruption. */
    private static void printStatusUntil(LiveEngine engine, long deadlineNanos, FilePlayer finiteFile,
                                         ConsoleControls keys) throws InterruptedException {
        BarWindow shown = null;
        long misses = 0;
        String commandError = null;
        while (System.nanoTime() < deadlineNanos && !keys.quitRequested()) {
            Thread.sleep(20);
            BarWindow w = engine.lastWindow();
            if (w != null && w != shown) {
                shown = w;
                System.out.println(statusLine(engine, w));
            }
            long nowMisses = engine.metrics().deadlineMisses.get();
            if (nowMisses != misses && engine.lastError() != null) {
                System.out.println("  ! " + engine.lastError());
                misses = nowMisses;
            }
            String refused = engine.lastCommandError();
            if (refused != null && !refused.equals(commandError)) {
                System.out.println("  ! " + refused);
                commandError = refused;
            }
            if (finiteFile != null && finiteFile.isFinished()) {
                Thread.sleep((long) (engine.timeline().nanosAt(engine.config().meter().stepsPerBar()) - engine.timeline().nanosAt(0)) / 1_000_000 * 2);
                break;
            }
        }
    }

    static String statusLine(LiveEngine engine, BarWindow w) {
        LatencyMetrics m = engine.metrics();
        Map<Stage, Histogram> interval = m.interval();
        Histogram inference = interval.get(Stage.INFERENCE);
        Histogram schedule = interval.get(Stage.SCHEDULE_ERROR);
        return String.format("bar %4d | chord %-6s | %5.1f BPM | inference %6.2f ms | sched p99 %5.3f ms | misses %d | in %d out %d",
                w.targetBar(), "—", engine.timeline().bpm(),
                inference.getTotalCount() == 0 ? 0.0 : inference.getMaxValue() / 1e6,
                schedule.getTotalCount() == 0 ? 0.0 : schedule.getValueAtPercentile(99) / 1e6,
                m.deadlineMisses.get(), m.inputEvents.get(), m.eventsSent.get());
    }

    private static void shutDown(LiveEngine engine, AutoCloseable source, List<MidiOutput> outputs, Path recording,
                                 CountDownLatch done) {
        if (done.getCount() == 0) return;
        synchronized (done) {
            if (done.getCount() == 0) return;
            try {
                source.close();
            } catch (Exception e) {
                System.err.println("analogy: closing the input failed: " + e.getMessage());
            }
            engine.close(); // note-offs for everything sounding, then CC 123
            for (MidiOutput o : outputs) o.close();
            if (recording != null) {
                try {
                    engine.recorder().save(recording);
                    System.out.println("recording → " + recording + " (" + engine.recorder().inputEventCount() + " played, "
                            + engine.recorder().outputEventCount() + " generated events)");
                } catch (Exception e) {
                    System.err.println("analogy: could not write the recording to " + recording + ": " + e.getMessage());
                }
            }
            LatencyMetrics m = engine.metrics();
            System.out.printf("stopped: %d bars generated, %d covered, %d deadline misses, %d events sent%n",
                    m.barsGenerated.get(), m.coveredBars.get(), m.deadlineMisses.get(), m.eventsSent.get());
            done.countDown();
        }
    }
}
