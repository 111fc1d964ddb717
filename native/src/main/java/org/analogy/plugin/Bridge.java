package org.analogy.plugin;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.analogy.engine.midi.MidiPortException;

/**
 * The engine's end of one plugin instance's bridge: the shared-memory file {@code /dev/shm/analogy-plugin-N}
 * laid out as {@code native/src/main/c/lv2/bridge.h} documents (that header is the protocol; the offsets here
 * mirror it). The engine consumes the {@code blocks} and {@code midi_in} rings and produces {@code midi_out}.
 * Each ring has one reader thread and one writer thread on this side; the indices are read with acquire and
 * written with release order through {@link VarHandle}s on the mapped buffer, as the C side does with
 * {@code <stdatomic.h>}.
 */
final class Bridge implements AutoCloseable {

    static final int MAGIC = 0x474C4E41;
    static final int VERSION = 1;
    static final int MAX_INSTANCES = 16;
    static final String DEFAULT_PREFIX = "analogy-plugin";
    /** A heartbeat older than this means the other side is gone (bridge.h: BRIDGE_STALE_NS). */
    static final long STALE_NANOS = 250_000_000L;

    static final int HEADER_SIZE = 4096;
    static final int BLOCKS_CAPACITY = 256;
    static final int BLOCK_SIZE = 80;
    static final int MIDI_IN_CAPACITY = 1024;
    static final int MIDI_OUT_CAPACITY = 4096;
    static final int EVENT_SIZE = 16;
    static final int RING_HEADER_SIZE = 128;
    static final int BLOCKS_OFFSET = HEADER_SIZE;
    static final int MIDI_IN_OFFSET = BLOCKS_OFFSET + RING_HEADER_SIZE + BLOCKS_CAPACITY * BLOCK_SIZE;
    static final int MIDI_OUT_OFFSET = MIDI_IN_OFFSET + RING_HEADER_SIZE + MIDI_IN_CAPACITY * EVENT_SIZE;
    static final int FILE_SIZE = MIDI_OUT_OFFSET + RING_HEADER_SIZE + MIDI_OUT_CAPACITY * EVENT_SIZE;

    // header fields (struct bridge_header)
    static final int H_MAGIC = 0, H_VERSION = 4, H_PLUGIN_OWNER = 8, H_ENGINE_PID = 16, H_ENGINE_GENERATION = 20,
            H_ENGINE_HEARTBEAT = 24, H_SAMPLE_RATE = 32, H_PLUGIN_STATE = 36, H_PLUGIN_CYCLES = 40, H_DROPPED = 48,
            H_LATE = 56, H_RELEASED = 64, H_AUTOSTARTED_PID = 72, H_FOLLOW_LAG = 80, H_FOLLOW_COUNT = 88;
    // ring header (struct bridge_ring)
    static final int R_WRITE = 0, R_READ = 64, R_SLOTS = 128;
    // struct bridge_block
    static final int B_FRAME = 0, B_FRAMES = 8, B_FLAGS = 12, B_MONOTONIC = 16, B_POSITION_FRAME = 24, B_BAR_BEAT = 32,
            B_BAR = 40, B_BPM = 48, B_BEATS_PER_BAR = 52, B_SPEED = 56, B_POSITION_SERIAL = 60, B_TRANSPORT_FRAME = 64;
    static final int POS_VALID = 1;
    static final int POS_FRAME = 2;
    static final int STATE_ENGINE = 1;

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    final int instance;
    final Path path;
    private final FileChannel channel;
    final MappedByteBuffer memory;

    private Bridge(int instance, Path path, FileChannel channel, MappedByteBuffer memory) {
        this.instance = instance;
        this.path = path;
        this.channel = channel;
        this.memory = memory;
    }

    /** The file of slot {@code instance}: {@code /dev/shm/PREFIX-N}, PREFIX from {@code ANALOGY_BRIDGE_NAME} (as the plugin reads it). */
    static Path pathOf(int instance) {
        String prefix = System.getProperty("analogy.bridge.name", System.getenv("ANALOGY_BRIDGE_NAME"));
        if (prefix == null || prefix.isBlank() || prefix.contains("/")) prefix = DEFAULT_PREFIX;
        return Path.of("/dev/shm", prefix + "-" + instance);
    }

    /**
     * Opens slot {@code instance}'s file, making it (with an empty header) when the plugin has not yet; under
     * the same whole-file write lock the plugin takes for this.
     */
    static Bridge open(int instance) throws IOException, MidiPortException {
        if (instance < 1 || instance > MAX_INSTANCES) throw new MidiPortException("plugin:" + instance + ": allowed plugin:1 … plugin:" + MAX_INSTANCES);
        Path path = pathOf(instance);
        if (!Files.isDirectory(path.getParent())) {
            throw new MidiPortException("the plugin bridge needs POSIX shared memory (" + path.getParent() + ", Linux): not found");
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try (FileLock ignored = channel.lock()) {
            boolean made = channel.size() < FILE_SIZE;
            MappedByteBuffer memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_SIZE); // grows the file
            memory.order(ByteOrder.LITTLE_ENDIAN);
            Bridge b = new Bridge(instance, path, channel, memory);
            int magic = (int) INT.getAcquire(memory, H_MAGIC);
            if (made || magic != MAGIC) {
                for (int i = 0; i < FILE_SIZE; i += 8) memory.putLong(i, 0);
                memory.putInt(H_VERSION, VERSION);
                INT.setRelease(memory, H_MAGIC, MAGIC);
            } else if (memory.getInt(H_VERSION) != VERSION) {
                channel.close();
                throw new MidiPortException(path + ": a bridge of protocol version " + memory.getInt(H_VERSION)
                        + ", this engine speaks " + VERSION + " (update the plugin: ./analogy plugin install)");
            }
            return b;
        } catch (IOException | RuntimeException | MidiPortException e) {
            if (channel.isOpen()) channel.close();
            throw e;
        }
    }

