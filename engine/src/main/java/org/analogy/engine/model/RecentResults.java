package org.analogy.engine.model;

import java.util.Arrays;

/**
 * The last few answers of a deterministic model call, keyed by the exact contents of its inputs. Decoding
 * the same latents under the same chords twice gives the same notes, and the modes ask exactly that often:
 * restyle decodes a pair's latents once for each of its two bars, a looper decodes the same loop every pass,
 * a chart repeats its chords every few bars under a texture taken from a clip. One ONNX Runtime call costs
 * 0.1–2 ms and streams megabytes of weights through the caches; a hit costs a hash of a few hundred values.
 *
 * <p>Keys are copied on insertion, so callers may reuse their arrays. Answers are stored as given and handed
 * back as they are: store something immutable, or copy on the way out. Fixed size, least recently used
 * evicted; not thread-safe (one model, one inference thread — the codecs serialise calls already).
 *
 * @param <V> the answer
 */
public final class RecentResults<V> {

    private final float[][] floatKeys;
    private final int[][] intKeys;
    private final int[] hashes;
    private final long[] lastUse;
    private final Object[] values;
    private long clock;
    private long hits;
    private long misses;

    /** @param capacity how many answers are kept (at least 1) */
    public RecentResults(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        floatKeys = new float[capacity][];
        intKeys = new int[capacity][];
        hashes = new int[capacity];
        lastUse = new long[capacity];
        values = new Object[capacity];
    }

    /** The answer stored for exactly these inputs, or null. {@code ints} may be null when the call takes none. */
    @SuppressWarnings("unchecked")
    public V get(float[] floats, int[] ints) {
        int hash = hash(floats, ints);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && hashes[i] == hash && Arrays.equals(floatKeys[i], floats) && Arrays.equals(intKeys[i], ints)) {
                lastUse[i] = ++clock;
                hits++;
                return (V) values[i];
            }
        }
        misses++;
        return null;
    }

    /** Stores the answer for these inputs (copied), evicting the least recently used. */
    public void put(float[] floats, int[] ints, V value) {
        int slot = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                slot = i;
                break;
            }
            if (lastUse[i] < lastUse[slot]) slot = i;
        }
        floatKeys[slot] = floats == null ? null : floats.clone();
        intKeys[slot] = ints == null ? null : ints.clone();
        hashes[slot] = hash(floats, ints);
        lastUse[slot] = ++clock;
        values[slot] = value;
    }

    /** Forgets every answer (the counts stay). */
    public void clear() {
        Arrays.fill(values, null);
        Arrays.fill(floatKeys, null);
        Arrays.fill(intKeys, null);
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    private static int hash(float[] floats, int[] ints) {
        return 31 * Arrays.hashCode(floats) + Arrays.hashCode(ints);
    }
}
