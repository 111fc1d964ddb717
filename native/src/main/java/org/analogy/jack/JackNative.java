package org.analogy.jack;

import java.lang.reflect.Field;

import com.sun.jna.Callback;
import com.sun.jna.CallbackThreadInitializer;
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
 *
 * <p>The process and timebase callbacks are registered here too, not through jnajack, whose wrappers box
 * arguments and wrap pointers on every cycle. Registered through a direct-mapped function with primitive
 * arguments only, JNA calls them straight through JNI, with nothing allocated per call; the thread stays
 * attached to the JVM between calls ({@link #keepAttached}).
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

    /** {@code int (*JackProcessCallback)(jack_nframes_t nframes, void *arg)}. */
    interface ProcessCallback extends Callback {
        int invoke(int nframes, long arg);
    }

    /**
     * {@code void (*JackTimebaseCallback)(jack_transport_state_t state, jack_nframes_t nframes, jack_position_t
     * *pos, int new_pos, void *arg)}.
     */
    interface TimebaseCallback extends Callback {
        void invoke(int state, int nframes, long position, int newPosition, long arg);
    }

    /** The offsets in jack_position_t (64-bit) that a timebase master fills. */
    static final int POSITION_VALID = 24;
    static final int POSITION_BAR = 28;
    static final int POSITION_BEAT = 32;
    static final int POSITION_TICK = 36;
    static final int POSITION_BAR_START_TICK = 40;
    static final int POSITION_BEATS_PER_BAR = 48;
    static final int POSITION_BEAT_TYPE = 52;
    static final int POSITION_TICKS_PER_BEAT = 56;
    static final int POSITION_BEATS_PER_MINUTE = 64;
    /** JackPositionBBT in jack_position_bits_t. */
    static final int POSITION_BBT = 0x10;

    /** {@code void (*)(const char *msg)}: where libjack sends its error and information messages. */
    static native void jack_set_error_function(Pointer function);

    static native void jack_set_info_function(Pointer function);

    /**
     * libjack prints to stderr by default, many lines when the server goes away; the user gets one notice
     * from us instead. The messages go to a C function that only reads its argument ({@code strlen}, its
     * result dropped), not to Java: libjack calls it from its own threads, dying ones included, and a Java
     * callback there means attaching each of them to the JVM. Idempotent.
     */
    static void quietLibjack() {
        Pointer discard = NativeLibrary.getInstance(com.sun.jna.Platform.C_LIBRARY_NAME).getFunction("strlen");
        jack_set_error_function(discard);
        jack_set_info_function(discard);
    }

    /** {@code void (*JackShutdownCallback)(void *arg)}. */
    interface ShutdownCallback extends Callback {
        void invoke(long arg);
    }

    /** {@code int (*JackXRunCallback)(void *arg)}. */
    interface XrunCallback extends Callback {
        int invoke(long arg);
    }

    /**
     * Registered here rather than through jnajack, whose wrappers for these two leave JNA to attach JACK's
     * notification thread to the JVM and detach it again on every call: under a stream of xruns, or as a
     * dying server's threads end, that churn has crashed the JVM.
     */
    static native void jack_on_shutdown(long client, ShutdownCallback callback, long arg);

    static native int jack_set_xrun_callback(long client, XrunCallback callback, long arg);

    static native int jack_set_process_callback(long client, ProcessCallback callback, long arg);

    static native int jack_set_timebase_callback(long client, int conditional, TimebaseCallback callback, long arg);

    static native int jack_release_timebase(long client);

    /** Keeps JACK's thread attached to the JVM between calls of {@code callback} (JNA detaches after each by default). */
    static void keepAttached(Callback callback, String threadName) {
        Native.setCallbackThreadInitializer(callback, new CallbackThreadInitializer(true, false, threadName));
    }

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
