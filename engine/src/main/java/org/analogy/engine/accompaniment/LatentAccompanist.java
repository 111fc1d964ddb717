package org.analogy.engine.accompaniment;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;
import org.analogy.engine.transform.LatentTransforms;
import org.analogy.engine.transform.TransformKind;

/**
 * The accompanist on the learned model: the window's chords and the played texture are encoded, each
 * latent goes through its factor's transform (references encoded once per clip and kept by checksum), and
 * the decoded window's second bar is the accompaniment. The model writes no velocities: the notes take the
 * mean velocity of the texture's sources, mixed by the transform's weights (a frozen texture keeps its own).
 */
public final class LatentAccompanist implements Accompanist {

    private static final int BAR = 16;

    private final AccompanimentCodec model;
    private final AttributeOffsets offsets;
    private final ReferenceLatents references;
    private final Map<Factor, float[]> held = new EnumMap<>(Factor.class);
    private int heldVelocity = DEFAULT_VELOCITY;

    static final int DEFAULT_VELOCITY = 80;

    public LatentAccompanist(AccompanimentCodec model, AttributeOffsets offsets) {
        this(model, offsets, new ReferenceLatents(model));
    }

    /** With reference latents shared among the accompanists of one model. */
    public LatentAccompanist(AccompanimentCodec model, AttributeOffsets offsets, ReferenceLatents references) {
        this.model = model;
        this.offsets = offsets;
        this.references = references;
        offsets.checkSize(Factor.CHORD, model.chordLatentSize());
        offsets.checkSize(Factor.TEXTURE, model.textureLatentSize());
    }

    @Override
    public List<GridNote> accompany(Chord[] chords, List<GridNote> played, Style style, long bar) throws Exception {
        float[] liveChord = model.encodeChord(chords);
        FactorTransform texture = style.transform(Factor.TEXTURE);
        // The texture encoder is the costliest call: skip it when the transform does not read the live texture.
        float[] liveTexture = readsLive(texture, held.get(Factor.TEXTURE))
                ? model.encodeTexture(PianoRoll.durations(played, 0)) : new float[model.textureLatentSize()];
        List<float[]> cr = new ArrayList<>();
        for (ReferenceClip c : style.references(Factor.CHORD)) cr.add(references.chord(c));
        List<float[]> tr = new ArrayList<>();
        for (ReferenceClip c : style.references(Factor.TEXTURE)) tr.add(references.texture(c));
        float[] zc = LatentTransforms.apply(Factor.CHORD, style.transform(Factor.CHORD), liveChord, cr, held.get(Factor.CHORD), bar, offsets);
        float[] zt = LatentTransforms.apply(Factor.TEXTURE, texture, liveTexture, tr, held.get(Factor.TEXTURE), bar, offsets);
        held.put(Factor.CHORD, zc);
        held.put(Factor.TEXTURE, zt);
        int velocity = style.transform(Factor.TEXTURE).kind() == TransformKind.FREEZE ? heldVelocity : velocity(style, played);
        heldVelocity = velocity;
        List<GridNote> out = new ArrayList<>();
        for (GridNote n : model.decode(zc, zt)) {
            if (n.start() >= BAR && n.start() < 2 * BAR) out.add(new GridNote(n.pitch(), velocity, n.start() - BAR, n.duration()));
        }
        return out;
    }

    /** Whether the transform's result depends on the live latent (swap and the XY pad take references only). */
    static boolean readsLive(FactorTransform t, float[] held) {
        return switch (t.kind()) {
            case LIVE, SLERP -> true;
            case SWAP, XY -> false;
            case SAMPLE -> t.references().isEmpty();
            case FREEZE -> held == null;
        };
    }

    /** The texture sources' mean velocities (live first, then the references) weighted as the transform mixes them. */
    static int velocity(Style style, List<GridNote> played) {
        double[] w = style.transform(Factor.TEXTURE).mixWeights();
        List<ReferenceClip> refs = style.references(Factor.TEXTURE);
        double sum = 0;
        double weight = 0;
        for (int i = 0; i < w.length; i++) {
            List<GridNote> notes = i == 0 ? played : i - 1 < refs.size() ? refs.get(i - 1).notes() : List.of();
            if (w[i] <= 0 || notes.isEmpty()) continue;
            double mean = 0;
            for (GridNote n : notes) mean += n.velocity();
            sum += w[i] * mean / notes.size();
            weight += w[i];
        }
        return weight == 0 ? DEFAULT_VELOCITY : (int) Math.max(1, Math.min(127, Math.round(sum / weight)));
    }

    @Override
    public String describe() {
        return "learned accompaniment model";
    }
}
