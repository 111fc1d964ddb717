package org.analogy.ui.view;

import org.analogy.ui.learn.LearnTarget;

/**
 * A button as a MIDI-learn target: a note press fires it, and so does a CC rising past the middle (a
 * controller's button sends 127 when pressed and 0 when let go).
 */
final class ActionTarget implements LearnTarget {

    private final String id;
    private final String label;
    private final Runnable action;
    private int lastValue;

    ActionTarget(String id, String label, Runnable action) {
        this.id = id;
        this.label = label;
        this.action = action;
    }

    @Override public String id() { return id; }

    @Override public String label() { return label; }

    @Override
    public void controller(int value) {
        if (value >= 64 && lastValue < 64) action.run();
        lastValue = value;
    }

    @Override
    public void note(boolean down, int velocity) {
        if (down) action.run();
    }
}
