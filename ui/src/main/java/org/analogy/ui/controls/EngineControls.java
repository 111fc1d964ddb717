package org.analogy.ui.controls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CapturedNote;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.metrics.Stage;
import org.analogy.engine.output.EventLog;
import org.analogy.engine.pipeline.CaptureStage.ClockSource;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.Modes;
import org.analogy.engine.process.Part;
import org.analogy.engine.repr.Chord;
import org.analogy.engine.repr.ChordRecognizer;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

/**
 * {@link PerformanceControls} over the live engine's control API as it is today: transport, tempo, meter,
 * count-in, clock source, the modes {@link Modes} knows, and the echo settings of the control snapshot.
 *
 * <p>Latent factors, the XY pad and shipped presets belong to the analogy modes, which the engine does not
 * have yet: their panels are declared (so the window has its final shape) but marked unavailable, and
 * values set on them are held here until a mode can use them.
 *
 * <p>Activity comes from the session recorder's logs, which the capture and scheduler threads append to
 * without locks; this class only reads what has been published, so the engine is never held up.
 */
public final class EngineControls implements PerformanceControls {

    static final String ECHO_DELAY = "echo.delay";
    static final String ECHO_TRANSPOSE = "echo.transpose";
    static final String VELOCITY = "output.velocity";
    private static final String NO_FACTORS = "the %s mode has no latent factors; the analogy modes bring them";

    private final LiveEngine engine;
    private final List<String> references;
    private final Map<String, Double> held = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();
    private final String[] corners = new String[4];
    private String mode;
    private int countInBars;
    private ClockSource clock = ClockSource.INTERNAL;
    private long inputRead;
    private long outputRead;
    private BarWindow chordWindow;
    private ChordView chordView = ChordView.NONE;
    private volatile String problem;
    private String lastCommandError;

    /**
     * @param mode        the mode the engine was started with
     * @param referenceDir reference clips for factor sources and XY corners ({@code presets/clips}); may be missing
     */
    public EngineControls(LiveEngine engine, String mode, Path referenceDir) {
        this.engine = engine;
        this.mode = mode;
        this.countInBars = engine.config().countInBars();
        this.references = listClips(referenceDir);
        for (int i = 0; i < 4; i++) corners[i] = references.isEmpty() ? "—" : references.get(Math.min(i, references.size() - 1));
        // Activity starts now: what happened before the window opened is history, not news.
        this.inputRead = engine.recorder().inputLog().size();
        this.outputRead = engine.recorder().outputLog().size();
    }

