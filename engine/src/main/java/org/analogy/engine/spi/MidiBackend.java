package org.analogy.engine.spi;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;

import org.analogy.engine.midi.MidiMessageHandler;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.Part;

/**
 * A MIDI and transport system beside javax.sound.midi, selected on the command line by its {@link #id()}:
 * {@code --in jack}, {@code --out jack}, {@code --clock jack}, {@code bench --jack}. One {@link Connection}
 * per run carries the inputs, outputs and transport of that system (JACK: one client with its ports).
 */
public interface MidiBackend {

    /** The word that selects this backend, lower case. */
    String id();

    /**
     * Connects. Problems after this (the server going away, coming back) are told to {@code notices}, one
     * line each, from a backend thread; the connection recovers by itself where it can.
     *
     * @throws org.analogy.engine.midi.MidiPortException with a message fit for the user when the backend cannot
     *         be used at all (not installed, no server)
     */
    Connection open(String clientName, Consumer<String> notices) throws Exception;

    interface Connection extends AutoCloseable {

        /**
         * MIDI in: messages to {@code handler}, stamped in {@link System#nanoTime()} time. Connects the input
         * to every source port whose name matches {@code connectPattern} (a regular expression; null for none).
         */
        AutoCloseable openInput(String connectPattern, MidiMessageHandler handler) throws Exception;

        /** MIDI out, connected to every destination port whose name matches {@code connectPattern} (or none). */
        MidiOutput openOutput(String connectPattern) throws Exception;

        /**
         * MIDI out for one part only (see {@link MidiOutput#carries}), named after it, so that each part can be
         * routed to its own instrument.
         */
        default MidiOutput openPartOutput(String connectPattern, Part part) throws Exception {
            throw new org.analogy.engine.midi.MidiPortException("this backend has no outputs per part");
        }

        /**
         * Ties the engine's transport to the backend's: with {@code lead} false the engine follows it (its
         * clock source must be {@link org.analogy.engine.pipeline.CaptureStage.ClockSource#EXTERNAL}); with
         * {@code lead} true the engine's own tempo and position drive the backend's transport.
         */
        AutoCloseable syncTransport(LiveEngine engine, boolean lead) throws Exception;

        /**
         * Plays a synthetic performance through the engine, out of this backend and back in, and measures
         * the timing in the backend's own units (JACK: frames).
         */
        BenchReport bench(double seconds, double bpm, BarProcessor processor) throws Exception;

        /** One line: what is connected and how (server, rate, period). */
        String describe();

        @Override
        void close();
    }

    /** Timing measured by {@link Connection#bench}: rows in frames at {@code framesPerSecond}. */
    record BenchReport(double framesPerSecond, int periodFrames, List<FrameTiming> rows, List<String> notes) {}

    /** Median, 99th percentile and maximum of one measurement, in frames. */
    record FrameTiming(String what, long count, double median, double p99, double max) {}

    /** The installed backend with this id, if any. */
    static Optional<MidiBackend> find(String id) {
        for (MidiBackend backend : ServiceLoader.load(MidiBackend.class)) {
            if (backend.id().equalsIgnoreCase(id)) return Optional.of(backend);
        }
        return Optional.empty();
    }
}
