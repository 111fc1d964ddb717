package org.analogy.engine.midi;

import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Transmitter;

/** A MIDI device that exists only in memory: it records what it is sent and can inject what it "plays". */
final class FakeMidiDevice implements MidiDevice {

    static final class FakeInfo extends MidiDevice.Info {
        FakeInfo(String name) {
            super(name, "Analogy tests", "fake device", "1");
        }
    }

    private final Info info;
    private final boolean input;
    private final boolean output;
    private final boolean failsToOpen;
    private boolean open;
    final List<MidiMessage> received = new ArrayList<>();
    final List<Long> receivedTimestamps = new ArrayList<>();
    private Receiver connected;
    boolean transmitterClosed;

    FakeMidiDevice(String name, boolean input, boolean output, boolean failsToOpen) {
        this.info = new FakeInfo(name);
        this.input = input;
        this.output = output;
        this.failsToOpen = failsToOpen;
    }

    /** What a keyboard connected to this port would do: send a message through our transmitter. */
    void play(MidiMessage message) {
        if (connected != null) connected.send(message, -1);
    }

    boolean isOpenNow() {
        return open;
    }

    @Override
    public Info getDeviceInfo() {
        return info;
    }

    @Override
    public void open() throws MidiUnavailableException {
        if (failsToOpen) throw new MidiUnavailableException("device is busy");
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public long getMicrosecondPosition() {
        return -1;
    }

    @Override
    public int getMaxReceivers() {
        return output ? -1 : 0;
    }

    @Override
    public int getMaxTransmitters() {
        return input ? -1 : 0;
    }

    @Override
    public Receiver getReceiver() throws MidiUnavailableException {
        if (!output) throw new MidiUnavailableException("not an output");
        return new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {
                if (!open) throw new IllegalStateException("device closed");
                received.add((MidiMessage) message.clone());
                receivedTimestamps.add(timeStamp);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public List<Receiver> getReceivers() {
        return List.of();
    }

    @Override
    public Transmitter getTransmitter() throws MidiUnavailableException {
        if (!input) throw new MidiUnavailableException("not an input");
        return new Transmitter() {
            @Override
            public void setReceiver(Receiver receiver) {
                connected = receiver;
            }

            @Override
            public Receiver getReceiver() {
                return connected;
            }

            @Override
            public void close() {
                transmitterClosed = true;
                connected = null;
            }
        };
    }

    @Override
    public List<Transmitter> getTransmitters() {
        return List.of();
    }

    static MidiDevices.DeviceSource sourceOf(FakeMidiDevice... devices) {
        return new MidiDevices.DeviceSource() {
            @Override
            public MidiDevice.Info[] infos() {
                MidiDevice.Info[] infos = new MidiDevice.Info[devices.length];
                for (int i = 0; i < devices.length; i++) infos[i] = devices[i].getDeviceInfo();
                return infos;
            }

            @Override
            public MidiDevice device(MidiDevice.Info info) {
                for (FakeMidiDevice device : devices) {
                    if (device.getDeviceInfo() == info) return device;
                }
                throw new IllegalArgumentException("unknown device " + info);
            }
        };
    }
}
