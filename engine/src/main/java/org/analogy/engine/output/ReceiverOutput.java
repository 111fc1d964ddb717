package org.analogy.engine.output;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;

/**
 * A javax {@link Receiver} (a device port, a synthesizer) as a {@link MidiOutput}.
 *
 * <p>Allocation-free per event: one {@link ShortMessage} is reused for every send (its 3-byte array fits every
 * channel message, so {@code setMessage} never reallocates), and messages go out with timestamp -1 ("now"),
 * because the scheduler already sends each event at its time.
 *
 * <p>A device that fails (unplugged, closed under us: javax reports this with {@link IllegalStateException} or
 * another runtime exception) turns this output unavailable instead of throwing at the scheduler; the first
 * failure is kept for the status display. When the device is back, {@link #reconnect} hands this output its
 * new receiver; the scheduler notices the return and silences held notes with CC 123 before sending on.
 */
public final class ReceiverOutput implements MidiOutput {

    private final String name;
    private volatile Receiver receiver;
    private volatile AutoCloseable onClose;
    private final ShortMessage message = new ShortMessage();

    private volatile boolean available = true;
    private volatile RuntimeException failure;
    private volatile long invalidMessageCount;

    /**
     * @param onClose what to release on {@link #close()} besides the receiver (typically the device); may be null
     */
    public ReceiverOutput(String name, Receiver receiver, AutoCloseable onClose) {
        if (receiver == null) throw new IllegalArgumentException("receiver is required");
        this.name = name;
        this.receiver = receiver;
        this.onClose = onClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean wantsClock() {
        return true;
    }

    @Override
    public void send(long nanos, int status, int data1, int data2) {
        if (!available) return;
        if (status < 0x80 || status > 0xFF || (data1 & ~0x7F) != 0 || (data2 & ~0x7F) != 0) {
            invalidMessageCount++; // a bug upstream; checked here so no exception is built on the event path
            return;
        }
        try {
            message.setMessage(status, data1, data2);
            receiver.send(message, -1);
        } catch (InvalidMidiDataException e) {
            invalidMessageCount++; // undefined status bytes such as 0xF4
        } catch (RuntimeException e) {
            failure = e;
            available = false;
        }
    }

    /**
     * The device came back (re-plugged, re-opened by whoever watches the devices): send to {@code newReceiver}
     * from now on. Safe from any thread; the old receiver and device are released.
     */
    public void reconnect(Receiver newReceiver, AutoCloseable newOnClose) {
        if (newReceiver == null) throw new IllegalArgumentException("receiver is required");
        Receiver oldReceiver = receiver;
        AutoCloseable oldOnClose = onClose;
        receiver = newReceiver;
        onClose = newOnClose;
        failure = null;
        available = true;
        if (oldReceiver != newReceiver) release(oldReceiver, oldOnClose);
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    /** Why the output became unavailable, or null while it works (or after a plain close). */
    public RuntimeException failure() {
        return failure;
    }

    /** Messages refused because their status or data bytes were out of range. */
    public long invalidMessageCount() {
        return invalidMessageCount;
    }

    @Override
    public void close() {
        available = false;
        release(receiver, onClose);
    }

    private static void release(Receiver receiver, AutoCloseable onClose) {
        try {
            receiver.close();
        } catch (RuntimeException ignored) {
            // a device that already failed may refuse to close; there is nothing left to release
        }
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception ignored) {
                // as above
            }
        }
    }

    @Override
    public String toString() {
        return name + (available ? "" : " (unavailable)");
    }
}
