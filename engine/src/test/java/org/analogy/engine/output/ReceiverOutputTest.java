package org.analogy.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.Receiver;
import org.junit.jupiter.api.Test;

class ReceiverOutputTest {

    /** The JIT may allocate a little once (e.g. on-stack replacement); one object per event would be megabytes. */
    private static final long ONE_OFF_ALLOWANCE = 16 * 1024;

    /** Records the bytes of each message (the output reuses its message object, so it must be copied). */
    private static final class BytesReceiver implements Receiver {
        final List<String> sent = new ArrayList<>();
        RuntimeException failWith;
        boolean closed;

        @Override
        public void send(MidiMessage message, long timeStamp) {
            if (failWith != null) throw failWith;
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < message.getLength(); i++) line.append(String.format("%02X", message.getMessage()[i]));
            sent.add(line + "@" + timeStamp);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void sendsEachMessageWithItsOwnLengthAndTimestampNow() {
        BytesReceiver receiver = new BytesReceiver();
        ReceiverOutput output = new ReceiverOutput("out", receiver, null);
        output.send(10, 0x90, 60, 100);
        output.send(11, 0xC0, 5, 0);
        output.send(12, 0xF8, 0, 0);
        output.send(13, 0xB3, 123, 0);
        assertThat(receiver.sent).containsExactly("903C64@-1", "C005@-1", "F8@-1", "B37B00@-1");
    }

    @Test
    void outOfRangeMessagesAreCountedNotSent() {
        BytesReceiver receiver = new BytesReceiver();
        ReceiverOutput output = new ReceiverOutput("out", receiver, null);
        output.send(0, 0x90, 128, 1);
        output.send(0, 0x40, 1, 1);
        output.send(0, 0xF4, 0, 0);
        assertThat(receiver.sent).isEmpty();
        assertThat(output.invalidMessageCount()).isEqualTo(3);
        assertThat(output.isAvailable()).isTrue();
    }

    @Test
    void aFailingDeviceMakesTheOutputUnavailableWithoutThrowing() {
        BytesReceiver receiver = new BytesReceiver();
        ReceiverOutput output = new ReceiverOutput("out", receiver, null);
        receiver.failWith = new IllegalStateException("Receiver is not open");
        output.send(0, 0x90, 60, 100);
        assertThat(output.isAvailable()).isFalse();
        assertThat(output.failure()).hasMessage("Receiver is not open");

        receiver.failWith = null;
        output.send(0, 0x90, 62, 100);
        assertThat(receiver.sent).as("nothing is sent once the device has failed").isEmpty();
        assertThat(output.toString()).isEqualTo("out (unavailable)");
    }

    @Test
    void aReconnectedDeviceIsSentToAgainAndTheOldOneReleased() {
        BytesReceiver unplugged = new BytesReceiver();
        ReceiverOutput output = new ReceiverOutput("out", unplugged, null);
        unplugged.failWith = new IllegalStateException("Receiver is not open");
        output.send(0, 0x90, 60, 100);
        assertThat(output.isAvailable()).isFalse();

        BytesReceiver replugged = new BytesReceiver();
        boolean[] newDeviceClosed = {false};
        output.reconnect(replugged, () -> newDeviceClosed[0] = true);
        assertThat(output.isAvailable()).isTrue();
        assertThat(output.failure()).isNull();
        assertThat(unplugged.closed).isTrue();
        output.send(0, 0x90, 62, 100);
        assertThat(replugged.sent).containsExactly("903E64@-1");
        output.close();
        assertThat(replugged.closed).isTrue();
        assertThat(newDeviceClosed[0]).isTrue();
    }

    @Test
    void closeReleasesReceiverAndDevice() {
        BytesReceiver receiver = new BytesReceiver();
        boolean[] deviceClosed = {false};
        ReceiverOutput output = new ReceiverOutput("out", receiver, () -> deviceClosed[0] = true);
        output.close();
        assertThat(receiver.closed).isTrue();
        assertThat(deviceClosed[0]).isTrue();
        assertThat(output.isAvailable()).isFalse();
        assertThat(output.failure()).isNull();
    }

    @Test
    void sendingAllocatesNothing() {
        ReceiverOutput output = new ReceiverOutput("out", new Receiver() {
            @Override
            public void send(MidiMessage message, long timeStamp) {}

            @Override
            public void close() {}
        }, null);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 50_000; i++) sendMixed(output, i);
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 200_000; i++) sendMixed(output, i);
        assertThat(threads.getThreadAllocatedBytes(threadId) - before).as("bytes allocated for 800,000 sends").isLessThan(ONE_OFF_ALLOWANCE);
    }

    private static void sendMixed(ReceiverOutput output, int i) {
        output.send(i, 0x90, i & 0x7F, 100);
        output.send(i, 0xC1, i & 0x7F, 0);
        output.send(i, 0xFA, 0, 0);
        output.send(i, 0x80, i & 0x7F, 0);
    }
}
