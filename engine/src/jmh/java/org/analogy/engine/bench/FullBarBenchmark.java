package org.analogy.engine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.analogy.engine.accompany.PatternAccompanist;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.model.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.process.Instruments;
import org.analogy.engine.process.Modes;
import org.analogy.engine.render.PerformanceInput;
import org.analogy.engine.render.SyntheticPerformance;
import org.analogy.engine.render.VirtualSession;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.time.Meter;
import org.analogy.engine.transform.AttributeOffsets;

/**
 * A full bar end to end: a performer's bar of input through capture, window, inference, scheduler and
 * output, all the engine's own stages in virtual time, so the figure is the engine's work per bar without
 * the waiting that real time adds. Each invocation plays {@value #BARS} bars of the synthetic performer (a
 * fresh session, as a render does); the result is per bar. {@link #echoBar} generates by echo (no model);
 * {@link #restyleBar} by the restyle mode on the melody model with the factory preset {@value
 * ModelBar#PRESET} (its reference encoded once, as when the preset is chosen live), so every pair of bars
 * costs the model an encode of the played pair and a decode of the re-composed one, plus the accompaniment.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class FullBarBenchmark {

    static final int BARS = 16;

    private PerformanceInput performance;
    private EngineConfig config;

    @Setup(Level.Trial)
    public void setUp() {
        performance = SyntheticPerformance.generate(Meter.FOUR_FOUR, BARS - 1, 120, 1); // plus the bar the session plays out
        config = EngineConfig.defaults().withBpm(120).withControls(ControlSnapshot.DEFAULT.withEcho(1, 0));
        VirtualSession check = new VirtualSession(config, new EchoProcessor(), List.of(new CountingOutput()));
        check.play(performance, 0);
        if (check.windows().size() != BARS) {
            throw new IllegalStateException(BARS + " bars expected per invocation, the session generated " + check.windows().size());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public long echoBar() {
        CountingOutput out = new CountingOutput();
        VirtualSession session = new VirtualSession(config, new EchoProcessor(), List.of(out));
        session.play(performance, 0);
        return out.noteOns;
    }

    @Benchmark
    @OperationsPerInvocation(BARS)
    public long restyleBar(ModelBar model) throws Exception {
        return model.play(performance).noteOns;
    }

    /** The melody model (-Dbundle=DIR, else the shipped one) and a restyle preset, set up once per trial. */
    @State(Scope.Thread)
    public static class ModelBar {

        static final String PRESET = "restyle-swing";

        private MelodyModel model;
        private Instruments instruments;
        private EngineConfig config;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Path dir = MelodyModelBenchmark.bundleDir();
            if (!Files.isRegularFile(dir.resolve(ModelBundle.MANIFEST))) {
                throw new IllegalStateException("skipped: no melody model bundle at " + dir
                        + " (pass -Dbundle=DIR, or ship presets/models/melody)");
            }
            model = MelodyModel.load(ModelBundle.load(dir), MelodyModel.Options.DEFAULT);
            instruments = new Instruments(model, PatternAccompanist::new, AttributeOffsets.loadFromBundle(dir));
            Path presets = ModelStore.presetsDir();
            Preset preset = new PresetLibrary(presets.resolve("styles"), presets.resolve("no-user-presets"),
                    new PresetLoader(new ReferenceClips(List.of(presets.resolve("clips"))))).find(PRESET);
            instruments.checkPlayable(preset.style(), PRESET);
            instruments.prepare(preset.style());
            config = EngineConfig.defaults().withBpm(120).withControls(preset.applyTo(ControlSnapshot.DEFAULT));
            PerformanceInput performance = SyntheticPerformance.generate(Meter.FOUR_FOUR, BARS - 1, 120, 1);
            VirtualSession check = session(new CountingOutput());
            check.play(performance, 0);
            if (check.windows().size() != BARS) {
                throw new IllegalStateException(BARS + " bars expected per invocation, the session generated " + check.windows().size());
            }
            if (check.metrics().processorErrors.get() != 0 || check.metrics().coveredBars.get() != 0) {
                throw new IllegalStateException("restyle failed " + check.metrics().processorErrors.get() + " of " + BARS + " bars");
            }
        }

        VirtualSession session(CountingOutput out) {
            return new VirtualSession(config, Modes.create("restyle", instruments), List.of(out));
        }

        CountingOutput play(PerformanceInput performance) {
            CountingOutput out = new CountingOutput();
            session(out).play(performance, 0);
            return out;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (model != null) model.close();
        }
    }
}
