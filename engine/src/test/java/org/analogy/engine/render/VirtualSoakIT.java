package org.analogy.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.analogy.engine.accompaniment.PatternAccompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.bench.HeapSampler;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.health.Health;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.output.NoteLedgerOutput;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.ChordPadProcessor;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.process.FaultInjectingProcessor;
import org.analogy.engine.process.Modes;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.time.Meter;
import org.analogy.engine.transform.AttributeOffsets;

/**
 * Soak: a long performance in virtual time through the same stages as live. Musical random input at
 * 60–200 BPM with tempo changes, and every few bars a settings change: a factory preset put in force, a
 * switch to one of the live modes (echo, accompany, restyle, looper; the last two on the shipped melody
 * model), a switch to a test mode (one of them failing every 7th bar), or new echo settings. At the end:
 * no note left sounding, every input event recorded, every sent event recorded, no event late, the heap
 * flat, and the deadline misses (bars a failing mode could not deliver) counted and reported.
 */
class VirtualSoakIT {

    static final Path STYLES = Path.of("../presets/styles");
    static final Path CLIPS = Path.of("../presets/clips");

    /** Test modes the soak switches between besides the live ones: plain echo, chord pads, a failing echo. */
    static List<BarProcessor> modes(List<FaultInjectingProcessor> faulty) {
        FaultInjectingProcessor flakyEcho = FaultInjectingProcessor.throwingOn(new EchoProcessor(), bar -> bar % 7 == 3);
        faulty.add(flakyEcho);
        return List.of(new EchoProcessor(), new ChordPadProcessor(), flakyEcho);
    }

    record Report(double musicMinutes, long bars, double wallSeconds, long inputEvents, long recordedInput,
                  long sentEvents, long recordedOutput, long noteOns, int hangingNotes, long settingsChanges,
                  long deadlineMisses, long faultsInjected, long coveredBars, long lateDropped, long overflows,
                  long heapGrowth, long recordingBytes, String heapSamples, Map<String, Long> changesByKind,
                  Map<String, Long> barsByMode, boolean melodyModel) {
        String line() {
            return String.format("%.0f min of music (%d bars) in %.1f s: input %d/%d recorded, output %d/%d recorded, "
                            + "%d note-ons, %d hanging, %d settings changes %s, bars per mode %s%s, %d deadline misses "
                            + "(%d injected faults, %d bars covered), %d late, %d overflows, heap growth %.1f MiB "
                            + "(recording %.1f MiB); heap after GC: %s",
                    musicMinutes, bars, wallSeconds, recordedInput, inputEvents, recordedOutput, sentEvents, noteOns,
                    hangingNotes, settingsChanges, changesByKind, barsByMode,
                    melodyModel ? "" : " (melody model not installed: restyle and looper left out)", deadlineMisses,
                    faultsInjected, coveredBars, lateDropped, overflows, heapGrowth / 1048576.0,
                    recordingBytes / 1048576.0, heapSamples);
        }
    }

    /** Performance of about {@code minutes} of music: synthetic performer, tempo changes every 4–12 bars. */
    static PerformanceInput performance(double minutes, long seed) {
        Random random = new Random(seed);
        Meter meter = Meter.FOUR_FOUR;
        List<PerformanceInput.TempoChange> tempos = new ArrayList<>();
        double bpm = 60 + random.nextInt(141);
        double initialBpm = bpm;
        double seconds = 0;
        int bar = 0;
        while (seconds < minutes * 60) {
            int length = 4 + random.nextInt(9);
            seconds += length * meter.beatsPerBar() * 60 / bpm;
            bar += length;
            bpm = 60 + random.nextInt(141);
            tempos.add(new PerformanceInput.TempoChange(bar * (double) meter.stepsPerBar(), bpm));
        }
        PerformanceInput notes = SyntheticPerformance.generate(meter, bar, initialBpm, seed);
        return new PerformanceInput(meter, initialBpm, notes.messages(), tempos.subList(0, tempos.size() - 1));
    }

