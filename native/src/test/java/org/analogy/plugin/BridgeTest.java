package org.analogy.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.analogy.engine.midi.MidiPortException;

/** The engine's end of the bridge on its own: the file it makes, attaching, and the output ring's layout. */
class BridgeTest {

    private Path file;

    @BeforeEach
    void ownName() {
        assumeTrue(Files.isDirectory(Path.of("/dev/shm")), "POSIX shared memory (/dev/shm) is Linux only");
        System.setProperty("analogy.bridge.name", "analogy-unit-" + ProcessHandle.current().pid());
        file = Bridge.pathOf(1);
    }

    @AfterEach
    void cleanUp() throws Exception {
        System.clearProperty("analogy.bridge.name");
        if (file != null) Files.deleteIfExists(file);
    }

    @Test
    void makesTheFileWithTheHeaderTheProtocolNames() throws Exception {
        try (Bridge bridge = Bridge.open(1)) {
            assertThat(Files.size(file)).isEqualTo(Bridge.FILE_SIZE);
            assertThat(bridge.memory.getInt(Bridge.H_MAGIC)).isEqualTo(Bridge.MAGIC);
            assertThat(bridge.memory.getInt(Bridge.H_VERSION)).isEqualTo(Bridge.VERSION);
            bridge.attach(ProcessHandle.current().pid(), 123);
            assertThat(bridge.enginePid()).isEqualTo((int) ProcessHandle.current().pid());
            assertThat(bridge.heartbeat()).isEqualTo(123);
        }
    }

    @Test
    void eventsGoOutInOrderAtTheirFramesUntilTheRingIsFull() throws Exception {
        try (Bridge bridge = Bridge.open(1)) {
            for (int i = 0; i < Bridge.MIDI_OUT_CAPACITY; i++) assertThat(bridge.offerOut(1000 + i, 0x90, i & 0x7F, 100, 3)).isTrue();
            assertThat(bridge.offerOut(99, 0x80, 1, 0, 3)).as("full").isFalse();
            // read as the plugin does (struct bridge_event): frame, size, bytes
            int slot = Bridge.MIDI_OUT_OFFSET + Bridge.R_SLOTS + 5 * Bridge.EVENT_SIZE;
            assertThat(bridge.memory.getLong(slot)).isEqualTo(1005);
            assertThat(bridge.memory.get(slot + 8)).isEqualTo((byte) 3);
            assertThat(bridge.memory.get(slot + 9) & 0xFF).isEqualTo(0x90);
            assertThat(bridge.memory.get(slot + 10)).isEqualTo((byte) 5);
            assertThat(bridge.memory.get(slot + 11)).isEqualTo((byte) 100);
        }
    }

    @Test
    void aSecondLiveEngineIsRefused() throws Exception {
        try (Bridge bridge = Bridge.open(1)) {
            long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
            bridge.attach(parent, System.nanoTime()); // a live process holds it, with a fresh heartbeat
            assertThatThrownBy(() -> bridge.attach(ProcessHandle.current().pid(), System.nanoTime()))
                    .isInstanceOf(MidiPortException.class).hasMessageContaining("already has an engine");
        }
    }

    @Test
    void instancesOutsideTheSlotsAreRefused() {
        assertThatThrownBy(() -> Bridge.open(0)).isInstanceOf(MidiPortException.class).hasMessageContaining("plugin:1");
        assertThatThrownBy(() -> Bridge.open(17)).isInstanceOf(MidiPortException.class);
    }
}
