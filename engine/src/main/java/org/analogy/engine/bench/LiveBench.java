package org.analogy.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.input.FilePlayer;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.metrics.MissLog;
import org.analogy.engine.metrics.Stage;
import org.analogy.engine.midi.MidiMessageHandler;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.render.PerformanceInput;
import org.analogy.engine.render.SyntheticPerformance;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

/**
 * {@code ./analogy bench}: a synthetic performance played in real time through the whole live path, with
 * the JDK Sequencer playing the same notes in the same run for comparison, and the allocation of the
 * event path measured per thread.
 */
public final class LiveBench {

    /** One row of the results table; times in nanoseconds. */
    public record Row(String what, long count, double median, double p99, double max) {
        static Row of(String what, Histogram h) {
            return new Row(what, h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
        }
    }

    public record Allocation(String path, long events, long bytes) {
        public double bytesPerEvent() {
            return events == 0 ? Double.NaN : (double) bytes / events;
        }
    }

    /**
     * Note in → first generated note out, in echo mode (the note comes back one bar later): {@code total} is
     * the whole time, {@code added} what the engine adds to the bar the music asks for.
     */
    public record Response(int notes, int answered, Row total, Row added) {}

    /**
     * @param inferenceBytesPerBar bytes allocated by the inference and model threads over the run, per bar generated
     * @param heapBeforeBytes      heap in use after a full collection just before the timed run
     * @param heapAfterBytes       the same just after it (the engine still open)
     * @param residentBytes        the process's resident size at the end of the run, −1 where the system does not tell
     */
    public record Result(double seconds, double bpm, int loadThreads, List<Row> rows, List<Allocation> allocations,
                         Response response, long deadlineMisses, long lateDropped, long eventsSent, long inputEvents,
                         Misses misses, List<String> realtime, double inferenceBytesPerBar,
                         long heapBeforeBytes, long heapAfterBytes, long residentBytes) {

        public Row row(String what) {
            return rows.stream().filter(r -> r.what().equals(what)).findFirst().orElseThrow();
        }
    }

    public static final String INFERENCE = "inference, per bar (ring 2 + processor)";
    public static final String PROBE = "scheduling error at the output (probe)";
    public static final String SEQUENCER = "JDK Sequencer, same notes, same run";
    public static final String INPUT_PATH = "input → capture (device callback + capture thread)";
    public static final String OUTPUT_PATH = "scheduler → output thread, whole run";

    /**
     * The run's misses set against the machine: bars not ready by their deadline (covered), note-ons found
     * too late and dropped, and of those how many fell inside a stall of the whole machine (seen by a
     * {@link StallWatch} at the scheduler's priority on its CPU, so not the engine's doing).
     *
     * @param stealNanos the host's steal time over the run, −1 where the system does not tell
     * @param stalledNanos per entry of {@code log}: how long the machine was stalled between when the work
     *                     could start (a bar: its window's trigger, one lookahead before the deadline; a
     *                     note: its due time) and when the engine noticed the miss
     */
    public record Misses(long barsGenerated, long barsCovered, String lastError, long lateDropped, long lateDroppedInStalls,
                         double lateLimitMillis, long stalls, long stallsOver20ms, long longestStallNanos, long stealNanos,
                         List<MissLog.Miss> log, List<Long> stalledNanos) {}

    /** Gaps in the stall watch's half-millisecond ticks longer than this count as the machine stalling. */
    public static final long STALL_NANOS = 2_000_000;

    private LiveBench() {}

    /** Echo controls, no competing load, no response measurement: the timed run alone (JACK's bench uses it). */
    public static Result run(double seconds, double bpm, BarProcessor processor, List<MidiOutput> extraOutputs) throws Exception {
        return run(seconds, bpm, processor, ControlSnapshot.DEFAULT.withEcho(1, 0), extraOutputs, 0, 0);
    }

    /**
     * @param controls      the engine's controls (a preset's style, for the modes that use one)
     * @param loadThreads   CPU-burning threads running beside the timed parts (0 for none)
     * @param responseNotes notes played for the response measurement (0 to skip it)
     */
    public static Result run(double seconds, double bpm, BarProcessor processor, ControlSnapshot controls,
                             List<MidiOutput> extraOutputs, int loadThreads, int responseNotes) throws Exception {
        List<Allocation> allocations = new ArrayList<>();
        allocations.add(floodInputPath(processor));
        try (CpuLoad load = new CpuLoad(loadThreads)) {
            Response response = responseNotes > 0 ? responses(bpm, responseNotes) : null;
            return timedRun(seconds, bpm, processor, controls, extraOutputs, allocations, load.threadCount(), response);
        }
    }

