package org.analogy.engine.pipeline;

import org.analogy.engine.capture.CaptureSettings;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

/**
 * Everything fixed when an engine starts.
 *
 * @param outputLatencyNanos time between sending an event and hearing it; generation must finish this
 *                           much before the downbeat
 * @param lateLimitNanos     a note-on found later than this is dropped (and counted) rather than played late;
 *                           20 ms by default: onsets that close still sound together, and it is under half a
 *                           16th at the fastest tempo (25 ms at 300 BPM), so a late note never lands on the next
 *                           step. A note a few ms late (a brief stall of the machine) is played, not lost.
 */
public record EngineConfig(double bpm, Meter meter, int countInBars, CaptureSettings capture, ControlSnapshot controls,
                           long outputLatencyNanos, long lateLimitNanos, int ringSize, int schedulerCapacity) {

    public static EngineConfig defaults() {
        return new EngineConfig(120, Meter.FOUR_FOUR, 0, CaptureSettings.DEFAULT, ControlSnapshot.DEFAULT,
                2_000_000, 20_000_000, 8192, 16384);
    }

    public EngineConfig {
        Timeline.checkBpm(bpm);
        if (countInBars < 0 || countInBars > 4) throw new IllegalArgumentException("count-in " + countInBars + " bars: allowed 0–4");
        if (Integer.bitCount(ringSize) != 1) throw new IllegalArgumentException("ring size must be a power of two");
    }

    public EngineConfig withBpm(double value) {
        return new EngineConfig(value, meter, countInBars, capture, controls, outputLatencyNanos, lateLimitNanos, ringSize, schedulerCapacity);
    }

    public EngineConfig withMeter(Meter value) {
        return new EngineConfig(bpm, value, countInBars, capture, controls, outputLatencyNanos, lateLimitNanos, ringSize, schedulerCapacity);
    }

    public EngineConfig withCountInBars(int value) {
        return new EngineConfig(bpm, meter, value, capture, controls, outputLatencyNanos, lateLimitNanos, ringSize, schedulerCapacity);
    }

    public EngineConfig withCapture(CaptureSettings value) {
        return new EngineConfig(bpm, meter, countInBars, value, controls, outputLatencyNanos, lateLimitNanos, ringSize, schedulerCapacity);
    }

    public EngineConfig withControls(ControlSnapshot value) {
        return new EngineConfig(bpm, meter, countInBars, capture, value, outputLatencyNanos, lateLimitNanos, ringSize, schedulerCapacity);
    }
}
