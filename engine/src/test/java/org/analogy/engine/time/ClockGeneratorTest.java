package org.analogy.engine.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockGeneratorTest {

    private static final long MS = 1_000_000L;

    private final Transport transport = new Transport(Meter.FOUR_FOUR, 120);
    private final ClockGenerator clock = new ClockGenerator(transport);

    @Test
    void noClockWhileStopped() {
        assertThat(clock.nextClockNanos(0)).isEqualTo(ClockGenerator.NO_CLOCK);
    }

    @Test
    void clocksAt120BpmAreSixPerSixteenth() {
        transport.start(1_000 * MS);
        long t = 1_000 * MS - MS;
        for (int i = 0; i < 48; i++) {
            t = clock.nextClockNanos(t);
            assertThat(clock.clockIndex()).isEqualTo(i);
            // 125 ms per 16th / 6, rounded to whole nanos.
            assertThat(t).isEqualTo(1_000 * MS + Math.round(i * 125e6 / 6));
        }
    }

    @Test
    void theClockAtAfterNanosIsNotReturnedAgain() {
        transport.start(0);
        long first = clock.nextClockNanos(-MS);
        assertThat(first).isZero();
        assertThat(clock.nextClockNanos(first)).isGreaterThan(first);
        assertThat(clock.clockIndex()).isEqualTo(1);
    }

    /** Emits clocks the way the scheduler does (each after the previous one), changing tempo along the way. */
    @Test
    void clocksStayOnTheStepGridAcrossTempoChanges() {
        transport.start(0);
        List<Long> indices = new ArrayList<>();
        long t = -MS;
        int emitted = 0;
        while (emitted < 600) {
            t = clock.nextClockNanos(t);
            indices.add(clock.clockIndex());
            emitted++;
            // A tempo change between two clocks, at an arbitrary moment after the one just sent.
            if (emitted == 100) transport.setTempo(90, t + 7 * MS);
            if (emitted == 250) transport.setTempo(173.3, t + 1);
            if (emitted == 400) transport.setTempo(60, t);
        }
        for (int i = 0; i < indices.size(); i++) {
            assertThat(indices.get(i)).as("no clock skipped or repeated").isEqualTo(i);
        }
        // Each clock time is where its step falls on the timeline in force then: here the last one.
        Timeline last = transport.timeline();
        assertThat(t).isEqualTo(last.nanosAt(599 / 6.0));
        assertThat(last.stepAt(t)).isCloseTo(599 / 6.0, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void afterAFasterTempoTheNextClockIsNotSentTwice() {
        transport.start(0);
        long t = -MS;
        for (int i = 0; i < 10; i++) t = clock.nextClockNanos(t);
        long lastIndex = clock.clockIndex();
        // Re-anchored just before the next clock; extrapolating the new, faster tempo backwards would put
        // the last clock's step after afterNanos again.
        transport.setTempo(300, t + 20 * MS);
        clock.nextClockNanos(t);
        assertThat(clock.clockIndex()).isEqualTo(lastIndex + 1);
    }

    @Test
    void startGoesOutBeforeClockZeroAfterTheCountInClocks() {
        transport.setCountInBars(1);
        transport.start(0);
        long t = -MS;
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 16 * 6 + 3; i++) {
            t = clock.nextClockNanos(t);
            statuses.add(clock.statusBeforeClock());
        }
        assertThat(statuses.subList(0, 96)).containsOnly(ClockGenerator.NONE);
        assertThat(statuses.get(96)).isEqualTo(ClockGenerator.START);
        assertThat(statuses.subList(97, 99)).containsOnly(ClockGenerator.NONE);
    }

    @Test
    void stopThenContinueAtTheNextSixteenthWithSongPosition() {
        transport.start(0);
        long t = -MS;
        for (int i = 0; i < 20; i++) {
            t = clock.nextClockNanos(t);
            clock.statusBeforeClock();
        }
        assertThat(clock.stopDue()).isFalse();
        transport.stop(t + MS);
        assertThat(clock.stopDue()).isTrue();
        assertThat(clock.stopDue()).as("once").isFalse();
        assertThat(clock.nextClockNanos(t + MS)).isEqualTo(ClockGenerator.NO_CLOCK);

        // Stopped just after clock 19 (step 3 1/6); resume: clocks 20..23 run, Continue waits for clock 24.
        long resume = 10_000 * MS;
        transport.continueAt(resume);
        t = resume - MS;
        int continueIndex = -1;
        for (int i = 0; i < 10; i++) {
            t = clock.nextClockNanos(t);
            int status = clock.statusBeforeClock();
            if (status == ClockGenerator.CONTINUE) continueIndex = (int) clock.clockIndex();
            assertThat(status).isNotEqualTo(ClockGenerator.START);
        }
        assertThat(continueIndex).isEqualTo(24);
        assertThat(ClockGenerator.songPositionOf(continueIndex)).isEqualTo(4);
    }
}
