package org.analogy.engine.drums;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

import org.analogy.engine.midi.FileNote;

/**
 * Two 4/4 bars of drums on the 16th-note grid, as GrooVAE represents a groove: per step and drum a hit (0/1),
 * its velocity (0–1) and its micro-timing offset from the grid line (−0.5..0.5 of a step; negative is early).
 * Velocity and offset are 0 where there is no hit.
 *
 * <p>{@link #features()} is the model's layout, one row of {@value #FEATURES} values per step: hits of the nine
 * drums ({@link DrumVoice} order), then their velocities, then their offsets.
 */
public final class DrumPattern {

    public static final int STEPS_PER_BAR = 16;
    public static final int BARS = 2;
    public static final int STEPS = STEPS_PER_BAR * BARS;
    public static final int VOICES = DrumVoice.COUNT;
    public static final int FEATURES = 3 * VOICES;
    /** MIDI channel 10, General MIDI percussion (0-based). */
    public static final int CHANNEL = 9;

    /** One played drum hit: seconds from the pattern's first downbeat (micro-timing applied). */
    public record Hit(double seconds, int step, DrumVoice voice, int channel, int note, int velocity) {
    }

    private final boolean[] hits = new boolean[STEPS * VOICES];
    private final float[] velocities = new float[STEPS * VOICES];
    private final float[] offsets = new float[STEPS * VOICES];

    /** An empty pattern. */
    public DrumPattern() {
    }

    /** Sets a hit; velocity is clamped to 0–1 and offset to −0.5..0.5. */
    public DrumPattern set(int step, DrumVoice voice, float velocity, float offset) {
        int i = index(step, voice);
        hits[i] = true;
        velocities[i] = clamp(velocity, 0f, 1f);
        offsets[i] = clamp(offset, -0.5f, 0.5f);
        return this;
    }

    public void clear(int step, DrumVoice voice) {
        int i = index(step, voice);
        hits[i] = false;
        velocities[i] = 0f;
        offsets[i] = 0f;
    }

    public boolean hit(int step, DrumVoice voice) {
        return hits[index(step, voice)];
    }

    public float velocity(int step, DrumVoice voice) {
        return velocities[index(step, voice)];
    }

    public float offset(int step, DrumVoice voice) {
        return offsets[index(step, voice)];
    }

    public int hitCount() {
        int n = 0;
        for (boolean h : hits) if (h) n++;
        return n;
    }

    /** The model's input layout: {@code [32][27]} flattened (hits, velocities, offsets per step). */
    public float[] features() {
        float[] f = new float[STEPS * FEATURES];
        writeFeatures(f, 0);
        return f;
    }

    /** Writes {@link #features()} into {@code into} from {@code at}, e.g. one row of a batch. */
    public void writeFeatures(float[] into, int at) {
        for (int s = 0; s < STEPS; s++) {
            int row = at + s * FEATURES;
            for (int v = 0; v < VOICES; v++) {
                int i = s * VOICES + v;
                into[row + v] = hits[i] ? 1f : 0f;
                into[row + VOICES + v] = velocities[i];
                into[row + 2 * VOICES + v] = offsets[i];
            }
        }
    }

    /** A pattern from {@link #features()}'s layout (a hit where the hit value is at least 0.5). */
    public static DrumPattern ofFeatures(float[] f, int at) {
        DrumPattern p = new DrumPattern();
        for (int s = 0; s < STEPS; s++) {
            int row = at + s * FEATURES;
            for (DrumVoice voice : DrumVoice.values()) {
                int v = voice.ordinal();
                if (f[row + v] >= 0.5f) p.set(s, voice, f[row + VOICES + v], f[row + 2 * VOICES + v]);
            }
        }
        return p;
    }

