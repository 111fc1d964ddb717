package org.analogy.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MissLogTest {

    @Test
    void keepsTheLatestMissesOldestFirstAndCountsThemAll() {
        MissLog log = new MissLog(3);
        for (int i = 1; i <= 5; i++) log.record(i % 2 == 0 ? MissLog.Kind.BAR_COVERED : MissLog.Kind.LATE_NOTE_DROPPED, i * 100L, i * 100L + i);
        assertThat(log.count()).isEqualTo(5);
        assertThat(log.snapshot()).extracting(MissLog.Miss::dueNanos).containsExactly(300L, 400L, 500L);
        assertThat(log.snapshot()).extracting(MissLog.Miss::latenessNanos).containsExactly(3L, 4L, 5L);
        assertThat(log.snapshot()).extracting(MissLog.Miss::kind)
                .containsExactly(MissLog.Kind.LATE_NOTE_DROPPED, MissLog.Kind.BAR_COVERED, MissLog.Kind.LATE_NOTE_DROPPED);
    }

    @Test
    void anEmptyLogHasNothingAndACapacityBelowOneIsRefused() {
        assertThat(new MissLog(8).snapshot()).isEmpty();
        assertThatThrownBy(() -> new MissLog(0)).hasMessageContaining("capacity 0");
    }
}
