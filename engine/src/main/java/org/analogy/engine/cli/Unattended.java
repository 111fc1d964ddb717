package org.analogy.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.analogy.engine.health.DeviceWatch;
import org.analogy.engine.midi.MidiDevices;
import org.analogy.engine.midi.MidiPort;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.output.ReceiverOutput;
import org.analogy.engine.pipeline.LiveEngine;

/**
 * {@code live --unattended}: what keeps an installation going for days with no one at the keyboard. MIDI
 * devices are watched and re-opened when they come back; a thread that dies is logged, not fatal; every
 * line that matters also goes to the rolling log ({@link Logs}).
 */
final class Unattended {

    static final long DEVICE_POLL_MILLIS = 2000;
    private static final Logger LOG = Logger.getLogger("analogy.unattended");

    private Unattended() {}

    /** Prints a line and logs it, so that it is in the rolling log too. */
    static void say(String line) {
        System.out.println(line);
        LOG.info(line);
    }

    static void installUncaughtHandler() {
        Thread.setDefaultUncaughtExceptionHandler((t, e) ->
                LOG.log(Level.SEVERE, "thread " + t.getName() + " died; the engine goes on", e));
    }

    /**
     * Watches the named input (connected or still waiting for it) and every device output.
     *
     * @param inputFragment the {@code --in} name fragment, or null when the input is not a device
     * @param inputConnection the open input connection, or null when the device is absent at start
     */
    static DeviceWatch watch(LiveEngine engine, String inputFragment, AutoCloseable inputConnection, List<MidiOutput> outputs) {
        List<DeviceWatch.Device> devices = new ArrayList<>();
        List<Boolean> connected = new ArrayList<>();
        if (inputFragment != null) {
            devices.add(new InputDevice(engine, inputFragment, inputConnection));
            connected.add(inputConnection != null);
        }
        for (MidiOutput o : outputs) {
            if (o instanceof ReceiverOutput r) {
                devices.add(new OutputDevice(r));
                connected.add(true);
            }
        }
        return new DeviceWatch(devices, connected, Unattended::ports, Unattended::say, DEVICE_POLL_MILLIS).start();
    }

    /** The ports listed now, as "in:NAME" and "out:NAME" (a device often has both under one name). */
    static List<String> ports() {
        List<String> out = new ArrayList<>();
        for (MidiPort p : MidiDevices.system().list()) {
            if (p.kind() == MidiPort.Kind.SEQUENCER) continue;
            if (p.isInput()) out.add("in:" + p.name());
            if (p.isOutput()) out.add("out:" + p.name());
        }
        return out;
    }

    private static boolean matches(List<String> ports, String fragment) {
        String wanted = fragment.trim().toLowerCase(Locale.ROOT);
        return ports.stream().anyMatch(p -> p.startsWith("in:") && p.substring(3).toLowerCase(Locale.ROOT).contains(wanted));
    }

    /** The performer's controller: a fresh connection (and parser) each time it comes back. */
    private static final class InputDevice implements DeviceWatch.Device {
        private final LiveEngine engine;
        private final String fragment;
        private volatile AutoCloseable connection;

        InputDevice(LiveEngine engine, String fragment, AutoCloseable connection) {
            this.engine = engine;
            this.fragment = fragment;
            this.connection = connection;
        }

        @Override
        public String label() {
            return "input '" + fragment + "'";
        }

        @Override
        public boolean listedIn(List<String> ports) {
            return matches(ports, fragment);
        }

        @Override
        public boolean working() {
            return true;
        }

        @Override
        public void release() {
            AutoCloseable c = connection;
            connection = null;
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // already gone with the device
                }
            }
        }

        @Override
        public void reopen() throws Exception {
            connection = Endpoints.connect(new Endpoints.DeviceInput(MidiDevices.system().chooseInput(fragment)),
                    engine.inputHandler(), 0xFFFF);
        }
    }

    /** A device output the scheduler keeps in its list: it is pointed at the device again when it returns. */
    private record OutputDevice(ReceiverOutput output) implements DeviceWatch.Device {
        @Override
        public String label() {
            return "output '" + output.name() + "'";
        }

        @Override
        public boolean listedIn(List<String> ports) {
            return ports.contains("out:" + output.name());
        }

        @Override
        public boolean working() {
            return output.isAvailable();
        }

        @Override
        public void release() {
            // The scheduler keeps the output object; its failed receiver is released when it reconnects.
        }

        @Override
        public void reopen() throws Exception {
            MidiDevices devices = MidiDevices.system();
            devices.reopenOutput(output, devices.chooseOutput(output.name()));
        }
    }
}
