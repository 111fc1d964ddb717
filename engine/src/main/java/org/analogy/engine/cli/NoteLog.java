package org.analogy.engine.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.NoteSink;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.process.Part;
import org.analogy.engine.time.Timeline;

/**
 * {@code live --note-log F.csv}: what the engine decided, with the musical position of each note, so that what
 * comes out of a port or a host can be checked against it (PluginHostIT does, frame by frame). Two taps:
 * the starting mode's {@link BarProcessor} (what it generated for each bar) and each output that takes events
 * ahead of time (what the scheduler sent it, at which 16th step: covered bars and dropped notes included, as
 * they really went out). Lines are queued where they happen and written by a daemon thread, so the file
 * never holds up generation or the scheduler (which only adds a small record to a queue per event).
 *
 * <p>Lines, steps in absolute 16ths from bar 0's downbeat, channels 1–16:
 * <ul>
 *   <li>{@code bar,BAR}, then {@code gen,STEP,PART,CHANNEL,PITCH,VELOCITY,DURATION} for each note the mode
 *       generated for that bar (a bar the engine then covers with the previous one, its generation having missed
 *       the deadline, is logged as generated; its {@code sent} lines show what played);</li>
 *   <li>{@code revise,FROM_STEP,PART}: the part's notes from that step on were replaced by the lines that follow;</li>
 *   <li>{@code sent,STEP,OUTPUT,STATUS,DATA1,DATA2}: a message the scheduler handed an output, due at that step.</li>
 * </ul>
 */
final class NoteLog {

    private record Sent(double step, String output, int status, int data1, int data2) {}

    private final LinkedBlockingQueue<Object> lines = new LinkedBlockingQueue<>();

    private NoteLog(BufferedWriter writer) {
        Thread t = new Thread(() -> {
            try (writer) {
                while (true) {
                    Object line = lines.take();
                    writer.write(line instanceof Sent m
                            ? String.format(Locale.ROOT, "sent,%s,%s,%d,%d,%d%n", step(m.step()), m.output(), m.status(), m.data1(), m.data2())
                            : line.toString());
                    if (lines.isEmpty()) writer.flush();
                }
            } catch (InterruptedException | IOException e) {
                // the process is ending, or the disk refused: the log stops, the music does not
            }
        }, "analogy-note-log");
        t.setDaemon(true);
        t.start();
    }

    static NoteLog open(Path file) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writer.write("# analogy note log: bar,BAR | gen,STEP,PART,CHANNEL,PITCH,VELOCITY,DURATION | revise,FROM,PART"
                + " | sent,STEP,OUTPUT,STATUS,DATA1,DATA2\n");
        writer.flush();
        return new NoteLog(writer);
    }

    BarProcessor wrap(BarProcessor processor) {
        return new Logging(processor, lines);
    }

    /** Outputs that take events ahead of time are logged; the others go on as they are. */
    MidiOutput wrap(MidiOutput output) {
        return output.sendAheadNanos() > 0 ? new LoggingOutput(output, lines) : output;
    }

    private static String step(double step) {
        double rounded = Math.rint(step * 1e6) / 1e6;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }

    private record LoggingOutput(MidiOutput output, LinkedBlockingQueue<Object> lines) implements MidiOutput {

        @Override
        public String name() {
            return output.name();
        }

        @Override
        public void send(long nanos, Timeline timeline, int status, int data1, int data2) {
            lines.add(new Sent(timeline != null ? timeline.stepAt(nanos) : Double.NaN, output.name(), status, data1, data2));
            output.send(nanos, timeline, status, data1, data2);
        }

        @Override
        public void send(long nanos, int status, int data1, int data2) {
            output.send(nanos, status, data1, data2);
        }

        @Override
        public boolean wantsClock() {
            return output.wantsClock();
        }

        @Override
        public long sendAheadNanos() {
            return output.sendAheadNanos();
        }

        @Override
        public boolean carries(Part part) {
            return output.carries(part);
        }

        @Override
        public boolean isAvailable() {
            return output.isAvailable();
        }

        @Override
        public void close() {
            output.close();
        }
    }

    private record Logging(BarProcessor processor, LinkedBlockingQueue<Object> lines) implements BarProcessor {

        @Override
        public String name() {
            return processor.name();
        }

        @Override
        public boolean requiresCompleteBar(ControlSnapshot controls) {
            return processor.requiresCompleteBar(controls);
        }

        @Override
        public boolean revisesOnChordChange() {
            return processor.revisesOnChordChange();
        }

        @Override
        public Chord chordInUse() {
            return processor.chordInUse();
        }

        @Override
        public void process(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
            StringBuilder lines = new StringBuilder("bar," + window.targetBar() + "\n");
            processor.process(window, controls, tee(out, lines));
            this.lines.add(lines.toString());
        }

        @Override
        public void revise(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
            StringBuilder lines = new StringBuilder(String.format(Locale.ROOT, "revise,%s,%s%n", step(window.reviseFromStep()),
                    Part.ACCOMPANIMENT.trackName()));
            processor.revise(window, controls, tee(out, lines));
            this.lines.add(lines.toString());
        }

        private static NoteSink tee(NoteSink out, StringBuilder lines) {
            return new NoteSink() {
                @Override
                public void note(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps) {
                    lines.append(String.format(Locale.ROOT, "gen,%s,%s,%d,%d,%d,%s%n", step(startStep), part.trackName(), channel + 1,
                            pitch, velocity, step(durationSteps)));
                    out.note(part, channel, pitch, velocity, startStep, durationSteps);
                }

                @Override
                public void control(Part part, int channel, int controller, int value, double atStep) {
                    out.control(part, channel, controller, value, atStep);
                }

                @Override
                public void chords(double fromStep, Chord[] perStep) {
                    out.chords(fromStep, perStep);
                }

                @Override
                public void program(Part part, int channel, int program, double atStep) {
                    out.program(part, channel, program, atStep);
                }
            };
        }
    }
}
