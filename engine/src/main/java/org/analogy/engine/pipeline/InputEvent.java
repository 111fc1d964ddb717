package org.analogy.engine.pipeline;

/**
 * Ring 1 slot: one thing that happened at the input, stamped with its arrival time. Preallocated by the
 * Disruptor and overwritten in place, so the device callback allocates nothing.
 */
public final class InputEvent {

    /** A channel voice message: {@code status} with channel, two data bytes. */
    public static final int CHANNEL = 1;
    /** A system real-time byte (clock, start, continue, stop) in {@code status}. */
    public static final int REAL_TIME = 2;
    /** Song position pointer; {@code data1} holds the position in 16ths. */
    public static final int SONG_POSITION = 3;
    /** The ticker's wake-up: check whether a generation trigger or bar line has been reached. */
    public static final int TICK = 4;
    /** A control command for the capture thread (transport, panic, mode); see {@link Command}. */
    public static final int COMMAND = 5;

    public int kind;
    public long nanos;
    public int status;
    public int data1;
    public int data2;
    /** For COMMAND: which command; for others unused. */
    public Command command;
    /** For COMMAND: its numeric argument (tempo, bar count, …). */
    public double value;
    /** For FOLLOW_TRANSPORT: the tempo in BPM ({@code value} holds the position in steps, {@code data1} 1 if running). */
    public double bpm;
    /** For COMMAND: an optional object argument (a new processor); null for MIDI events. */
    public Object argument;

    public void set(int kind, long nanos, int status, int data1, int data2) {
        this.kind = kind;
        this.nanos = nanos;
        this.status = status;
        this.data1 = data1;
        this.data2 = data2;
        this.command = null;
        this.value = 0;
        this.bpm = 0;
        this.argument = null;
    }

    public void setCommand(long nanos, Command command, double value, Object argument) {
        set(COMMAND, nanos, 0, 0, 0);
        this.command = command;
        this.value = value;
        this.argument = argument;
    }

    /** Transport and session commands, applied on the capture thread so musical state has one writer. */
    public enum Command {
        PLAY, STOP, CONTINUE, SET_TEMPO, TAP, SET_METER, SET_COUNT_IN, PANIC, SET_PROCESSOR, SET_CLOCK_SOURCE, SHUTDOWN,
        /** An external transport's position ({@code nanos}, {@code value} steps), tempo and running state. */
        FOLLOW_TRANSPORT
    }
}
