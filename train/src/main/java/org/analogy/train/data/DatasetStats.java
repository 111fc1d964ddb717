package org.analogy.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.repr.Transpose;

/**
 * Prints what the POP909 loader makes of the data: songs, bars, windows per split, the 4/4 share, why
 * windows were skipped, and a summary of the melody tokens. Usage: {@code DatasetStats [pop909-dir]}.
 */
public final class DatasetStats {

    private DatasetStats() {
    }

    public static void main(String[] args) throws IOException {
        Path root = args.length > 0 ? Path.of(args[0]) : Pop909Dataset.defaultRoot();
        if (!Files.isDirectory(root)) {
            System.err.println("POP909 directory not found: " + root + " (pass it as an argument, or set -D"
                    + Pop909Dataset.ROOT_PROPERTY + " / $" + Pop909Dataset.ROOT_ENV + ")");
            System.exit(2);
        }
        for (Split split : new Split[]{Split.TRAIN, Split.VALIDATION}) {
            long started = System.nanoTime();
            Pop909Dataset dataset = Pop909Dataset.load(root, split);
            double seconds = (System.nanoTime() - started) / 1e9;
            print(split, dataset, seconds);
        }
    }

    static void print(Split split, Pop909Dataset dataset, double loadSeconds) {
        Pop909Dataset.WindowCounts c = dataset.counts();
        System.out.printf(Locale.ROOT, "== %s (songs %03d–%03d) ==%n", split, split.first(), split.last());
        System.out.printf(Locale.ROOT, "songs loaded         %d in %.1f s%n", dataset.songs().size(), loadSeconds);
        System.out.printf(Locale.ROOT, "bars                 %d, of which 4/4: %d (%.1f%%)%n",
                c.bars(), c.fourFourBars(), percent(c.fourFourBars(), c.bars()));
        System.out.printf(Locale.ROOT, "candidate windows    %d (2 bars, hop 1)%n", c.candidates());
        System.out.printf(Locale.ROOT, "  skipped, not 4/4   %d (%.1f%%)%n", c.notFourFour(), percent(c.notFourFour(), c.candidates()));
        System.out.printf(Locale.ROOT, "  skipped, melody < %d onsets  %d (%.1f%%)%n", Pop909Dataset.MIN_MELODY_ONSETS,
                c.sparseMelody(), percent(c.sparseMelody(), c.candidates()));
        System.out.printf(Locale.ROOT, "  skipped, no piano  %d (accompaniment only)%n", c.emptyPiano());
        System.out.printf(Locale.ROOT, "melody windows       %d%n", dataset.melodyWindows().size());
        System.out.printf(Locale.ROOT, "accompaniment windows %d%n", dataset.accompanimentWindowCount());

        long[] histogram = new long[MelodyTokens.CLASSES];
        for (MelodyWindow window : dataset.melodyWindows()) for (int token : window.tokens()) histogram[token]++;
        long total = 0, onsets = 0;
        int low = -1, high = -1;
        for (int token = 0; token < MelodyTokens.CLASSES; token++) {
            total += histogram[token];
            if (token < 128 && histogram[token] > 0) {
                onsets += histogram[token];
                if (low < 0) low = token;
                high = token;
            }
        }
        System.out.printf(Locale.ROOT, "melody tokens        onset %.1f%%, hold %.1f%%, rest %.1f%%; pitches %d–%d%n",
                percent(onsets, total), percent(histogram[MelodyTokens.HOLD], total),
                percent(histogram[MelodyTokens.REST], total), low, high);
        StringBuilder octaves = new StringBuilder("onsets per octave   ");
        for (int octave = 0; octave < 11; octave++) {
            long count = 0;
            for (int pitch = octave * 12; pitch < Math.min(128, octave * 12 + 12); pitch++) count += histogram[pitch];
            if (count > 0) octaves.append(String.format(Locale.ROOT, " C%d:%.1f%%", octave - 1, percent(count, onsets)));
        }
        System.out.println(octaves);
        long outOfBand = 0;
        for (int pitch = 0; pitch < 128; pitch++) {
            if (pitch < Transpose.MELODY_LOW || pitch > Transpose.MELODY_HIGH) {
                outOfBand += histogram[pitch];
            }
        }
        System.out.printf(Locale.ROOT, "onsets outside melody band %d–%d: %d (%.2f%%)%n",
                Transpose.MELODY_LOW, Transpose.MELODY_HIGH,
                outOfBand, percent(outOfBand, onsets));
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
