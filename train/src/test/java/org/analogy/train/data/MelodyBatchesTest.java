package org.analogy.train.data;

import org.analogy.engine.repr.Transpose;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MelodyBatchesTest {

    /** Windows whose first token (60 + i) identifies them, plus one at the top of the melody band. */
    private static List<MelodyWindow> windows() {
        List<MelodyWindow> windows = new ArrayList<>();
        for (int i = 0; i < 10; i++) windows.add(MelodyWindowTest.window(60 + i, 72, "C"));
        windows.add(MelodyWindowTest.window(70, Transpose.MELODY_HIGH - 1, "G"));
        return windows;
    }

    private static List<MelodyBatches.Batch> all(Iterator<MelodyBatches.Batch> epoch) {
        List<MelodyBatches.Batch> batches = new ArrayList<>();
        epoch.forEachRemaining(batches::add);
        return batches;
    }

    @Test
    void batchesAreFlatArraysAndTheLastMayBeSmaller() {
        MelodyBatches batches = new MelodyBatches(windows(), 4, 1, false);
        assertThat(batches.batchesPerEpoch()).isEqualTo(3);
        List<MelodyBatches.Batch> epoch = all(batches.epoch(0));
        assertThat(epoch).extracting(MelodyBatches.Batch::size).containsExactly(4, 4, 3);
        assertThat(epoch.get(0).tokens()).hasSize(4 * 32);
        assertThat(epoch.get(0).chroma()).hasSize(4 * 32 * 12);
        assertThat(epoch.get(2).tokens()).hasSize(3 * 32);
    }

    @Test
    void withoutAugmentationAnEpochIsAPermutationOfTheWindows() {
        List<MelodyBatches.Batch> epoch = all(new MelodyBatches(windows(), 4, 1, false).epoch(0));
        Set<Integer> seen = new HashSet<>();
        int count = 0;
        for (MelodyBatches.Batch batch : epoch) {
            assertThat(batch.shifts()).containsOnly(0);
            for (int b = 0; b < batch.size(); b++) {
                seen.add(batch.tokens()[b * 32] * 1000 + batch.tokens()[b * 32 + 8]);
                count++;
            }
        }
        assertThat(count).isEqualTo(11);
        assertThat(seen).hasSize(11);
    }

    @Test
    void anEpochDependsOnlyOnSeedAndEpochNumber() {
        MelodyBatches one = new MelodyBatches(windows(), 3, 42, true);
        MelodyBatches other = new MelodyBatches(windows(), 3, 42, true);
        List<MelodyBatches.Batch> a = all(one.epoch(5));
        all(other.epoch(0));
        List<MelodyBatches.Batch> b = all(other.epoch(5));
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).tokens()).containsExactly(b.get(i).tokens());
            assertThat(a.get(i).chroma()).containsExactly(b.get(i).chroma());
            assertThat(a.get(i).shifts()).containsExactly(b.get(i).shifts());
        }
        assertThat(all(one.epoch(6)).get(0).tokens()).isNotEqualTo(a.get(0).tokens());
    }

    @Test
    void augmentationDrawsValidShiftsFromMinusSixToFive() {
        MelodyBatches batches = new MelodyBatches(windows(), 11, 7, true);
        Set<Integer> shiftsSeen = new HashSet<>();
        for (int e = 0; e < 50; e++) {
            MelodyBatches.Batch batch = batches.epoch(e).next();
            for (int b = 0; b < batch.size(); b++) {
                int shift = batch.shifts()[b];
                shiftsSeen.add(shift);
                assertThat(shift).isBetween(MelodyBatches.MIN_SHIFT, MelodyBatches.MAX_SHIFT);
                for (int s = 0; s < 32; s++) {
                    int token = batch.tokens()[b * 32 + s];
                    if (token < 128) assertThat(token).isBetween(Transpose.MELODY_LOW, Transpose.MELODY_HIGH);
                }
                // The chord moved with the melody: the chroma of a shifted C or G triad is a shifted triad.
                int pcs = 0;
                for (int pc = 0; pc < 12; pc++) if (batch.chroma()[b * 32 * 12 + pc] > 0) pcs++;
                assertThat(pcs).isEqualTo(3);
            }
        }
        assertThat(shiftsSeen).contains(-6, 5);
    }

    @Test
    void aWindowAtTheTopOfTheBandIsNeverShiftedOutOfIt() {
        MelodyWindow top = MelodyWindowTest.window(70, Transpose.MELODY_HIGH - 1, "G");
        MelodyBatches batches = new MelodyBatches(List.of(top), 1, 3, true);
        for (int e = 0; e < 100; e++) {
            assertThat(batches.epoch(e).next().shifts()[0]).isBetween(-6, 1);
        }
    }

    @Test
    void rejectsEmptyInputAndBadBatchSize() {
        assertThatThrownBy(() -> new MelodyBatches(List.of(), 4, 0, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MelodyBatches(windows(), 0, 0, true)).isInstanceOf(IllegalArgumentException.class);
        Iterator<MelodyBatches.Batch> epoch = new MelodyBatches(windows(), 20, 0, false).epoch(0);
        epoch.next();
        assertThatThrownBy(epoch::next).isInstanceOf(java.util.NoSuchElementException.class);
    }
}
