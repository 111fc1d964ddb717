package org.analogy.engine.cli;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.analogy.engine.bench.LiveBench;
import org.analogy.engine.bench.StallWatch;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.health.BarStatus;
import org.analogy.engine.health.Health;
import org.analogy.engine.health.HealthCsv;
import org.analogy.engine.input.FilePlayer;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.metrics.MissLog;
import org.analogy.engine.osc.OscCommands;
import org.analogy.engine.osc.OscServer;
import org.analogy.engine.osc.ShowController;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.output.NoteLedgerOutput;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.style.PresetLibrary;

/**
 * A long unattended run to show that an installation holds up: the live engine in real time with the demo
 * as the performer (looped), a show controller sending OSC on loopback, and, every sample period, a row
 * of health figures in a CSV — heap after a collection, file descriptors, threads, stuck notes, the music's
 * counters. {@code --report} prints a CSV's first, last, minimum and maximum figures.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Runs the engine unattended for a long time in real time (the demo as performer, a show controller"
                + " on OSC over loopback) and writes a health CSV every minute: heap after GC, file descriptors, threads,"
                + " stuck notes, bars, misses, OSC traffic, CPU time. "
                + "--report CSV prints a finished (or running) soak's first, last, min and max figures."})
final class SoakCommand implements Callable<Integer> {

    /** A note sounding this long is stuck: nothing the engine plays lasts half a minute. */
    static final long STUCK_NANOS = 30_000_000_000L;

    @Option(names = "--minutes", defaultValue = "60", paramLabel = "N", description = "How long to run (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--csv", paramLabel = "FILE", description = "Where the samples go (default: ~/.analogy/soak/soak-TIME.csv).")
    Path csv;

    @Option(names = "--sample-seconds", defaultValue = "60", paramLabel = "N", description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    double sampleSeconds;

    @Option(names = "--bpm", defaultValue = "120", paramLabel = "N", description = "Tempo, 30–300 (default: ${DEFAULT-VALUE}); the controller moves it ±10.")
    double bpm;

    @Option(names = "--osc-rate", defaultValue = "2", paramLabel = "N", description = "OSC messages a second from the show controller, 0 for none (default: ${DEFAULT-VALUE}).")
    double oscRate;

    @Option(names = "--out", paramLabel = "PORT|synth|none", split = ",", description = "Also play to these outputs (default: none; the run"
            + " always keeps the books of what it sends).")
    List<String> out = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "9", paramLabel = "N", description = "The show controller's choices (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", paramLabel = "CSV", description = "Print the figures of a soak CSV and exit.")
    Path report;

    @Mixin
    ModeOptions mode;

    @Override
    public Integer call() throws Exception {
        if (report != null) {
            HealthCsv.summarise(report, System.out);
            return 0;
        }
        if (!(minutes > 0)) throw new IllegalArgumentException("--minutes " + minutes + ": must be above 0");
        if (minutes * 60 > org.analogy.engine.Limits.MAX_RUN_SECONDS) {
            throw new IllegalArgumentException("--minutes " + minutes + ": allowed up to "
                    + (long) (org.analogy.engine.Limits.MAX_RUN_SECONDS / 60) + " (one year)");
        }
        if (!(sampleSeconds >= 1)) throw new IllegalArgumentException("--sample-seconds " + sampleSeconds + ": allowed 1 and up");
        org.analogy.engine.Limits.seconds("--sample-seconds", sampleSeconds);
        if (!(oscRate >= 0 && oscRate <= 1000)) throw new IllegalArgumentException("--osc-rate " + oscRate + ": allowed 0–1000");
        Unattended.installUncaughtHandler();
        mode.preferModel = true; // presets sent over OSC may switch to modes that need it
        Path file = csv != null ? csv : Logs.userDir().resolve("soak")
                .resolve("soak-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".csv");

        NoteLedgerOutput ledger = new NoteLedgerOutput();
        Backends backends = new Backends();
        List<MidiOutput> outputs = new ArrayList<>(out.isEmpty() ? List.of() : Endpoints.openOutputs(out, backends));
        outputs.add(ledger);
        EngineConfig config = EngineConfig.defaults().withBpm(bpm).withControls(mode.controls());
        LiveEngine engine = new LiveEngine(config, mode.processor(), outputs);
        engine.recorder().setEnabled(false); // a whole-session recording would grow for hours
        Endpoints.FileInput demo = Endpoints.demo();
        FilePlayer performer = new FilePlayer(demo.performance(), engine.inputHandler(), engine::timeline, true).start();
        PresetLibrary presets = mode.setup().library();
        OscServer osc = OscServer.start(engine, new OscCommands(engine, presets, mode.setup().band()),
                OscServer.DEFAULT_BIND, 0, Unattended::say);
        InetSocketAddress oscAddress = osc.localAddress();
        ShowController controller = oscRate == 0 ? null : new ShowController(oscAddress, oscRate, bpm,
                presets.loader().clips().available(), List.copyOf(presets.files().keySet()), seed).start();

        HealthCsv samples = HealthCsv.create(file, List.of(
                "analogy soak: " + minutes + " min, " + bpm + " BPM, mode " + mode.describe() + ", demo performer (looped); "
                        + String.join("; ", mode.setup().band().describe()),
                "OSC on " + oscAddress + ", show controller " + oscRate + " msg/s, seed " + seed + "; outputs "
                        + String.join(", ", outputs.stream().map(MidiOutput::name).toList()),
                "java " + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / 1048576 + " MB,"
                        + " pid " + ProcessHandle.current().pid() + "; stuck = sounding over " + STUCK_NANOS / 1_000_000_000 + " s"));
        System.out.println("analogy soak: " + minutes + " min → " + file.toAbsolutePath() + " (OSC " + oscAddress + ")");

        // Tells the machine's stalls from the engine's: a late note inside one is the host's doing.
        StallWatch watch = new StallWatch(LiveBench.STALL_NANOS, 1 << 20);
        LateTally late = new LateTally();
        AtomicBoolean finished = new AtomicBoolean();
        long started = System.nanoTime();
        Runnable finish = () -> {
            if (!finished.compareAndSet(false, true)) return;
            try {
                if (controller != null) controller.close();
                watch.close();
                performer.close();
                osc.close();
                engine.close(); // note-offs for everything sounding, then CC 123
                for (MidiOutput o : outputs) o.close();
                backends.close();
                LatencyMetrics m = engine.metrics();
                String end = String.format("end after %.1f min: %d bars, %d covered, %d errors, %d misses, %d late notes dropped; notes left"
                                + " sounding after stop %d; stray note-offs %d; OSC %d received, %d refused, %d replies",
                        (System.nanoTime() - started) / 6e10, m.barsGenerated.get(), m.coveredBars.get(),
                        m.processorErrors.get(), m.deadlineMisses.get(), m.lateEventsDropped.get(), ledger.hangingNotes(), ledger.strayNoteOffs(),
                        osc.received(), osc.refused(), controller == null ? 0 : controller.replies());
                samples.remark(end);
                samples.close();
                System.out.println(end);
            } catch (Exception e) {
                System.err.println("analogy soak: stopping: " + e.getMessage());
            }
        };
        Thread hook = new Thread(finish, "soak-stop");
        Runtime.getRuntime().addShutdownHook(hook); // a kill (TERM, Ctrl-C) still writes the end line

        engine.play();
        long end = started + (long) (minutes * 6e10);
        long period = (long) (sampleSeconds * 1e9);
        long nextSample = started + period;
        BarWindow shown = null;
        while (System.nanoTime() < end) {
            Thread.sleep(50);
            BarWindow w = engine.lastWindow();
            if (w != null && w != shown) {
                shown = w;
                osc.barPlayed(BarStatus.of(engine, w)); // per-bar events to the controller, as in an installation
            }
            long now = System.nanoTime();
            if (now >= nextSample) {
                nextSample += period;
                sample(samples, started, engine, ledger, osc, controller, watch, late);
            }
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        finish.run();
        return ledger.hangingNotes() == 0 ? 0 : 1;
    }

    private static void sample(HealthCsv samples, long started, LiveEngine engine, NoteLedgerOutput ledger, OscServer osc,
                               ShowController controller, StallWatch watch, LateTally late) throws Exception {
        late.update(engine.metrics(), watch);
        long stalls = watch.stalls().stream().filter(s -> s.nanos() > 20_000_000L).count();
        System.gc(); // so that "after GC" is what is still reachable now, not whenever the collector last ran
        Health h = Health.read(started, engine.metrics(), 0);
        long now = System.nanoTime();
        int sounding = ledger.hangingNotes();
        int stuck = ledger.stuckNotes(now, STUCK_NANOS);
        double cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : -1;
        samples.row(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), (now - started) / 6e10, h.bars(), h.covered(),
                h.errors(), h.misses(), h.eventsIn(), h.eventsOut(), h.heapUsedBytes() / 1048576.0,
                h.heapAfterGcBytes() / 1048576.0, h.openFileDescriptors(), h.threads(), sounding, stuck, osc.received(),
                osc.refused(), controller == null ? 0L : controller.replies(), cpu, h.lateDropped(), stalls, late.inStalls);
        System.out.println(h.line() + " | sounding " + sounding + " (stuck " + stuck + ") | osc " + osc.received()
                + " (refused " + osc.refused() + ") | cpu " + String.format("%.1f s", cpu)
                + " | machine stalls over 20 ms " + stalls + " (late notes inside them " + late.inStalls + ")");
    }

    /** Late note-ons so far, and how many of them fell inside a stall of the whole machine. */
    static final class LateTally {
        private long seen;
        long inStalls;

        void update(LatencyMetrics m, StallWatch watch) {
            List<MissLog.Miss> log = m.missLog.snapshot();
            long total = m.missLog.count();
            // Entries not yet looked at are the last (total − seen) of the log (older ones may have been overwritten).
            inStalls += watch.lateNotesInside(log.subList((int) Math.max(0, log.size() - (total - seen)), log.size()));
            seen = total;
        }
    }
}
