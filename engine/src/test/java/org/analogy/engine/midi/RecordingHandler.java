package org.analogy.engine.midi;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Writes every callback as a short readable line, so tests can compare whole streams at once. */
final class RecordingHandler implements MidiMessageHandler {

    final List<String> events = new ArrayList<>();
    final List<Long> times = new ArrayList<>();

    @Override
    public void channelMessage(long nanos, int status, int data1, int data2) {
        record(nanos, String.format("%02X %d %d", status, data1, data2));
    }

    @Override
    public void realTime(long nanos, int status) {
        record(nanos, String.format("RT %02X", status));
    }

    @Override
    public void systemCommon(long nanos, int status, int data1) {
        record(nanos, String.format("SC %02X %d", status, data1));
    }

    @Override
    public void songPosition(long nanos, int sixteenths) {
        record(nanos, "SPP " + sixteenths);
    }

    @Override
    public void sysEx(long nanos, byte[] buffer, int length, boolean truncated) {
        record(nanos, "SYSEX " + HexFormat.of().withUpperCase().formatHex(buffer, 0, length) + (truncated ? " truncated" : ""));
    }

    private void record(long nanos, String event) {
        events.add(event);
        times.add(nanos);
    }
}
