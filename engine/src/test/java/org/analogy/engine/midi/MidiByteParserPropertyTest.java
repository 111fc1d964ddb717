package org.analogy.engine.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

class MidiByteParserPropertyTest {

    /** One message as it goes on the wire, and the line {@link RecordingHandler} should write for it. */
    record WireMessage(int[] bytes, String expected) {
        boolean isChannelMessage() {
            return bytes[0] < 0xF0;
        }
    }

    /** A real-time byte to slip in before byte {@code position} of the stream (positions past the end append). */
    record RealTimeInsertion(int position, int status) {}

    @Property(tries = 500)
    void garbageNeverThrowsAndNeverYieldsOutOfRangeBytes(@ForAll @Size(max = 400) byte[] garbage) {
        List<String> violations = new ArrayList<>();
        MidiByteParser parser = new MidiByteParser(new MidiMessageHandler() {
            @Override
            public void channelMessage(long nanos, int status, int data1, int data2) {
                if (status < 0x80 || status > 0xEF || data1 < 0 || data1 > 127 || data2 < 0 || data2 > 127) {
                    violations.add(String.format("channel %X %d %d", status, data1, data2));
                }
            }

            @Override
            public void realTime(long nanos, int status) {
                if (status < 0xF8 || status == 0xF9 || status == 0xFD || status > 0xFF) violations.add("real-time " + status);
            }

            @Override
            public void systemCommon(long nanos, int status, int data1) {
                if (data1 < 0 || data1 > 127) violations.add("system common data " + data1);
            }

            @Override
            public void songPosition(long nanos, int sixteenths) {
                if (sixteenths < 0 || sixteenths > 0x3FFF) violations.add("song position " + sixteenths);
            }

            @Override
            public void sysEx(long nanos, byte[] buffer, int length, boolean truncated) {
                if ((buffer[0] & 0xFF) != 0xF0 || (buffer[length - 1] & 0xFF) != 0xF7) violations.add("SysEx frame");
                for (int i = 1; i < length - 1; i++) {
                    if (buffer[i] < 0) violations.add("SysEx data byte " + (buffer[i] & 0xFF));
                }
            }
        }, 16);
        parser.feed(0L, garbage, 0, garbage.length);
        for (byte b : garbage) parser.feed(1L, b);
        assertThat(violations).isEmpty();
    }

    @Property(tries = 500)
    void validStreamWithRunningStatusAndRealTimeIsRecoveredExactly(
            @ForAll("messages") List<WireMessage> messages, @ForAll("realTimes") List<RealTimeInsertion> realTimes) {
        List<Integer> stream = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        int runningStatus = -1;
        for (WireMessage message : messages) {
            int first = message.bytes()[0] == runningStatus ? 1 : 0; // running status wherever allowed
            runningStatus = message.isChannelMessage() ? message.bytes()[0] : -1;
            for (int i = first; i < message.bytes().length; i++) stream.add(message.bytes()[i]);
            expected.add(message.expected());
        }
        // Expected order: a real-time byte comes out when it is read; a message when its last byte is read.
        List<Integer> withRealTime = new ArrayList<>(stream);
        List<RealTimeInsertion> sorted = new ArrayList<>(realTimes);
        sorted.sort((a, b) -> Integer.compare(Math.min(b.position(), stream.size()), Math.min(a.position(), stream.size())));
        for (RealTimeInsertion rt : sorted) withRealTime.add(Math.min(rt.position(), stream.size()), rt.status());
        List<String> expectedWithRealTime = interleave(withRealTime, messages, runningStatusEncoded(messages));

        RecordingHandler out = new RecordingHandler();
        MidiByteParser parser = new MidiByteParser(out, 64);
        for (int b : withRealTime) parser.feed(0L, b);

        assertThat(out.events).containsExactlyElementsOf(expectedWithRealTime);
        assertThat(out.events.stream().filter(e -> !e.startsWith("RT")).toList()).containsExactlyElementsOf(expected);
        assertThat(parser.malformedCount()).isZero();
    }