    /**
     * The 2 bars of played drums from {@code startTick} on (e.g. a reference clip's), read the way the model was
     * trained: each onset goes to its nearest 16th step, its distance from that step is the offset, its velocity
     * is velocity/127, two hits of one drum on one step keep the louder. Notes that {@code voiceOf} maps to null
     * (not one of the nine drums) and onsets that round outside the 32 steps are left out; note-offs do not matter.
     *
     * @param ticksPerStep ticks of one 16th, i.e. the file's resolution / 4
     * @param voiceOf      the note's drum, e.g. {@link DrumVoice#ofGeneralMidi} for a General MIDI clip
     */
    public static DrumPattern ofOnsets(Iterable<FileNote> notes, double startTick, double ticksPerStep, IntFunction<DrumVoice> voiceOf) {
        if (!(ticksPerStep > 0)) throw new IllegalArgumentException("ticks per step " + ticksPerStep + ": must be above 0");
        DrumPattern p = new DrumPattern();
        for (FileNote n : notes) {
            DrumVoice voice = voiceOf.apply(n.pitch());
            if (voice == null) continue;
            double position = (n.startTick() - startTick) / ticksPerStep;
            int step = (int) Math.floor(position + 0.5);
            if (step < 0 || step >= STEPS) continue;
            float velocity = n.velocity() / 127f;
            int i = index(step, voice);
            if (hitsLouder(p, i, velocity)) p.set(step, voice, velocity, (float) (position - step));
        }
        return p;
    }

    private static boolean hitsLouder(DrumPattern p, int i, float velocity) {
        return !p.hits[i] || velocity > p.velocities[i];
    }

    /**
     * A pattern from the decoder's raw outputs ({@code [32][27]} from {@code at}: hit logits, velocity logits,
     * offset pre-activations, the same order as {@link #features()}): a hit where its logit is above
     * {@code hitThreshold}, velocity = sigmoid, offset = tanh / 2.
     */
    public static DrumPattern ofDecoderOutputs(float[] out, int at, float hitThreshold) {
        DrumPattern p = new DrumPattern();
        for (int s = 0; s < STEPS; s++) {
            int row = at + s * FEATURES;
            for (DrumVoice voice : DrumVoice.values()) {
                int v = voice.ordinal();
                if (out[row + v] > hitThreshold) {
                    p.set(s, voice, sigmoid(out[row + VOICES + v]), (float) Math.tanh(out[row + 2 * VOICES + v]) * 0.5f);
                }
            }
        }
        return p;
    }

    /**
     * The hits as timed General MIDI notes on channel 10, sorted by time: step s of drum d sounds at
     * {@code (s + offset) · stepSeconds} with velocity {@code round(velocity · 127)} (at least 1). The first
     * step's early hits would fall before the pattern; they are clamped to 0 rather than lost.
     */
    public List<Hit> toHits(double stepSeconds) {
        if (!(stepSeconds > 0) || Double.isInfinite(stepSeconds)) {
            throw new IllegalArgumentException("step length " + stepSeconds + " s: must be a positive number of seconds");
        }
        List<Hit> out = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            for (DrumVoice voice : DrumVoice.values()) {
                int i = index(s, voice);
                if (!hits[i]) continue;
                double seconds = Math.max(0.0, (s + offsets[i]) * stepSeconds);
                int velocity = Math.max(1, Math.min(127, Math.round(velocities[i] * 127f)));
                out.add(new Hit(seconds, s, voice, CHANNEL, voice.generalMidiNote(), velocity));
            }
        }
        out.sort((a, b) -> a.seconds() != b.seconds() ? Double.compare(a.seconds(), b.seconds()) : Integer.compare(a.note(), b.note()));
        return out;
    }

    /** The step length in seconds at {@code bpm} quarter notes per minute. */
    public static double stepSeconds(double bpm) {
        if (!(bpm > 0) || Double.isInfinite(bpm)) throw new IllegalArgumentException("tempo " + bpm + " BPM: must be above 0");
        return 60.0 / bpm / 4.0;
    }

    private static int index(int step, DrumVoice voice) {
        if (step < 0 || step >= STEPS) throw new IndexOutOfBoundsException("step " + step + " outside 0–" + (STEPS - 1));
        return step * VOICES + voice.ordinal();
    }

    private static float clamp(float value, float lo, float hi) {
        if (Float.isNaN(value)) return 0f;
        return Math.max(lo, Math.min(hi, value));
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DrumPattern p && Arrays.equals(hits, p.hits) && Arrays.equals(velocities, p.velocities)
                && Arrays.equals(offsets, p.offsets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hits) * 31 + Arrays.hashCode(velocities);
    }

    @Override
    public String toString() {
        return "DrumPattern[" + hitCount() + " hits]";
    }
}
