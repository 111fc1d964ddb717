package org.analogy.engine.output;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.Sequence;
import javax.sound.midi.Synthesizer;
import javax.sound.midi.Track;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Renders a MIDI {@link Sequence} to a WAV file offline, faster than real time and without a sound card, with
 * the JDK's Gervill synthesizer.
 *
 * <p>Gervill can render into a stream instead of an audio line, but only through
 * {@code com.sun.media.sound.AudioSynthesizer.openStream}, in a package the JDK does not export. Our build
 * compiles with {@code --release 17}, which forbids {@code --add-exports} at compile time, so the call is made
 * reflectively and the JVM must run with {@value #REQUIRED_FLAG}.
 *
 * <p>All events are handed to the synthesizer up front with their microsecond times; Gervill queues them and
 * plays each at its time while the stream is read. The output lasts until the sequence's last event plus a
 * release tail, so decaying notes are not cut off.
 */
public final class SynthRenderer {

    public static final AudioFormat FORMAT = new AudioFormat(44_100f, 16, 2, true, false);
    public static final double DEFAULT_TAIL_SECONDS = 2.0;
    public static final String REQUIRED_FLAG = "--add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED";

    private static final String GERVILL_PACKAGE = "com.sun.media.sound";
    private static final String AUDIO_SYNTHESIZER = GERVILL_PACKAGE + ".AudioSynthesizer";
    private static final int META_TEMPO = 0x51;

    private final double tailSeconds;

    public SynthRenderer() {
        this(DEFAULT_TAIL_SECONDS);
    }

    public SynthRenderer(double tailSeconds) {
        if (!(tailSeconds >= 0)) throw new IllegalArgumentException("tail must be 0 s or more, was " + tailSeconds);
        this.tailSeconds = tailSeconds;
    }

    /** Renders {@code sequence} into {@code wavFile} (16-bit stereo 44.1 kHz) and returns its length in frames. */
    public long render(Sequence sequence, Path wavFile) throws SynthRenderException, IOException {
        checkAccess(SynthRenderer.class.getModule());
        List<TimedMessage> messages = timedMessages(sequence);
        long endMicros = messages.isEmpty() ? 0 : messages.get(messages.size() - 1).micros();
        long frames = (long) Math.ceil((endMicros / 1e6 + tailSeconds) * FORMAT.getFrameRate());

        Synthesizer synthesizer = createSynthesizer();
        try (AudioInputStream endless = openStream(synthesizer)) {
            Receiver receiver = synthesizer.getReceiver();
            for (TimedMessage message : messages) {
                if (!(message.message() instanceof MetaMessage)) receiver.send(message.message(), message.micros());
            }
            Path absolute = wavFile.toAbsolutePath();
            if (absolute.getParent() != null) Files.createDirectories(absolute.getParent());
            Path temporary = absolute.resolveSibling(absolute.getFileName() + ".part");
            try (AudioInputStream piece = new AudioInputStream(endless, FORMAT, frames)) {
                AudioSystem.write(piece, AudioFileFormat.Type.WAVE, temporary.toFile());
            }
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            return frames;
        } catch (MidiUnavailableException e) {
            throw new SynthRenderException("the synthesizer's receiver is unavailable: " + e.getMessage(), e);
        } finally {
            synthesizer.close();
        }
    }

    /** Fails with the flag to add when Gervill's package is not exported to {@code caller}. */
    static void checkAccess(Module caller) throws SynthRenderException {
        Module desktop = AudioSystem.class.getModule();
        if (!desktop.isExported(GERVILL_PACKAGE, caller)) {
            throw new SynthRenderException("offline rendering needs the JVM flag " + REQUIRED_FLAG
                    + " (Gervill's stream renderer is in a package the JDK does not export)");
        }
    }

    private static Synthesizer createSynthesizer() throws SynthRenderException {
        try {
            return MidiSystem.getSynthesizer();
        } catch (MidiUnavailableException e) {
            throw new SynthRenderException("no software synthesizer in this JVM: " + e.getMessage(), e);
        }
    }

    private static AudioInputStream openStream(Synthesizer synthesizer) throws SynthRenderException {
        try {
            Class<?> audioSynthesizer = Class.forName(AUDIO_SYNTHESIZER);
            if (!audioSynthesizer.isInstance(synthesizer)) {
                throw new SynthRenderException("the JVM's synthesizer " + synthesizer.getClass().getName()
                        + " is not Gervill and cannot render offline");
            }
            Method openStream = audioSynthesizer.getMethod("openStream", AudioFormat.class, Map.class);
            return (AudioInputStream) openStream.invoke(synthesizer, FORMAT, null);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new SynthRenderException("this JDK has no Gervill stream renderer (" + AUDIO_SYNTHESIZER + ".openStream)", e);
        } catch (IllegalAccessException e) {
            throw new SynthRenderException("offline rendering needs the JVM flag " + REQUIRED_FLAG, e);
        } catch (InvocationTargetException e) {
            throw new SynthRenderException("Gervill could not open a render stream: " + e.getCause(), e.getCause());
        }
    }

    private record TimedMessage(long tick, int order, long micros, MidiMessage message) {}

    /** All tracks merged in time order, each event stamped with its time in microseconds. */
    static List<TimedMessage> timedMessages(Sequence sequence) {
        List<TimedMessage> merged = new ArrayList<>();
        for (Track track : sequence.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                MidiEvent event = track.get(i);
                merged.add(new TimedMessage(event.getTick(), merged.size(), 0, event.getMessage()));
            }
        }
        merged.sort(Comparator.comparingLong(TimedMessage::tick).thenComparingInt(TimedMessage::order));

        List<TimedMessage> timed = new ArrayList<>(merged.size());
        boolean ticksPerQuarter = sequence.getDivisionType() == Sequence.PPQ;
        double resolution = sequence.getResolution();
        double microsPerTick = ticksPerQuarter ? 500_000 / resolution : 1e6 / (sequence.getDivisionType() * resolution);
        long lastTick = 0;
        double lastMicros = 0;
        for (TimedMessage event : merged) {
            double micros = lastMicros + (event.tick() - lastTick) * microsPerTick;
            timed.add(new TimedMessage(event.tick(), event.order(), Math.round(micros), event.message()));
            lastTick = event.tick();
            lastMicros = micros;
            if (ticksPerQuarter && event.message() instanceof MetaMessage) {
                MetaMessage meta = (MetaMessage) event.message();
                byte[] data = meta.getData();
                if (meta.getType() == META_TEMPO && data.length == 3) {
                    int microsPerQuarter = (data[0] & 0xFF) << 16 | (data[1] & 0xFF) << 8 | (data[2] & 0xFF);
                    if (microsPerQuarter > 0) microsPerTick = microsPerQuarter / resolution;
                }
            }
        }
        return timed;
    }
}
