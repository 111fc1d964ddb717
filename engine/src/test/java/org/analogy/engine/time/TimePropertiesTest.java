package org.analogy.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Properties over random tempo changes (fixed seed, so runs repeat): no position jumps, no clock skipped or sent twice. */
class TimePropertiesTest {

    private static final long MS = 1_000_000L;

    @Property(tries = 200, seed = "20240601")
    void tempoChangesNeverMoveThePosition(
            @ForAll @Size(min = 1, max = 20) List<@DoubleRange(min = 30, max = 300) Double> tempos,
            @ForAll @LongRange(min = 1, max = 3_000) long gapMs) {
        Transport transport = new Transport(Meter.FOUR_FOUR, 120);
        transport.start(0);
        long t = 0;
        for (double bpm : tempos) {
            t += gapMs * MS;
            double before = transport.timeline().stepAt(t);
            transport.setTempo(bpm, t);
            assertThat(transport.timeline().stepAt(t)).isCloseTo(before, within(1e-9));
        }
    }

    @Property(tries = 200, seed = "20240601")
    void clocksAreConsecutiveAndIncreasingAcrossRandomTempoChanges(
            @ForAll @Size(min = 1, max = 30) List<@DoubleRange(min = 30, max = 300) Double> tempos,
            @ForAll @IntRange(min = 1, max = 40) int clocksBetweenChanges,
            @ForAll @LongRange(min = 0, max = 8_000_000) long changeOffsetNanos) {
        Transport transport = new Transport(Meter.FOUR_FOUR, 120);
        transport.setCountInBars(1);
        transport.start(0);
        ClockGenerator clock = new ClockGenerator(transport);
        long t = clock.nextClockNanos(-MS);
        long index = clock.clockIndex();
        assertThat(index).isEqualTo(-96);
        for (double bpm : tempos) {
            for (int i = 0; i < clocksBetweenChanges; i++) {
                long next = clock.nextClockNanos(t);
                assertThat(clock.clockIndex()).isEqualTo(index + 1);
                assertThat(next).isGreaterThan(t);
                t = next;
                index++;
            }
            // A change at or shortly after the clock just sent (at most 8 ms: less than a clock at 300 BPM).
            transport.setTempo(bpm, t + changeOffsetNanos);
        }
    }
}
