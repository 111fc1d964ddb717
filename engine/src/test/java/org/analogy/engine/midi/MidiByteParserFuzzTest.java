package org.analogy.engine.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer on the device-callback parser. {@code mvn test} replays the seeds under
 * {@code src/test/resources/org/analogy/engine/midi/MidiByteParserFuzzTestInputs/}; with {@code JAZZER_FUZZ=1}
 * it fuzzes (see docs/benchmarks.md, "Fuzzing"). A finding is any exception, or a callback with bytes a
 * consumer could not trust.
 */
class MidiByteParserFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyByteStreamYieldsOnlyWellFormedMessages(byte[] stream) {
        List<String> violations = new ArrayList<>();
        MidiByteParser parser = new MidiByteParser(new CheckingHandler(violations), 64);
        // Two deliveries split at a byte the input chooses, as a device splits its buffers.
        int split = stream.length == 0 ? 0 : (stream[0] & 0xFF) % stream.length;
        parser.feed(1, stream, 0, split);
        parser.feed(2, stream, split, stream.length - split);
        assertThat(violations).isEmpty();
        assertThat(parser.handlerErrorCount()).isZero();
    }

    /** Records every callback whose content breaks the {@link MidiMessageHandler} contract. */
    private static final class CheckingHandler implements MidiMessageHandler {
        private final List<String> violations;

        CheckingHandler(List<String> violations) {
            this.violations = violations;
        }

        @Override
        public void channelMessage(long nanos, int status, int data1, int data2) {
            if (status < 0x80 || status > 0xEF || (data1 & ~0x7F) != 0 || (data2 & ~0x7F) != 0) {
                violations.add(String.format("channel %X %d %d", status, data1, data2));
            }
            if ((status & 0xF0) == 0x90 && data2 == 0) violations.add("note-on with velocity 0 not turned into a note-off");
        }

        @Override
        public void realTime(long nanos, int status) {
            if (status < 0xF8 || status == 0xF9 || status == 0xFD || status > 0xFF) violations.add("real-time " + status);
        }

        @Override
        public void systemCommon(long nanos, int status, int data1) {
            if ((data1 & ~0x7F) != 0) violations.add("system common data " + data1);
        }

        @Override
        public void songPosition(long nanos, int sixteenths) {
            if (sixteenths < 0 || sixteenths > 0x3FFF) violations.add("song position " + sixteenths);
        }

        @Override
        public void sysEx(long nanos, byte[] buffer, int length, boolean truncated) {
            if (length < 2 || (buffer[0] & 0xFF) != 0xF0 || (buffer[length - 1] & 0xFF) != 0xF7) violations.add("SysEx frame");
            for (int i = 1; i < length - 1; i++) {
                if (buffer[i] < 0) violations.add("SysEx data byte " + (buffer[i] & 0xFF));
            }
        }
    }
}
