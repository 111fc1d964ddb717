package org.analogy.jack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventQueueTest {

    @Test
    void packsAMessageIntoAnIntAndBack() {
        int m = EventQueue.pack(0x93, 60, 127, 3);
        assertThat(EventQueue.status(m)).isEqualTo(0x93);
        assertThat(EventQueue.data1(m)).isEqualTo(60);
        assertThat(EventQueue.data2(m)).isEqualTo(127);
        assertThat(EventQueue.length(m)).isEqualTo(3);
        int clock = EventQueue.pack(0xF8, 0, 0, 1);
        assertThat(EventQueue.status(clock)).isEqualTo(0xF8);
        assertThat(EventQueue.length(clock)).isEqualTo(1);
    }

    @Test
    void keepsOrderRefusesWhenFullAndForgetsOnClear() {
        EventQueue q = new EventQueue(4);
        for (int i = 0; i < 4; i++) assertThat(q.offer(100 + i, 10 + i, i)).isTrue();
        assertThat(q.offer(999, 999, 999)).as("full").isFalse();
        for (int i = 0; i < 2; i++) {
            assertThat(q.peekTime()).isEqualTo(100 + i);
            assertThat(q.peekFrame()).isEqualTo(10 + i);
            assertThat(q.peekMessage()).isEqualTo(i);
            q.poll();
        }
        assertThat(q.offer(104, 14, 4)).isTrue(); // wraps around
        q.clear();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.offer(105, 15, 5)).isTrue();
        assertThat(q.peekTime()).isEqualTo(105);
    }

    @Test
    void capacityMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new EventQueue(100)).isInstanceOf(IllegalArgumentException.class);
    }

    /** One producer and one consumer thread, as between the scheduler and JACK's process thread. */
    @Test
    void handsOverEveryEventInOrderBetweenTwoThreads() throws Exception {
        EventQueue q = new EventQueue(256);
        int count = 50_000;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                while (!q.offer(i, -i, i * 7)) Thread.yield();
            }
        });
        producer.start();
        int expected = 0;
        int wrong = 0;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (expected < count && System.nanoTime() < deadline) {
            if (q.isEmpty()) {
                Thread.yield();
                continue;
            }
            if (q.peekTime() != expected || q.peekFrame() != -expected || q.peekMessage() != expected * 7) wrong++;
            q.poll();
            expected++;
        }
        producer.join();
        assertThat(expected).isEqualTo(count);
        assertThat(wrong).as("events out of order or torn").isZero();
    }
}
