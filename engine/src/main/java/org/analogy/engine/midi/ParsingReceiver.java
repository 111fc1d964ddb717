package org.analogy.engine.midi;

import java.util.function.LongSupplier;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;

/**
 * The glue between a javax input device and the engine: stamps each message with its arrival time and hands it
 * to a {@link MidiByteParser}. Runs on the device's callback thread, so it does nothing else.
 * The device's own timestamp is ignored: its clock is not {@link System#nanoTime()}.
 */
public final class ParsingReceiver implements Receiver {

    private final MidiByteParser parser;
    private final LongSupplier clock;

    public ParsingReceiver(MidiByteParser parser) {
        this(parser, System::nanoTime);
    }

    public ParsingReceiver(MidiByteParser parser, LongSupplier clock) {
        this.parser = parser;
        this.clock = clock;
    }

    @Override
    public void send(MidiMessage message, long deviceTimestamp) {
        parser.feed(clock.getAsLong(), message);
    }

    @Override
    public void close() {
        // nothing to release: the parser belongs to whoever created it
    }
}
