package org.analogy.engine.chords;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CapturedNote;
import org.analogy.engine.time.Meter;

/**
 * Arranger-style chords from the left hand: keys below the split point are read by {@link KeyboardChords}
 * in the order they were played. A chord counts from the beat nearest to where it was played (a hand that
 * arrives a little early or late still means that beat) and holds until the next one; bars after the window
 * keep the chord held at the trigger point. Keys below the split are not melody.
 */
public final class SplitKeyboardChords implements ChordSource {

    private final int splitPoint;
    private final boolean oneFinger;

    public SplitKeyboardChords(int splitPoint, boolean oneFinger) {
        new KeyboardChords(splitPoint, oneFinger); // validates the split point
        this.splitPoint = splitPoint;
        this.oneFinger = oneFinger;
    }

    @Override
    public int splitPoint() {
        return splitPoint;
    }

    @Override
    public boolean isMelody(int pitch) {
        return pitch >= splitPoint;
    }

    @Override
    public Chord[] chords(BarWindow window, long fromBar, int bars) {
        int spb = window.stepsPerBar();
        int windowSteps = window.historyBars() * spb;
        Chord[] inWindow = chordPerWindowStep(window, windowSteps);
        Chord held = windowSteps == 0 ? Chord.NONE : inWindow[windowSteps - 1];
        Chord[] out = new Chord[bars * spb];
        long first = (fromBar - window.firstBar()) * spb;
        for (int i = 0; i < out.length; i++) {
            long s = first + i;
            out[i] = s < 0 ? Chord.NONE : s < windowSteps ? inWindow[(int) s] : held;
        }
        return out;
    }

    /** Replays the left hand's key presses and releases in time order and records the chord per step. */
    Chord[] chordPerWindowStep(BarWindow window, int windowSteps) {
        List<int[]> events = new ArrayList<>(); // {step, 0 = release | 1 = press, pitch}
        for (CapturedNote n : window.notes()) {
            if (n.pitch() >= splitPoint) continue;
            events.add(new int[] {n.start(), 1, n.pitch()});
            if (!n.open()) events.add(new int[] {n.start() + n.duration(), 0, n.pitch()});
        }
        // Releases before presses at the same step: a re-struck chord is read from the keys now down.
        events.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        KeyboardChords keys = new KeyboardChords(splitPoint, oneFinger);
        List<int[]> changes = new ArrayList<>(); // {effective step, index into chords}
        List<Chord> chords = new ArrayList<>();
        for (int[] e : events) {
            if (e[1] == 0) {
                keys.noteOff(e[2]);
            } else if (keys.noteOn(e[2])) {
                int beat = Math.round(e[0] / (float) Meter.STEPS_PER_BEAT) * Meter.STEPS_PER_BEAT;
                changes.add(new int[] {beat, chords.size()});
                chords.add(keys.current());
            }
        }
        Chord[] out = new Chord[windowSteps];
        Arrays.fill(out, Chord.NONE);
        for (int[] c : changes) {
            int from = Math.max(0, c[0]);
            for (int s = from; s < windowSteps; s++) out[s] = chords.get(c[1]);
        }
        return out;
    }

    @Override
    public String describe() {
        return "left hand below " + noteName(splitPoint) + (oneFinger ? ", one finger" : ", fingered");
    }

    public static String noteName(int pitch) {
        return Chord.pitchClassName(pitch % 12) + (pitch / 12 - 1);
    }
}
