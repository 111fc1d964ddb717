package org.analogy.engine.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;
import org.junit.jupiter.api.Test;

class MidiByteParserTest {

    /** The JIT may allocate a little once (e.g. on-stack replacement); one object per event would be megabytes. */
    private static final long ONE_OFF_ALLOWANCE = 16 * 1024;

    private final RecordingHandler out = new RecordingHandler();
    private final MidiByteParser parser = new MidiByteParser(out, 8);

    private void feed(int... bytes) {
        for (int b : bytes) parser.feed(0L, b);
    }

    @Test
    void deliversCompleteChannelMessages() {
        feed(0x90, 60, 100, 0xC3, 5, 0xE1, 0x00, 0x40);
        assertThat(out.events).containsExactly("90 60 100", "C3 5 0", "E1 0 64");
        assertThat(parser.messageCount()).isEqualTo(3);
        assertThat(parser.malformedCount()).isZero();
    }

    @Test
    void runningStatusReusesTheLastChannelStatus() {
        feed(0x90, 60, 100, 62, 100, 0xC0, 5, 6);
        assertThat(out.events).containsExactly("90 60 100", "90 62 100", "C0 5 0", "C0 6 0");
    }

    @Test
    void noteOnWithVelocityZeroBecomesNoteOff() {
        feed(0x95, 60, 100, 60, 0);
        assertThat(out.events).containsExactly("95 60 100", "85 60 0");
    }

    @Test
    void realTimeBetweenDataBytesLeavesTheMessageAlone() {
        feed(0x90, 0xF8, 60, 0xFE, 100, 0xFA, 62, 0xFC, 90);
        assertThat(out.events).containsExactly("RT F8", "RT FE", "90 60 100", "RT FA", "RT FC", "90 62 90");
        assertThat(parser.malformedCount()).isZero();
    }

    @Test
    void realTimeInsideSysExIsDeliveredAndNotKept() {
        feed(0xF0, 0x7E, 0xF8, 0x01, 0xFF, 0xF7);
        assertThat(out.events).containsExactly("RT F8", "RT FF", "SYSEX F07E01F7");
    }

    @Test
    void sysExThatFillsTheBufferExactlyIsNotTruncated() {
        feed(0xF0, 1, 2, 3, 4, 5, 6, 0xF7);
        assertThat(out.events).containsExactly("SYSEX F0010203040506F7");
        assertThat(parser.truncatedSysExCount()).isZero();
    }

    @Test
    void longSysExIsDeliveredTruncated() {
        feed(0xF0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0xF7, 0x90, 60, 100);
        assertThat(out.events).containsExactly("SYSEX F0010203040506F7 truncated", "90 60 100");
        assertThat(parser.truncatedSysExCount()).isEqualTo(1);
        assertThat(parser.malformedCount()).isZero();
    }

    @Test
    void statusByteInterruptsAnUnfinishedMessage() {
        feed(0x90, 60, 0xB0, 7, 100);
        assertThat(out.events).containsExactly("B0 7 100");
        assertThat(parser.malformedCount()).isEqualTo(1);
    }

    @Test
    void statusByteRightAfterAnotherStatusCountsTheFirstAsMalformed() {
        feed(0x90, 0x80, 60, 0);
        assertThat(out.events).containsExactly("80 60 0");
        assertThat(parser.malformedCount()).isEqualTo(1);
    }

    @Test
    void statusByteInterruptsUnterminatedSysEx() {
        feed(0xF0, 1, 2, 0x90, 60, 100);
        assertThat(out.events).containsExactly("90 60 100");
        assertThat(parser.malformedCount()).isEqualTo(1);
    }

    @Test
    void dataBytesWithoutStatusAreDroppedAndCounted() {
        feed(60, 100, 0x90, 60, 100);
        assertThat(out.events).containsExactly("90 60 100");
        assertThat(parser.malformedCount()).isEqualTo(2);
    }

    @Test
    void undefinedStatusBytesAreDroppedAndCounted() {
        feed(0xF4, 0xF5, 0xF9, 0xFD);
        assertThat(out.events).isEmpty();
        assertThat(parser.malformedCount()).isEqualTo(4);
    }

