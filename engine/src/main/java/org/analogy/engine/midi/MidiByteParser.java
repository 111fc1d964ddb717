package org.analogy.engine.midi;

import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.ShortMessage;

/**
 * Turns a raw MIDI 1.0 byte stream into complete messages for a {@link MidiMessageHandler}.
 *
 * <p>Built for the device-callback thread: after construction it allocates nothing per byte or message,
 * and no input can make it throw (a handler that throws is caught and counted, so one bad callback cannot
 * kill the device thread). Whatever does not make sense is dropped and counted; the parser then resumes at
 * the next status byte.
 *
 * <p>Rules, from the MIDI 1.0 specification:
 * <ul>
 *   <li>Running status: data bytes after a complete channel message reuse its status.</li>
 *   <li>Real-time bytes (0xF8–0xFF) may appear anywhere, even between the data bytes of a message or inside
 *       SysEx; they are delivered at once and leave the message in progress untouched.</li>
 *   <li>A status byte that arrives before the current message (or SysEx) is complete interrupts it: the
 *       unfinished message is counted as malformed and the new one starts.</li>
 *   <li>System common and SysEx cancel running status; real-time does not.</li>
 *   <li>SysEx is delivered from 0xF0 to 0xF7 inclusive. One longer than the buffer keeps its first
 *       {@code capacity - 1} bytes plus the closing 0xF7 and is flagged {@code truncated}.</li>
 *   <li>Undefined status bytes (0xF4, 0xF5, 0xF9, 0xFD) and data bytes with no status are dropped and counted
 *       as malformed. After 0xF4/0xF5 running status is cancelled too: their data bytes cannot be trusted.</li>
 *   <li>Note-on with velocity 0 is delivered as note-off ({@code 0x80 | channel}, velocity 0), so consumers
 *       see one form of note end.</li>
 * </ul>
 *
 * <p>Threading: {@code feed} must be called from one thread at a time (the device callback). The channel
 * filter may be changed and the counters read from any thread.
 */
public final class MidiByteParser {

    public static final int DEFAULT_SYSEX_CAPACITY = 4096;
    public static final int ALL_CHANNELS = 0xFFFF;

    private static final int NO_STATUS = 0;

    private final MidiMessageHandler handler;
    private final byte[] sysExBuffer;

    /** Bit n set = channel n (0-based) passes. Volatile: the UI may change it while the device plays. */
    private volatile int channelMask = ALL_CHANNELS;

    // Parser state, touched only by the feeding thread.
    private int runningStatus = NO_STATUS; // status of the message being assembled, or NO_STATUS
    private int dataBytesNeeded;            // for runningStatus
    private int dataBytesReceived;
    private int firstDataByte;
    private boolean explicitStatusPending;  // a status byte arrived and its message is not complete yet
    private boolean inSysEx;
    private int sysExLength;
    private boolean sysExOverflow;

    // Counters: single writer (the feeding thread), read from anywhere. A volatile write per event is cheap
    // next to a device callback and keeps the readers' view fresh without locks.
    private volatile long messageCount;
    private volatile long malformedCount;
    private volatile long filteredCount;
    private volatile long truncatedSysExCount;
    private volatile long handlerErrorCount;

    public MidiByteParser(MidiMessageHandler handler) {
        this(handler, DEFAULT_SYSEX_CAPACITY);
    }

    public MidiByteParser(MidiMessageHandler handler, int sysExCapacity) {
        if (handler == null) throw new IllegalArgumentException("handler is required");
        if (sysExCapacity < 2) throw new IllegalArgumentException("sysExCapacity must be at least 2, was " + sysExCapacity);
        this.handler = handler;
        this.sysExBuffer = new byte[sysExCapacity];
    }

    /** Whether a channel message silences every note on its channel: All Sound Off, All Notes Off, and the
     *  mode messages (omni off/on, mono, poly) that imply All Notes Off. */
    public static boolean isAllNotesOff(int status, int data1) {
        return (status & 0xF0) == ShortMessage.CONTROL_CHANGE
                && (data1 == 120 || (data1 >= 123 && data1 <= 127));
    }

