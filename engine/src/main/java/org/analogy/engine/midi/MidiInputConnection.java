package org.analogy.engine.midi;

import javax.sound.midi.MidiDevice;
import javax.sound.midi.Transmitter;

/** An open input: the device's transmitter feeding our receiver until {@link #close()}. */
public final class MidiInputConnection implements AutoCloseable {

    private final MidiPort port;
    private final MidiDevice device;
    private final Transmitter transmitter;

    MidiInputConnection(MidiPort port, MidiDevice device, Transmitter transmitter) {
        this.port = port;
        this.device = device;
        this.transmitter = transmitter;
    }

    public MidiPort port() {
        return port;
    }

    @Override
    public void close() {
        try {
            transmitter.close();
        } finally {
            device.close();
        }
    }
}
