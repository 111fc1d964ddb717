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
import org.analogy.engine.health.BarStatus;
import org.analogy.engine.health.DeviceWatch;
import org.analogy.engine.health.Health;
import org.analogy.engine.input.FilePlayer;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.metrics.Stage;
import org.analogy.engine.midi.MidiPortException;
import org.analogy.engine.osc.OscCommands;
import org.analogy.engine.osc.OscServer;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.pipeline.CaptureStage;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.time.Meter;

@Command(name = "live", mixinStandardHelpOptions = true,
        description = {"Runs the live engine headless until interrupted (Ctrl-C), printing one status line per bar. "
                + "On exit every sounding note is released and the recording is written."})
final class LiveCommand implements Callable<Integer> {

    @Option(names = "--in", defaultValue = "auto", paramLabel = "PORT|file:F.mid|demo|jack[:PATTERN]|plugin[:N]|none",
            description = "Input: part of a device name, a MIDI file played as the performer, the built-in demo,"
                    + " JACK (port analogy:in, connected to source ports matching PATTERN), the Analogy plugin in a DAW"
                    + " (instance N, default 1), or none."
                    + " Default: the first controller, else the demo.")
    String in;

    @Option(names = "--loop", description = "Repeat a file input (the demo always loops).")
    boolean loop;

    @Option(names = "--track", paramLabel = "N|NAME", description = "With file input: play only this track.")
    String track;

    @Option(names = "--out", paramLabel = "PORT|synth|jack[:PATTERN]|jack-parts[:PATTERN]|plugin[:N]|none", split = ",",
            description = "Output(s): part of a device name, synth (the JDK synthesizer, default), JACK (port analogy:out,"
                    + " connected to destination ports matching PATTERN), JACK with a port per part (analogy:melody,"
                    + " analogy:accompaniment, …), the Analogy plugin's MIDI out (instance N), or none. Repeatable.")
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

    @Option(names = "--clock", paramLabel = "internal|midi|jack|jack-master|plugin",
            description = "internal: our own tempo (the default, except with --in plugin). midi: follow the input's MIDI clock (a DAW leading)."
                    + " jack: follow the JACK transport (tempo and position of its timebase master)."
                    + " jack-master: our own tempo, and Analogy is JACK timebase master (JACK transport follows us)."
                    + " plugin: follow the transport of the DAW hosting the Analogy plugin (the default with --in plugin).")
    String clock;

    @Option(names = "--lookahead", defaultValue = "1.0", paramLabel = "STEPS",
            description = "How long before each bar line the next bar is generated, in 16ths (default: ${DEFAULT-VALUE}).")
    double lookahead;

    @Option(names = "--record", paramLabel = "F.mid", description = "Write the recording here (default: ~/.analogy/recordings/session-TIME.mid).")
    Path record;

    @Option(names = "--no-record", description = "Do not write a recording (the default with --unattended).")
    boolean noRecord;

    @Option(names = "--note-log", paramLabel = "F.csv",
            description = "Write every note the starting mode generates and every event sent ahead to an output (plugin, JACK),"
                    + " each with the 16th step it is due at (for checking timing in a host).")
    Path noteLog;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop by itself after N seconds.")
    Double seconds;

    @Option(names = "--osc", paramLabel = "PORT", description = "Listen for OSC control on this UDP port (off by default;"
            + " addresses in the README). 0: any free port.")
    Integer oscPort;

