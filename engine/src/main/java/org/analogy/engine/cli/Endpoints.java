package org.analogy.engine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.midi.MidiByteParser;
import org.analogy.engine.midi.MidiDevices;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.midi.MidiPort;
import org.analogy.engine.midi.MidiPortException;
import org.analogy.engine.midi.ParsingReceiver;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.output.SynthOutput;
import org.analogy.engine.process.Part;
import org.analogy.engine.render.PerformanceFiles;
import org.analogy.engine.render.PerformanceInput;

/**
 * Turns the {@code --in} and {@code --out} words into sources and outputs: a device by a fragment of its
 * name, {@code file:PATH.mid}, {@code demo}, {@code synth}, {@code none}. Public because the control
 * surface offers the same endpoints in its pickers.
 */
public final class Endpoints {

    public static final String DEMO_RESOURCE = "/org/analogy/engine/demo/demo-melody.mid";

    private Endpoints() {}

    /** What {@code --in} names. */
    public sealed interface InputSpec permits DeviceInput, FileInput, NoInput, BackendInput {}

    public record DeviceInput(MidiPort port) implements InputSpec {}

    public record FileInput(String label, PerformanceInput performance, boolean isDemo) implements InputSpec {}

    public record NoInput() implements InputSpec {}

    /** {@code --in jack[:PATTERN]}: a backend's MIDI input, auto-connected to sources matching the pattern. */
    public record BackendInput(Backends.Spec spec) implements InputSpec {}

    public static InputSpec resolveInput(String spec, String track) throws Exception {
        if (spec == null || spec.equalsIgnoreCase("auto")) {
            List<MidiPort> controllers = controllers();
            return controllers.isEmpty() ? demo() : new DeviceInput(controllers.get(0));
        }
        if (spec.equalsIgnoreCase("demo")) return demo();
        if (spec.equalsIgnoreCase("none")) return new NoInput();
        Backends.Spec backend = Backends.parse(spec);
        if (backend != null && backend.perPart()) {
            throw new IllegalArgumentException("--in " + spec + ": outputs per part are for --out; use --in jack[:PATTERN]");
        }
        if (backend != null) return new BackendInput(backend);
        if (spec.startsWith("file:")) {
            Path file = Path.of(spec.substring("file:".length()));
            return new FileInput(file.toString(), PerformanceFiles.read(file, track), false);
        }
        return new DeviceInput(MidiDevices.system().chooseInput(spec));
    }

    /** Hardware or virtual ports that can play into Analogy (not the JDK's own sequencer). */
    public static List<MidiPort> controllers() {
        List<MidiPort> out = new ArrayList<>();
        for (MidiPort p : MidiDevices.system().inputs()) if (p.kind() == MidiPort.Kind.PORT) out.add(p);
        return out;
    }

    public static FileInput demo() throws IOException, MidiFileException {
        try (InputStream in = Endpoints.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) throw new IOException("the demo melody is missing from the build (" + DEMO_RESOURCE + ")");
            return new FileInput("demo melody", PerformanceFiles.fromContent(MidiFiles.parse(in.readAllBytes(), "demo melody"), null), true);
        }
    }

    public static AutoCloseable connect(DeviceInput input, org.analogy.engine.midi.MidiMessageHandler handler, int channelMask)
            throws MidiPortException {
        MidiByteParser parser = new MidiByteParser(handler);
        parser.setChannelMask(channelMask);
        return MidiDevices.system().openInput(input.port(), new ParsingReceiver(parser));
    }

    /** The outputs {@code --out} names; the built-in synthesizer when none is given. */
    static List<MidiOutput> openOutputs(List<String> specs, Backends backends) throws Exception {
        List<MidiOutput> outputs = new ArrayList<>();
        List<String> wanted = specs == null || specs.isEmpty() ? List.of("synth") : specs;
        for (String spec : wanted) {
            if (spec.equalsIgnoreCase("none")) continue;
            Backends.Spec backend = Backends.parse(spec);
            if (backend != null && backend.perPart()) {
                for (Part part : Part.values()) {
                    outputs.add(backends.connection(backend).openPartOutput(backend.connectPattern(), part));
                }
            } else if (backend != null) {
                outputs.add(backends.connection(backend).openOutput(backend.connectPattern()));
            } else if (spec.equalsIgnoreCase("synth")) {
                outputs.add(SynthOutput.open());
            } else {
                MidiDevices devices = MidiDevices.system();
                outputs.add(devices.openOutput(devices.chooseOutput(spec)));
            }
        }
        return outputs;
    }

    public static Path defaultRecording() throws IOException {
        Files.createDirectories(Logs.recordingsDir());
        String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Logs.recordingsDir().resolve("session-" + stamp + ".mid");
    }
}
