package org.analogy.ui.learn;

/**
 * A control that MIDI can move: a slider follows a CC's value, a button fires on a note or on a CC
 * crossing the middle (a controller's button sends 127 then 0).
 */
public interface LearnTarget {

    String id();

    String label();

    /** A mapped CC arrived with this value (0–127). */
    void controller(int value);

    /** A mapped note went down (velocity > 0) or up. */
    void note(boolean down, int velocity);
}
