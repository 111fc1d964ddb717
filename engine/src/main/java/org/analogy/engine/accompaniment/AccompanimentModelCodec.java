package org.analogy.engine.accompaniment;

import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.model.RecentResults;
import org.analogy.engine.repr.GridNote;

/**
 * The ONNX accompaniment model as the modes use it: chords per step become the model's per-beat chord form
 * (each beat takes the chord at its first step, as in training), and the decoded duration roll becomes notes
 * at {@link #DECODED_VELOCITY} (the model has no velocities; the accompanist sets them).
 *
 * <p>One model may serve several accompanists (a preset switch makes a new mode while the old one may still
 * be finishing a bar), so calls are serialised on the model. The last few decodes are remembered as their
 * (immutable) notes: a chart repeats its chords every few bars under a texture taken from a clip, and the same
 * latents always decode to the same notes, so a repeat costs a hash instead of the costliest call of a bar.
 */
public final class AccompanimentModelCodec implements AccompanimentCodec {

    public static final int DECODED_VELOCITY = 80;

    /** A chart of 8 bars under one texture needs 8 windows. */
    private static final int REMEMBERED_DECODES = 8;

    private final AccompanimentModel model;
    private final RecentResults<List<GridNote>> recentDecodes = new RecentResults<>(REMEMBERED_DECODES);
    /** z_chord ‖ z_texture of the decode asked for, the key of {@link #recentDecodes}; guarded by {@code model}. */
    private float[] decodeKey = new float[0];

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
        synchronized (model) {
            int size = chordLatent.length + textureLatent.length;
            if (decodeKey.length != size) decodeKey = new float[size];
            System.arraycopy(chordLatent, 0, decodeKey, 0, chordLatent.length);
            System.arraycopy(textureLatent, 0, decodeKey, chordLatent.length, textureLatent.length);
            List<GridNote> known = recentDecodes.get(decodeKey, null);
            if (known != null) return known;
            List<GridNote> notes = List.copyOf(PianoRoll.toNotes(model.decode(chordLatent, textureLatent), DECODED_VELOCITY));
            recentDecodes.put(decodeKey, null, notes);
            return notes;
        }
    }
}