    private static List<String> listClips(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mid"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ---- transport -------------------------------------------------------------------------------

    @Override public void play() { engine.play(); }

    @Override public void stop() { engine.stop(); }

    @Override public void continuePlaying() { engine.continuePlaying(); }

    @Override public void tap() { engine.tap(); }

    @Override public void panic() { engine.panic(); }

    @Override
    public void setTempo(double bpm) {
        guard(() -> engine.setTempo(Math.max(Timeline.MIN_BPM, Math.min(Timeline.MAX_BPM, bpm))));
    }

    @Override
    public void setMeter(Meter meter) {
        guard(() -> engine.setMeter(meter));
    }

    @Override
    public void setCountInBars(int bars) {
        guard(() -> {
            engine.setCountInBars(bars);
            countInBars = bars;
        });
    }

    @Override
    public void setClockSource(ClockSource source) {
        guard(() -> {
            engine.setClockSource(source);
            clock = source;
        });
    }

    @Override
    public TransportState transport() {
        Timeline t = engine.timeline();
        return new TransportState(t.bpm(), t.meter(), t.running(), t.stepAt(System.nanoTime()), countInBars, clock);
    }

    // ---- modes and presets -----------------------------------------------------------------------

    @Override
    public List<String> modes() {
        List<String> out = new ArrayList<>();
        Modes.names().forEach(out::add);
        return out;
    }

    @Override
    public String mode() {
        return mode;
    }

    @Override
    public void selectMode(String name) {
        guard(() -> {
            engine.setProcessor(Modes.create(name));
            mode = name;
        });
    }

    /** The engine ships no style presets yet; the window's own presets are all there is. */
    @Override
    public List<String> presets() {
        return List.of();
    }

    @Override
    public void applyPreset(String name) {
        problem = "no shipped preset named '" + name + "'";
    }

    // ---- parameters ------------------------------------------------------------------------------

    @Override
    public List<ParameterSpec> modeParameters() {
        List<ParameterSpec> out = new ArrayList<>();
        if (mode.equals("echo")) {
            out.add(ParameterSpec.choice(ECHO_DELAY, "echo delay (bars)", List.of(1.0, 2.0, 4.0), "%.0f"));
            out.add(ParameterSpec.continuous(ECHO_TRANSPOSE, "transpose (semitones)", -24, 24, 1, "%+.0f"));
        }
        out.add(ParameterSpec.continuous(VELOCITY, "velocity", 0.1, 2.0, 0.05, "×%.2f"));
        return out;
    }

    @Override
    public List<FactorSpec> factors() {
        String reason = String.format(NO_FACTORS, mode);
        List<String> melodySources = withPerformer(references.stream().filter(r -> r.startsWith("rhythm-")).toList());
        List<String> accompanimentSources = withPerformer(references.stream().filter(r -> !r.startsWith("rhythm-")).toList());
        return List.of(
                FactorSpec.standard("pitch", "Pitch", withPerformer(List.of()), List.of(
                        ParameterSpec.continuous("pitch.register", "register", -12, 12, 1, "%+.0f")), false, reason),
                FactorSpec.standard("rhythm", "Rhythm", melodySources, List.of(
                        ParameterSpec.continuous("rhythm.density", "density", 0, 1, 0.01, "%.2f")), false, reason),
                FactorSpec.standard("chord", "Chords", withPerformer(List.of()), List.of(), false, reason),
                FactorSpec.standard("texture", "Texture", accompanimentSources, List.of(
                        ParameterSpec.continuous("texture.density", "density", 0, 1, 0.01, "%.2f")), false, reason));
    }

    private static List<String> withPerformer(List<String> clips) {
        List<String> out = new ArrayList<>();
        out.add("performer");
        out.addAll(clips);
        return out;
    }

    @Override
    public XyPadSpec xyPad() {
        return new XyPadSpec(references, List.of(corners),
                ParameterSpec.continuous("xy.x", "pad x", 0, 1, 0.001, "%.2f"),
                ParameterSpec.continuous("xy.y", "pad y", 0, 1, 0.001, "%.2f"),
                false, String.format("the %s mode does not blend textures", mode));
    }

    @Override
    public double value(String id) {
        ControlSnapshot c = engine.controls();
        return switch (id) {
            case ECHO_DELAY -> c.echoDelayBars();
            case ECHO_TRANSPOSE -> c.echoTranspose();
            case VELOCITY -> c.velocityScale();
            default -> held.getOrDefault(id, defaultValue(id));
        };
    }

    private static double defaultValue(String id) {
        if (id.endsWith(".temperature")) return 1.0;
        if (id.startsWith("xy.")) return 0.5;
        return 0.0;
    }

    @Override
    public void set(String id, double value) {
        ParameterSpec spec = spec(id);
        if (spec == null) {
            problem = "unknown control '" + id + "'";
            return;
        }
        double v = spec.constrain(value);
        guard(() -> {
            switch (id) {
                case ECHO_DELAY -> engine.updateControls(c -> c.withEcho((int) v, c.echoTranspose()));
                case ECHO_TRANSPOSE -> engine.updateControls(c -> c.withEcho(c.echoDelayBars(), (int) v));
                case VELOCITY -> engine.updateControls(c -> c.withVelocityScale(v));
                default -> held.put(id, v);
            }
        });
    }

    private ParameterSpec spec(String id) {
        for (ParameterSpec p : modeParameters()) if (p.id().equals(id)) return p;
        for (FactorSpec f : factors()) for (ParameterSpec p : f.parameters()) if (p.id().equals(id)) return p;
        XyPadSpec pad = xyPad();
        if (pad.x().id().equals(id)) return pad.x();
        if (pad.y().id().equals(id)) return pad.y();
        return null;
    }

    @Override
    public String source(String factor) {
        return sources.getOrDefault(factor, "performer");
    }

    @Override
    public void setSource(String factor, String source) {
        sources.put(factor, source);
    }

    @Override
    public void setCorner(int corner, String reference) {
        if (corner < 0 || corner > 3) throw new IllegalArgumentException("corner " + corner + ": allowed 0–3");
        corners[corner] = reference;
    }

    // ---- what is happening -----------------------------------------------------------------------

    @Override
    public void pollActivity(ActivitySink sink) {
        Timeline t = engine.timeline();
        EventLog in = engine.recorder().inputLog();
        long inSize = in.size();
        for (; inputRead < inSize; inputRead++) {
            long nanos = in.nanos(inputRead);
            sink.event(Voice.INPUT, nanos, t.stepAt(nanos), in.status(inputRead), in.data1(inputRead), in.data2(inputRead));
        }
        EventLog out = engine.recorder().outputLog();
        long outSize = out.size();
        for (; outputRead < outSize; outputRead++) {
            long nanos = out.nanos(outputRead);
            Voice voice = out.tag(outputRead) == Part.ACCOMPANIMENT.ordinal() ? Voice.ACCOMPANIMENT : Voice.MELODY;
            sink.event(voice, nanos, t.stepAt(nanos), out.status(outputRead), out.data1(outputRead), out.data2(outputRead));
        }
    }

    @Override
    public MeterReadings meters() {
        LatencyMetrics m = engine.metrics();
        Map<Stage, MeterReadings.Latency> latency = new EnumMap<>(Stage.class);
        m.interval().forEach((stage, h) -> {
            if (h.getTotalCount() > 0) latency.put(stage, latencyOf(h));
        });
        return new MeterReadings(latency, m.deadlineMisses.get(), m.coveredBars.get(), m.barsGenerated.get(),
                m.inputEvents.get(), m.eventsSent.get(), m.processorErrors.get());
    }

    private static MeterReadings.Latency latencyOf(Histogram h) {
        return new MeterReadings.Latency(h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6, h.getTotalCount());
    }

    /**
     * The chord of the last complete bar the engine captured (from its latest window). Echo predicts no
     * chords, so nothing is shown ahead.
     */
    @Override
    public ChordView chords() {
        BarWindow w = engine.lastWindow();
        if (w != null && w != chordWindow) {
            chordWindow = w;
            long bar = w.targetBar() - 1;
            if (bar >= w.firstBar()) {
                List<GridNote> notes = new ArrayList<>();
                for (CapturedNote n : w.notesInBar(bar)) notes.add(n.toGridNote());
                Chord chord = ChordRecognizer.recognize(notes, 0, w.stepsPerBar());
                chordView = new ChordView(bar, chord, List.of());
            }
        }
        return chordView;
    }

    @Override
    public String lastProblem() {
        String refused = engine.lastCommandError();
        if (refused != null && !refused.equals(lastCommandError)) {
            lastCommandError = refused;
            problem = refused;
        }
        String error = engine.lastError();
        return problem != null ? problem : error;
    }

    private void guard(Runnable change) {
        try {
            change.run();
            problem = null;
        } catch (IllegalArgumentException | IllegalStateException e) {
            problem = e.getMessage();
        }
    }
}
