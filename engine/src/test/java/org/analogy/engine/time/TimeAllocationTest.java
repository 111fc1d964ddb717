package org.analogy.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hot paths allocate nothing, except the one Timeline a Transport publishes per actual change. Measured
 * with the JVM's per-thread allocation counter, after a warm-up so class loading does not count.
 */
class TimeAllocationTest {

    private static final int CALLS = 20_000;
    /** One Timeline: object header plus three 8-byte fields, a reference and a boolean, padded. */
    private static final long ONE_TIMELINE_BYTES = 64;

    private com.sun.management.ThreadMXBean threads;

    @BeforeEach
    void allocationCounter() {
        assumeThat(ManagementFactory.getThreadMXBean()).isInstanceOf(com.sun.management.ThreadMXBean.class);
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    private long allocatedSoFar() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /**
     * The least of three measured rounds: on a loaded machine the JIT sometimes finishes compiling the loop in the
     * middle of a round, and that round is charged tens of kilobytes the code itself never allocates (seen as
     * 36 928 B for a loop that measures 0 B when run again). Code that allocates per call does so in every round.
     */
    @Test
    void tapTempoAllocatesNothingPerTap() {
        TapTempo tap = new TapTempo();
        long t = 0;
        for (int i = 0; i < CALLS; i++) tap.tap(t += 480_000_000L + (i % 7) * 3_000_000L);
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long before = allocatedSoFar();
            for (int i = 0; i < CALLS; i++) tap.tap(t += 480_000_000L + (i % 7) * 3_000_000L);
            least = Math.min(least, allocatedSoFar() - before);
        }
        System.out.printf("TapTempo: %d bytes over %d taps (least of 3 rounds)%n", least, CALLS);
        assertThat(least).isLessThan(1_024);
    }

    @Test
    void clockFollowerAllocatesOnlyThePublishedTimelinePerClock() {
        Transport transport = new Transport(Meter.FOUR_FOUR, 120);
        transport.setLeader(Transport.Leader.MIDI_CLOCK);
        MidiClockFollower follower = new MidiClockFollower(transport);
        follower.onStart(0);
        long t = 0;
        for (int i = 0; i < CALLS; i++) follower.onClock(t += 20_833_333L + (i % 5) * 100_000L);
        long before = allocatedSoFar();
        for (int i = 0; i < CALLS; i++) follower.onClock(t += 20_833_333L + (i % 5) * 100_000L);
        long bytes = allocatedSoFar() - before;
        System.out.printf("MidiClockFollower: %.1f bytes per clock%n", (double) bytes / CALLS);
        assertThat(bytes).isLessThanOrEqualTo(CALLS * ONE_TIMELINE_BYTES + 1_024);
    }

    @Test
    void clockGeneratorAndTriggerPointsAllocateNothing() {
        Transport transport = new Transport(Meter.FOUR_FOUR, 137);
        transport.start(0);
        ClockGenerator clock = new ClockGenerator(transport);
        TriggerPoints triggers = new TriggerPoints();
        Timeline timeline = transport.timeline();
        long t = -1_000_000L;
        long sum = 0;
        for (int i = 0; i < CALLS; i++) {
            t = clock.nextClockNanos(t);
            sum += triggers.nextTriggerNanos(timeline, t) + TriggerPoints.nextBarLineNanos(timeline, t);
        }
        long before = allocatedSoFar();
        for (int i = 0; i < CALLS; i++) {
            t = clock.nextClockNanos(t);
            sum += triggers.nextTriggerNanos(timeline, t) + TriggerPoints.nextBarLineNanos(timeline, t);
        }
        long bytes = allocatedSoFar() - before;
        System.out.printf("ClockGenerator + TriggerPoints: %d bytes over %d clocks%n", bytes, CALLS);
        assertThat(sum).isNotZero();
        assertThat(bytes).isLessThan(1_024);
    }
}
