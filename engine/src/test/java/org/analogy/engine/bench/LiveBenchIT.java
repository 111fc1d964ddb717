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
        // Measured: the median time from a note played to its echo, and what that adds to the bar. Margins
        // hold on a loaded 2-core machine (the host stalled it for over 20 ms hundreds of times an hour in the
        // soak): a note that comes back comes back at its grid time give or take a stall, never early; the
        // figures themselves (a few ms) are the bench's to report, not this test's.
        System.out.printf("measured: %d of 4 answered, note in → out median %.1f ms, added %.1f ms%n", r.answered(),
                r.total().median() / 1e6, r.added().median() / 1e6);
        assertThat(r.total().median()).as("note in → note out (ns)").isBetween(995e6, 1_150e6);
        assertThat(r.added().median()).as("added beyond the bar (ns)").isLessThan(150e6);
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
