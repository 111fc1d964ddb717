package org.analogy.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.analogy.engine.metrics.LatencyMetrics;

class HealthTest {

    @Test
    void readsTheProcessAndTheEngineCounters() {
        LatencyMetrics m = new LatencyMetrics();
        m.barsGenerated.set(3990);
        m.coveredBars.set(2);
        m.inputEvents.set(31880);
        m.eventsSent.set(28911);
        m.deadlineMisses.set(2);
        m.lateEventsDropped.set(5);
        Health h = Health.read(System.nanoTime() - 7_980_000_000_000L, m, 1);
        assertThat(h.uptimeSeconds()).isBetween(7979L, 7981L);
        assertThat(h.heapUsedBytes()).isPositive();
        assertThat(h.threads()).isPositive();
        assertThat(h.openFileDescriptors()).as("a Unix JVM tells its open file descriptors").isPositive();
        assertThat(h.line()).startsWith("health | up 0d02h13m0").contains("| bars 3990 (covered 2, errors 0) | events in 31880 out 28911 | misses 2 | late 5 | heap ")
                .contains(" MB (after GC ").contains("| fds ").endsWith("| reconnects 1");
    }

    @Test
    void heapAfterTheLastCollectionIsWhatSurvivedIt() {
        System.gc();
        long after = Health.heapAfterLastGc();
        assertThat(after).isPositive().isLessThanOrEqualTo(Runtime.getRuntime().totalMemory());
        byte[][] kept = new byte[8][];
        for (int i = 0; i < kept.length; i++) kept[i] = new byte[1 << 20];
        System.gc();
        assertThat(Health.heapAfterLastGc()).isGreaterThanOrEqualTo(after + (7L << 20));
        assertThat(kept[7]).hasSize(1 << 20);
    }

    @Test
    void fileDescriptorsFollowWhatIsOpened() throws Exception {
        long before = Health.countOpenFileDescriptors();
        try (var channel = java.nio.channels.DatagramChannel.open()) {
            assertThat(Health.countOpenFileDescriptors()).isGreaterThan(before);
        }
    }
}
