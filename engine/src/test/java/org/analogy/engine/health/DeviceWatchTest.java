package org.analogy.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** Device loss and return, stepped poll by poll with a port list the test controls. */
class DeviceWatchTest {

    /** A device whose port is "in:Keys"; it counts its openings and can be made to fail or refuse to open. */
    static final class FakeDevice implements DeviceWatch.Device {
        int opened;
        int released;
        boolean failed;
        boolean refuseToOpen;

        @Override public String label() { return "input 'Keys'"; }
        @Override public boolean listedIn(List<String> ports) { return ports.contains("in:Keys"); }
        @Override public boolean working() { return !failed; }
        @Override public void release() { released++; }

        @Override
        public void reopen() throws Exception {
            if (refuseToOpen) throw new Exception("device busy");
            opened++;
            failed = false;
        }
    }

    private final List<String> ports = new CopyOnWriteArrayList<>(List.of("in:Keys", "out:Synth"));
    private final List<String> log = new ArrayList<>();

    @Test
    void unpluggedThenPluggedBackIsReopenedOnce() {
        FakeDevice keys = new FakeDevice();
        DeviceWatch watch = new DeviceWatch(List.of(keys), List.of(true), () -> List.copyOf(ports), log::add, 1000);
        watch.check();
        assertThat(keys.released).isZero();

        ports.remove("in:Keys");
        watch.check();
        watch.check();
        assertThat(keys.released).isEqualTo(1);
        assertThat(watch.connected(0)).isFalse();
        assertThat(watch.losses()).isEqualTo(1);

        ports.add("in:Keys");
        watch.check();
        watch.check();
        assertThat(keys.opened).isEqualTo(1);
        assertThat(watch.connected(0)).isTrue();
        assertThat(watch.reconnects()).isEqualTo(1);
        assertThat(log).containsExactly("input 'Keys' lost; waiting for it to come back", "input 'Keys' is back; reconnected");
    }

    @Test
    void aDeviceAbsentAtStartIsOpenedWhenItAppears() {
        FakeDevice keys = new FakeDevice();
        ports.remove("in:Keys");
        DeviceWatch watch = new DeviceWatch(List.of(keys), List.of(false), () -> List.copyOf(ports), log::add, 1000);
        watch.check();
        assertThat(keys.opened).isZero();
        ports.add("in:Keys");
        watch.check();
        assertThat(keys.opened).isEqualTo(1);
    }

    @Test
    void aFailedDeviceStillListedIsReleasedAndReopened() {
        FakeDevice out = new FakeDevice();
        DeviceWatch watch = new DeviceWatch(List.of(out), List.of(true), () -> List.copyOf(ports), log::add, 1000);
        out.failed = true;
        watch.check();
        assertThat(log.get(0)).contains("(it failed)");
        watch.check();
        assertThat(out.opened).isEqualTo(1);
        assertThat(out.working()).isTrue();
    }

    @Test
    void aPortThatDoesNotOpenYetIsRetriedEveryPoll() {
        FakeDevice keys = new FakeDevice();
        keys.refuseToOpen = true;
        DeviceWatch watch = new DeviceWatch(List.of(keys), List.of(false), () -> List.copyOf(ports), log::add, 1000);
        watch.check();
        watch.check();
        assertThat(watch.connected(0)).isFalse();
        assertThat(log).hasSize(2).allMatch(l -> l.contains("does not open yet (device busy)"));
        keys.refuseToOpen = false;
        watch.check();
        assertThat(watch.connected(0)).isTrue();
    }

    @Test
    void pollsOnItsOwnThreadAndReleasesOnClose() throws Exception {
        FakeDevice keys = new FakeDevice();
        DeviceWatch watch = new DeviceWatch(List.of(keys), List.of(true), () -> List.copyOf(ports), log::add, 10).start();
        ports.remove("in:Keys");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (watch.losses() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
        ports.add("in:Keys");
        while (watch.reconnects() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(watch.reconnects()).isEqualTo(1);
        watch.close();
        assertThat(keys.released).isEqualTo(2); // once on loss, once on close
    }
}
