package org.analogy.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RealtimeSetupTest {

    /** Calls that answer with fixed results and remember what was asked. */
    private static final class FakeCalls implements RealtimeCalls {
        final int priorityResult;
        final int affinityResult;
        final int memoryResult;
        final List<String> asked = new ArrayList<>();

        FakeCalls(int priorityResult, int affinityResult, int memoryResult) {
            this.priorityResult = priorityResult;
            this.affinityResult = affinityResult;
            this.memoryResult = memoryResult;
        }

        @Override public String platform() { return "Linux"; }
        @Override public int setRealtimePriority(int priority) { asked.add("priority " + priority); return priorityResult; }
        @Override public int pinToCpu(int cpu) { asked.add("cpu " + cpu); return affinityResult; }
        @Override public int lockMemory() { asked.add("lock"); return memoryResult; }
        @Override public int cpuCount() { return 2; }
    }

    private static List<String> startAllRoles(RealtimeSetup setup) {
        for (String role : List.of("capture", "inference", "model", "scheduler", "ticker")) setup.threadStarted(role);
        return setup.report();
    }

    @Test
    void grantedStepsAreReportedWithTheirPrioritiesAndCpus() {
        FakeCalls calls = new FakeCalls(0, 0, 0);
        List<String> report = startAllRoles(new RealtimeSetup(calls, 8, true));
        assertThat(calls.asked).containsExactly("lock", "priority 7", "cpu 0", "priority 6", "cpu 0", "priority 6", "cpu 0",
                "priority 8", "cpu 1");
        assertThat(report).containsExactly(
                "real-time priority: granted, SCHED_FIFO priority (scheduler 8, capture 7, inference 6, model 6)",
                "CPU affinity: granted (scheduler → CPU 1, capture → CPU 0, inference → CPU 0, model → CPU 0)",
                "memory locking: granted (mlockall, current and future pages)");
    }

    @Test
    void aUserWithoutRtprioGetsOneClearLinePerRefusedStepAndNoStackTrace() {
        FakeCalls calls = new FakeCalls(Errno.EPERM, 0, Errno.ENOMEM);
        List<String> report = startAllRoles(new RealtimeSetup(calls, 8, true));
        assertThat(report).hasSize(3);
        assertThat(report.get(0)).startsWith("real-time priority: refused (EPERM)")
                .contains("'audio' group", "rtprio").doesNotContain("\n");
        assertThat(report.get(2)).startsWith("memory locking: refused (ENOMEM)").contains("memlock");
        assertThat(String.join("\n", report)).doesNotContain("Exception", "\tat ");
    }

    @Test
    void stepsAPlatformLacksAreSaidToBeUnsupported() {
        RealtimeSetup setup = new RealtimeSetup(new RealtimeCalls.NoCalls("plan9"), 8, true);
        assertThat(startAllRoles(setup)).containsExactly(
                "real-time priority: not supported on plan9",
                "CPU affinity: not supported on plan9",
                "memory locking: not supported on plan9");
    }

    @Test
    void switchedOffItTouchesNothing() {
        FakeCalls calls = new FakeCalls(0, 0, 0);
        assertThat(startAllRoles(new RealtimeSetup(calls, 8, false))).containsExactly("real-time set-up: off (-Danalogy.rt=off)");
        assertThat(calls.asked).isEmpty();
    }

    @Test
    void onOneCpuBothThreadsShareIt() {
        assertThat(RealtimeSetup.cpuFor("scheduler", 1)).isZero();
        assertThat(RealtimeSetup.cpuFor("capture", 1)).isZero();
        assertThat(RealtimeSetup.cpuFor("capture", 4)).isEqualTo(2);
        assertThat(RealtimeSetup.cpuFor("model", 2)).isZero();
        assertThat(RealtimeSetup.cpuFor("model", 1)).isZero();
        assertThat(RealtimeSetup.cpuFor("parts", 2)).isEqualTo(1);
    }
}
