package org.analogy.engine.midi;

/**
 * Receives complete MIDI messages from {@link MidiByteParser} (or from a device that already delivers whole
 * messages). Called on the thread that feeds the parser; implementations copy what they need and return.
 * Timestamps are {@link System#nanoTime()} nanoseconds (or virtual nanoseconds in a render).
 */
public interface MidiMessageHandler {

    /** A channel voice or mode message. {@code status} includes the channel; data bytes are 0–127, unused = 0. */
    void channelMessage(long nanos, int status, int data1, int data2);

    /** A system real-time byte (0xF8 clock, 0xFA start, 0xFB continue, 0xFC stop, 0xFE, 0xFF). */
    default void realTime(long nanos, int status) {}

    /**
     * A system common message other than song position and SysEx: 0xF1 MTC quarter frame and 0xF3 song
     * select (with {@code data1}), 0xF6 tune request ({@code data1 = 0}). Most handlers ignore these.
     */
    default void systemCommon(long nanos, int status, int data1) {}

    /** Song position pointer (0xF2) in MIDI beats (16ths) since the start of the song. */
    default void songPosition(long nanos, int sixteenths) {}

    /**
     * A complete SysEx message. {@code buffer} is owned by the parser and valid only during the call;
     * {@code length} counts the bytes kept (a message longer than the parser's buffer is reported with
     * {@code truncated = true}).
     */
    default void sysEx(long nanos, byte[] buffer, int length, boolean truncated) {}
}
