package org.analogy.engine.process;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CapturedNote;
import org.analogy.engine.control.ControlSnapshot;

/**
 * Echo: the performer's bar returns {@code N} bars later (N = 1, 2 or 4), optionally transposed, on the
 * melody channel. Notes still held when the window was published last as long as they had been held.
 * A note the transposition would push past MIDI's 0–127 is folded back by octaves (kept, an octave nearer)
 * and counted in {@link #foldedNotes()}, never dropped without a word.
 */
public final class EchoProcessor implements BarProcessor {

    private final java.util.concurrent.atomic.AtomicLong folded = new java.util.concurrent.atomic.AtomicLong();

    /** Notes moved back by octaves because the transposition took them past 0–127. */
    public long foldedNotes() {
        return folded.get();
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public boolean requiresCompleteBar(ControlSnapshot controls) {
        return controls.echoDelayBars() == 1;
    }

    @Override
    public void process(BarWindow window, ControlSnapshot controls, NoteSink out) {
        long sourceBar = window.targetBar() - controls.echoDelayBars();
        if (sourceBar < window.firstBar()) return;
        double targetStart = window.targetBarStartStep();
        for (CapturedNote n : window.notesInBar(sourceBar)) {
            int pitch = n.pitch() + controls.echoTranspose();
            if (pitch < 0 || pitch > 127) {
                while (pitch < 0) pitch += 12;
                while (pitch > 127) pitch -= 12;
                folded.incrementAndGet();
            }
            out.note(Part.MELODY, controls.melodyChannel(), pitch, controls.scaleVelocity(n.velocity()),
                    targetStart + n.start(), n.duration());
        }
    }
}
