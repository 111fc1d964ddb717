package org.analogy.ui.controls;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.HdrHistogram.Histogram;

import org.analogy.engine.band.Band;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CapturedNote;
import org.analogy.engine.chords.ChartChords;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordRecognizer;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.metrics.Stage;
import org.analogy.engine.output.EventLog;
import org.analogy.engine.pipeline.CaptureStage.ClockSource;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.Modes;
import org.analogy.engine.process.Part;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetException;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.Style;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;
import org.analogy.engine.transform.TransformKind;

/**
 * {@link PerformanceControls} over the live engine's control API: transport, tempo, meter, count-in and clock
 * source; the modes; the style presets of the engine's {@link PresetLibrary}; and the running style's
 * per-factor transforms (source, α, temperature, freeze, attribute offsets) and its XY pad.
 *
 * <p>Every value shown is read from the engine's current control snapshot, so a change made elsewhere (OSC,
 * the console, a preset) shows up at the next refresh. Settings changes are whole new styles swapped in
 * through {@link LiveEngine#updateStyle}, heard from the next bar line. Anything that reads files or runs the
 * melody model (applying a preset, taking a factor from a clip) runs on this class's own worker thread, so
 * the JavaFX thread never waits for it; failures become {@link #lastProblem()}.
 *
 * <p>Activity comes from the session recorder's logs, which the capture and scheduler threads append to
 * without locks; this class only reads what has been published, so the engine is never held up.
 */
public final class EngineControls implements PerformanceControls, AutoCloseable {

    static final String ECHO_DELAY = "echo.delay";
    static final String ECHO_TRANSPOSE = "echo.transpose";
    static final String LOOP_BARS = "looper.bars";
    static final String OVERDUB = "looper.overdub";
    static final String VELOCITY = "output.velocity";
    static final String XY_X = "xy.x";
    static final String XY_Y = "xy.y";
    /** The source name of a factor blended on the XY pad. */
    public static final String XY_SOURCE = "xy pad";
    public static final String LIVE_SOURCE = "live";
    /** Bars of a chord chart shown ahead of the bar being generated. */
    static final int CHORDS_AHEAD = 3;
    /** The XY pad blends the first of these factors that has an XY transform. */
    private static final List<Factor> PAD_ORDER = List.of(Factor.TEXTURE, Factor.RHYTHM, Factor.CHORD, Factor.PITCH);

