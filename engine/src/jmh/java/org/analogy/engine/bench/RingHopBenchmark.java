package org.analogy.engine.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.analogy.engine.midi.MidiMessageHandler;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.EchoProcessor;

/**
 * Ring 1 in the live engine, threads and all: the benchmark thread plays the device callback (publish one
 * MIDI event) and waits until the capture thread has taken it. So one operation is one hop, including the
 * capture thread's wake-up under the engine's blocking wait strategy, as a real device sees it. The
 * transport stays stopped, so what the capture thread does per event is record it.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class RingHopBenchmark {

    /** Room reserved in the recording before measuring: more hops than a short run can make. */
    static final long RESERVED_EVENTS = 8_000_000;

    private LiveEngine engine;
    private MidiMessageHandler input;
    private AtomicLong captured;
    private long sent;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new LiveEngine(EngineConfig.defaults(), new EchoProcessor(), List.of());
        engine.recorder().reserve(RESERVED_EVENTS, 0);
        input = engine.inputHandler();
        captured = engine.metrics().inputEvents;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public long publishUntilCaptured() {
        sent++;
        input.channelMessage(System.nanoTime(), 0xB0, 1, (int) (sent & 0x7F));
        while (captured.get() < sent) Thread.onSpinWait();
        return sent;
    }
}