    private static Result timedRun(double seconds, double bpm, BarProcessor processor, ControlSnapshot controls,
                                   List<MidiOutput> extraOutputs,
                                   List<Allocation> allocations, int loadThreads, Response response) throws Exception {

        PerformanceInput performance = SyntheticPerformance.generate(Meter.FOUR_FOUR, (int) Math.ceil(seconds * bpm / 240) + 2, bpm, 1);
        TimingProbeOutput probe = new TimingProbeOutput();
        List<MidiOutput> outputs = new ArrayList<>(extraOutputs);
        outputs.add(probe);
        EngineConfig config = EngineConfig.defaults().withBpm(bpm).withControls(controls);
        try (LiveEngine engine = new LiveEngine(config, processor, outputs);
             SequencerProbe sequencer = new SequencerProbe(performance, bpm, seconds);
             StallWatch watch = new StallWatch(STALL_NANOS, 1 << 20)) {
            Thread.sleep(200); // let the threads start before measuring them
            long heapBefore = heapAfterCollection();
            Map<String, Thread> threads = engine.threads();
            long inferenceBefore = AllocationProbe.allocatedBytes(threads.get("inference")) + AllocationProbe.allocatedBytes(threads.get("model"));
            long captureBefore = AllocationProbe.allocatedBytes(threads.get("capture"));
            long schedulerBefore = AllocationProbe.allocatedBytes(threads.get("scheduler"));
            long inputBefore = engine.metrics().inputEvents.get();
            long missesBefore = engine.metrics().missLog.count();
            long barsBefore = engine.metrics().barsGenerated.get();
            long coveredBefore = engine.metrics().coveredBars.get();
            long sentBefore = engine.metrics().eventsSent.get();

            engine.play();
            // The engine starts its first downbeat 100 ms after play; the sequencer plays the same notes from then.
            long downbeat = System.nanoTime() + 100_000_000L;
            try (FilePlayer player = new FilePlayer(performance, engine.inputHandler(), engine::timeline, false).start()) {
                while (System.nanoTime() < downbeat) Thread.onSpinWait();
                sequencer.start();
                engine.metrics().interval(); // forget the start-up
                probe.errors();
                probe.noteOnErrors();
                Thread.sleep((long) (seconds * 1000));
            }
            long captureBytes = AllocationProbe.allocatedBytes(threads.get("capture")) - captureBefore;
            long schedulerBytes = AllocationProbe.allocatedBytes(threads.get("scheduler")) - schedulerBefore;
            long inferenceBytes = AllocationProbe.allocatedBytes(threads.get("inference")) + AllocationProbe.allocatedBytes(threads.get("model"))
                    - inferenceBefore;
            LatencyMetrics m = engine.metrics();
            long inputs = m.inputEvents.get() - inputBefore;
            long sent = m.eventsSent.get() - sentBefore;
            allocations.add(new Allocation("capture thread, whole run (incl. one window per bar)", inputs, captureBytes));
            allocations.add(new Allocation(OUTPUT_PATH, sent, schedulerBytes));

            Map<Stage, Histogram> total = m.interval();
            List<Row> rows = new ArrayList<>();
            rows.add(Row.of("input → capture (ring 1 hop)", total.get(Stage.INPUT_TO_CAPTURE)));
            rows.add(Row.of("capture, per event", total.get(Stage.CAPTURE)));
            rows.add(Row.of(INFERENCE, total.get(Stage.INFERENCE)));
            rows.add(Row.of("scheduling error: due → handed to output", total.get(Stage.SCHEDULE_ERROR)));
            rows.add(Row.of(PROBE, probe.errors()));
            rows.add(Row.of(SEQUENCER, sequencer.deviations()));
            rows.add(Row.of("  engine, note-ons only (as the Sequencer row)", probe.noteOnErrors()));
            List<MissLog.Miss> log = m.missLog.snapshot();
            log = log.subList((int) Math.max(0, log.size() - (m.missLog.count() - missesBefore)), log.size());
            long late = log.stream().filter(miss -> miss.kind() == MissLog.Kind.LATE_NOTE_DROPPED).count();
            long lateInStalls = watch.lateNotesInside(log);
            List<StallWatch.Stall> stalls = watch.stalls();
            long lookahead = (long) (config.capture().lookaheadSteps() * 15e9 / bpm);
            List<Long> stalled = new ArrayList<>();
            for (MissLog.Miss miss : log) {
                long from = miss.kind() == MissLog.Kind.BAR_COVERED ? miss.dueNanos() - lookahead : miss.dueNanos();
                stalled.add(watch.stalledNanos(from, miss.noticedNanos()));
            }
            Misses misses = new Misses(m.barsGenerated.get() - barsBefore, m.coveredBars.get() - coveredBefore, engine.lastError(),
                    late, lateInStalls, config.lateLimitNanos() / 1e6, watch.total(),
                    stalls.stream().filter(st -> st.nanos() > 20_000_000L).count(), watch.longestNanos(),
                    watch.stealSinceStart().orElse(-1), log, stalled);
            long bars = m.barsGenerated.get() - barsBefore;
            long heapAfter = heapAfterCollection();
            return new Result(seconds, bpm, loadThreads, rows, allocations, response, m.deadlineMisses.get(),
                    m.lateEventsDropped.get(), sent, inputs, misses, engine.realtimeReport(),
                    bars == 0 ? Double.NaN : (double) inferenceBytes / bars, heapBefore, heapAfter, residentBytes());
        }
    }