    /** The shipped melody model when installed (restyle and looper need it), else null. */
    static MelodyModel melodyModel() throws Exception {
        Path bundle = ModelStore.bundleDir("melody");
        if (!Files.isRegularFile(bundle.resolve("manifest.json"))) {
            System.out.println("soak: the melody model is not installed at " + bundle + "; restyle and looper are left out");
            return null;
        }
        return ModelStore.openMelody(null, MelodyModel.Device.CPU);
    }

    static Report soak(double minutes, long seed, int heapSamples) throws Exception {
        try (MelodyModel model = melodyModel()) {
            Band band = Band.builder().melody(model).build();
            PresetLibrary library = new PresetLibrary(STYLES, Path.of("target/no-user-presets"),
                    new PresetLoader(new ReferenceClips(List.of(CLIPS))));
            List<Preset> presets = library.all().stream()
                    .filter(p -> model != null || !Modes.needsMelodyModel(p.style().mode())).toList();
            List<String> liveModes = new ArrayList<>();
            Modes.names().forEach(m -> {
                if ((model != null || !Modes.needsMelodyModel(m)) && (!m.equals("answer") || band.latentPredictor() != null)) liveModes.add(m);
            });
            return soak(minutes, seed, heapSamples, band, presets, liveModes, model != null);
        }
    }

    static Report soak(double minutes, long seed, int heapSamples, Band band, List<Preset> presets,
                       List<String> liveModes, boolean melodyModel) {
        return soak(minutes, seed, heapSamples, band, presets, liveModes, melodyModel, true, null);
    }

    /** One health sample of a long run, taken at a bar line in virtual time. */
    record Sample(double musicHours, long bars, double wallSeconds, long heapAfterGcBytes, long fds, int threads,
                  long sentEvents, long deadlineMisses, long coveredBars, int sounding) {}

    /**
     * @param record  whether the session keeps its recording (an installation's unattended run does not)
     * @param samples receives each health sample (may be null)
     */
    static Report soak(double minutes, long seed, int heapSamples, Band band, List<Preset> presets,
                       List<String> liveModes, boolean melodyModel, boolean record, java.util.function.Consumer<Sample> samples) {
        PerformanceInput input = performance(minutes, seed);
        List<FaultInjectingProcessor> faulty = new ArrayList<>();
        List<BarProcessor> modes = modes(faulty);
        Map<String, SettingsChange.Kind> kinds = new LinkedHashMap<>();
        kinds.put("preset", SettingsChange.presetSwitch(presets, band));
        kinds.put("mode", SettingsChange.modeSwitch(liveModes, band));
        kinds.put("test mode", SettingsChange.processorSwitch(modes));
        kinds.put("echo settings", SettingsChange.echoSettings());
        List<String> kindNames = List.copyOf(kinds.keySet());
        NoteLedgerOutput out = new NoteLedgerOutput();
        EngineConfig config = EngineConfig.defaults().withBpm(input.initialBpm()).withControls(ControlSnapshot.DEFAULT);
        VirtualSession session = new VirtualSession(config, new EchoProcessor(), List.of(out), false);
        session.recorder().setEnabled(record);

        Random random = new Random(seed ^ 0x5eed);
        long totalBars = (long) Math.ceil(input.endStep() / Meter.FOUR_FOUR.stepsPerBar());
        long sampleEvery = Math.max(1, totalBars / heapSamples);
        HeapSampler heap = new HeapSampler();
        long[] changes = {0};
        long[] nextChangeBar = {2};
        long[] recordingAtFirstSample = {-1};
        Map<String, Long> changesByKind = new TreeMap<>();
        Map<String, Long> barsByMode = new TreeMap<>();
        long started = System.nanoTime();
        session.play(input, 4, (bar, s) -> {
            if (bar == nextChangeBar[0]) {
                String kind = kindNames.get(random.nextInt(kindNames.size()));
                kinds.get(kind).make(random).applyTo(s);
                changesByKind.merge(kind, 1L, Long::sum);
                changes[0]++;
                nextChangeBar[0] = bar + 2 + random.nextInt(5); // every 2–6 bars
            }
            barsByMode.merge(s.mode(), 1L, Long::sum);
            if (bar % sampleEvery == 0 && bar > 0) {
                heap.sample();
                if (recordingAtFirstSample[0] < 0) recordingAtFirstSample[0] = recordingBytes(s);
                if (samples != null) {
                    List<Long> h = heap.samples();
                    LatencyMetrics m = s.metrics();
                    samples.accept(new Sample(s.nowNanos() / 3.6e12, bar, (System.nanoTime() - started) / 1e9, h.get(h.size() - 1),
                            Health.countOpenFileDescriptors(), Thread.activeCount(), m.eventsSent.get(), m.deadlineMisses.get(),
                            m.coveredBars.get(), out.hangingNotes()));
                }
            }
        });
        double wall = (System.nanoTime() - started) / 1e9;
        heap.sample();

        LatencyMetrics m = session.metrics();
        long faults = faulty.stream().mapToLong(FaultInjectingProcessor::faultsInjected).sum();
        return new Report(minutes, totalBars, wall, input.messages().size(), session.recorder().inputEventCount(),
                m.eventsSent.get(), session.recorder().outputEventCount(), out.noteOns(), out.hangingNotes(), changes[0],
                m.deadlineMisses.get(), faults, m.coveredBars.get(), m.lateEventsDropped.get(), m.queueOverflows.get(),
                heap.growth(), recordingBytes(session) - Math.max(0, recordingAtFirstSample[0]), heap.describeMiB(),
                changesByKind, barsByMode, melodyModel);
    }

