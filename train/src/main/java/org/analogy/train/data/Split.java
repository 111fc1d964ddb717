package org.analogy.train.data;

import java.util.function.IntPredicate;

/** The project's POP909 split by song number. Songs 881–909 are the untouched test set and not on disk. */
public enum Split implements IntPredicate {
    TRAIN(1, 850),
    VALIDATION(851, 880),
    /** Everything this project may see: train and validation. */
    ALL(1, 880);

    private final int first;
    private final int last;

    Split(int first, int last) {
        this.first = first;
        this.last = last;
    }

    @Override
    public boolean test(int songNumber) {
        return songNumber >= first && songNumber <= last;
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }
}
