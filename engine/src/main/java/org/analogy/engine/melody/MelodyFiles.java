package org.analogy.engine.melody;

import java.nio.file.Path;
import java.util.List;

import org.analogy.engine.midi.MidiFileBuilder;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.repr.GridNote;

/** Writes decoded windows as a type-1 MIDI file with one track named {@code melody}. */
public final class MelodyFiles {

    private static final int RESOLUTION = 480;
    private static final int TICKS_PER_STEP = RESOLUTION / 4;

    private MelodyFiles() {}

    public static void write(Path file, double bpm, List<int[]> windows) throws MidiFileException {
        MidiFileBuilder midi = new MidiFileBuilder(RESOLUTION).title("Analogy").tempo(0, bpm).meter(0, 4)
                .endAt((long) windows.size() * MelodyLine.WINDOW_STEPS * TICKS_PER_STEP);
        MidiFileBuilder.TrackBuilder track = midi.track("melody");
        for (int w = 0; w < windows.size(); w++) {
            int offset = w * MelodyLine.WINDOW_STEPS;
            for (GridNote n : MelodyTokens.decode(windows.get(w))) {
                long start = (long) (n.start() + offset) * TICKS_PER_STEP;
                track.note(0, n.pitch(), n.velocity(), start, start + (long) n.duration() * TICKS_PER_STEP);
            }
        }
        midi.write(file);
    }
}