    /** Number of data bytes that follow a status byte, or -1 for SysEx / real-time / undefined statuses. */
    public static int dataLength(int status) {
        if (status < 0x80 || status > 0xFF) return -1;
        if (status < 0xF0) {
            int kind = status & 0xF0;
            return kind == ShortMessage.PROGRAM_CHANGE || kind == ShortMessage.CHANNEL_PRESSURE ? 1 : 2;
        }
        switch (status) {
            case ShortMessage.MIDI_TIME_CODE:
            case ShortMessage.SONG_SELECT:
                return 1;
            case ShortMessage.SONG_POSITION_POINTER:
                return 2;
            case ShortMessage.TUNE_REQUEST:
                return 0;
            default:
                return -1;
        }
    }

    // ---- channel filter ----

    /** Lets only the given channels (0–15) through; an empty array filters every channel message. */
    public void setChannels(int... channels) {
        int mask = 0;
        for (int channel : channels) {
            if (channel < 0 || channel > 15) throw new IllegalArgumentException("channel " + channel + " outside 0–15");
            mask |= 1 << channel;
        }
        channelMask = mask;
    }

    /** Bit n set lets channel n (0-based) through; {@link #ALL_CHANNELS} disables filtering. */
    public void setChannelMask(int mask) {
        channelMask = mask & ALL_CHANNELS;
    }

    public int channelMask() {
        return channelMask;
    }

    // ---- feeding ----

    public void feed(long nanos, byte[] data, int offset, int length) {
        if (data == null || offset < 0 || length <= 0) return;
        int end = (int) Math.min((long) offset + length, data.length);
        for (int i = offset; i < end; i++) {
            feed(nanos, data[i] & 0xFF);
        }
    }

    /** Feeds one byte; only the low 8 bits of {@code oneByte} are used. */
    public void feed(long nanos, int oneByte) {
        int b = oneByte & 0xFF;
        if (b >= 0xF8) {
            realTimeByte(nanos, b);
        } else if (b >= 0x80) {
            statusByte(nanos, b);
        } else {
            dataByte(nanos, b);
        }
    }

    /**
     * Feeds a message from a javax {@code Receiver}. A {@link ShortMessage} goes through without allocating;
     * other messages are fed from their bytes; {@link MetaMessage}s exist only in files and are ignored
     * (their 0xFF status would otherwise read as System Reset).
     */
    public void feed(long nanos, MidiMessage message) {
        if (message == null || message instanceof MetaMessage) return;
        if (message instanceof ShortMessage) {
            ShortMessage shortMessage = (ShortMessage) message;
            int status = shortMessage.getStatus();
            feed(nanos, status);
            int needed = dataLength(status);
            if (needed >= 1) feed(nanos, shortMessage.getData1());
            if (needed >= 2) feed(nanos, shortMessage.getData2());
            return;
        }
        byte[] bytes = message.getMessage();
        int length = Math.min(message.getLength(), bytes.length);
        if (length > 0 && (bytes[0] & 0xFF) == 0xF7 && inSysEx) {
            // A javax SysEx continuation packet: its leading 0xF7 marks "more of the same", not end-of-SysEx.
            feed(nanos, bytes, 1, length - 1);
        } else {
            feed(nanos, bytes, 0, length);
        }
    }

    /** Forgets any message in progress and running status (e.g. after reconnecting a device). Counters stay. */
    public void reset() {
        runningStatus = NO_STATUS;
        dataBytesReceived = 0;
        explicitStatusPending = false;
        inSysEx = false;
        sysExLength = 0;
        sysExOverflow = false;
    }

    private void realTimeByte(long nanos, int status) {
        if (status == 0xF9 || status == 0xFD) {
            malformedCount++;
            return;
        }
        messageCount++;
        try {
            handler.realTime(nanos, status);
        } catch (RuntimeException e) {
            handlerErrorCount++;
        }
    }

