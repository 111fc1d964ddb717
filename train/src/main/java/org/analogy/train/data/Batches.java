package org.analogy.train.data;

import java.util.Iterator;

/**
 * A model's training batches, epoch by epoch. An epoch's batches are a function of (seed, epoch) only, so a run
 * resumed inside an epoch regenerates it and skips the batches already done.
 */
public interface Batches<B> {

    int batchesPerEpoch();

    Iterator<B> epoch(int epoch);
}
