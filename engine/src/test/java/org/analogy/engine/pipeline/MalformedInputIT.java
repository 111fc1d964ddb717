package org.analogy.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.analogy.engine.midi.MidiByteParser;
import org.analogy.engine.midi.MidiMessageHandler;
import org.analogy.engine.output.NoteLedgerOutput;
import org.analogy.engine.process.EchoProcessor;

/**
 * Malformed bytes from a device, in real time, into the live engine through the device-callback parser:
 * random bytes, truncated messages, stray data bytes, undefined status bytes and broken SysEx mixed into
 * real playing. The engine must take every well-formed message, keep playing, fail no stage, and leave
 * nothing sounding.
 */
class MalformedInputIT {

    @Test
    void garbageBetweenRealNotesNeitherStopsTheMusicNorLosesAMessage() throws Exception {
        NoteLedgerOutput out = new NoteLedgerOutput();
        Random random = new Random(8);
        long[] delivered = {0};
        LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(240), new EchoProcessor(), List.of(out));
        MidiMessageHandler engineInput = engine.inputHandler();
        MidiByteParser parser = new MidiByteParser(new MidiMessageHandler() {
            @Override
            public void channelMessage(long nanos, int status, int data1, int data2) {
                delivered[0]++;
                engineInput.channelMessage(nanos, status, data1, data2);
            }

            @Override
            public void realTime(long nanos, int status) {
                engineInput.realTime(nanos, status);
            }

            @Override
            public void songPosition(long nanos, int sixteenths) {
                engineInput.songPosition(nanos, sixteenths);
            }
        });
        try {
            engine.play();
            long end = System.nanoTime() + 3_000_000_000L;
            int pitch = 60;
            byte[] buffer = new byte[64];
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                int length = 0;
                // A real note each delivery, then a fault of a random kind.
                buffer[length++] = (byte) 0x90;
                buffer[length++] = (byte) pitch;
                buffer[length++] = 100;
                switch (random.nextInt(6)) {
                    case 0 -> { for (int i = 0; i < 12; i++) buffer[length++] = (byte) random.nextInt(256); }
                    case 1 -> buffer[length++] = (byte) 0xB0; // truncated: a status, then nothing
                    case 2 -> { buffer[length++] = 0x45; buffer[length++] = 0x12; } // data bytes under running status
                    case 3 -> buffer[length++] = (byte) (0xF4 + random.nextInt(2)); // undefined system common
                    case 4 -> { buffer[length++] = (byte) 0xF0; buffer[length++] = 0x7E; buffer[length++] = 0x01; } // SysEx never ended
                    default -> buffer[length++] = (byte) 0xF7; // stray end of SysEx
                }
                parser.feed(now, buffer, 0, length);
                // The same note released, sent cleanly with its status so the faults above cannot eat it.
                parser.feed(now + 40_000_000L, new byte[] {(byte) 0x80, (byte) pitch, 0}, 0, 3);
                pitch = 48 + random.nextInt(36);
                Thread.sleep(50);
            }
            long expected = delivered[0];
            assertThat(Await.until(() -> engine.metrics().inputEvents.get() >= expected, 5000)).isTrue();
            assertThat(parser.malformedCount()).as("faults seen by the parser").isPositive();
            assertThat(parser.handlerErrorCount()).isZero();
            assertThat(engine.recorder().inputEventCount()).as("every well-formed message recorded").isEqualTo(expected);
            assertThat(out.noteOns()).as("the engine played on").isPositive();
            // A bar may miss its deadline if the machine stalls (covered and counted); no stage may fail.
            var m = engine.metrics();
            assertThat(m.processorErrors.get()).as("stage errors other than missed deadlines")
                    .isEqualTo(m.deadlineMisses.get());
        } finally {
            engine.close();
        }
        assertThat(out.hangingNotes()).as("stuck notes").isZero();
        assertThat(out.doubleNoteOns()).isZero();
    }
}
