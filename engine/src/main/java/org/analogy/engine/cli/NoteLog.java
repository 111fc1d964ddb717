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
import org.analogy.engine.process.Part;

/**
 * {@code live --note-log F.csv}: every note the starting mode generates, with the musical position it was
 * scheduled at, so that what comes out of a port or a host can be checked against what the engine decided
 * (PluginHostIT does, frame by frame). A wrapper around the mode's {@link BarProcessor}: lines are queued on
 * the generating thread and written by a daemon thread, so the file never holds up generation.
 *
 * <p>Lines: {@code note,STEP,PART,CHANNEL,PITCH,VELOCITY,DURATION} (STEP absolute 16ths from bar 0's downbeat,
 * CHANNEL 1–16), {@code revise,FROM_STEP,PART} (the part's notes from that step on were replaced by the lines
 * that follow), {@code bar,BAR} before each bar's notes. A bar the engine covers with the previous one (its
 * generation missed the deadline) is logged as generated; the engine's log names it.
 */
final class NoteLog {

    private NoteLog() {
    }

    static BarProcessor wrap(BarProcessor processor, Path file) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writer.write("# analogy note log: kind,step|bar,part,channel,pitch,velocity,duration\n");
        writer.flush();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (writer) {
                while (true) {
                    String line = lines.take();
                    writer.write(line);
                    if (lines.isEmpty()) writer.flush();
                }
            } catch (InterruptedException | IOException e) {
                // the process is ending, or the disk refused: the log stops, the music does not
            }
        }, "analogy-note-log");
        t.setDaemon(true);
        t.start();
        return new Logging(processor, lines);
    }

    private record Logging(BarProcessor processor, LinkedBlockingQueue<String> lines) implements BarProcessor {

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
                    lines.append(String.format(Locale.ROOT, "note,%s,%s,%d,%d,%d,%s%n", step(startStep), part.trackName(), channel + 1,
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

        private static String step(double step) {
            return step == Math.rint(step) ? Long.toString((long) step) : Double.toString(step);
        }
    }
}