    /**
     * Plays single notes exactly on the grid (on beats 1 and 3, a different pitch each time) into the live
     * engine in echo mode, and times each one to the moment the engine sends it back a bar later.
     */
    static Response responses(double bpm, int notes) throws InterruptedException {
        ResponseProbeOutput probe = new ResponseProbeOutput();
        EngineConfig config = EngineConfig.defaults().withBpm(bpm).withControls(ControlSnapshot.DEFAULT.withEcho(1, 0));
        Histogram total = new Histogram(60_000_000_000L, 3);
        Histogram added = new Histogram(60_000_000_000L, 3);
        long[] playedAt = new long[notes];
        int answered = 0;
        try (LiveEngine engine = new LiveEngine(config, new EchoProcessor(), List.of(probe))) {
            MidiMessageHandler input = engine.inputHandler();
            engine.play();
            Thread.sleep(300);
            Timeline t = engine.timeline();
            long firstBar = t.barAt(t.stepAt(System.nanoTime())) + 1;
            long barNanos = t.nanosAt(t.barStartStep(firstBar + 1)) - t.nanosAt(t.barStartStep(firstBar));
            for (int i = 0; i < notes + 4; i++) {
                double step = t.barStartStep(firstBar + i / 2) + (i % 2) * t.stepsPerBar() / 2.0;
                if (i >= 4) answered += collect(probe, i - 4, playedAt[i - 4], barNanos, total, added); // two bars ago
                if (i >= notes) {
                    waitUntil(t.nanosAt(step));
                    continue;
                }
                int pitch = responsePitch(i);
                probe.arm(pitch);
                waitUntil(t.nanosAt(step));
                playedAt[i] = System.nanoTime();
                input.channelMessage(playedAt[i], 0x90, pitch, 90);
                waitUntil(t.nanosAt(step + 2));
                input.channelMessage(System.nanoTime(), 0x80, pitch, 0);
            }
        }
        return new Response(notes, answered, Row.of("note in → first generated note out", total),
                Row.of("  of which added by the engine (beyond the bar)", added));
    }

    private static int responsePitch(int i) {
        return 60 + i % 24;
    }

    private static int collect(ResponseProbeOutput probe, int i, long playedAt, long barNanos, Histogram total, Histogram added) {
        long out = probe.firstNoteOn(responsePitch(i));
        if (out == Long.MIN_VALUE) return 0;
        total.recordValue(Math.max(0, out - playedAt));
        added.recordValue(Math.max(0, out - playedAt - barNanos));
        return 1;
    }

    private static void waitUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 2_000_000) Thread.sleep((wait - 1_000_000) / 1_000_000);
        while (System.nanoTime() < nanos) Thread.onSpinWait();
    }

    /**
     * The input path under a flood of note events, with the transport running at 30 BPM so no bar line
     * (and no window) falls inside the measurement: bytes allocated on the producing thread (a device
     * callback's work: publish into ring 1) and on the capture thread, per event.
     */
    private static Allocation floodInputPath(BarProcessor processor) throws InterruptedException {
        int events = 200_000;
        EngineConfig config = EngineConfig.defaults().withBpm(30);
        try (LiveEngine engine = new LiveEngine(config, processor, List.of())) {
            engine.play();
            MidiMessageHandler input = engine.inputHandler();
            Thread.sleep(300);
            feed(input, 20_000); // warm-up: JIT and class loading are not the event path
            waitForCapture(engine, 20_000);
            Thread capture = engine.threads().get("capture");
            long producerBefore = AllocationProbe.allocatedBytes(Thread.currentThread());
            long captureBefore = AllocationProbe.allocatedBytes(capture);
            long consumedBefore = engine.metrics().inputEvents.get();
            feed(input, events);
            long producerBytes = AllocationProbe.allocatedBytes(Thread.currentThread()) - producerBefore;
            waitForCapture(engine, consumedBefore + events);
            long captureBytes = AllocationProbe.allocatedBytes(capture) - captureBefore;
            return new Allocation(INPUT_PATH, events, producerBytes + captureBytes);
        }
    }

    /** Heap in use once a full collection has run: what is still reachable. */
    static long heapAfterCollection() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The resident set size of this process (VmRSS), or −1 where {@code /proc} does not tell. */
    public static long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or /proc not mounted: said as unknown
        }
        return -1;
    }

    private static void feed(MidiMessageHandler input, int events) {
        for (int i = 0; i < events; i += 2) {
            int pitch = 48 + (i / 2) % 36;
            input.channelMessage(System.nanoTime(), 0x90, pitch, 90);
            input.channelMessage(System.nanoTime(), 0x80, pitch, 0);
        }
    }

    private static void waitForCapture(LiveEngine engine, long count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (engine.metrics().inputEvents.get() < count && System.nanoTime() < deadline) Thread.sleep(5);
    }
}