    /**
     * Takes the engine's end: refused when another live engine holds it; otherwise empties what this side
     * reads (nothing stale crosses over) and marks it ours.
     */
    void attach(long pid, long nowNanos) throws IOException, MidiPortException {
        try (FileLock ignored = channel.lock()) {
            int other = (int) INT.getAcquire(memory, H_ENGINE_PID);
            if (other != 0 && other != pid && processAlive(other) && nowNanos - heartbeat() < STALE_NANOS) {
                throw new MidiPortException("plugin:" + instance + " already has an engine (pid " + other + ")");
            }
            drain(BLOCKS_OFFSET);
            drain(MIDI_IN_OFFSET);
            LONG.setRelease(memory, H_ENGINE_HEARTBEAT, nowNanos);
            INT.getAndAdd(memory, H_ENGINE_GENERATION, 1);
            INT.setRelease(memory, H_ENGINE_PID, (int) pid);
        }
    }

    /** Lets go of the engine's end (a clean exit: the plugin passes MIDI through from its next block). */
    void detach(long pid) {
        INT.compareAndSet(memory, H_ENGINE_PID, (int) pid, 0);
    }

    static boolean processAlive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    void beat(long nowNanos) {
        LONG.setRelease(memory, H_ENGINE_HEARTBEAT, nowNanos);
    }

    /** A transport change told to the engine, {@code lagNanos} after the start of the block that brought it. */
    void followed(long lagNanos) {
        LONG.setRelease(memory, H_FOLLOW_LAG, lagNanos);
        LONG.getAndAdd(memory, H_FOLLOW_COUNT, 1L);
    }

    long heartbeat() {
        return (long) LONG.getAcquire(memory, H_ENGINE_HEARTBEAT);
    }

    int enginePid() {
        return (int) INT.getAcquire(memory, H_ENGINE_PID);
    }

    /** The pid of the plugin instance holding the slot (0 when none). */
    int pluginPid() {
        return (int) ((long) LONG.getAcquire(memory, H_PLUGIN_OWNER) >>> 32);
    }

    int sampleRate() {
        return (int) INT.getAcquire(memory, H_SAMPLE_RATE);
    }

    boolean pluginPlaysEngine() {
        return (int) INT.getAcquire(memory, H_PLUGIN_STATE) == STATE_ENGINE;
    }

    long pluginCycles() {
        return (long) LONG.getAcquire(memory, H_PLUGIN_CYCLES);
    }

    long lateEvents() {
        return (long) LONG.getAcquire(memory, H_LATE);
    }

    long releasedNotes() {
        return (long) LONG.getAcquire(memory, H_RELEASED);
    }

    long droppedToEngine() {
        return (long) LONG.getAcquire(memory, H_DROPPED);
    }

    // ---- rings ---------------------------------------------------------------------------------------

    /** Consumer: the byte offset of the oldest slot of the ring at {@code ring}, or -1 when empty. */
    int peek(int ring, int capacity, int slotSize) {
        long read = memory.getLong(ring + R_READ); // only this side writes it
        long write = (long) LONG.getAcquire(memory, ring + R_WRITE);
        if (read == write) return -1;
        return ring + R_SLOTS + (int) (read & (capacity - 1)) * slotSize;
    }

    void pop(int ring) {
        LONG.setRelease(memory, ring + R_READ, memory.getLong(ring + R_READ) + 1);
    }

    private void drain(int ring) {
        LONG.setRelease(memory, ring + R_READ, (long) LONG.getAcquire(memory, ring + R_WRITE));
    }

    /** Producer of midi_out: writes one event; false (nothing written) when the ring is full. */
    boolean offerOut(long frame, int status, int data1, int data2, int size) {
        long write = memory.getLong(MIDI_OUT_OFFSET + R_WRITE); // only this side writes it
        long read = (long) LONG.getAcquire(memory, MIDI_OUT_OFFSET + R_READ);
        if (write - read >= MIDI_OUT_CAPACITY) return false;
        int slot = MIDI_OUT_OFFSET + R_SLOTS + (int) (write & (MIDI_OUT_CAPACITY - 1)) * EVENT_SIZE;
        memory.putLong(slot, frame);
        memory.putInt(slot + 8, (size & 0xFF) | (status & 0xFF) << 8 | (data1 & 0x7F) << 16 | (data2 & 0x7F) << 24);
        memory.putInt(slot + 12, 0);
        LONG.setRelease(memory, MIDI_OUT_OFFSET + R_WRITE, write + 1);
        return true;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the mapping stays valid until collected; nothing to do
        }
    }
}
