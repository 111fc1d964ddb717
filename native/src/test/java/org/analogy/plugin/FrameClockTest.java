package org.analogy.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The frame map under the host's wake-up jitter, a drifting frame clock, lost cycles and a restart. */
class FrameClockTest {

    private static final int RATE = 48_000;
    private static final int BLOCK = 256;
    private static final double NOMINAL = 1e9 / RATE;

    /** Feeds {@code blocks} blocks whose frames run at {@code ppm} off nominal, each starting late by 0–3 ms. */
    private static long feed(FrameClock clock, long firstFrame, long startNanos, int blocks, double ppm, Random random) {
        long frame = firstFrame;
        for (int i = 0; i < blocks; i++) {
            long ideal = startNanos + Math.round((frame - firstFrame) * NOMINAL * (1 - ppm / 1e6));
            long late = random.nextInt(10) == 0 ? 50_000 : 50_000 + random.nextInt(3_000_000);
            clock.onBlock(frame, BLOCK, ideal + late, RATE);
            frame += BLOCK;
        }
        return frame;
    }

    @Test
    void jitterDoesNotMoveTheLine() {
        FrameClock clock = new FrameClock();
        Random random = new Random(1);
        long frame = feed(clock, 0, 1_000_000_000L, 600, 0, random); // first three seconds: settles on the earliest starts
        long reanchors = clock.reanchors();
        FrameClock.Line line = clock.line();
        feed(clock, frame, 1_000_000_000L + Math.round(frame * NOMINAL), 20 * RATE / BLOCK, 0, random); // 20 s more
        assertThat(clock.reanchors()).as("no re-anchor in 20 s of jitter alone").isEqualTo(reanchors);
        assertThat(clock.line()).isSameAs(line);
        assertThat(line.nanosAt(0) - 1_000_000_000L).as("the line sits on the earliest starts").isBetween(0L, 200_000L);
    }

    @Test
    void aDriftingFrameClockIsMeasuredAndFollowed() {
        FrameClock clock = new FrameClock();
        Random random = new Random(2);
        feed(clock, 0, 1_000_000_000L, 60 * RATE / BLOCK, 62.5, random); // a dummy driver's rounded period: 62.5 ppm fast
        FrameClock.Line line = clock.line();
        double ppm = (1 - line.nanosPerFrame() / NOMINAL) * 1e6;
        assertThat(ppm).as("measured drift in ppm").isCloseTo(62.5, within(10.0));
        long frame = 60L * RATE;
        long truth = 1_000_000_000L + Math.round(frame * NOMINAL * (1 - 62.5e-6));
        assertThat((double) line.nanosAt(frame) - truth).as("the line after a minute, ns").isCloseTo(0, within(300_000.0));
    }

    @Test
    void lostCyclesMoveTheLineWithoutTouchingTheSlope() {
        FrameClock clock = new FrameClock();
        Random random = new Random(3);
        long frame = feed(clock, 0, 1_000_000_000L, 2000, 0, random);
        double slope = clock.line().nanosPerFrame();
        long gap = 10_666_667; // two cycles lost: the next blocks start that much later for the same frames
        long before = clock.reanchors();
        feed(clock, frame, 1_000_000_000L + Math.round(frame * NOMINAL) + gap, 1000, 0, random);
        assertThat(clock.reanchors()).isGreaterThan(before);
        assertThat(clock.line().nanosPerFrame()).isEqualTo(slope);
        long truth = 1_000_000_000L + Math.round(frame * NOMINAL) + gap;
        assertThat((double) clock.line().nanosAt(frame) - truth).isCloseTo(0, within(300_000.0));
    }

    @Test
    void aJumpInTheHostFramesStartsAfresh() {
        FrameClock clock = new FrameClock();
        assertThat(clock.onBlock(0, BLOCK, 5_000_000_000L, RATE)).isTrue();
        assertThat(clock.onBlock(BLOCK, BLOCK, 5_005_333_333L, RATE)).isFalse();
        assertThat(clock.onBlock(0, BLOCK, 9_000_000_000L, RATE)).as("re-activated: frames from 0 again").isTrue();
        assertThat(clock.line().frameAt(9_000_000_000L)).isZero();
    }
}
