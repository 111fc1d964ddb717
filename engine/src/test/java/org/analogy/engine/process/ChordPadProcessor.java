package org.analogy.engine.process;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CapturedNote;
import org.analogy.engine.control.ControlSnapshot;

/**
 * A second mode for the tests to switch to: holds the lowest three pitches played in the previous bar as a
 * chord across the target bar on the accompaniment channel (long notes, so stops and switches always
 * catch notes sounding).
 */
public final class ChordPadProcessor implements BarProcessor {

    @Override
    public String name() {
        return "chord pad";
    }

    @Override
    public void process(BarWindow window, ControlSnapshot controls, NoteSink out) {
        int[] lowest = {128, 128, 128};
        for (CapturedNote n : window.notesInBar(window.targetBar() - 1)) {
            int p = n.pitch();
            if (p == lowest[0] || p == lowest[1] || p == lowest[2]) continue;
            if (p < lowest[0]) { lowest[2] = lowest[1]; lowest[1] = lowest[0]; lowest[0] = p; }
            else if (p < lowest[1]) { lowest[2] = lowest[1]; lowest[1] = p; }
            else if (p < lowest[2]) lowest[2] = p;
        }
        for (int pitch : lowest) {
            if (pitch < 128) {
                out.note(Part.ACCOMPANIMENT, controls.accompanimentChannel(), pitch, 70,
                        window.targetBarStartStep(), window.stepsPerBar() - 0.5);
            }
        }
    }
}