    @Option(names = "--osc-bind", defaultValue = OscServer.DEFAULT_BIND, paramLabel = "ADDR",
            description = "Address OSC listens on (default ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String oscBind;

    @Option(names = "--osc-allow", split = ",", paramLabel = "ADDR",
            description = "Numeric addresses OSC replies may be sent to besides this machine's loopback"
                    + " (/analogy/reply to any other is refused).")
    List<String> oscAllow = new ArrayList<>();

    @Option(names = "--unattended", description = "Installation mode: keep going through device loss and return"
            + " (re-opened when back), model errors and bad input; a health line every minute instead of a line per bar;"
            + " no recording unless --record is given.")
    boolean unattended;

    @Option(names = "--health-seconds", defaultValue = "60", paramLabel = "N", hidden = true,
            description = "Seconds between health lines with --unattended.")
    double healthSeconds;

    /** The --osc-allow addresses, each a numeric address. */
    java.util.Set<java.net.InetAddress> allowedReplyTargets() {
        java.util.Set<java.net.InetAddress> allowed = new java.util.HashSet<>();
        for (String a : oscAllow) {
            java.net.InetAddress ip = OscServer.numericAddress(a.trim());
            if (ip == null) throw new IllegalArgumentException("--osc-allow " + a + ": not a numeric address (e.g. 192.168.1.20)");
            allowed.add(ip);
        }
        return allowed;
    }

    @Override
    public Integer call() throws Exception {
        if (seconds != null) org.analogy.engine.Limits.seconds("--seconds", seconds);
        org.analogy.engine.Limits.seconds("--health-seconds", healthSeconds);
        allowedReplyTargets(); // a bad --osc-allow is refused before anything starts
        if (oscPort != null && (oscPort < 0 || oscPort > 65535)) {
            throw new IllegalArgumentException("--osc " + oscPort + ": allowed 1–65535 (0: any free port)");
        }
        mode.preferModel = true; // so that a preset switched to on the console can use any mode
        if (unattended) Unattended.installUncaughtHandler();
        String waitingFor = null; // --unattended with a named controller that is not plugged in yet
        Endpoints.InputSpec input;
        try {
            input = Endpoints.resolveInput(in, track);
        } catch (MidiPortException e) {
            if (!unattended || !isDeviceName(in)) throw e;
            input = new Endpoints.NoInput();
            waitingFor = in;
        }
        double tempo = bpm != null ? bpm
                : input instanceof Endpoints.FileInput f ? f.performance().initialBpm() : 120;
        Meter meterValue = meter != null ? Meter.parse(meter)
                : input instanceof Endpoints.FileInput f ? f.performance().meter() : Meter.FOUR_FOUR;
        int mask = channel == null ? 0xFFFF : 1 << checkChannel(channel) - 1;
        org.analogy.engine.process.Modes.requireMeter(mode.processor().name(), meterValue);
        EngineConfig config = EngineConfig.defaults().withBpm(tempo).withMeter(meterValue).withCountInBars(countIn)
                .withCapture(CaptureSettings.DEFAULT.withLookahead(lookahead).withChannelMask(mask))
                .withControls(mode.controls());
        // Unattended, a whole-session recording would grow for days: only when asked for with --record.
        Path recording = noRecord || (unattended && record == null) ? null : record != null ? record : Endpoints.defaultRecording();
        Clock clockChoice = Clock.parse(clock != null ? clock
                : input instanceof Endpoints.BackendInput b && b.spec().backend().equals("plugin") ? "plugin" : "internal");
        Backends backends = new Backends();
        NoteLog log = noteLog == null ? null : NoteLog.open(noteLog);
        List<MidiOutput> opened = Endpoints.openOutputs(out, backends);
        List<MidiOutput> outputs = log == null ? opened : opened.stream().map(log::wrap).toList();

        org.analogy.engine.render.WarmUp.mode(mode.processor().name(), mode.setup().band(), mode.controls(), meterValue, tempo);
        BarProcessor processor = log == null ? mode.processor() : log.wrap(mode.processor());
        LiveEngine engine = new LiveEngine(config, processor, outputs);
        engine.recorder().setEnabled(recording != null); // nothing kept that is never written
        engine.setClockSource(clockChoice.source);
        AutoCloseable connected = connect(input, engine, backends);
        DeviceWatch devices = null;
        if (unattended) {
            String fragment = input instanceof Endpoints.DeviceInput ? (isDeviceName(in) ? in : ((Endpoints.DeviceInput) input).port().name()) : waitingFor;
            devices = Unattended.watch(engine, fragment, fragment == null || waitingFor != null ? null : connected, outputs);
            if (waitingFor != null) Unattended.say("input '" + waitingFor + "' is not plugged in; waiting for it");
        }
        DeviceWatch watch = devices;
        boolean watchHoldsInput = input instanceof Endpoints.DeviceInput;
        AutoCloseable source = watch == null ? connected : () -> {
            watch.close(); // closes the input connection it holds (the first one or a re-opened one)
            if (!watchHoldsInput) connected.close();
        };
        AutoCloseable transportSync = clockChoice.backend != null
                ? backends.connection(clockChoice.backend).syncTransport(engine, clockChoice.leadsJack) : () -> { };
        CountDownLatch done = new CountDownLatch(1);
        Runnable stopAll = () -> shutDown(engine, () -> {
            transportSync.close();
            source.close();
        }, outputs, backends, recording, done);
        Thread cleanup = new Thread(stopAll, "analogy-shutdown");
        Runtime.getRuntime().addShutdownHook(cleanup);

        System.out.printf("analogy live: %s → %s | %s, %.0f BPM %s | mode %s%s%n", describe(input),
                outputs.isEmpty() ? "no output" : String.join(", ", outputs.stream().map(MidiOutput::name).toList()),
                clockChoice.label, tempo, meterValue, mode.describe(), recording == null ? "" : " | recording to " + recording);
        backends.describe().forEach(line -> System.out.println("  " + line));
        mode.setup().band().describe().forEach(line -> System.out.println("  " + line));
        engine.realtimeReport().forEach(line -> System.out.println("  " + line));
        System.out.println("Ctrl-C to stop; " + ConsoleControls.HELP);
        ConsoleControls keys = new ConsoleControls(engine, System.out);
        PresetLibrary presets = mode.setup().library();
        keys.presets(presets, mode.setup().band());
        keys.listen(System.in);
        OscServer osc = null;
        if (oscPort != null) {
            osc = OscServer.start(engine, new OscCommands(engine, presets, mode.setup().band()), oscBind, oscPort,
                    allowedReplyTargets(), Unattended::say);
            System.out.println("OSC: listening on " + osc.localAddress() + " (/analogy/…)");
        }
        if (clockChoice.source == CaptureStage.ClockSource.INTERNAL) engine.play();
        Status status = new Status(engine, osc, unattended ? (long) (healthSeconds * 1e9) : 0, watch);
        try {
            status.printUntil(seconds == null ? Long.MAX_VALUE : System.nanoTime() + (long) (seconds * 1e9),
                    connected instanceof FilePlayer p && !loop && !isDemo(input) ? p : null, keys);
        } finally {
            if (osc != null) osc.close();
        }
        Runtime.getRuntime().removeShutdownHook(cleanup);
        stopAll.run();
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

    /** What {@code --clock} names: the engine's clock source, and which backend's transport (if any) is tied to it, and how. */
    enum Clock {
        INTERNAL(CaptureStage.ClockSource.INTERNAL, null, false, "internal clock"),
        MIDI(CaptureStage.ClockSource.MIDI, null, false, "following MIDI clock"),
        JACK(CaptureStage.ClockSource.EXTERNAL, "jack", false, "following JACK transport"),
        JACK_MASTER(CaptureStage.ClockSource.INTERNAL, "jack", true, "internal clock, JACK timebase master"),
        PLUGIN(CaptureStage.ClockSource.EXTERNAL, "plugin", false, "following the host's transport");

        final CaptureStage.ClockSource source;
        final String backend;
        final boolean leadsJack;
        final String label;

        Clock(CaptureStage.ClockSource source, String backend, boolean leadsJack, String label) {
            this.source = source;
            this.backend = backend;
            this.leadsJack = leadsJack;
            this.label = label;
        }

        static Clock parse(String word) {
            for (Clock c : values()) {
                if (c.name().replace('_', '-').equalsIgnoreCase(word)) return c;
            }
            throw new IllegalArgumentException("--clock " + word + ": allowed internal, midi, jack, jack-master, plugin");
        }
    }

    private AutoCloseable connect(Endpoints.InputSpec input, LiveEngine engine, Backends backends) throws Exception {
        if (input instanceof Endpoints.DeviceInput device) {
            return Endpoints.connect(device, engine.inputHandler(), 0xFFFF);
        }
        if (input instanceof Endpoints.BackendInput backend) {
            return backends.connection(backend.spec()).openInput(backend.spec().connectPattern(), engine.inputHandler());
        }
        if (input instanceof Endpoints.FileInput file) {
            return new FilePlayer(file.performance(), engine.inputHandler(), engine::timeline, loop || file.isDemo()).start();
        }
        return () -> { };
    }

    private static String describe(Endpoints.InputSpec input) {
        if (input instanceof Endpoints.DeviceInput d) return d.port().name();
        if (input instanceof Endpoints.FileInput f) return f.label();
        if (input instanceof Endpoints.BackendInput b) {
            return b.spec().backend() + (b.spec().connectPattern() == null ? "" : " ← " + b.spec().connectPattern());
        }
        return "no input";
    }

    /** A plain device name given to --in (not auto, demo, none, a file or a backend). */
    private static boolean isDeviceName(String spec) {
        return spec != null && !spec.equalsIgnoreCase("auto") && !spec.equalsIgnoreCase("demo") && !spec.equalsIgnoreCase("none")
                && !spec.startsWith("file:") && Backends.parse(spec) == null;
    }

    /**
     * The one reader of the per-bar metrics: a line per bar (attended) or a health line per period
     * (unattended), the bar's events to OSC listeners, and every error once.
     */
    static final class Status {
        private final LiveEngine engine;
        private final OscServer osc;
        private final long healthPeriodNanos;
        private final DeviceWatch devices;
        private final long started = System.nanoTime();

        Status(LiveEngine engine, OscServer osc, long healthPeriodNanos, DeviceWatch devices) {
            this.engine = engine;
            this.osc = osc;
            this.healthPeriodNanos = healthPeriodNanos;
            this.devices = devices;
        }

        void printUntil(long deadlineNanos, FilePlayer finiteFile, ConsoleControls keys) throws InterruptedException {
            BarWindow shown = null;
            long misses = 0;
            String commandError = null;
            long nextHealth = started + healthPeriodNanos;
            while (System.nanoTime() < deadlineNanos && !keys.quitRequested()) {
                Thread.sleep(20);
                BarWindow w = engine.lastWindow();
                if (w != null && w != shown) {
                    shown = w;
                    BarStatus bar = BarStatus.of(engine, w);
                    if (healthPeriodNanos == 0) System.out.println(bar.line());
                    if (osc != null) osc.barPlayed(bar);
                }
                if (healthPeriodNanos > 0 && System.nanoTime() >= nextHealth) {
                    nextHealth += healthPeriodNanos;
                    Unattended.say(health().line());
                }
                long nowMisses = engine.metrics().deadlineMisses.get();
                if (nowMisses != misses && engine.lastError() != null) {
                    report("  ! " + engine.lastError());
                    misses = nowMisses;
                }
                String refused = engine.lastCommandError();
                if (refused != null && !refused.equals(commandError)) {
                    report("  ! " + refused);
                    commandError = refused;
                }
                if (finiteFile != null && finiteFile.isFinished()) {
                    Thread.sleep((long) (engine.timeline().nanosAt(engine.config().meter().stepsPerBar()) - engine.timeline().nanosAt(0)) / 1_000_000 * 2);
                    break;
                }
            }
        }

        Health health() {
            return Health.read(started, engine.metrics(), devices == null ? 0 : devices.reconnects());
        }

        private void report(String line) {
            if (healthPeriodNanos > 0) Unattended.say(line);
            else System.out.println(line);
        }
    }

    private static void shutDown(LiveEngine engine, AutoCloseable source, List<MidiOutput> outputs, Backends backends,
                                 Path recording, CountDownLatch done) {
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
            backends.close();
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
            System.out.printf("stopped: %d bars generated, %d covered, %d deadline misses, %d late note-ons dropped, %d events sent%n",
                    m.barsGenerated.get(), m.coveredBars.get(), m.deadlineMisses.get(), m.lateEventsDropped.get(), m.eventsSent.get());
            done.countDown();
        }
    }
}
