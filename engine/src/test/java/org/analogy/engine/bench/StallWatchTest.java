package org.analogy.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StallWatchTest {

    private static final long MS = 1_000_000L;

    @Test
    void aLateNoteIsTheMachinesWhenStallsCoverAtLeastHalfOfItsLateness() {
        List<StallWatch.Stall> stalls = List.of(new StallWatch.Stall(100 * MS, 160 * MS), new StallWatch.Stall(300 * MS, 304 * MS));
        // Due at 110 ms, found at 165 ms: 50 of its 55 ms inside the first stall.
        assertThat(StallWatch.stalledThrough(stalls, 110 * MS, 165 * MS)).isTrue();
        // Due at 200 ms, found at 230 ms: the machine ran throughout, the lateness is the engine's.
        assertThat(StallWatch.stalledThrough(stalls, 200 * MS, 230 * MS)).isFalse();
        // Due at 296 ms, found at 320 ms: 4 of 24 ms stalled is not enough.
        assertThat(StallWatch.stalledThrough(stalls, 296 * MS, 320 * MS)).isFalse();
    }

    @Test
    void aQuietWatchSeesNoStallsOfSeconds() throws Exception {
        try (StallWatch watch = new StallWatch(2 * MS, 1024)) {
            Thread.sleep(100);
            assertThat(watch.stalls()).hasSizeLessThanOrEqualTo((int) watch.total());
            // Whatever a shared machine does, a stall of seconds in a tenth of a second cannot have been seen.
            assertThat(watch.longestNanos()).isLessThan(1_000 * MS);
        }
    }
}
