package org.analogy.engine.midi;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.Limits;
import org.analogy.engine.repr.GridNote;

/**
 * A MIDI file's notes on the models' 16th-note grid: the one conversion every verb, preset and OSC path
 * uses. Starts and ends are rounded to the nearest step (four per quarter, whatever the tempo); a note keeps
 * at least one step; drum-channel notes carry no pitch and are left out. Positions are checked against
 * {@link Limits#MAX_SONG_STEPS} before they become {@code int}s, so a far-off event is a clear error,
 * never a wrapped position.
 */
public final class FileGrid {

    /** GM percussion channel (10, counted from 1). */
    public static final int DRUM_CHANNEL = 9;

    private FileGrid() {}

    /** The pitched notes of {@code notes} (from {@code content}) on the grid, in the order given. */
    public static List<GridNote> notes(MidiFileContent content, List<FileNote> notes) throws MidiFileException {
        List<GridNote> out = new ArrayList<>();
        for (FileNote n : notes) {
            if (n.channel() == DRUM_CHANNEL) continue;
            int start = step(content, n.startTick());
            int end = step(content, n.endTick());
            out.add(new GridNote(n.pitch(), n.velocity(), start, Math.max(1, end - start)));
        }
        return out;
    }

    /**
     * The notes that start inside [{@code from}, {@code from + steps}), moved to start at 0 and cut at the
     * window's end (a reference clip is the first two bars of its file).
     */
    public static List<GridNote> window(List<GridNote> notes, int from, int steps) {
        List<GridNote> out = new ArrayList<>();
        for (GridNote n : notes) {
            if (n.start() < from || n.start() >= from + steps) continue;
            int length = Math.max(1, Math.min(n.end(), from + steps) - n.start());
            out.add(new GridNote(n.pitch(), n.velocity(), n.start() - from, length));
        }
        return out;
    }

    /** The end of the last note, in steps (0 for none). */
    public static int end(List<GridNote> notes) {
        int end = 0;
        for (GridNote n : notes) end = Math.max(end, n.end());
        return end;
    }

    /** A tick as a grid step, refused past the longest song. */
    public static int step(MidiFileContent content, long tick) throws MidiFileException {
        double steps = content.stepsAt(tick);
        if (!(steps <= Limits.MAX_SONG_STEPS)) {
            throw new MidiFileException(content.source() + ": an event at tick " + tick + " lies past the end of the"
                    + " longest song (" + Limits.songLimit() + ")");
        }
        return (int) Math.round(steps);
    }
}
