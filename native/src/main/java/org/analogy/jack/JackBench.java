package org.analogy.jack;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

import org.analogy.engine.bench.LiveBench;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.spi.MidiBackend;

/**
 * {@code bench --jack}: the live bench's synthetic performance, with the engine's output going out of
 * {@code analogy:out} and straight back into {@code analogy:in}. Measured per event, in frames:
 * the scheduling error (frame written − exact due frame) and the round trip (frame it came back at − due
 * frame; one period for a direct loop, since JACK delivers a client's own output in the next cycle).
 */
final class JackBench {

    /** Time for the frame↔time loop to lock on before measuring: a few of its time constants. */
    static final long SETTLE_MILLIS = 1500;

    private JackBench() {}

    static MidiBackend.BenchReport run(JackConnection connection, double seconds, double bpm, BarProcessor processor)
            throws Exception {
        MidiOutput out = connection.openOutput(null);
        JackMidiOutput jackOut = (JackMidiOutput) out;
        // Input with no handler: what comes back is only measured (input listener below), not played.
        AutoCloseable in = connection.openInput(null, null);
        try {
            connection.connectPorts(connection.outputPortName(jackOut.port()), connection.inputPortName());
            Thread.sleep(SETTLE_MILLIS); // the frame↔time loop locks on
            MidiCycle cycle = connection.cycle();
            cycle.maxDeviationNanos = 0;
            long resyncsBefore = cycle.resyncs;
            long xrunsBefore = connection.xruns();
            double framesPerNano = connection.sampleRate() / 1e9;
            Histogram scheduling = new Histogram(3);
            Histogram roundTrip = new Histogram(3);
            // Due times in send order, matched with what comes back in the same order.
            EventQueue dues = new EventQueue(1 << 16);
            long[] late = new long[1];
            connection.setWrittenListener((due, frame, status, d1, d2, error) -> {
                scheduling.recordValue(Math.round(Math.abs(error) * 1000));
                if (error > 0.5) late[0]++;
                dues.offer(due, frame, 0);
            });
            connection.setInputListener((nanos, frame, status, d1, d2, error) -> {
                if (dues.isEmpty()) return;
                roundTrip.recordValue(Math.max(0, Math.round((nanos - dues.peekTime()) * framesPerNano * 1000)));
                dues.poll();
            });
            LiveBench.Result result = LiveBench.run(seconds, bpm, processor, List.of(out));
            Thread.sleep(100); // the last events come back
            connection.setWrittenListener(null);
            connection.setInputListener(null);

            List<MidiBackend.FrameTiming> rows = new ArrayList<>();
            rows.add(timing("scheduling error: written − due frame (|x|)", scheduling));
            rows.add(timing("round trip: due → back at analogy:in", roundTrip));
            List<String> notes = new ArrayList<>();
            notes.add(String.format("%nevents written %d, late %d (found after their frame), queue overflows %d; engine: %d sent,"
                            + " %d deadline misses; send-ahead %.2f ms", scheduling.getTotalCount(), late[0],
                    jackOut.overflows(), result.eventsSent(), result.deadlineMisses(), out.sendAheadNanos() / 1e6));
            notes.add(String.format("server: %d xruns; cycle starts up to %.3f ms off a steady clock, %d resyncs of the frame↔time"
                    + " loop (a server that keeps time: 0 xruns, well under a millisecond, 0 resyncs)", connection.xruns() - xrunsBefore,
                    cycle.maxDeviationNanos / 1e6, cycle.resyncs - resyncsBefore));
            notes.add("a direct loop comes back one period later (" + connection.periodFrames() + " frames): JACK delivers"
                    + " a client's own output in its next cycle");
            return new MidiBackend.BenchReport(connection.sampleRate(), connection.periodFrames(), rows, notes);
        } finally {
            in.close();
            out.close();
        }
    }

    private static MidiBackend.FrameTiming timing(String what, Histogram milliFrames) {
        return new MidiBackend.FrameTiming(what, milliFrames.getTotalCount(), milliFrames.getValueAtPercentile(50) / 1000.0,
                milliFrames.getValueAtPercentile(99) / 1000.0, milliFrames.getMaxValue() / 1000.0);
    }
}
