package org.analogy.engine.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** One writer, a reader polling at the same time: every event the reader can see is complete and in place. */
class EventLogTest {

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
