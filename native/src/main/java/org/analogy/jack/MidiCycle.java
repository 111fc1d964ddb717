package org.analogy.jack;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * What runs on JACK's process thread, once per period: stamp the input port's events with their frame
 * time and queue them; write each output queue's events that fall inside this period at their frame offset;
 * report what was written. Nothing here allocates, locks or logs: libjack is called through {@link
 * JackNative} with primitives, scratch buffers are preallocated, and the queues are wait-free.
 *
 * <p>Frame ↔ nanoTime: frame {@code f} of this cycle is at {@code cycleNanos + (f − cycleFrame) ×
 * nanosPerFrame}. The cycle's start comes from a loop of our own that follows JACK's estimate of it
 * ({@code jack_get_cycle_times}) slowly ({@link #PHASE_GAIN}): the frame clock of an audio interface is
 * steady, but the estimate of when each cycle began wobbles with the server's wake-up jitter (microseconds
 * with a real-time server, milliseconds without one on a busy machine), and taking it as it is would
 * scatter events on a regular grid by as many frames. The frame duration is the nominal one (1 / sample
 * rate): estimating the rate from those jittery starts cost more (hundreds of ppm after a disturbance) than
 * it gains; a sound card whose crystal is off by 50 ppm costs a constant lag of about a frame instead. Outliers are clipped ({@link #CLIP_NANOS}).
 * The loop starts afresh when the frames jump (an xrun), the estimate is off by more than {@link
 * #RESYNC_NANOS}, or off beyond the clip the same way for {@link #STEP_CYCLES} cycles in a row. {@code clockOffsetNanos} maps
 * JACK's clock to {@link System#nanoTime()}. An output event is written at the nearest frame to its due
 * time; one found after its frame has passed is written at the period's first frame and counted late.
 */
final class MidiCycle implements JackNative.ProcessCallback {

    /** One output port: what the scheduler queued for it, and what was written (due nanos, frame, error). */
    static final class Output {
        final String shortName;
        final EventQueue queue = new EventQueue(8192);
        final EventQueue written = new EventQueue(8192);
        volatile long portAddress;
        volatile long lateEvents;
        volatile long failedWrites;

        Output(String shortName) {
            this.shortName = shortName;
        }
    }

    final EventQueue input = new EventQueue(8192);
    volatile long inputPortAddress;
    volatile Output[] outputs = new Output[0];
    volatile long clientAddress;
    volatile long clockOffsetNanos;
    volatile long droppedInput;
    volatile long ignoredInput;
    volatile long cycles;
    /** The last cycle's start, for other threads (bench, transport); written once per cycle. */
    volatile long lastCycleNanos;
    volatile long lastCycleFrame;
    volatile Thread processThread;

    /** Share of each cycle's deviation from the predicted start taken into the phase: ~100 periods' time constant. */
    static final double PHASE_GAIN = 0.01;
    /** A deviation this large is a jump (clock step, a new server), not jitter: start afresh. */
    static final double RESYNC_NANOS = 20_000_000;
    /**
     * Deviations are clipped to this before they steer the loop: a late wake-up of a busy server (milliseconds)
     * then moves the map by ten microseconds at most.
     */
    static final double CLIP_NANOS = 1_000_000;
    /** This many cycles in a row beyond the clip, the same way, are a step of the clock, not jitter: start afresh. */
    static final int STEP_CYCLES = 50;

    /**
     * How steady the server's clock is: the largest distance of JACK's estimate of a cycle's start from the
     * loop's prediction, and how often the loop started afresh. Reset by whoever measures.
     */
    volatile long maxDeviationNanos;
    volatile long resyncs;

    /** Nanoseconds per frame as the loop has it, for other threads (transport); written once per cycle. */
    volatile double lastNanosPerFrame;

    private double predictedStart;
    /** Consecutive cycles beyond the clip: positive late, negative early. */
    private int clippedRun;
    private double loopNanosPerFrame;
    private long expectedFrame = -1;
    private final int[] currentFrames = new int[1];
    private final long[] currentUsecs = new long[1];
    private final long[] nextUsecs = new long[1];
    private final float[] periodUsecs = new float[1]; // JACK's own period estimate: unused, the loop has its own
    private final Memory event = new Memory(JackNative.MIDI_EVENT_SIZE);
    private final long eventAddress = Pointer.nativeValue(event);
    private final Pointer eventData = new Pointer(0);
    private final byte[] bytes = new byte[3];

    MidiCycle() {
        JackNative.keepAttached(this, "analogy-jack-process");
    }

    /** JACK's process callback: returns 0 (go on) whatever happens, so JACK never drops the client. */
    @Override
    public int invoke(int nframes, long arg) {
        if (processThread == null) processThread = Thread.currentThread();
        long c = clientAddress;
        if (c == 0 || nframes <= 0) return 0;
        if (JackNative.jack_get_cycle_times(c, currentFrames, currentUsecs, nextUsecs, periodUsecs) != 0) return 0;
        long cycleFrame = Integer.toUnsignedLong(currentFrames[0]);
        long cycleNanos = cycleStart(c, cycleFrame, currentUsecs[0] * 1000 + clockOffsetNanos, nframes);
        double nanosPerFrame = loopNanosPerFrame;
        long in = inputPortAddress;
        if (in != 0) readInput(in, nframes, cycleFrame, cycleNanos, nanosPerFrame);
        for (Output out : outputs) {
            long port = out.portAddress;
            if (port != 0) writeOutput(out, port, nframes, cycleFrame, cycleNanos, nanosPerFrame);
        }
        lastCycleNanos = cycleNanos;
        lastCycleFrame = cycleFrame;
        cycles++;
        return 0;
    }

    private long cycleStart(long client, long cycleFrame, long estimatedNanos, int nframes) {
        double deviation = estimatedNanos - predictedStart;
        if (Math.abs(deviation) > CLIP_NANOS && cycleFrame == expectedFrame) {
            int sign = deviation > 0 ? 1 : -1;
            clippedRun = clippedRun * sign > 0 ? clippedRun + sign : sign;
        } else {
            clippedRun = 0;
        }
        if (cycleFrame != expectedFrame || Math.abs(deviation) > RESYNC_NANOS || Math.abs(clippedRun) >= STEP_CYCLES) {
            clippedRun = 0;
            if (expectedFrame >= 0) resyncs++;
            predictedStart = estimatedNanos;
            int rate = JackNative.jack_get_sample_rate(client);
            loopNanosPerFrame = 1e9 / (rate > 0 ? rate : 48_000);
        } else {
            long absolute = (long) Math.abs(deviation);
            if (absolute > maxDeviationNanos) maxDeviationNanos = absolute;
            predictedStart += Math.max(-CLIP_NANOS, Math.min(CLIP_NANOS, deviation)) * PHASE_GAIN;
        }
        long start = Math.round(predictedStart);
        predictedStart += nframes * loopNanosPerFrame; // where the next cycle should start
        expectedFrame = cycleFrame + nframes;
        lastNanosPerFrame = loopNanosPerFrame;
        return start;
    }

    private void readInput(long port, int nframes, long cycleFrame, long cycleNanos, double nanosPerFrame) {
        long buffer = JackNative.jack_port_get_buffer(port, nframes);
        if (buffer == 0) return;
        int count = JackNative.jack_midi_get_event_count(buffer);
        for (int i = 0; i < count; i++) {
            if (JackNative.jack_midi_event_get(eventAddress, buffer, i) != 0) continue;
            int offset = event.getInt(0);
            long size = event.getLong(JackNative.MIDI_EVENT_SIZE_OFFSET);
            if (size < 1 || size > 3) { // SysEx and the like: not on the performance path
                ignoredInput++;
                continue;
            }
            Pointer.nativeValue(eventData, event.getLong(JackNative.MIDI_EVENT_BUFFER_OFFSET));
            int status = eventData.getByte(0) & 0xFF;
            int data1 = size > 1 ? eventData.getByte(1) & 0x7F : 0;
            int data2 = size > 2 ? eventData.getByte(2) & 0x7F : 0;
            long nanos = cycleNanos + Math.round(offset * nanosPerFrame);
            if (!input.offer(nanos, cycleFrame + offset, EventQueue.pack(status, data1, data2, (int) size))) droppedInput++;
        }
    }

    private void writeOutput(Output out, long port, int nframes, long cycleFrame, long cycleNanos, double nanosPerFrame) {
        long buffer = JackNative.jack_port_get_buffer(port, nframes);
        if (buffer == 0) return;
        JackNative.jack_midi_clear_buffer(buffer);
        EventQueue queue = out.queue;
        int last = 0;
        while (!queue.isEmpty()) {
            long due = queue.peekTime();
            double exact = (due - cycleNanos) / nanosPerFrame;
            long nearest = Math.round(exact);
            if (nearest >= nframes) break; // a later period's
            if (nearest < 0) out.lateEvents++;
            int at = (int) Math.max(last, Math.max(0, nearest)); // JACK wants non-decreasing offsets
            int message = queue.peekMessage();
            int length = EventQueue.length(message);
            bytes[0] = (byte) EventQueue.status(message);
            bytes[1] = (byte) EventQueue.data1(message);
            bytes[2] = (byte) EventQueue.data2(message);
            if (JackNative.jack_midi_event_write(buffer, at, bytes, length) != 0) {
                out.failedWrites++;
            } else {
                out.written.offer(due, cycleFrame + at, (int) Math.round((at - exact) * 1000) & 0xFFFFFF);
            }
            last = at;
            queue.poll();
        }
    }

    /** The written-event report packs the frame error in thousandths of a frame into 24 bits. */
    static int errorMilliFrames(int reported) {
        return reported << 8 >> 8;
    }
}
