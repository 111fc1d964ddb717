package org.analogy.jack;

import java.lang.reflect.Field;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;

import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackPort;

/**
 * The libjack calls the process thread makes, bound by JNA direct mapping with primitive arguments only, so
 * a call allocates nothing. jnajack 1.4 has no {@code jack_get_cycle_times} (and its {@code
 * jack_time_to_frames} lacks the time argument), and its MIDI calls go through JNA structures, which allocate
 * per event. Pointers are passed as {@code long}: 64-bit platforms only.
 */
final class JackNative {

    /** sizeof(jack_midi_event_t) on 64-bit: uint32 time, size_t size, pointer buffer. */
    static final int MIDI_EVENT_SIZE = 24;
    static final int MIDI_EVENT_SIZE_OFFSET = 8;
    static final int MIDI_EVENT_BUFFER_OFFSET = 16;

    static {
        Native.register(JackNative.class, NativeLibrary.getInstance("jack"));
    }

    private JackNative() {}

    /** JACK's clock in microseconds. Only while a client is open: before that it crashed the JVM. */
    static native long jack_get_time();

    static native int jack_get_cycle_times(long client, int[] currentFrames, long[] currentUsecs, long[] nextUsecs,
                                           float[] periodUsecs);

    static native long jack_port_get_buffer(long port, int nframes);

    static native int jack_midi_get_event_count(long portBuffer);

    static native int jack_midi_event_get(long event, long portBuffer, int index);

    static native void jack_midi_clear_buffer(long portBuffer);

    static native int jack_midi_event_write(long portBuffer, int time, byte[] data, long size);

    static native int jack_is_realtime(long client);

    /** jack_nframes_t: unsigned, but sample rates fit an int. */
    static native int jack_get_sample_rate(long client);

    /** The native address of a jnajack client (its package-private handle). */
    static long address(JackClient client) {
        return handle(client, JackClient.class, "clientPtr");
    }

    static long address(JackPort port) {
        return handle(port, JackPort.class, "portPtr");
    }

    private static long handle(Object owner, Class<?> type, String field) {
        try {
            Field f = type.getDeclaredField(field);
            f.setAccessible(true);
            return Pointer.nativeValue(((PointerType) f.get(owner)).getPointer());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this jnajack version hides the native handle " + type.getSimpleName() + "." + field, e);
        }
    }
}
