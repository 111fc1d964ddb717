package org.analogy.engine.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.process.NoteSink;
import org.analogy.engine.process.Part;

/**
 * The notes one processor call wrote for one bar, checked before anything reaches the scheduler: a
 * processor bug (a pitch of 200, a negative duration, a note before the bar) is an error, not a noise.
 * Kept after use so the next bar can be covered with it if that bar's call fails.
 */
final class BarNotes implements NoteSink {

    record Note(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps) {}

    record Control(Part part, int channel, int controller, int value, double atStep) {}

    private final long targetBar;
    private final double barStartStep;
    private final List<Note> notes = new ArrayList<>();
    private final List<Control> controls = new ArrayList<>();
    private double chordsFrom = Double.NaN;
    private org.analogy.engine.chords.Chord[] chords;
    private final List<Control> markers = new ArrayList<>();
    private final List<String> markerTexts = new ArrayList<>();

    BarNotes(long targetBar, double barStartStep) {
        this.targetBar = targetBar;
        this.barStartStep = barStartStep;
    }

    long targetBar() {
        return targetBar;
    }

    @Override
    public void note(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps) {
        check(channel >= 0 && channel < 16, "channel", channel);
        check(pitch >= 0 && pitch < 128, "pitch", pitch);
        check(velocity >= 1 && velocity < 128, "velocity", velocity);
        check(startStep >= barStartStep && Double.isFinite(startStep), "start step", startStep);
        check(durationSteps > 0 && durationSteps <= 256, "duration", durationSteps);
        notes.add(new Note(part, channel, pitch, velocity, startStep, durationSteps));
    }

    @Override
    public void control(Part part, int channel, int controller, int value, double atStep) {
        check(channel >= 0 && channel < 16, "channel", channel);
        check(controller >= 0 && controller <= NoteSink.PROGRAM_CHANGE, "controller", controller);
        check(value >= 0 && value < 128, "value", value);
        check(atStep >= barStartStep && Double.isFinite(atStep), "step", atStep);
        controls.add(new Control(part, channel, controller, value, atStep));
    }

    @Override
    public void chords(double fromStep, org.analogy.engine.chords.Chord[] perStep) {
        check(fromStep >= barStartStep && Double.isFinite(fromStep), "chord step", fromStep);
        chordsFrom = fromStep;
        chords = perStep.clone();
    }

    @Override
    public void marker(double atStep, String text) {
        check(atStep >= barStartStep && Double.isFinite(atStep), "marker step", atStep);
        markers.add(new Control(Part.MELODY, 0, 0, 0, atStep));
        markerTexts.add(text);
    }

    /** Hands the markers written (if any) to the recording. */
    void recordMarkers(org.analogy.engine.output.SessionRecorder recorder, double shiftSteps) {
        if (recorder == null) return;
        for (int i = 0; i < markers.size(); i++) recorder.recordMarker((long) Math.ceil(markers.get(i).atStep() + shiftSteps), markerTexts.get(i));
    }

    /** Hands the chords written to (if any) to the recording; {@code fromStep} limits them to a revision's tail. */
    void recordChords(org.analogy.engine.output.SessionRecorder recorder, double shiftSteps) {
        if (chords == null || recorder == null) return;
        recorder.recordChords((long) Math.ceil(chordsFrom + shiftSteps), chords);
    }

    /** Sends everything, moved by {@code shiftSteps} (0, or whole bars when covering a later bar). */
    void sendTo(GeneratedNotes out, double shiftSteps) {
        for (Note n : notes) {
            out.note(n.part(), n.channel(), n.pitch(), n.velocity(), n.startStep() + shiftSteps, n.durationSteps());
        }
        for (Control c : controls) {
            out.control(c.part(), c.channel(), c.controller(), c.value(), c.atStep() + shiftSteps);
        }
    }

    /** Sends the notes of {@code part} starting at or after {@code fromStep} (a revision's new tail). */
    void sendFrom(GeneratedNotes out, Part part, double fromStep) {
        for (Note n : notes) {
            if (n.part() == part && n.startStep() >= fromStep) {
                out.note(n.part(), n.channel(), n.pitch(), n.velocity(), n.startStep(), n.durationSteps());
            }
        }
    }

    int noteCount() {
        return notes.size();
    }

    private static void check(boolean ok, String what, double value) {
        if (!ok) throw new IllegalArgumentException("processor wrote an invalid " + what + ": " + value);
    }
}
