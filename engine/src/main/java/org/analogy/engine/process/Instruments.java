package org.analogy.engine.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.analogy.engine.accompany.Accompanist;
import org.analogy.engine.accompany.PatternAccompanist;
import org.analogy.engine.model.MelodyCodec;
import org.analogy.engine.model.MelodyLatents;
import org.analogy.engine.style.PresetException;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;

/**
 * What the modes play with: the melody model (absent until a bundle is installed), a source of
 * accompanists (one per mode instance, since an accompanist holds what a freeze keeps), the melody
 * model's attribute directions, and the melody latents of reference clips, cached by clip checksum.
 *
 * <p>The melody model is shared between the control side, which encodes a new preset's references when
 * the preset is chosen ({@link #prepare}), and the inference thread; calls are serialised on it, so the
 * inference thread waits at most one encode.
 */
public final class Instruments {

    public static final Instruments NONE = new Instruments(null, PatternAccompanist::new, AttributeOffsets.NONE);

    private final MelodyCodec melody;
    private final Supplier<Accompanist> accompanists;
    private final AttributeOffsets melodyOffsets;
    private final Map<String, MelodyLatents> referenceLatents = new HashMap<>();
    private final Preparer accompanimentReferences;
    private final AttributeOffsets accompanimentOffsets;

    /** Encodes a style's accompaniment references ahead of use (the learned accompaniment's shared cache). */
    @FunctionalInterface
    public interface Preparer {
        Preparer NONE = style -> {};

        void prepare(Style style) throws Exception;
    }

    public Instruments(MelodyCodec melody, Supplier<Accompanist> accompanists, AttributeOffsets melodyOffsets) {
        this(melody, accompanists, melodyOffsets, Preparer.NONE);
    }

    public Instruments(MelodyCodec melody, Supplier<Accompanist> accompanists, AttributeOffsets melodyOffsets,
                       Preparer accompanimentReferences) {
        this(melody, accompanists, melodyOffsets, accompanimentReferences, AttributeOffsets.NONE);
    }

    /** @param accompanimentOffsets the accompaniment model's attribute directions (the accompanists hold them too) */
    public Instruments(MelodyCodec melody, Supplier<Accompanist> accompanists, AttributeOffsets melodyOffsets,
                       Preparer accompanimentReferences, AttributeOffsets accompanimentOffsets) {
        this.accompanimentReferences = accompanimentReferences;
        this.accompanimentOffsets = accompanimentOffsets;
        this.melody = melody;
        this.accompanists = accompanists;
        this.melodyOffsets = melodyOffsets;
        if (melody != null) {
            melodyOffsets.checkSize(Factor.PITCH, melody.pitchLatentSize());
            melodyOffsets.checkSize(Factor.RHYTHM, melody.rhythmLatentSize());
        }
    }

    public boolean hasMelodyModel() {
        return melody != null;
    }

    public Accompanist newAccompanist() {
        return accompanists.get();
    }

    public AttributeOffsets melodyOffsets() {
        return melodyOffsets;
    }

    /**
     * Refuses a style these instruments cannot play, before anything changes: a mode that decodes melodies
     * without a melody model, or an attribute offset the model bundle does not store (it would fail every
     * bar). The message names {@code file} and the field, like the preset loader's.
     */
    public void checkPlayable(Style style, String file) {
        if (Modes.needsMelodyModel(style.mode()) && melody == null) {
            throw new PresetException(file + ": mode '" + style.mode() + "' needs the melody model, and none is loaded: allowed here "
                    + String.join(", ", java.util.stream.StreamSupport.stream(Modes.names().spliterator(), false)
                            .filter(m -> !Modes.needsMelodyModel(m)).toList()));
        }
        for (Factor f : Factor.values()) {
            java.util.Set<String> known = attributeNames(f);
            for (String name : style.transform(f).attributes().keySet()) {
                if (!known.contains(name)) {
                    String group = f == Factor.PITCH || f == Factor.RHYTHM ? "melody." : "accompaniment.";
                    throw new PresetException(file + ": " + group + f.key() + ".attributes." + name + ": no such attribute in the model bundle: allowed "
                            + (known.isEmpty() ? "none (the bundle stores none for " + f.key() + ")" : String.join(", ", known)));
                }
            }
        }
    }

    /** The attribute names a transform of {@code factor} can use: the melody bundle's or the accompaniment bundle's. */
    public java.util.Set<String> attributeNames(Factor factor) {
        return factor == Factor.PITCH || factor == Factor.RHYTHM ? melodyOffsets.names(factor) : accompanimentOffsets.names(factor);
    }

    /** Encodes every reference of the style now, so the bar that first uses it spends no time on it. */
    public void prepare(Style style) throws Exception {
        accompanimentReferences.prepare(style);
        if (melody == null) return;
        for (Factor f : List.of(Factor.PITCH, Factor.RHYTHM)) {
            for (ReferenceClip clip : style.references(f)) referenceLatents(clip);
        }
    }

    /** The melody latents of a reference clip, encoded under its own harmony, once per clip content. */
    public MelodyLatents referenceLatents(ReferenceClip clip) throws Exception {
        synchronized (referenceLatents) {
            MelodyLatents z = referenceLatents.get(clip.sha256());
            if (z != null) return z;
        }
        MelodyLatents z = encode(clip.melodyTokens(), clip.chroma());
        synchronized (referenceLatents) {
            referenceLatents.put(clip.sha256(), z);
        }
        return z;
    }

    public MelodyLatents encode(int[] tokens, float[] chroma) throws Exception {
        MelodyCodec m = requireMelody();
        synchronized (m) {
            return m.encode(tokens, chroma);
        }
    }

    public int[] decode(MelodyLatents latents, float[] chroma) throws Exception {
        MelodyCodec m = requireMelody();
        synchronized (m) {
            return m.decode(latents, chroma);
        }
    }

    private MelodyCodec requireMelody() {
        if (melody == null) throw new IllegalStateException("no melody model is loaded");
        return melody;
    }
}
