package org.analogy.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import org.analogy.engine.melody.MelodyTokens;

/**
 * Mini-batches of melody windows as flat primitive arrays, ready for a tensor library.
 *
 * <p>Epoch {@code e} is a function of (seed, e) alone: the window order is shuffled with a generator
 * seeded from both, and with augmentation each window is moved by a shift drawn uniformly from those in
 * {@link #MIN_SHIFT}..{@link #MAX_SHIFT} that keep it in the melody band (0 is always allowed). So a run
 * resumed at epoch 7 sees exactly what an uninterrupted run saw. The last batch of an epoch may be smaller.
 */
public final class MelodyBatches implements Batches<MelodyBatches.Batch> {

    public static final int MIN_SHIFT = -6;
    public static final int MAX_SHIFT = 5;

    /** {@code tokens[size*32]} and {@code chroma[size*32*12]}, row-major by window; {@code shifts} for reports. */
    public record Batch(int size, int[] tokens, float[] chroma, int[] shifts) {
    }

    private final List<MelodyWindow> windows;
    private final int batchSize;
    private final long seed;
    private final boolean augment;
    /** Per window, the shifts that stay in range: computed once, drawn from every epoch. */
    private final int[][] validShifts;

    public MelodyBatches(List<MelodyWindow> windows, int batchSize, long seed, boolean augment) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
        if (windows.isEmpty()) throw new IllegalArgumentException("no melody windows to batch");
        this.windows = List.copyOf(windows);
        this.batchSize = batchSize;
        this.seed = seed;
        this.augment = augment;
        this.validShifts = new int[windows.size()][];
        for (int i = 0; i < windows.size(); i++) {
            List<Integer> shifts = new ArrayList<>();
            for (int shift = MIN_SHIFT; shift <= MAX_SHIFT; shift++) {
                if (windows.get(i).transposed(shift).isPresent()) shifts.add(shift);
            }
            validShifts[i] = shifts.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    @Override
    public int batchesPerEpoch() {
        return (windows.size() + batchSize - 1) / batchSize;
    }

    public int windowCount() {
        return windows.size();
    }

    /** The batches of epoch {@code epoch} (0-based). */
    @Override
    public Iterator<Batch> epoch(int epoch) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
        List<Integer> order = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) order.add(i);
        Collections.shuffle(order, random);
        int[] shifts = new int[windows.size()];
        if (augment) {
            for (int position = 0; position < order.size(); position++) {
                int[] valid = validShifts[order.get(position)];
                shifts[position] = valid[random.nextInt(valid.length)];
            }
        }
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
                int steps = MelodyTokens.WINDOW_STEPS;
                int[] tokens = new int[size * steps];
                float[] chroma = new float[size * steps * 12];
                int[] batchShifts = new int[size];
                for (int b = 0; b < size; b++) {
                    int shift = shifts[next + b];
                    MelodyWindow window = windows.get(order.get(next + b)).transposed(shift).orElseThrow();
                    System.arraycopy(window.tokens(), 0, tokens, b * steps, steps);
                    System.arraycopy(window.chroma(), 0, chroma, b * steps * 12, steps * 12);
                    batchShifts[b] = shift;
                }
                next += size;
                return new Batch(size, tokens, chroma, batchShifts);
            }
        };
    }
}
