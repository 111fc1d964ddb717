package org.analogy.engine.bench;

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

import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.render.PerformanceInput;
import org.analogy.engine.render.SyntheticPerformance;
import org.analogy.engine.render.VirtualSession;
import org.analogy.engine.time.Meter;

/**
 * A full bar end to end: a performer's bar of input through capture, window, inference (echo), scheduler
 * and output, all the engine's own stages in virtual time, so the figure is the engine's work per bar
 * without the waiting that real time adds. Each invocation plays {@value #BARS} bars of the synthetic
 * performer (a fresh session, as a render does); the result is per bar.
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
}
