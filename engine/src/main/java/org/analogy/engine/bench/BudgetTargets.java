package org.analogy.engine.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The real-time budget a bench run is held to, figure by figure: each target with what the run measured and
 * whether it holds. Figures without a target (allocation of the inference thread, resident size) are reported
 * as {@code INFO}. The targets are the project's (issue "the real-time budget with every model on"); the
 * figures come from one run, so ratios between the engine and the JDK Sequencer compare like with like.
 */
public final class BudgetTargets {

    public static final double INFERENCE_P99_MS = 5.0;
    public static final double INFERENCE_MEDIAN_MS = 2.5;
    public static final int MIN_BARS = 120;
    public static final double SCHEDULING_P99_MS = 0.2;
    public static final double SEQUENCER_RATIO = 5.0;
    public static final double ENGINE_SHARE_P99_MS = 1.0;
    /** Below one byte per event nothing is allocated per event: what is left is a one-off spread over the run. */
    public static final double BYTES_PER_EVENT = 1.0;
    public static final double HEAP_GROWTH_MIB = 2.0;

    /** One line of the verdict; {@code holds} is null for a figure that is only reported. */
    public record Check(String what, String measured, String target, Boolean holds) {
        public String verdict() {
            return holds == null ? "INFO" : holds ? "PASS" : "FAIL";
        }
    }

    private BudgetTargets() {}

    public static List<Check> of(LiveBench.Result r) {
        List<Check> checks = new ArrayList<>();
        LiveBench.Row inference = r.row(LiveBench.INFERENCE);
        checks.add(new Check("inference per bar, p99", ms(inference.p99()), "≤ " + INFERENCE_P99_MS + " ms",
                inference.count() > 0 && inference.p99() / 1e6 <= INFERENCE_P99_MS));
        checks.add(new Check("inference per bar, median", ms(inference.median()), "≤ " + INFERENCE_MEDIAN_MS + " ms",
                inference.count() > 0 && inference.median() / 1e6 <= INFERENCE_MEDIAN_MS));
        checks.add(new Check("bars measured", Long.toString(inference.count()), "≥ " + MIN_BARS, inference.count() >= MIN_BARS));
        checks.add(new Check("deadline misses", Long.toString(r.deadlineMisses()), "0", r.deadlineMisses() == 0));
        checks.add(new Check("bars covered", Long.toString(r.misses().barsCovered()), "0", r.misses().barsCovered() == 0));
        LiveBench.Row engine = r.row(LiveBench.PROBE);
        LiveBench.Row sequencer = r.row(LiveBench.SEQUENCER);
        checks.add(new Check("scheduling error at the output, p99 (every event)", ms(engine.p99()), "≤ " + SCHEDULING_P99_MS + " ms",
                engine.count() > 0 && engine.p99() / 1e6 <= SCHEDULING_P99_MS));
        double ratio = sequencer.p99() / Math.max(1, engine.p99());
        checks.add(new Check("JDK Sequencer p99 / engine p99, same run" + (r.loadThreads() > 0 ? ", --load " + r.loadThreads() : ""),
                String.format("%.1f×", ratio), "≥ " + SEQUENCER_RATIO + "×", engine.count() > 0 && sequencer.count() > 0 && ratio >= SEQUENCER_RATIO));
        if (r.response() != null) {
            LiveBench.Row added = r.response().added();
            checks.add(new Check("note-on → answer, engine's share beyond the bar, p99", ms(added.p99()), "≤ " + ENGINE_SHARE_P99_MS + " ms",
                    added.count() > 0 && added.p99() / 1e6 <= ENGINE_SHARE_P99_MS));
        }
        for (LiveBench.Allocation a : r.allocations()) {
            if (!a.path().equals(LiveBench.INPUT_PATH) && !a.path().equals(LiveBench.OUTPUT_PATH)) continue;
            checks.add(new Check("allocation, " + a.path(), String.format("%.3f B/event", a.bytesPerEvent()),
                    "< " + BYTES_PER_EVENT + " B/event (none per event)", AllocationProbe.isSupported() && a.bytesPerEvent() < BYTES_PER_EVENT));
        }
        checks.add(new Check("allocation of the inference and model threads, per bar", String.format("%.1f KB", r.inferenceBytesPerBar() / 1024),
                "reported", null));
        double growth = (r.heapAfterBytes() - r.heapBeforeBytes()) / 1048576.0;
        checks.add(new Check("heap after GC, before → after the run", String.format("%.1f → %.1f MiB", r.heapBeforeBytes() / 1048576.0,
                r.heapAfterBytes() / 1048576.0), "growth ≤ " + HEAP_GROWTH_MIB + " MiB", growth <= HEAP_GROWTH_MIB));
        checks.add(new Check("resident size of the process at the end", r.residentBytes() < 0 ? "not reported by this system"
                : String.format("%.0f MiB", r.residentBytes() / 1048576.0), "reported", null));
        return checks;
    }

    private static String ms(double nanos) {
        return String.format("%.3f ms", nanos / 1e6);
    }
}
