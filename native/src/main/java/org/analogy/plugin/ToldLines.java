package org.analogy.plugin;

import org.analogy.engine.time.Timeline;

/**
 * Which frame map each transport telling was made with, so that a due time goes back to the host frame it
 * was computed for. The relay moves the frame map ({@link FrameClock}) and re-tells the engine the host's
 * transport in one step, but the engine applies a telling on its capture thread a moment later
 * (milliseconds on a loaded machine). An event the scheduler decides in between is due on the old
 * timeline; placed by the new map it would move by the map's step: a whole period after the host lost a
 * cycle. The engine's timeline after a telling starts at exactly the told ({@code nanos}, {@code step}),
 * which identifies the telling and so its map.
 *
 * <p>The relay thread calls {@link #remember} (before the telling is sent); the scheduler thread calls
 * {@link #lineOf} without locking or allocating: the history is an immutable array replaced whole.
 */
final class ToldLines {

    /** Tellings remembered: the engine applies one within milliseconds, a few cover a burst of them. */
    static final int HISTORY = 8;

    private record Telling(long nanos, double step, FrameClock.Line line) {}

    private volatile Telling[] tellings = new Telling[0];

    void remember(long nanos, double step, FrameClock.Line line) {
        Telling[] before = tellings;
        Telling[] after = new Telling[Math.min(HISTORY, before.length + 1)];
        after[0] = new Telling(nanos, step, line);
        System.arraycopy(before, 0, after, 1, after.length - 1);
        tellings = after;
    }

    /**
     * The map the telling that started {@code timeline} was made with; {@code current} when the timeline is
     * not one told here (none yet, or the engine stopped itself on shutdown).
     */
    FrameClock.Line lineOf(Timeline timeline, FrameClock.Line current) {
        if (timeline != null) {
            for (Telling t : tellings) {
                if (t.nanos() == timeline.anchorNanos() && t.step() == timeline.anchorStep()) return t.line();
            }
        }
        return current;
    }
}
