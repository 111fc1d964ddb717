package org.analogy.engine.capture;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

/** Builds capture windows for tests: notes given by absolute step, as the capture stage would publish them. */
public final class Windows {

    private final long targetBar;
    private final int historyBars;
    private final List<CapturedNote> notes = new ArrayList<>();

    public Windows(long targetBar, int historyBars) {
        this.targetBar = targetBar;
        this.historyBars = historyBars;
    }

    /** A note at absolute step {@code step} (bar b starts at 16 b). */
    public Windows note(int pitch, long step, int duration) {
        long first = (targetBar - historyBars) * 16;
        notes.add(new CapturedNote(notes.size(), 0, pitch, 90, (int) (step - first), duration, false));
        return this;
    }

    public BarWindow build() {
        Timeline t = new Timeline(0, 0, 125_000_000, Meter.FOUR_FOUR, true);
        return new BarWindow(targetBar, historyBars, 16, 0, targetBar * 16 - 1, t, notes);
    }
}
