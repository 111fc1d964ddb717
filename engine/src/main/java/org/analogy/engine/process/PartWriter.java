package org.analogy.engine.process;

import java.util.List;

import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.OutputSettings;

/**
 * Writes a generated part: the part's program when it changes (and on a mode's first bar), each note folded
 * into the part's register, its velocity scaled by the part and the global scale, and overlapping repeats of
 * one pitch shortened so no note-on lands on a pitch that is still sounding from the same bar.
 */
final class PartWriter {

    private final Part part;
    private int programSent = -2;
    private int channelSent = -1;

    PartWriter(Part part) {
        this.part = part;
    }

    void write(NoteSink out, int channel, OutputSettings settings, ControlSnapshot controls, double barStartStep,
               List<GridNote> notes, int stepsPerBar) {
        if (settings.program() >= 0 && (settings.program() != programSent || channel != channelSent)) {
            out.program(part, channel, settings.program(), barStartStep);
            programSent = settings.program();
            channelSent = channel;
        }
        int[] lastStart = new int[128];
        java.util.Arrays.fill(lastStart, Integer.MIN_VALUE);
        List<GridNote> sorted = notes.stream().filter(n -> n.start() >= 0 && n.start() < stepsPerBar)
                .sorted((a, b) -> Integer.compare(a.start(), b.start())).toList();
        for (int i = 0; i < sorted.size(); i++) {
            GridNote n = sorted.get(i);
            int pitch = settings.fold(n.pitch());
            if (lastStart[pitch] == n.start()) continue; // the same key twice at once
            lastStart[pitch] = n.start();
            int duration = n.duration();
            for (int j = i + 1; j < sorted.size(); j++) { // end before the next strike of this pitch
                GridNote m = sorted.get(j);
                if (settings.fold(m.pitch()) == pitch && m.start() > n.start()) {
                    duration = Math.min(duration, m.start() - n.start());
                    break;
                }
            }
            out.note(part, channel, pitch, settings.velocity(n.velocity(), controls.velocityScale()),
                    barStartStep + n.start(), Math.max(1, duration));
        }
    }
}
