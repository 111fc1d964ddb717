package org.analogy.engine.midi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequencer;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Transmitter;
import org.analogy.engine.output.ReceiverOutput;
import uk.co.xfactorylibrarians.coremidi4j.CoreMidiDeviceProvider;

/**
 * Finding, choosing and opening MIDI ports.
 *
 * <p>Devices are listed through CoreMIDI4J, because the JDK's own CoreMIDI support on macOS loses SysEx and
 * hot-plugged devices; elsewhere CoreMIDI4J simply passes the JDK's devices through.
 *
 * <p>Choosing by name: a case-insensitive substring of the device name. If several ports match but exactly one
 * has the whole name (e.g. "Port 1" next to "Port 10"), that one wins; otherwise several matches are an error,
 * as is none, and the message lists the candidates. Sequencers are listed but never chosen as live ports.
 */
public final class MidiDevices {

    /** Where devices come from: CoreMIDI4J in production, fakes in tests. */
    public interface DeviceSource {
        MidiDevice.Info[] infos();

        MidiDevice device(MidiDevice.Info info) throws MidiUnavailableException;
    }

    private final DeviceSource source;

    public MidiDevices(DeviceSource source) {
        this.source = source;
    }

    /** The devices of this machine, as CoreMIDI4J sees them. */
    public static MidiDevices system() {
        return new MidiDevices(new DeviceSource() {
            @Override
            public MidiDevice.Info[] infos() {
                return CoreMidiDeviceProvider.getMidiDeviceInfo();
            }

            @Override
            public MidiDevice device(MidiDevice.Info info) throws MidiUnavailableException {
                return MidiSystem.getMidiDevice(info);
            }
        });
    }

    /** Every device that can be opened right now, in the order the system lists them. */
    public List<MidiPort> list() {
        List<MidiPort> ports = new ArrayList<>();
        for (MidiDevice.Info info : source.infos()) {
            MidiDevice device;
            try {
                device = source.device(info);
            } catch (MidiUnavailableException | IllegalArgumentException e) {
                continue; // unplugged between listing and asking: not there any more
            }
            ports.add(new MidiPort(info, kindOf(device), device.getMaxTransmitters() != 0, device.getMaxReceivers() != 0));
        }
        return ports;
    }

    public List<MidiPort> inputs() {
        return list().stream().filter(MidiPort::isInput).collect(Collectors.toList());
    }

    public List<MidiPort> outputs() {
        return list().stream().filter(MidiPort::isOutput).collect(Collectors.toList());
    }

    public MidiPort chooseInput(String nameFragment) throws MidiPortException {
        return choose(nameFragment, "input", MidiPort::isInput);
    }

    public MidiPort chooseOutput(String nameFragment) throws MidiPortException {
        return choose(nameFragment, "output", MidiPort::isOutput);
    }

    /** Opens the port and connects its transmitter to {@code receiver} (e.g. a {@link ParsingReceiver}). */
    public MidiInputConnection openInput(MidiPort port, Receiver receiver) throws MidiPortException {
        MidiDevice device = openDevice(port, "input");
        try {
            Transmitter transmitter = device.getTransmitter();
            transmitter.setReceiver(receiver);
            return new MidiInputConnection(port, device, transmitter);
        } catch (MidiUnavailableException | RuntimeException e) {
            device.close();
            throw new MidiPortException("cannot open MIDI input '" + port.name() + "': " + reason(e), e);
        }
    }

    /** Opens the port as an output for the scheduler; closing the output closes the device. */
    public ReceiverOutput openOutput(MidiPort port) throws MidiPortException {
        MidiDevice device = openDevice(port, "output");
        try {
            return new ReceiverOutput(port.name(), device.getReceiver(), device::close);
        } catch (MidiUnavailableException | RuntimeException e) {
            device.close();
            throw new MidiPortException("cannot open MIDI output '" + port.name() + "': " + reason(e), e);
        }
    }

    /** Opens {@code port} again for an output that lost its device (unplugged, then plugged back). */
    public void reopenOutput(ReceiverOutput output, MidiPort port) throws MidiPortException {
        MidiDevice device = openDevice(port, "output");
        try {
            output.reconnect(device.getReceiver(), device::close);
        } catch (MidiUnavailableException | RuntimeException e) {
            device.close();
            throw new MidiPortException("cannot reopen MIDI output '" + port.name() + "': " + reason(e), e);
        }
    }

    private MidiDevice openDevice(MidiPort port, String direction) throws MidiPortException {
        try {
            MidiDevice device = source.device(port.info());
            device.open();
            return device;
        } catch (MidiUnavailableException | RuntimeException e) {
            throw new MidiPortException("cannot open MIDI " + direction + " '" + port.name() + "': " + reason(e), e);
        }
    }

    private MidiPort choose(String nameFragment, String direction, Predicate<MidiPort> way) throws MidiPortException {
        String wanted = nameFragment.trim().toLowerCase(Locale.ROOT);
        List<MidiPort> candidates = list().stream().filter(way).filter(p -> p.kind() != MidiPort.Kind.SEQUENCER)
                .collect(Collectors.toList());
        List<MidiPort> matches = candidates.stream()
                .filter(p -> p.name().toLowerCase(Locale.ROOT).contains(wanted)).collect(Collectors.toList());
        if (matches.size() == 1) return matches.get(0);
        List<MidiPort> exact = matches.stream().filter(p -> p.name().trim().equalsIgnoreCase(wanted)).collect(Collectors.toList());
        if (exact.size() == 1) return exact.get(0);
        if (matches.isEmpty()) {
            throw new MidiPortException("no MIDI " + direction + " matches '" + nameFragment + "'; "
                    + (candidates.isEmpty() ? "there are no MIDI " + direction + "s" : "available: " + names(candidates)));
        }
        throw new MidiPortException("'" + nameFragment + "' matches several MIDI " + direction + "s: " + names(matches)
                + "; give more of the name");
    }

    private static String names(List<MidiPort> ports) {
        return ports.stream().map(MidiPort::toString).collect(Collectors.joining(", "));
    }

    private static MidiPort.Kind kindOf(MidiDevice device) {
        if (device instanceof Synthesizer) return MidiPort.Kind.SOFTWARE_SYNTHESIZER;
        if (device instanceof Sequencer) return MidiPort.Kind.SEQUENCER;
        return MidiPort.Kind.PORT;
    }

    private static String reason(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