    @Test
    void undefinedRealTimeBytesDoNotDisturbAMessage() {
        feed(0x90, 60, 0xF9, 100, 0xFD);
        assertThat(out.events).containsExactly("90 60 100");
        assertThat(parser.malformedCount()).isEqualTo(2);
    }

    @Test
    void undefinedSystemCommonCancelsRunningStatus() {
        feed(0x90, 60, 100, 0xF4, 62, 100);
        assertThat(out.events).containsExactly("90 60 100");
        assertThat(parser.malformedCount()).isEqualTo(3);
    }

    @Test
    void systemCommonMessagesAndTheirDataLengths() {
        feed(0xF1, 0x21, 0xF3, 5, 0xF6, 0xF2, 0x10, 0x02);
        assertThat(out.events).containsExactly("SC F1 33", "SC F3 5", "SC F6 0", "SPP 272");
        assertThat(parser.malformedCount()).isZero();
    }

    @Test
    void systemCommonCancelsRunningStatus() {
        feed(0x90, 60, 100, 0xF1, 0x21, 62, 100);
        assertThat(out.events).containsExactly("90 60 100", "SC F1 33");
        assertThat(parser.malformedCount()).isEqualTo(2);
    }

    @Test
    void sysExCancelsRunningStatus() {
        feed(0x90, 60, 100, 0xF0, 1, 0xF7, 62, 100);
        assertThat(out.events).containsExactly("90 60 100", "SYSEX F001F7");
        assertThat(parser.malformedCount()).isEqualTo(2);
    }

    @Test
    void realTimeKeepsRunningStatus() {
        feed(0x90, 60, 100, 0xF8, 62, 100);
        assertThat(out.events).containsExactly("90 60 100", "RT F8", "90 62 100");
    }

    @Test
    void strayEndOfSysExIsMalformed() {
        feed(0xF7, 0x90, 60, 100);
        assertThat(out.events).containsExactly("90 60 100");
        assertThat(parser.malformedCount()).isEqualTo(1);
    }

    @Test
    void channelFilterCountsWhatItDrops() {
        parser.setChannels(0, 9);
        feed(0x90, 60, 100, 0x91, 60, 100, 62, 100, 0x99, 36, 127, 0xF8);
        assertThat(out.events).containsExactly("90 60 100", "99 36 127", "RT F8");
        assertThat(parser.filteredCount()).isEqualTo(2);
        assertThat(parser.malformedCount()).isZero();

        parser.setChannelMask(MidiByteParser.ALL_CHANNELS);
        feed(0x91, 60, 100);
        assertThat(out.events).endsWith("91 60 100");
    }

    @Test
    void emptyChannelListFiltersEveryChannelMessage() {
        parser.setChannels();
        feed(0x90, 60, 100, 0xFA);
        assertThat(out.events).containsExactly("RT FA");
        assertThat(parser.filteredCount()).isEqualTo(1);
    }

    @Test
    void arrayFeedHonoursOffsetLengthAndTime() {
        byte[] data = {0x00, (byte) 0x90, 60, 100, (byte) 0x80, 60};
        parser.feed(42L, data, 1, 3);
        parser.feed(43L, data, 4, 100); // length past the end is clipped; the note-off stays unfinished
        parser.feed(44L, new byte[] {0}, 0, 1);
        assertThat(out.events).containsExactly("90 60 100", "80 60 0");
        assertThat(out.times).containsExactly(42L, 44L);
    }

    @Test
    void javaxMessagesAreFedLikeBytes() throws Exception {
        parser.feed(1L, new ShortMessage(ShortMessage.NOTE_ON, 2, 60, 0));
        parser.feed(2L, new ShortMessage(ShortMessage.PROGRAM_CHANGE, 0, 7, 0));
        parser.feed(3L, new ShortMessage(ShortMessage.TIMING_CLOCK));
        parser.feed(4L, new MetaMessage(0x51, new byte[] {7, (byte) 0xA1, 0x20}, 3));
        parser.feed(5L, new SysexMessage(new byte[] {(byte) 0xF0, 1, 2}, 3));
        parser.feed(6L, new SysexMessage(new byte[] {(byte) 0xF7, 3, (byte) 0xF7}, 3));
        assertThat(out.events).containsExactly("82 60 0", "C0 7 0", "RT F8", "SYSEX F0010203F7");
        assertThat(parser.malformedCount()).isZero();
    }

