package org.analogy.engine.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.analogy.engine.band.Band;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.process.Modes;
import org.analogy.engine.render.PerformanceInput;
import org.analogy.engine.render.SyntheticPerformance;
import org.analogy.engine.render.VirtualSession;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.time.Meter;

/**
 * A full bar end to end: a performer's bar of input through capture, window, inference, scheduler and
 * output, all the engine's own stages in virtual time, so the figure is the engine's work per bar without
 * the waiting that real time adds. Each invocation plays {@value #BARS} bars of the synthetic performer (a
 * fresh session, as a render does); the result is per bar. {@link #echoBar} generates by echo (no model);
 * {@link #presetBar} by a factory preset on the band as every entry point loads it, its references encoded once
 * as when the preset is chosen live: {@code restyle-swing} (restyle on the melody model: every pair of bars costs
 * an encode of the played pair and a decode of the re-composed one, plus the accompaniment, decoded beside it on
 * the part thread), {@code ballad} (accompany on the learned accompaniment and chord predictor), {@code pop-xy}
 * (accompany on a chart, the texture from the XY pad's clips) and {@code looper-morph} (the looper decoding its
 * loop every pass on the melody model, chords predicted). So every mode has its full bar on the shipped models.
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
    public long presetBar(ModelBar model) throws Exception {
        return model.play(performance).noteOns;
    }

    /**
     * The band as every entry point loads it (the shipped bundles; -Dbundle=DIR for another melody model) and a
     * factory preset, set up once per trial: restyle on the melody model, accompany on the learned
     * accompaniment and chord predictor.
     */
    @State(Scope.Thread)
    public static class ModelBar {

        @Param({"restyle-swing", "ballad", "pop-xy", "looper-morph"})
        public String preset;

        private Band band;
        private EngineConfig config;
        private String mode;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            String given = System.getProperty("bundle", "");
            band = Band.load(given.isBlank() ? Band.Sources.SHIPPED : Band.Sources.SHIPPED.withMelody(Path.of(given)),
                    Band.OnBrokenBundle.FAIL);
            band.describe().forEach(line -> System.out.println("band: " + line));
            Path presets = ModelStore.presetsDir();
            Preset chosen = new PresetLibrary(presets.resolve("styles"), presets.resolve("no-user-presets"),
                    new PresetLoader(new ReferenceClips(List.of(presets.resolve("clips"))), band.predictedChords())).find(preset);
            mode = chosen.style().mode();
            band.checkPlayable(chosen.style(), preset);
            band.prepare(chosen.style());
            config = EngineConfig.defaults().withBpm(120).withControls(chosen.applyTo(ControlSnapshot.DEFAULT));
            PerformanceInput performance = SyntheticPerformance.generate(Meter.FOUR_FOUR, BARS - 1, 120, 1);
            VirtualSession check = session(new CountingOutput());
            check.play(performance, 0);
            if (check.windows().size() != BARS) {
                throw new IllegalStateException(BARS + " bars expected per invocation, the session generated " + check.windows().size());
            }
            if (check.metrics().processorErrors.get() != 0 || check.metrics().coveredBars.get() != 0) {
                throw new IllegalStateException(preset + " failed " + check.metrics().processorErrors.get() + " of " + BARS + " bars");
            }
        }

        VirtualSession session(CountingOutput out) {
            return new VirtualSession(config, Modes.create(mode, band), List.of(out));
        }

        CountingOutput play(PerformanceInput performance) {
            CountingOutput out = new CountingOutput();
            session(out).play(performance, 0);
            return out;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (band != null) band.close();
        }
    }
}
