package org.analogy.engine.render;

import java.util.List;

import org.analogy.engine.band.Band;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.Modes;
import org.analogy.engine.time.Meter;

/**
 * Makes the first bar of a live run as fast as the hundredth. The model sessions are warmed when they load,
 * but the first bar played live also loads and compiles the mode's own code (capture, chord sources,
 * transforms, note writing: a hundred classes, interpreted at first) and meets the heap that loading left
 * behind, whose collection would stop every thread, the scheduler's too, for 15–25 ms in the middle of the
 * music. So before the engine plays: a few bars of the synthetic performer in virtual time through a fresh
 * instance of the mode on the same band, then one full collection.
 *
 * <p>Nothing of the warm-up reaches the performance: its mode instance is thrown away, it has no outputs, and
 * the shared chord predictor starts again from an empty state when the performance asks for its first bar.
 */
public final class WarmUp {

    /** Enough bars for every code path of a mode to run more than once (restyle's pairs, a looper's passes). */
    static final int BARS = 12;

    private static final System.Logger LOG = System.getLogger("analogy.warmup");

    private WarmUp() {}

    /**
     * Plays {@link #BARS} bars of {@code mode} on {@code band} with {@code controls} in virtual time, then
     * collects the heap. Best effort: a failure here is logged and the live run goes on (it reports its own
     * failures per bar). Returns the time it took, in milliseconds.
     */
    public static long mode(String mode, Band band, ControlSnapshot controls, Meter meter, double bpm) {
        long start = System.nanoTime();
        try {
            EngineConfig config = EngineConfig.defaults().withBpm(bpm).withMeter(meter).withControls(controls);
            PerformanceInput performance = SyntheticPerformance.generate(meter, BARS, bpm, 7);
            new VirtualSession(config, Modes.create(mode, band), List.of(), false).play(performance, 1);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "warm-up of mode " + mode + " failed (the run goes on): " + e);
        }
        System.gc(); // now, not during the first bars: loading and warming left tens of MB behind
        return (System.nanoTime() - start) / 1_000_000;
    }
}
