package org.analogy.jack;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackMidi;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;

/**
 * Another JACK client for the tests, written plainly with jnajack: it records the frame of every event
 * arriving at {@code probe:in}, and plays queued events out of {@code probe:out} at given frames.
 */
final class ProbeClient implements AutoCloseable {

    record Received(long frame, int status, int data1, int data2) {}

    private record ToSend(long frame, byte[] message) {}

    final JackClient client;
    final JackPort in;
    final JackPort out;
    final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<ToSend> toSend = new ConcurrentLinkedQueue<>();
    private final JackMidi.Event event = new JackMidi.Event();
    private volatile long lastCycleFrame;
    private final java.util.concurrent.atomic.AtomicLong xruns = new java.util.concurrent.atomic.AtomicLong();
    /** The last cycle's frame when each xrun was reported: the cycles a test excludes from its judgement. */
    final List<Long> xrunFrames = java.util.Collections.synchronizedList(new ArrayList<>());
    private final JackNative.XrunCallback onXrun = arg -> {
        xruns.incrementAndGet();
        xrunFrames.add(lastCycleFrame);
        return 0;
    };

    ProbeClient(String name) throws JackException {
        client = Jack.getInstance().openClient(name, EnumSet.of(JackOptions.JackNoStartServer), EnumSet.noneOf(JackStatus.class));
        in = client.registerPort("in", JackPortType.MIDI, JackPortFlags.JackPortIsInput);
        out = client.registerPort("out", JackPortType.MIDI, JackPortFlags.JackPortIsOutput);
        client.setProcessCallback((c, nframes) -> {
            try {
                long cycle = c.getLastFrameTime();
                lastCycleFrame = cycle;
                byte[] data = new byte[3];
                for (int i = 0, n = JackMidi.getEventCount(in); i < n; i++) {
                    try {
                        JackMidi.eventGet(event, in, i);
                    } catch (JackException unreadable) { // seen after xruns; counted, so a test can tell
                        unreadable();
                        continue;
                    }
                    event.read(data);
                    received.add(new Received(cycle + event.time(), data[0] & 0xFF, data[1], data[2]));
                }
                JackMidi.clearBuffer(out);
                ToSend next;
                while ((next = toSend.peek()) != null && next.frame() < cycle + nframes) {
                    toSend.poll();
                    JackMidi.eventWrite(out, (int) Math.max(0, next.frame() - cycle), next.message(), next.message().length);
                }
            } catch (JackException e) {
                errors.incrementAndGet();
            }
            return true; // keep running, whatever happened
        });
        // counted through JackNative: jnajack's xrun wrapper attaches and detaches a thread per call
        JackNative.keepAttached(onXrun, "probe-notify");
        JackNative.jack_set_xrun_callback(JackNative.address(client), onXrun, 0);
        client.activate();
    }

    /** Queues a message for a frame (frames in order). */
    void sendAt(long frame, int status, int data1, int data2) {
        toSend.add(new ToSend(frame, new byte[] {(byte) status, (byte) data1, (byte) data2}));
    }

    private final java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong unreadable = new java.util.concurrent.atomic.AtomicLong();

    private void unreadable() {
        unreadable.incrementAndGet();
    }

    long unreadableEvents() {
        return unreadable.get();
    }

    /** Cycles the server reported lost (xruns) since this client opened. */
    long xruns() {
        return xruns.get();
    }

    long lastCycleFrame() {
        return lastCycleFrame;
    }

    void connect(String source, String destination) throws JackException {
        Jack.getInstance().connect(client, source, destination);
    }

    /**
     * Becomes timebase master with a fixed tempo: bar/beat/tick straight from the transport frame, as a simple
     * sequencer would (4/4, bar 1 beat 1 at frame 0, 1920 ticks per beat).
     */
    void leadTimebase(double bpm) throws JackException {
        client.setTimebaseCallback((c, state, nframes, position, newPosition) -> {
            double beats = position.getFrame() / (double) position.getFrameRate() * bpm / 60;
            long wholeBeats = (long) Math.floor(beats);
            position.setValid(org.jaudiolibs.jnajack.JackPositionBits.JackPositionBBT);
            position.setBar((int) (wholeBeats / 4) + 1);
            position.setBeat((int) (wholeBeats % 4) + 1);
            position.setTick((int) Math.floor((beats - wholeBeats) * 1920));
            position.setBarStartTick(wholeBeats / 4 * 4 * 1920.0);
            position.setBeatsPerBar(4);
            position.setBeatType(4);
            position.setTicksPerBeat(1920);
            position.setBeatsPerMinute(bpm);
        }, false);
    }

    void releaseTimebase() {
        client.releaseTimebase();
    }

    /** The transport as JACK reports it now. */
    org.jaudiolibs.jnajack.JackTransportState query(org.jaudiolibs.jnajack.JackPosition into) throws JackException {
        return client.transportQuery(into);
    }

    @Override
    public void close() {
        client.deactivate();
        client.close();
    }
}
