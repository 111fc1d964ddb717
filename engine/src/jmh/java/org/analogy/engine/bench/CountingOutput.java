package org.analogy.engine.bench;

import org.analogy.engine.output.MidiOutput;

/** An output that only counts, so a benchmark measures the engine and not a device or a list. */
final class CountingOutput implements MidiOutput {

    long events;
    long noteOns;

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public void send(long nanos, int status, int data1, int data2) {
        events++;
        if ((status & 0xF0) == 0x90 && data2 > 0) noteOns++;
    }

    @Override
    public void close() {}
}
