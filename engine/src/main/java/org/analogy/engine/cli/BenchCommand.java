package org.analogy.engine.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.analogy.engine.bench.AllocationProbe;
import org.analogy.engine.bench.BudgetTargets;
import org.analogy.engine.bench.LiveBench;
import org.analogy.engine.metrics.MissLog;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.render.WarmUp;
import org.analogy.engine.time.Meter;
import org.analogy.engine.spi.MidiBackend;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Plays a synthetic performance through the whole live path in real time and prints median, "
                + "p99 and max per stage, the scheduling error of sent events next to the JDK's own Sequencer "
                + "playing the same notes in the same run, and the bytes allocated per event on the event path "
                + "(per-thread allocation counters), and note in → first generated note out. Any mode or preset runs, "
                + "with its models timed for real. --load N adds N CPU-burning threads, so both engine and Sequencer "
                + "are measured under a competing load."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "60", description = "Length of the timed run (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--bpm", defaultValue = "120", description = "Tempo (default: ${DEFAULT-VALUE}).")
    double bpm;

    @Mixin
    ModeOptions mode;

    @Option(names = "--out", paramLabel = "PORT|synth", split = ",", description = "Also send to these outputs (default: none).")
    List<String> out = List.of();

    @Option(names = "--jack", description = {"Measure through JACK instead: the engine's output goes out of analogy:out"
            + " and straight back into a probe input, on a running JACK server. Prints the round trip and the"
            + " scheduling error in frames and ms."})
    boolean jack;

    @Option(names = "--load", defaultValue = "0", paramLabel = "N",
            description = "Run N CPU-burning threads beside the timed parts, to measure under a competing load (default: ${DEFAULT-VALUE}).")
    int load;

    @Option(names = "--response-notes", defaultValue = "16", paramLabel = "N",
            description = "Single notes played to time note in → first generated note out, in echo mode; 0 skips it (default: ${DEFAULT-VALUE}).")
    int responseNotes;

    @Override
    public Integer call() throws Exception {
        if (load < 0 || load > 256) throw new IllegalArgumentException("--load " + load + ": allowed 0–256 threads");
        if (responseNotes < 0 || responseNotes > 1000) throw new IllegalArgumentException("--response-notes " + responseNotes + ": allowed 0–1000");
        if (!(seconds >= 1 && seconds <= 24 * 3600)) throw new IllegalArgumentException("--seconds " + seconds + ": allowed 1–86400");
        if (jack) return benchJack();
        List<MidiOutput> outputs = out.isEmpty() ? List.of() : Endpoints.openOutputs(out, new Backends());
        System.out.printf("bench: %.0f s at %.0f BPM, mode %s, %d cores, %d load threads, %s %s%n", seconds, bpm, mode.describe(),
                Runtime.getRuntime().availableProcessors(), load, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        mode.setup().band().describe().forEach(line -> System.out.println("  " + line));
        long warmUp = WarmUp.mode(mode.processor().name(), mode.setup().band(), mode.controls(), Meter.FOUR_FOUR, bpm);
        System.out.printf("  warm-up: the mode in virtual time and a full collection, as live does before playing: %d ms%n", warmUp);
        LiveBench.Result r = LiveBench.run(seconds, bpm, mode.processor(), mode.controls(), outputs, load, responseNotes);
        System.out.printf("%n%-46s %8s %10s %10s %10s%n", "stage (ms)", "count", "median", "p99", "max");
        for (LiveBench.Row row : r.rows()) {
            System.out.printf("%-46s %8d %10.4f %10.4f %10.4f%n", row.what(), row.count(), row.median() / 1e6, row.p99() / 1e6, row.max() / 1e6);
        }
        if (r.response() != null) {
            LiveBench.Response response = r.response();
            System.out.printf("%n%-46s %8s %10s %10s %10s%n", "response, echo one bar later (ms)", "count", "median", "p99", "max");
            for (LiveBench.Row row : List.of(response.total(), response.added())) {
                System.out.printf("%-46s %8d %10.4f %10.4f %10.4f%n", row.what(), row.count(), row.median() / 1e6, row.p99() / 1e6, row.max() / 1e6);
            }
            System.out.printf("%d of %d notes answered%n", response.answered(), response.notes());
        }
        LiveBench.Row engine = r.rows().get(4);
        LiveBench.Row sequencer = r.rows().get(5);
        System.out.printf("%nscheduling error p99: engine %.4f ms vs JDK Sequencer %.4f ms (%.1f× better)%n",
                engine.p99() / 1e6, sequencer.p99() / 1e6, sequencer.p99() / Math.max(1, engine.p99()));
        LiveBench.Row engineNoteOns = r.rows().get(6);
        System.out.printf("note-ons only: engine p99 %.4f ms vs JDK Sequencer %.4f ms (%.1f× better)%n",
                engineNoteOns.p99() / 1e6, sequencer.p99() / 1e6, sequencer.p99() / Math.max(1, engineNoteOns.p99()));
        System.out.printf("%n%-58s %10s %12s %10s%n", "allocation" + (AllocationProbe.isSupported() ? "" : " (unsupported on this JVM)"), "events", "bytes", "B/event");
        for (LiveBench.Allocation a : r.allocations()) {
            System.out.printf("%-58s %10d %12d %10.3f%n", a.path(), a.events(), a.bytes(), a.bytesPerEvent());
        }
        System.out.printf("%ndeadline misses %d, late events dropped %d, events in %d, events out %d%n",
                r.deadlineMisses(), r.lateDropped(), r.inputEvents(), r.eventsSent());
        printMisses(r);
        printTargets(r);
        return 0;
    }

    /** The budget's figures, each with its target and whether it holds in this run. */
    private static void printTargets(LiveBench.Result r) {
        System.out.printf("%ntargets (this run: %.0f s at %.0f BPM, %d load threads)%n", r.seconds(), r.bpm(), r.loadThreads());
        List<BudgetTargets.Check> checks = BudgetTargets.of(r);
        for (BudgetTargets.Check c : checks) {
            System.out.printf("  %-4s %-66s %-20s target %s%n", c.verdict(), c.what(), c.measured(), c.target());
        }
        long failed = checks.stream().filter(c -> Boolean.FALSE.equals(c.holds())).count();
        System.out.println(failed == 0 ? "all targets hold" : failed + " target(s) do not hold in this run");
    }

    /** The misses split by cause, set against the machine's own stalls, and the real-time set-up they ran under. */
    private static void printMisses(LiveBench.Result r) {
        LiveBench.Misses m = r.misses();
        System.out.printf("  bars generated %d, covered %d (not ready by their deadline)%s%n", m.barsGenerated(), m.barsCovered(),
                m.barsCovered() > 0 && m.lastError() != null ? "; last: " + m.lastError() : "");
        System.out.printf("  note-ons found more than %.0f ms late and dropped %d, of them inside a stall of the whole machine %d%n",
                m.lateLimitMillis(), m.lateDropped(), m.lateDroppedInStalls());
        System.out.printf("  machine: %d stalls over 2 ms seen by a watch thread at the scheduler's priority and CPU, %d over 20 ms,"
                + " longest %.1f ms; host steal time %s%n", m.stalls(), m.stallsOver20ms(), m.longestStallNanos() / 1e6,
                m.stealNanos() < 0 ? "not reported by this system" : String.format("%.2f s over the run", m.stealNanos() / 1e9));
        for (int i = 0; i < Math.min(40, m.log().size()); i++) {
            MissLog.Miss miss = m.log().get(i);
            boolean bar = miss.kind() == MissLog.Kind.BAR_COVERED;
            System.out.printf("    %s %.1f ms past its %s; the machine stalled %.1f ms of the time from its %s%n",
                    bar ? "bar covered" : "late note-on dropped", miss.latenessNanos() / 1e6, bar ? "deadline" : "time",
                    m.stalledNanos().get(i) / 1e6, bar ? "trigger" : "due time");
        }
        r.realtime().forEach(line -> System.out.println("  " + line));
    }

    private Integer benchJack() throws Exception {
        try (Backends backends = new Backends()) {
            MidiBackend.Connection jackConnection = backends.connection("jack");
            System.out.printf("bench --jack: %.0f s at %.0f BPM, mode %s, %s%n", seconds, bpm, mode.describe(), jackConnection.describe());
            MidiBackend.BenchReport r = jackConnection.bench(seconds, bpm, mode.processor());
            double msPerFrame = 1000.0 / r.framesPerSecond();
            System.out.printf("%n%-44s %7s %21s %21s %21s%n", "through JACK (frames | ms)", "count", "median", "p99", "max");
            for (MidiBackend.FrameTiming row : r.rows()) {
                System.out.printf("%-44s %7d %8.1f | %8.3f ms %8.1f | %8.3f ms %8.1f | %8.3f ms%n", row.what(), row.count(),
                        row.median(), row.median() * msPerFrame, row.p99(), row.p99() * msPerFrame, row.max(), row.max() * msPerFrame);
            }
            r.notes().forEach(note -> System.out.println(note));
            return 0;
        }
    }
}