    private final LiveEngine engine;
    private final PresetLibrary library;
    private final Band band;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "analogy-ui-styles");
        t.setDaemon(true);
        return t;
    });
    /** What each frozen factor was before freeze, so that releasing it goes back there. */
    private final Map<Factor, Held> beforeFreeze = new ConcurrentHashMap<>();
    /** Reference clip names, read when the presets are listed (a new clip shows after the next listing). */
    private volatile List<String> clips;
    private int countInBars;
    private ClockSource clock = ClockSource.INTERNAL;
    private long inputRead;
    private long outputRead;
    private BarWindow chordWindow;
    private Chord heardChord = Chord.NONE;
    private volatile String problem;
    private String lastCommandError;

    private record Held(FactorTransform transform, List<ReferenceClip> references) {}

    /**
     * @param library     where presets and reference clips are found
     * @param band what the modes play with (the melody model when installed); the same the engine's
     *                    first processor was made with
     */
    public EngineControls(LiveEngine engine, PresetLibrary library, Band band) {
        this.engine = engine;
        this.library = library;
        this.band = band;
        this.countInBars = engine.config().countInBars();
        this.clips = library.loader().clips().available();
        // Activity starts now: what happened before the window opened is history, not news.
        this.inputRead = engine.recorder().inputLog().size();
        this.outputRead = engine.recorder().outputLog().size();
    }

    @Override
    public void close() {
        worker.shutdownNow();
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

    /** The mode the engine is running (a switch shows once it has passed through the command ring). */
    @Override
    public String mode() {
        return engine.mode();
    }

    @Override
    public void selectMode(String name) {
        if (Modes.exists(name) && Modes.needsMelodyModel(name) && !band.hasMelodyModel()) {
            problem = "the " + name + " mode needs the melody model, and none is installed (presets/models/melody)";
            return;
        }
        guard(() -> {
            engine.setProcessor(Modes.create(name, band));
            engine.updateStyle(s -> s.withMode(name.toLowerCase(Locale.ROOT)));
        });
    }

    @Override
    public List<PresetInfo> presets() {
        Map<String, Path> files;
        try {
            files = library.files();
        } catch (IOException e) {
            problem = "cannot list the presets: " + e.getMessage();
            return List.of();
        }
        clips = library.loader().clips().available();
        List<PresetInfo> out = new ArrayList<>();
        files.forEach((key, file) -> {
            boolean factory = library.isFactory(file);
            try {
                Preset p = library.loader().load(file, factory);
                out.add(new PresetInfo(key, p.name(), p.description(), factory, null));
            } catch (Exception e) {
                out.add(new PresetInfo(key, key, "", factory, message(e)));
            }
        });
        return out;
    }

    @Override
    public String activePreset() {
        Style s = engine.controls().style();
        // The default style (whatever chord source the band gave it) is no preset.
        return s.name().equals(Style.DEFAULT.name()) ? null : s.name();
    }

    @Override
    public CompletableFuture<String> applyPreset(String key) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Preset p = library.find(key);
                String mode = p.style().mode();
                if (Modes.needsMelodyModel(mode) && !band.hasMelodyModel()) {
                    throw new PresetException(p.file() + ": mode " + mode + " needs the melody model, and none is installed (presets/models/melody)");
                }
                engine.applyPreset(p, band);
                beforeFreeze.clear();
                problem = null;
                return p.name();
            } catch (Exception e) {
                problem = message(e);
                throw new java.util.concurrent.CompletionException(e);
            }
        }, worker);
    }

    @Override
    public List<String> bandParts() {
        // Where each bundle lives is in the live banner and the logs; the panel says what plays.
        return band.paths().stream().map(p -> p.part().key() + ": " + p.description().replaceFirst(" \\([^)]*\\)$", "")
                + (p.problem() == null ? "" : " (bundle broken: see the status line)")).toList();
    }

    @Override
    public String chordSource() {
        return engine.controls().style().chords().describe();
    }

    // ---- parameters ------------------------------------------------------------------------------

    @Override
    public List<ParameterSpec> modeParameters() {
        List<ParameterSpec> out = new ArrayList<>();
        String mode = mode();
        if (mode.equals("echo")) {
            out.add(ParameterSpec.choice(ECHO_DELAY, "echo delay (bars)", List.of(1.0, 2.0, 4.0), "%.0f"));
            out.add(ParameterSpec.continuous(ECHO_TRANSPOSE, "transpose (semitones)", -24, 24, 1, "%+.0f"));
        } else if (mode.equals("looper")) {
            out.add(ParameterSpec.choice(LOOP_BARS, "loop (bars)", List.of(2.0, 4.0, 6.0, 8.0), "%.0f"));
            out.add(ParameterSpec.toggle(OVERDUB, "overdub"));
        }
        out.add(ParameterSpec.continuous(VELOCITY, "velocity", 0.1, 2.0, 0.05, "×%.2f"));
        return out;
    }

    /** Whether the running mode reads a factor's transform. */
    static boolean modeUses(String mode, Factor f) {
        return switch (mode) {
            case "accompany" -> f == Factor.CHORD || f == Factor.TEXTURE;
            case "restyle", "looper" -> true;
            default -> false;
        };
    }

    private static String label(Factor f) {
        return switch (f) {
            case PITCH -> "Pitch";
            case RHYTHM -> "Rhythm";
            case CHORD -> "Chords";
            case TEXTURE -> "Texture";
            case GROOVE -> "Groove";
        };
    }

    private static boolean isMelody(Factor f) {
        return f == Factor.PITCH || f == Factor.RHYTHM;
    }

    /**
     * Clips a factor can be taken from: drum clips for the groove; for the others, clips with pitched notes (any for
     * the melody's factors, accompaniment clips for the rest).
     */
    private List<String> clipsFor(Factor f) {
        List<String> all = clips;
        if (f == Factor.GROOVE) return all.stream().filter(n -> n.startsWith("drums-")).toList();
        List<String> pitched = all.stream().filter(n -> !n.startsWith("drums-")).toList();
        return isMelody(f) ? pitched : pitched.stream().filter(n -> !n.startsWith("rhythm-")).toList();
    }

    @Override
    public List<FactorSpec> factors() {
        String mode = mode();
        Style style = engine.controls().style();
        List<FactorSpec> out = new ArrayList<>();
        for (Factor f : Factor.values()) {
            List<String> sources = new ArrayList<>();
            sources.add(LIVE_SOURCE);
            sources.addAll(clipsFor(f));
            String current = source(f, style);
            if (!sources.contains(current)) sources.add(current);
            List<ParameterSpec> attributes = new ArrayList<>();
            Set<String> names = band.attributeNames(f);
            for (String a : names) {
                attributes.add(ParameterSpec.continuous(attributeId(f, a), a, FactorTransform.ATTRIBUTE_AMOUNT.min(),
                        FactorTransform.ATTRIBUTE_AMOUNT.max(), 0.05, "%+.2f"));
            }
            boolean used = modeUses(mode, f);
            out.add(FactorSpec.standard(f.key(), label(f), sources, attributes, used,
                    used ? "" : "the " + mode + " mode does not use " + f.key() + (mode.equals("echo")
                            ? "; choose a preset, or the accompany, restyle or looper mode" : "")));
        }
        return out;
    }

    private static String attributeId(Factor f, String name) {
        return f.key() + ".attr." + name;
    }

    @Override
    public XyPadSpec xyPad() {
        Style style = engine.controls().style();
        Factor f = padFactor(style);
        Factor target = f != null ? f : Factor.TEXTURE;
        List<String> references = clipsFor(target);
        List<String> corners = new ArrayList<>();
        if (f != null) corners.addAll(style.transform(f).references());
        else for (int i = 0; i < 4; i++) corners.add(references.isEmpty() ? "—" : references.get(Math.min(i, references.size() - 1)));
        String reason;
        if (f == null) reason = "no XY transform in this style: pick corners to make one";
        else if (!modeUses(mode(), f)) reason = "the " + mode() + " mode does not use " + f.key();
        else reason = "";
        return new XyPadSpec(target.key(), references, corners,
                ParameterSpec.continuous(XY_X, "pad x", 0, 1, 0.001, "%.2f"),
                ParameterSpec.continuous(XY_Y, "pad y", 0, 1, 0.001, "%.2f"),
                reason.isEmpty(), reason);
    }

    /** The factor the XY pad moves: the first with an XY transform, or null when none has one. */
    private static Factor padFactor(Style style) {
        for (Factor f : PAD_ORDER) if (style.transform(f).kind() == TransformKind.XY) return f;
        return null;
    }

    @Override
    public double value(String id) {
        ControlSnapshot c = engine.controls();
        switch (id) {
            case ECHO_DELAY: return c.echoDelayBars();
            case ECHO_TRANSPOSE: return c.echoTranspose();
            case VELOCITY: return c.velocityScale();
            case LOOP_BARS: return c.style().loopBars();
            case OVERDUB: return c.style().overdub() ? 1 : 0;
            case XY_X:
            case XY_Y: {
                Factor f = padFactor(c.style());
                if (f == null) return 0.5;
                FactorTransform t = c.style().transform(f);
                return id.equals(XY_X) ? t.x() : t.y();
            }
            default:
        }
        FactorParameter p = FactorParameter.of(id);
        if (p == null) return 0;
        FactorTransform t = c.style().transform(p.factor);
        return switch (p.name) {
            case "alpha" -> t.kind() == TransformKind.SWAP ? 1 : t.kind() == TransformKind.SLERP ? t.alpha() : 0;
            case "temperature" -> t.kind() == TransformKind.SAMPLE ? t.temperature() : 0;
            case "freeze" -> t.kind() == TransformKind.FREEZE ? 1 : 0;
            default -> t.attributes().getOrDefault(p.attribute(), 0.0);
        };
    }

    /** A factor parameter id taken apart: {@code texture.alpha}, {@code rhythm.attr.density}. */
    private record FactorParameter(Factor factor, String name) {
        static FactorParameter of(String id) {
            int dot = id.indexOf('.');
            if (dot < 0) return null;
            for (Factor f : Factor.values()) {
                if (f.key().equals(id.substring(0, dot))) return new FactorParameter(f, id.substring(dot + 1));
            }
            return null;
        }

        String attribute() {
            return name.startsWith("attr.") ? name.substring(5) : null;
        }
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
                case LOOP_BARS -> engine.updateStyle(s -> s.withLooper((int) v, s.overdub()));
                case OVERDUB -> engine.updateStyle(s -> s.withLooper(s.loopBars(), v >= 0.5));
                case XY_X, XY_Y -> movePad(id.equals(XY_X), v);
                default -> setFactor(FactorParameter.of(id), v);
            }
        });
    }

    private void movePad(boolean horizontal, double v) {
        Factor f = padFactor(engine.controls().style());
        if (f == null) throw new IllegalStateException(xyPad().unavailableReason());
        engine.updateStyle(s -> {
            FactorTransform t = s.transform(f);
            if (t.kind() != TransformKind.XY) throw new IllegalStateException(f.key() + " is no longer on the XY pad");
            return s.withTransform(f, horizontal ? t.withXy(v, t.y()) : t.withXy(t.x(), v));
        });
    }

    /**
     * α, temperature, freeze and attributes of one factor, as whole transforms the engine validates.
     * α needs a clip as the source (it moves live → clip); temperature samples around the live latent or
     * the clip; freeze holds the factor and, released, puts back what it was.
     */
    private void setFactor(FactorParameter p, double v) {
        Factor f = p.factor;
        Style style = engine.controls().style();
        FactorTransform t = style.transform(f);
        List<ReferenceClip> refs = style.references(f);
        switch (p.name) {
            case "alpha" -> {
                if (t.references().size() != 1 || t.kind() == TransformKind.FREEZE) {
                    throw new IllegalStateException("α moves " + f.key() + " from live to a clip: choose a clip as its source first (it is "
                            + t.kind().key() + ")");
                }
                replace(f, FactorTransform.slerp(t.references().get(0), v).withAttributes(t.attributes()), refs);
            }
            case "temperature" -> {
                if (t.kind() != TransformKind.LIVE && t.kind() != TransformKind.SWAP && t.kind() != TransformKind.SAMPLE) {
                    throw new IllegalStateException("temperature samples around live " + f.key() + " or one clip; it is "
                            + t.kind().key() + " now (choose live or a clip as its source)");
                }
                replace(f, new FactorTransform(TransformKind.SAMPLE, t.references(), 0, 0, 0, v, t.seed(), t.attributes()), refs);
            }
            case "freeze" -> {
                if (v >= 0.5 && t.kind() != TransformKind.FREEZE) {
                    beforeFreeze.put(f, new Held(t, refs));
                    replace(f, FactorTransform.FROZEN, List.of());
                } else if (v < 0.5 && t.kind() == TransformKind.FREEZE) {
                    Held was = beforeFreeze.remove(f);
                    if (was != null) replace(f, was.transform, was.references);
                    else replace(f, FactorTransform.LIVE, List.of());
                }
            }
            default -> {
                String name = p.attribute();
                if (name == null) throw new IllegalArgumentException("unknown control '" + f.key() + "." + p.name + "'");
                Map<String, Double> attributes = new LinkedHashMap<>(t.attributes());
                if (v == 0) attributes.remove(name);
                else attributes.put(name, v);
                replace(f, t.withAttributes(attributes), refs);
            }
        }
    }

    /** Swaps one factor's transform, with the clips its references name, into the style in force. */
    private void replace(Factor f, FactorTransform t, List<ReferenceClip> refs) {
        engine.updateStyle(s -> s.withTransform(f, t, refs));
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
        return source(Factor.ofKey(factor), engine.controls().style());
    }

    private String source(Factor f, Style style) {
        FactorTransform t = style.transform(f);
        if (t.kind() == TransformKind.FREEZE) {
            Held was = beforeFreeze.get(f);
            t = was != null ? was.transform : FactorTransform.LIVE;
        }
        if (t.kind() == TransformKind.XY) return XY_SOURCE;
        return t.references().isEmpty() ? LIVE_SOURCE : t.references().get(0);
    }

    @Override
    public String describe(String factor) {
        return engine.controls().style().transform(Factor.ofKey(factor)).describe();
    }

    /**
     * Takes a factor from the performer ({@value #LIVE_SOURCE}) or from a clip. A clip is read (and, for the
     * melody's factors, encoded) on the worker; a slerp keeps its α, a sample its temperature.
     */
    @Override
    public void setSource(String factor, String source) {
        Factor f = Factor.ofKey(factor);
        if (source.equals(source(factor))) return;
        if (source.equals(XY_SOURCE)) {
            problem = "the XY pad's corners are chosen under the pad";
            return;
        }
        if (source.equals(LIVE_SOURCE)) {
            guard(() -> {
                FactorTransform t = engine.controls().style().transform(f);
                beforeFreeze.remove(f);
                replace(f, t.kind() == TransformKind.SAMPLE
                        ? new FactorTransform(TransformKind.SAMPLE, List.of(), 0, 0, 0, t.temperature(), t.seed(), t.attributes())
                        : FactorTransform.LIVE.withAttributes(t.attributes()), List.of());
            });
            return;
        }
        onWorker(() -> {
            ReferenceClip clip = library.loader().clips().load(source, null);
            FactorTransform t = engine.controls().style().transform(f);
            FactorTransform next = switch (t.kind()) {
                case SLERP -> FactorTransform.slerp(source, t.alpha());
                case SAMPLE -> new FactorTransform(TransformKind.SAMPLE, List.of(source), 0, 0, 0, t.temperature(), t.seed(), Map.of());
                default -> FactorTransform.swap(source);
            };
            next = next.withAttributes(t.attributes());
            if (isMelody(f)) band.prepare(engine.controls().style().withTransform(f, next, List.of(clip)));
            beforeFreeze.remove(f);
            replace(f, next, List.of(clip));
        });
    }

    /**
     * Puts a clip on a corner of the XY pad. With no XY transform in the style yet, this makes one on
     * texture, from the corners the pad shows, starting in the middle.
     */
    @Override
    public void setCorner(int corner, String reference) {
        if (corner < 0 || corner > 3) throw new IllegalArgumentException("corner " + corner + ": allowed 0–3");
        XyPadSpec pad = xyPad();
        if (pad.corners().get(corner).equals(reference)) return;
        Factor f = Factor.ofKey(pad.factor());
        List<String> corners = new ArrayList<>(pad.corners());
        corners.set(corner, reference);
        onWorker(() -> {
            List<ReferenceClip> clips = new ArrayList<>();
            for (String c : corners) clips.add(library.loader().clips().load(c, null));
            FactorTransform t = engine.controls().style().transform(f);
            FactorTransform next = t.kind() == TransformKind.XY
                    ? FactorTransform.xy(corners, t.x(), t.y()).withAttributes(t.attributes())
                    : FactorTransform.xy(corners, 0.5, 0.5);
            if (isMelody(f)) band.prepare(engine.controls().style().withTransform(f, next, clips));
            beforeFreeze.remove(f);
            replace(f, next, clips);
        });
    }

    private interface Work {
        void run() throws Exception;
    }

    private void onWorker(Work work) {
        worker.execute(() -> {
            try {
                work.run();
                problem = null;
            } catch (Exception e) {
                problem = message(e);
            }
        });
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
                m.inputEvents.get(), m.eventsSent.get(), m.processorErrors.get(), m.lateEventsDropped.get());
    }

    private static MeterReadings.Latency latencyOf(Histogram h) {
        return new MeterReadings.Latency(h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6, h.getTotalCount());
    }

    /**
     * The chord the running mode plays to ({@link LiveEngine#chordInUse()}), as the chord of the bar it is
     * generating, and with a chord chart the chart's next bars ahead of it. A mode with no chord of its own
     * (echo) shows the chord heard in the last complete bar captured.
     */
    @Override
    public ChordView chords() {
        BarWindow w = engine.lastWindow();
        if (w == null) return ChordView.NONE;
        Chord inUse = engine.chordInUse();
        if (!inUse.isNone()) {
            List<Chord> ahead = new ArrayList<>();
            boolean charted = engine.controls().style().chords() instanceof ChartChords;
            if (engine.controls().style().chords() instanceof ChartChords chart) {
                int spb = w.stepsPerBar();
                for (int i = 1; i <= CHORDS_AHEAD; i++) ahead.add(chart.chart().at((w.targetBar() + i) * spb, spb));
            }
            return new ChordView(w.targetBar(), inUse, ahead, charted);
        }
        long bar = w.targetBar() - 1;
        if (w != chordWindow) {
            chordWindow = w;
            if (bar >= w.firstBar()) {
                List<GridNote> notes = new ArrayList<>();
                for (CapturedNote n : w.notesInBar(bar)) notes.add(n.toGridNote());
                heardChord = ChordRecognizer.recognize(notes, 0, w.stepsPerBar());
            }
        }
        return new ChordView(bar, heardChord, List.of(), false);
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

    /** The engine's own words for a failure (a preset's file, field and allowed range; a missing clip). */
    private static String message(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && (c instanceof java.util.concurrent.CompletionException || c.getMessage() == null)) c = c.getCause();
        if (c instanceof java.nio.file.NoSuchFileException f) return "file not found: " + f.getFile();
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
