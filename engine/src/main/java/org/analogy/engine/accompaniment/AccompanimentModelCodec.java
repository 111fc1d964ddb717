package org.analogy.engine.accompaniment;

import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.repr.GridNote;

/**
 * The ONNX accompaniment model as the modes use it: chords per step become the model's per-beat chord form
 * (each beat takes the chord at its first step, as in training), and the decoded duration roll becomes notes
 * at {@link #DECODED_VELOCITY} (the model has no velocities; the accompanist sets them).
 *
 * <p>One model may serve several accompanists (a preset switch makes a new mode while the old one may still
 * be finishing a bar), so calls are serialised on the model.
 */
public final class AccompanimentModelCodec implements AccompanimentCodec {

    public static final int DECODED_VELOCITY = 80;

    private final AccompanimentModel model;

    public AccompanimentModelCodec(AccompanimentModel model) {
        this.model = model;
    }

    @Override
    public int chordLatentSize() {
        return model.chordLatentSize();
    }

    @Override
    public int textureLatentSize() {
        return model.textureLatentSize();
    }

    @Override
    public float[] encodeChord(Chord[] chordPerStep) throws Exception {
        if (chordPerStep.length != AccompanimentModel.STEPS) {
            throw new IllegalArgumentException("the chord encoder takes " + AccompanimentModel.STEPS + " chord steps, not " + chordPerStep.length);
        }
        float[] form = ChordFeatures.chordFormFromSteps(List.of(chordPerStep));
        synchronized (model) {
            return model.encodeChords(form);
        }
    }

    @Override
    public float[] encodeTexture(int[][] pianoRoll) throws Exception {
        synchronized (model) {
            return model.encodeTexture(pianoRoll);
        }
    }

    @Override
    public List<GridNote> decode(float[] chordLatent, float[] textureLatent) throws Exception {
        int[][] roll;
        synchronized (model) {
            roll = model.decode(chordLatent, textureLatent);
        }
        return PianoRoll.toNotes(roll, DECODED_VELOCITY);
    }
}