    /** What the recording holds: 12 bytes per event (a long time and a packed int), in 64k-event chunks. */
    static long recordingBytes(VirtualSession session) {
        return 12 * (session.recorder().inputEventCount() + session.recorder().outputEventCount());
    }

    static void check(Report r) throws IOException {
        Path report = Path.of("target", "soak-report.txt");
        Files.createDirectories(report.getParent());
        Files.writeString(report, r.line() + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(r.line());

        assertThat(r.hangingNotes()).as("stuck notes").isZero();
        assertThat(r.recordedInput()).as("recorded input events").isEqualTo(r.inputEvents());
        assertThat(r.recordedOutput()).as("recorded output events").isEqualTo(r.sentEvents());
        assertThat(r.lateDropped()).as("late events").isZero();
        assertThat(r.overflows()).as("scheduler overflows").isZero();
        assertThat(r.noteOns()).isPositive();
        assertThat(r.settingsChanges()).isGreaterThan(r.bars() / 8);
        assertThat(r.changesByKind()).as("settings changes by kind").containsKeys("preset", "mode", "test mode", "echo settings");
        // Every live mode generated bars, the model-backed ones too when the model is installed.
        assertThat(r.barsByMode()).as("bars per mode").containsKeys("echo", "accompany");
        if (r.melodyModel()) assertThat(r.barsByMode()).as("bars per mode").containsKeys("restyle", "looper");
        // Every miss is a failure the soak injected; none came from the engine itself.
        assertThat(r.deadlineMisses()).isEqualTo(r.faultsInjected());
        // Flat: what stays is the recording (kept on purpose) plus a little that settles (JIT, class data).
        assertThat(r.heapGrowth()).as("heap growth beyond the recording").isLessThan(r.recordingBytes() + 8L * 1024 * 1024);
    }

    @Test
    void twentyMinutesOfMusicWithTempoModeAndPresetChanges() throws Exception {
        check(soak(20, 1, 5));
    }

    @Tag("soak")
    @Test
    void twoHoursOfMusicWithTempoModeAndPresetChanges() throws Exception {
        check(soak(120, 2, 12));
    }

    /**
     * An installation's days, in virtual time: the same switching performance as above for
     * {@code -Danalogy.soak.hours} hours of music (default 72) on everything installed — the shipped melody,
     * accompaniment and predictor models, their attribute offsets — with the recording off as in an
     * unattended run. A health row per hour of music goes to {@code target/soak-days.csv}: heap after a full
     * collection, open file descriptors, threads. Flat means the last rows hold no more than the first.
     */
    @Tag("soak")
    @Test
    void daysOfMusicOnTheShippedModels() throws Exception {
        double hours = Double.parseDouble(System.getProperty("analogy.soak.hours", "72"));
        Path csv = Path.of("target", "soak-days.csv");
        Files.createDirectories(csv.getParent());
        List<Sample> rows = new ArrayList<>();
        Report r;
        try (Band band = Band.load();
             java.io.PrintWriter w = new java.io.PrintWriter(Files.newBufferedWriter(csv))) {
            w.println("music_hours,bars,wall_s,heap_after_gc_mib,fds,threads,events_sent,deadline_misses,covered_bars,sounding");
            boolean model = band.hasMelodyModel();
            PresetLibrary library = new PresetLibrary(STYLES, Path.of("target/no-user-presets"),
                    new PresetLoader(new ReferenceClips(List.of(CLIPS)), band.predictedChords()));
            List<Preset> presets = library.all().stream()
                    .filter(p -> model || !Modes.needsMelodyModel(p.style().mode())).toList();
            List<String> liveModes = new ArrayList<>();
            Modes.names().forEach(m -> {
                if ((model || !Modes.needsMelodyModel(m)) && (!m.equals("answer") || band.latentPredictor() != null)) liveModes.add(m);
            });
            band.describe().forEach(n -> System.out.println("soak: " + n));
            r = soak(hours * 60, 3, (int) Math.max(4, Math.round(hours)), band, presets, liveModes, model, false, row -> {
                rows.add(row);
                w.printf(java.util.Locale.ROOT, "%.2f,%d,%.1f,%.2f,%d,%d,%d,%d,%d,%d%n", row.musicHours(), row.bars(), row.wallSeconds(),
                        row.heapAfterGcBytes() / 1048576.0, row.fds(), row.threads(), row.sentEvents(), row.deadlineMisses(),
                        row.coveredBars(), row.sounding());
                w.flush();
            });
        }
        Path report = Path.of("target", "soak-report.txt");
        Files.writeString(report, r.line() + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(r.line());
        assertThat(r.hangingNotes()).as("stuck notes").isZero();
        assertThat(r.lateDropped()).as("late events").isZero();
        assertThat(r.overflows()).as("scheduler overflows").isZero();
        assertThat(r.deadlineMisses()).as("every miss an injected fault").isEqualTo(r.faultsInjected());
        assertThat(r.barsByMode()).as("bars per mode").containsKeys("echo", "accompany");
        assertThat(rows).hasSizeGreaterThan(3);
        // Flat: the last quarter of the run holds no more heap, descriptors or threads than the first quarter.
        int quarter = Math.max(1, rows.size() / 4);
        List<Sample> first = rows.subList(0, quarter), last = rows.subList(rows.size() - quarter, rows.size());
        long heapFirst = first.stream().mapToLong(Sample::heapAfterGcBytes).max().orElseThrow();
        long heapLast = last.stream().mapToLong(Sample::heapAfterGcBytes).min().orElseThrow();
        assertThat(heapLast).as("heap after GC, last quarter vs first").isLessThan(heapFirst + 2L * 1024 * 1024);
        assertThat(last.stream().mapToLong(Sample::fds).max().orElseThrow()).as("open files")
                .isLessThanOrEqualTo(first.stream().mapToLong(Sample::fds).max().orElseThrow());
        assertThat(last.stream().mapToInt(Sample::threads).max().orElseThrow()).as("threads")
                .isLessThanOrEqualTo(first.stream().mapToInt(Sample::threads).max().orElseThrow());
    }
}