    @Test
    void aThrowingHandlerIsCountedAndTheParserCarriesOn() {
        RecordingHandler later = new RecordingHandler();
        MidiByteParser guarded = new MidiByteParser(new MidiMessageHandler() {
            @Override
            public void channelMessage(long nanos, int status, int data1, int data2) {
                if (data1 == 13) throw new IllegalStateException("unlucky");
                later.channelMessage(nanos, status, data1, data2);
            }
        });
        for (int b : new int[] {0x90, 13, 100, 60, 100}) guarded.feed(0L, b);
        assertThat(later.events).containsExactly("90 60 100");
        assertThat(guarded.handlerErrorCount()).isEqualTo(1);
    }

    @Test
    void resetForgetsRunningStatus() {
        feed(0x90, 60, 100);
        parser.reset();
        feed(62, 100);
        assertThat(out.events).containsExactly("90 60 100");
        assertThat(parser.malformedCount()).isEqualTo(2);
    }

    @Test
    void allNotesOffCoversSoundOffNotesOffAndModeMessages() {
        assertThat(MidiByteParser.isAllNotesOff(0xB3, 120)).isTrue();
        for (int cc = 123; cc <= 127; cc++) assertThat(MidiByteParser.isAllNotesOff(0xB0, cc)).isTrue();
        assertThat(MidiByteParser.isAllNotesOff(0xB0, 121)).as("reset all controllers").isFalse();
        assertThat(MidiByteParser.isAllNotesOff(0xB0, 122)).as("local control").isFalse();
        assertThat(MidiByteParser.isAllNotesOff(0xB0, 64)).isFalse();
        assertThat(MidiByteParser.isAllNotesOff(0x90, 123)).isFalse();
    }

    @Test
    void feedingShortMessagesAllocatesNothing() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MidiByteParser quiet = new MidiByteParser(new MidiMessageHandler() {
            @Override
            public void channelMessage(long nanos, int status, int data1, int data2) {}
        });
        ShortMessage[] messages = {new ShortMessage(ShortMessage.NOTE_ON, 3, 60, 0), new ShortMessage(ShortMessage.PROGRAM_CHANGE, 0, 9, 0),
                new ShortMessage(ShortMessage.TIMING_CLOCK), new ShortMessage(ShortMessage.CONTROL_CHANGE, 1, 64, 127)};
        for (int i = 0; i < 50_000; i++) quiet.feed(i, messages[i & 3]);
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 400_000; i++) quiet.feed(i, messages[i & 3]);
        assertThat(threads.getThreadAllocatedBytes(threadId) - before).as("bytes allocated for 400,000 messages").isLessThan(ONE_OFF_ALLOWANCE);
        assertThat(quiet.messageCount()).isEqualTo(450_000);
    }

    @Test
    void feedingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MidiByteParser quiet = new MidiByteParser(new MidiMessageHandler() {
            @Override
            public void channelMessage(long nanos, int status, int data1, int data2) {}
        });
        quiet.setChannels(0, 1, 2);
        byte[] stream = {(byte) 0x90, 60, 100, 62, 0, (byte) 0xF8, (byte) 0xB5, 64, 127, (byte) 0xF0, 1, 2, (byte) 0xF7,
                (byte) 0xF2, 1, 1, 5, (byte) 0xF9, (byte) 0xC1, 3};
        for (int i = 0; i < 20_000; i++) quiet.feed(i, stream, 0, stream.length); // warm up (JIT, counters)
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 100_000; i++) quiet.feed(i, stream, 0, stream.length);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertThat(allocated).as("bytes allocated for 2,000,000 fed bytes").isLessThan(ONE_OFF_ALLOWANCE);
        assertThat(quiet.messageCount()).isGreaterThan(0);
    }
}
