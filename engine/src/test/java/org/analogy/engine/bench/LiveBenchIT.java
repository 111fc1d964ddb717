package org.analogy.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bench's response measurement in real time: notes played in come back a bar later, and are timed. */
class LiveBenchIT {

    @Test
    void notesPlayedInEchoModeComeBackOneBarLaterAndAreTimed() throws Exception {
        double bpm = 240; // a bar is one second
        LiveBench.Response r = LiveBench.responses(bpm, 4);
        // On a loaded machine a note-on found more than 20 ms late is dropped rather than played late, so
        // not every note need come back; those that do must come back a bar later, on time.
        assertThat(r.answered()).as("notes answered").isBetween(1, 4);
        assertThat(r.total().count()).isEqualTo(r.answered());
        assertThat(r.total().median()).as("note in → note out (ns)").isBetween(995e6, 1_050e6);
        assertThat(r.added().median()).as("added beyond the bar (ns)").isLessThan(50e6);
    }

    @Test
    void cpuLoadThreadsRunUntilClosed() throws Exception {
        CpuLoad load = new CpuLoad(2);
        assertThat(load.threadCount()).isEqualTo(2);
        Thread.sleep(50);
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("bench-load-")).hasSize(2);
        load.close();
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("bench-load-")).isEmpty();
    }
}