    /** How many bytes each message takes on the wire once running status is applied. */
    private static int[] runningStatusEncoded(List<WireMessage> messages) {
        int[] lengths = new int[messages.size()];
        int runningStatus = -1;
        for (int i = 0; i < messages.size(); i++) {
            int[] bytes = messages.get(i).bytes();
            lengths[i] = bytes[0] == runningStatus ? bytes.length - 1 : bytes.length;
            runningStatus = messages.get(i).isChannelMessage() ? bytes[0] : -1;
        }
        return lengths;
    }

    private static List<String> interleave(List<Integer> wire, List<WireMessage> messages, int[] wireLengths) {
        List<String> result = new ArrayList<>();
        int message = 0;
        int bytesSeen = 0;
        for (int b : wire) {
            if (b >= 0xF8) {
                result.add(String.format("RT %02X", b));
                continue;
            }
            bytesSeen++;
            if (bytesSeen == wireLengths[message]) {
                result.add(messages.get(message).expected());
                message++;
                bytesSeen = 0;
            }
        }
        return result;
    }

    @Provide
    Arbitrary<List<WireMessage>> messages() {
        return Arbitraries.frequencyOf(
                        Tuple.of(8, channelMessages()),
                        Tuple.of(1, systemCommonMessages()),
                        Tuple.of(1, sysExMessages()))
                .list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<RealTimeInsertion>> realTimes() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 400),
                        Arbitraries.of(0xF8, 0xFA, 0xFB, 0xFC, 0xFE, 0xFF))
                .as(RealTimeInsertion::new)
                .list().ofMaxSize(40);
    }

    private static Arbitrary<WireMessage> channelMessages() {
        Arbitrary<Integer> kinds = Arbitraries.of(0x80, 0x90, 0xA0, 0xB0, 0xC0, 0xD0, 0xE0);
        Arbitrary<Integer> channels = Arbitraries.integers().between(0, 3); // few channels: more running status
        Arbitrary<Integer> data = Arbitraries.integers().between(0, 127);
        return Combinators.combine(kinds, channels, data, data).as((kind, channel, d1, d2) -> {
            int status = kind | channel;
            if (kind == 0xC0 || kind == 0xD0) {
                return new WireMessage(new int[] {status, d1}, String.format("%02X %d 0", status, d1));
            }
            int shownStatus = kind == 0x90 && d2 == 0 ? 0x80 | channel : status;
            return new WireMessage(new int[] {status, d1, d2}, String.format("%02X %d %d", shownStatus, d1, d2));
        });
    }

    private static Arbitrary<WireMessage> systemCommonMessages() {
        Arbitrary<Integer> data = Arbitraries.integers().between(0, 127);
        return Combinators.combine(Arbitraries.of(0xF1, 0xF2, 0xF3, 0xF6), data, data).as((status, d1, d2) -> {
            switch (status) {
                case 0xF2: return new WireMessage(new int[] {0xF2, d1, d2}, "SPP " + (d1 | d2 << 7));
                case 0xF6: return new WireMessage(new int[] {0xF6}, "SC F6 0");
                default: return new WireMessage(new int[] {status, d1}, String.format("SC %02X %d", status, d1));
            }
        });
    }

    private static Arbitrary<WireMessage> sysExMessages() {
        return Arbitraries.integers().between(0, 127).list().ofMaxSize(30).map(body -> {
            int[] bytes = new int[body.size() + 2];
            byte[] shown = new byte[bytes.length];
            bytes[0] = 0xF0;
            bytes[bytes.length - 1] = 0xF7;
            for (int i = 0; i < body.size(); i++) bytes[i + 1] = body.get(i);
            for (int i = 0; i < bytes.length; i++) shown[i] = (byte) bytes[i];
            return new WireMessage(bytes, "SYSEX " + HexFormat.of().withUpperCase().formatHex(shown));
        });
    }
}
