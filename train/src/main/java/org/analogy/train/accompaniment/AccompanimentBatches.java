package org.analogy.train.accompaniment;

import static org.analogy.train.accompaniment.AccompanimentConfig.BEATS;
import static org.analogy.train.accompaniment.AccompanimentConfig.CHORD_FORM;
import static org.analogy.train.accompaniment.AccompanimentConfig.DURATION_BITS;
import static org.analogy.train.accompaniment.AccompanimentConfig.PITCHES;
import static org.analogy.train.accompaniment.AccompanimentConfig.STEPS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import org.analogy.engine.accompaniment.AccompanimentTensors;
import org.analogy.train.data.AccompanimentWindow;
import org.analogy.train.data.Batches;

/**
 * Mini-batches of accompaniment windows as flat arrays.
 *
 * <p>Epoch {@code e} is a function of (seed, e): the order is shuffled from both and, with augmentation, each
 * window is transposed by a shift in −6..5 that keeps its notes in range (0 is always allowed), as for the
 * melody model. On top, the texture encoder sees the (transposed) roll moved again by a "texture shift" in
 * ±{@code textureShift} semitones while chords and targets stay put. The decoder therefore cannot rely on
 * z_texture for the exact pitch classes and learns to take them from z_chord: that is what makes
 * "these chords with that texture" follow the chords. The default of ±2 is the smallest range that still
 * covers a swap: every pitch lies within 2 semitones of a tone of any major or minor triad (their gaps are
 * 3–5 semitones), so snapping a texture's voicing onto new chords is a move the decoder saw in training, while
 * exact voicings stay recoverable for reconstruction. Without augmentation (validation) both shifts are 0.
 */
final class AccompanimentBatches implements Batches<AccompanimentBatches.Batch> {

    static final int MIN_SHIFT = -6;
    static final int MAX_SHIFT = 5;

    /**
     * {@code chordForm [B*8*36]}, {@code texture [B*2*32*128]}, {@code onsets [B*32*128]} (0/1) and
     * {@code durationBits [B*32*128*5]} (targets, meaningful where an onset is).
     */
    record Batch(int size, float[] chordForm, float[] texture, float[] onsets, float[] durationBits) {
    }

    private final List<AccompanimentWindow> windows;
    private final int batchSize;
    private final long seed;
    private final boolean augment;
    private final int textureShift;

    AccompanimentBatches(List<AccompanimentWindow> windows, int batchSize, long seed, boolean augment, int textureShift) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
        if (windows.isEmpty()) throw new IllegalArgumentException("no accompaniment windows to batch");
        this.windows = List.copyOf(windows);
        this.batchSize = batchSize;
        this.seed = seed;
        this.augment = augment;
        this.textureShift = textureShift;
    }

    @Override
    public int batchesPerEpoch() {
        return (windows.size() + batchSize - 1) / batchSize;
    }

    /** The batches of epoch {@code epoch} (0-based). */
    @Override
    public Iterator<Batch> epoch(int epoch) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
        List<Integer> order = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) order.add(i);
        if (augment) Collections.shuffle(order, random);
        return new Iterator<>() {
            private int next = 0;

            @Override
            public boolean hasNext() {
                return next < order.size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException("epoch " + epoch + " has no more batches");
                int size = Math.min(batchSize, order.size() - next);
                List<AccompanimentWindow> chosen = new ArrayList<>(size);
                int[] textureShifts = new int[size];
                for (int b = 0; b < size; b++) {
                    AccompanimentWindow window = windows.get(order.get(next + b));
                    if (augment) {
                        int shift = MIN_SHIFT + random.nextInt(MAX_SHIFT - MIN_SHIFT + 1);
                        window = window.transposed(shift).orElse(window);
                        textureShifts[b] = random.nextInt(2 * textureShift + 1) - textureShift;
                    }
                    chosen.add(window);
                }
                next += size;
                return batchOf(chosen, textureShifts);
            }
        };
    }

    static Batch batchOf(List<AccompanimentWindow> windows, int[] textureShifts) {
        int size = windows.size();
        float[] chordForm = new float[size * BEATS * CHORD_FORM];
        float[] texture = new float[size * AccompanimentTensors.TEXTURE_INPUT_SIZE];
        float[] onsets = new float[size * STEPS * PITCHES];
        float[] bits = new float[size * STEPS * PITCHES * DURATION_BITS];
        for (int b = 0; b < size; b++) {
            AccompanimentWindow w = windows.get(b);
            System.arraycopy(w.chordForm(), 0, chordForm, b * BEATS * CHORD_FORM, BEATS * CHORD_FORM);
            AccompanimentTensors.textureInput(w.pianoRoll(), textureShifts[b], texture, b * AccompanimentTensors.TEXTURE_INPUT_SIZE);
            for (int step = 0; step < STEPS; step++) {
                for (int pitch = 0; pitch < PITCHES; pitch++) {
                    int duration = w.pianoRoll()[step][pitch];
                    if (duration == 0) continue;
                    int cell = (b * STEPS + step) * PITCHES + pitch;
                    onsets[cell] = 1f;
                    AccompanimentTensors.durationBits(duration, bits, cell * DURATION_BITS);
                }
            }
        }
        return new Batch(size, chordForm, texture, onsets, bits);
    }
}
