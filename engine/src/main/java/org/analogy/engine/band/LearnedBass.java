package org.analogy.engine.band;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.bass.BassModel;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.ReferenceClip;

/**
 * The bass part on the learned bass model: each bar, the model's 2-bar window starting at that bar is decoded from
 * the preset's bass clip's style, the bar's chords (the second bar holding the last chord: it is not decided yet)
 * and the kick, and its first bar is played. Without a clip the style is the latent prior's mean (an average line).
 */
final class LearnedBass implements BassLine {

    /** The model's own bass register; the part folds notes into the preset's. */
    private static final int LOW = 28, HIGH = 60;

    private final BassModel model;
    private ReferenceClip styledFrom;
    private float[] style;

    LearnedBass(BassModel model) {
        this.model = model;
    }

    @Override
    public String describe() {
        return "learned bass model";
    }

    @Override
    public List<GridNote> play(BassBar bar) throws Exception {
        int spb = bar.stepsPerBar();
        if (spb * 2 != BassModel.STEPS) return new RootFifthBass().play(bar); // the model knows 4/4 windows only
        Chord[] chords = new Chord[BassModel.STEPS];
        Chord last = Chord.NONE;
        for (int s = 0; s < spb; s++) {
            chords[s] = bar.chords()[s];
            if (!chords[s].isNone()) last = chords[s];
        }
        for (int s = spb; s < chords.length; s++) chords[s] = last;
        if (last.isNone()) return List.of();
        float[] onsets = new float[BassModel.STEPS];
        for (int s = 0; s < spb; s++) onsets[s] = bar.kicks()[s] ? 2f : 0f;
        for (int s = spb; s < onsets.length; s++) onsets[s] = onsets[s - spb];
        List<GridNote> window = model.decode(styleOf(bar.reference()), chords, onsets, LOW, HIGH);
        List<GridNote> out = new ArrayList<>();
        for (GridNote n : window) {
            if (n.start() >= spb) continue;
            out.add(new GridNote(n.pitch(), n.velocity(), n.start(), Math.max(1, Math.min(n.duration(), spb - n.start()))));
        }
        return out;
    }

    private float[] styleOf(ReferenceClip clip) throws Exception {
        if (style != null && clip == styledFrom) return style;
        styledFrom = clip;
        List<GridNote> notes = clip == null ? List.of() : clip.notes();
        int end = 0;
        for (GridNote n : notes) end = Math.max(end, n.end());
        int steps = Math.max(16, (end + 15) / 16 * 16);
        style = notes.isEmpty() ? new float[model.latentSize()] : model.style(notes, steps);
        return style;
    }
}
