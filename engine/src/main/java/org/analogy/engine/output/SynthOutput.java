package org.analogy.engine.output;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Synthesizer;

/**
 * The JDK's built-in synthesizer (Gervill) as a live output, for playing without any MIDI hardware.
 *
 * <p>Without an audio line (no sound card, as on headless machines) Gervill cannot open. That is not worth
 * stopping a performance or a test run for: this output then says so once per process and carries on silently,
 * so the pipeline behaves the same with or without sound. {@link #isSilent()} tells which case it is.
 */
public final class SynthOutput implements MidiOutput {

    /** Makes the synthesizer; a seam for tests. */
    interface SynthesizerFactory {
        Synthesizer create() throws MidiUnavailableException;
    }

    /** Says "no sound" only the first time, however many outputs are opened. */
    static final class SilenceNotice {
        private final AtomicBoolean given = new AtomicBoolean();
        private final Consumer<String> sink;

        SilenceNotice(Consumer<String> sink) {
            this.sink = sink;
        }

        void give(String reason) {
            if (given.compareAndSet(false, true)) {
                sink.accept("Built-in synthesizer unavailable (" + reason + "): continuing without sound");
            }
        }
    }

    private static final System.Logger LOG = System.getLogger(SynthOutput.class.getName());
    private static final SilenceNotice PROCESS_NOTICE = new SilenceNotice(line -> LOG.log(System.Logger.Level.WARNING, line));

    public static final String NAME = "Built-in synthesizer";

    private final ReceiverOutput sounding; // null when silent
    private volatile boolean closed;

    private SynthOutput(ReceiverOutput sounding) {
        this.sounding = sounding;
    }

    /** Opens Gervill; never throws. */
    public static SynthOutput open() {
        return open(MidiSystem::getSynthesizer, PROCESS_NOTICE);
    }

    static SynthOutput open(SynthesizerFactory factory, SilenceNotice notice) {
        Synthesizer synthesizer = null;
        try {
            synthesizer = factory.create();
            synthesizer.open();
            return new SynthOutput(new ReceiverOutput(NAME, synthesizer.getReceiver(), synthesizer::close));
        } catch (MidiUnavailableException | RuntimeException e) {
            if (synthesizer != null) synthesizer.close();
            notice.give(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            return new SynthOutput(null);
        }
    }

    /** True when there is no audio line and events go nowhere. */
    public boolean isSilent() {
        return sounding == null;
    }

    @Override
    public String name() {
        return isSilent() ? NAME + " (silent)" : NAME;
    }

    @Override
    public void send(long nanos, int status, int data1, int data2) {
        if (sounding != null) sounding.send(nanos, status, data1, data2);
    }

    /** A silent synthesizer stays available: the scheduler keeps going as if it played. */
    @Override
    public boolean isAvailable() {
        if (closed) return false;
        return sounding == null || sounding.isAvailable();
    }

    @Override
    public void close() {
        closed = true;
        if (sounding != null) sounding.close();
    }
}
