package org.analogy.engine.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.analogy.engine.bench.AllocationProbe;

class EventLogTest {

    @Test
    void eventsAcrossChunksReadBackInOrder() {
        EventLog log = new EventLog();
        int n = 3 * EventLog.CHUNK + 17;
        for (int i = 0; i < n; i++) log.append(1000L + i, 2, 0x90, i % 128, (i / 128) % 128);
        assertThat(log.size()).isEqualTo(n);
        for (int i : new int[] {0, EventLog.CHUNK - 1, EventLog.CHUNK, n - 1}) {
            assertThat(log.nanos(i)).isEqualTo(1000L + i);
            assertThat(log.tag(i)).isEqualTo(2);
            assertThat(log.data1(i)).isEqualTo(i % 128);
        }
    }

    @Test
    void appendingIntoReservedRoomAllocatesNothing() {
        assumeTrue(AllocationProbe.isSupported(), "this JVM cannot count allocation per thread");
        EventLog log = new EventLog();
        int n = 5 * EventLog.CHUNK;
        for (int i = 0; i < 1000; i++) log.append(i, 0, 0xB0, 1, i % 128); // JIT warm-up
        log.reserve(n);
        long before = AllocationProbe.allocatedBytes(Thread.currentThread());
        for (int i = 0; i < n; i++) log.append(i, 0, 0x90, 60, 100);
        long bytes = AllocationProbe.allocatedBytes(Thread.currentThread()) - before;
        // Without the reservation this is 12 B per event (3.9 MB here). A one-off of a few dozen bytes can
        // show up on a loaded machine (the runtime's own bookkeeping), never anything per event.
        assertThat(bytes).as("bytes allocated appending %d reserved events", n).isLessThan(1024);
        assertThat(log.size()).isEqualTo(n + 1000);
    }

    /** One writer, a reader polling at the same time: every event the reader can see is complete and in place. */
    @Test
    void aConcurrentReaderSeesEveryEventCompleteAcrossChunks() throws Exception {
        EventLog log = new EventLog();
        int total = EventLog.CHUNK * 3 + 123;
        AtomicReference<String> wrong = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            long read = 0;
            while (read < total && wrong.get() == null) {
                long size = log.size();
                for (; read < size; read++) {
                    int i = (int) read;
                    if (log.nanos(read) != 1000L + i || log.data1(read) != (i & 0x7F) || log.data2(read) != (i >> 7 & 0x7F)
                            || log.tag(read) != (i & 3) || log.status(read) != 0x90) {
                        wrong.set("event " + read + " read as nanos " + log.nanos(read));
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        });
        reader.start();
        for (int i = 0; i < total; i++) log.append(1000L + i, i & 3, 0x90, i & 0x7F, i >> 7 & 0x7F);
        reader.join(10_000);
        assertThat(wrong.get()).isNull();
        assertThat(reader.isAlive()).isFalse();
        assertThat(log.size()).isEqualTo(total);
        assertThatThrownBy(() -> log.nanos(total)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
