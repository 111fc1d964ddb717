package org.analogy.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The real system calls on Linux: what is granted is really in force; what is refused is said in one line. */
class LinuxCallsTest {

    @Test
    void aGrantedPriorityAndAffinityAreReallyInForceOnTheThread() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"), "Linux only");
        RealtimeSetup setup = new RealtimeSetup(new LinuxCalls(), 3, true);
        AtomicReference<int[]> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            setup.threadStarted("scheduler");
            seen.set(new int[] {LinuxCalls.currentPolicy(), (int) LinuxCalls.currentAffinity()});
        });
        t.start();
        t.join();
        List<String> report = setup.report();
        System.out.println(String.join("\n", report));
        if (report.get(0).startsWith("real-time priority: granted")) {
            assertThat(seen.get()[0]).isEqualTo(1); // SCHED_FIFO
        } else {
            assertThat(report.get(0)).startsWith("real-time priority: refused (");
        }
        if (report.get(1).startsWith("CPU affinity: granted")) {
            int cpu = RealtimeSetup.cpuFor("scheduler", Runtime.getRuntime().availableProcessors());
            assertThat(seen.get()[1]).isEqualTo(1 << cpu);
        }
        assertThat(report.get(2)).matches("memory locking: (granted|refused).*");
    }
}