    private void statusByte(long nanos, int status) {
        if (inSysEx) {
            if (status == 0xF7) {
                endSysEx(nanos);
                return;
            }
            malformedCount++; // SysEx cut off by a new status: drop it
            inSysEx = false;
        } else if (explicitStatusPending || dataBytesReceived > 0) {
            malformedCount++; // the message in progress never completed
        }
        explicitStatusPending = false;
        dataBytesReceived = 0;

        if (status < 0xF0) {
            runningStatus = status;
            dataBytesNeeded = dataLength(status);
            explicitStatusPending = true;
            return;
        }
        runningStatus = NO_STATUS; // every system common / exclusive status cancels running status
        switch (status) {
            case 0xF0:
                inSysEx = true;
                sysExLength = 0;
                sysExOverflow = false;
                sysExBuffer[sysExLength++] = (byte) 0xF0;
                return;
            case 0xF6:
                deliverSystemCommon(nanos, status, 0);
                return;
            case 0xF1:
            case 0xF2:
            case 0xF3:
                runningStatus = status;
                dataBytesNeeded = dataLength(status);
                explicitStatusPending = true;
                return;
            default: // 0xF4, 0xF5 undefined; 0xF7 without a SysEx
                malformedCount++;
        }
    }

    private void dataByte(long nanos, int data) {
        if (inSysEx) {
            if (sysExLength < sysExBuffer.length - 1) { // keep room for the closing 0xF7
                sysExBuffer[sysExLength++] = (byte) data;
            } else {
                sysExOverflow = true;
            }
            return;
        }
        if (runningStatus == NO_STATUS) {
            malformedCount++;
            return;
        }
        if (dataBytesReceived == 0 && dataBytesNeeded == 2) {
            firstDataByte = data;
            dataBytesReceived = 1;
            return;
        }
        int status = runningStatus;
        int data1 = dataBytesNeeded == 2 ? firstDataByte : data;
        int data2 = dataBytesNeeded == 2 ? data : 0;
        dataBytesReceived = 0;
        explicitStatusPending = false;
        if (status < 0xF0) {
            deliverChannel(nanos, status, data1, data2);
        } else {
            runningStatus = NO_STATUS; // system common: no running status
            if (status == 0xF2) {
                deliverSongPosition(nanos, data1 | (data2 << 7));
            } else {
                deliverSystemCommon(nanos, status, data1);
            }
        }
    }

    private void endSysEx(long nanos) {
        inSysEx = false;
        sysExBuffer[sysExLength++] = (byte) 0xF7;
        boolean truncated = sysExOverflow;
        if (truncated) truncatedSysExCount++;
        messageCount++;
        try {
            handler.sysEx(nanos, sysExBuffer, sysExLength, truncated);
        } catch (RuntimeException e) {
            handlerErrorCount++;
        }
    }

    private void deliverChannel(long nanos, int status, int data1, int data2) {
        if ((channelMask & (1 << (status & 0x0F))) == 0) {
            filteredCount++;
            return;
        }
        if ((status & 0xF0) == ShortMessage.NOTE_ON && data2 == 0) {
            status = ShortMessage.NOTE_OFF | (status & 0x0F);
        }
        messageCount++;
        try {
            handler.channelMessage(nanos, status, data1, data2);
        } catch (RuntimeException e) {
            handlerErrorCount++;
        }
    }

    private void deliverSongPosition(long nanos, int sixteenths) {
        messageCount++;
        try {
            handler.songPosition(nanos, sixteenths);
        } catch (RuntimeException e) {
            handlerErrorCount++;
        }
    }

    private void deliverSystemCommon(long nanos, int status, int data1) {
        messageCount++;
        try {
            handler.systemCommon(nanos, status, data1);
        } catch (RuntimeException e) {
            handlerErrorCount++;
        }
    }

    // ---- counters ----

    /** Messages delivered to the handler (all kinds, including real-time and SysEx). */
    public long messageCount() {
        return messageCount;
    }

    /** Interrupted messages and SysEx, data bytes without a status, stray 0xF7, undefined status bytes. */
    public long malformedCount() {
        return malformedCount;
    }

    /** Channel messages dropped by the channel filter. */
    public long filteredCount() {
        return filteredCount;
    }

    /** SysEx messages longer than the buffer, delivered cut short. */
    public long truncatedSysExCount() {
        return truncatedSysExCount;
    }

    /** Exceptions thrown by the handler and swallowed here. */
    public long handlerErrorCount() {
        return handlerErrorCount;
    }
}
