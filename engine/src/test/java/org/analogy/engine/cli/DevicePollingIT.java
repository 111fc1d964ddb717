package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.analogy.engine.health.Health;

/**
 * The unattended device watch lists the system's MIDI ports every 2 s, for days: listing must not leak
 * file descriptors or threads (a day is 43 200 polls; this does 1 000, a bit over half an hour's worth).
 */
class DevicePollingIT {

    @Test
    void listingThePortsAgainAndAgainLeaksNothing() {
        for (int i = 0; i < 20; i++) Unattended.ports(); // the MIDI providers' first-use set-up
        long fds = Health.countOpenFileDescriptors();
        int threads = Thread.activeCount();
        for (int i = 0; i < 1000; i++) Unattended.ports();
        assertThat(Health.countOpenFileDescriptors()).isLessThanOrEqualTo(fds + 2);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threads + 2);
    }
}
