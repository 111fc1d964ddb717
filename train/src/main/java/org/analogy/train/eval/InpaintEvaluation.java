package org.analogy.train.eval;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.latent.Inpainter;
import org.analogy.engine.latent.LatentPredictorModel;
import org.analogy.engine.latent.MelodySimilarity;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.repr.GridNote;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Pop909Song;
import org.analogy.train.data.Split;

/**
 * {@code ./analogy eval inpaint}: on POP909's validation songs 851–880, gaps of 2 and 4 bars are cut every 8 bars
 * of each run of 4/4 bars (where a whole 2-bar window stands on both sides) and filled three ways: the latent
 * predictor from both sides (the {@code inpaint} verb), a straight line in latent space between the neighbouring
 * windows, and a copy of the bars before the gap. Each filled 2-bar window is compared with the true one: pitch
 * classes (cosine of sounding-step histograms) and onset pattern (F1), averaged over windows.
 */
final class InpaintEvaluation {

    static final int[] GAPS = {2, 4};
    static final int EVERY_BARS = 8;
    private static final int BAR = MelodyTokens.STEPS_PER_BAR;

    private InpaintEvaluation() {
    }

    /** Sums of one method's similarities. */
    static final class Score {
        double pitch;
        double onsets;
        int windows;

        void add(int[] filled, int[] truth) {
            pitch += MelodySimilarity.pitchClasses(filled, truth);
            onsets += MelodySimilarity.onsets(filled, truth);
            windows++;
        }

        String cells() {
            return String.format("%.3f | %.3f", pitch / Math.max(1, windows), onsets / Math.max(1, windows));
        }
    }

    static String run(Path data, Path melodyDir, Path latentDir) throws Exception {
        long started = System.nanoTime();
        List<Pop909Song> songs = Pop909Dataset.load(data, Split.VALIDATION).songs();
        if (songs.isEmpty()) throw new IllegalArgumentException(data + ": no POP909 validation songs (851–880) there");
        ModelBundle latentBundle = ModelBundle.load(latentDir);
        StringBuilder rows = new StringBuilder();
        int totalGaps = 0;
        try (MelodyModel melody = MelodyModel.load(ModelBundle.load(melodyDir), MelodyModel.Options.DEFAULT);
             LatentPredictorModel predictor = LatentPredictorModel.load(latentBundle, MelodyModel.Options.DEFAULT)) {
            Inpainter inpainter = new Inpainter(melody, predictor);
            for (int gap : GAPS) {
                Score predicted = new Score(), raw = new Score(), interpolated = new Score(), copied = new Score();
                int gaps = 0;
                for (Pop909Song song : songs) {
                    for (int[] span : org.analogy.train.latent.LatentCorpusAccess.runsOf(song)) {
                        int start = song.bars().get(span[0]).startStep();
                        int bars = span[1];
                        List<GridNote> line = new ArrayList<>();
                        for (GridNote n : song.melody()) if (n.start() >= start && n.start() < start + bars * BAR) line.add(n.shifted(-start));
                        List<Chord> chords = song.chords(start, bars * BAR);
                        for (int from = EVERY_BARS; from + gap + 2 <= bars; from += EVERY_BARS) {
                            int to = from + gap - 1;
                            List<GridNote> kept = new ArrayList<>();
                            for (GridNote n : line) if (n.start() < from * BAR || n.start() >= (to + 1) * BAR) kept.add(n);
                            List<GridNote> p = inpainter.fill(kept, chords, from, to, bars, 100, Inpainter.Method.PREDICT);
                            List<GridNote> r = inpainter.fill(kept, chords, from, to, bars, 100, Inpainter.Method.PREDICT_RAW);
                            List<GridNote> i = inpainter.fill(kept, chords, from, to, bars, 100, Inpainter.Method.INTERPOLATE);
                            for (int w = 0; w < gap; w += 2) {
                                int s = (from + w) * BAR;
                                int steps = Math.min(2 * BAR, (to + 1) * BAR - s);
                                int[] truth = MelodyTokens.encode(line, s, steps);
                                predicted.add(MelodyTokens.encode(p, s, steps), truth);
                                raw.add(MelodyTokens.encode(r, s, steps), truth);
                                interpolated.add(MelodyTokens.encode(i, s, steps), truth);
                                copied.add(MelodyTokens.encode(line, s - gap * BAR, steps), truth);
                            }
                            gaps++;
                        }
                    }
                }
                totalGaps += gaps;
                rows.append(String.format("| %d bars | %d | %s | %s | %s | %s |%n", gap, gaps, predicted.cells(), raw.cells(), interpolated.cells(), copied.cells()));
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("## Inpainting on validation songs\n\n");
        s.append("`./analogy eval inpaint --data DIR` (").append(LocalDate.now()).append(", ").append(songs.size())
                .append(" POP909 validation songs 851–880, ").append(totalGaps).append(" gaps, ")
                .append(String.format("%.0f s", (System.nanoTime() - started) / 1e9)).append("). Gaps of 2 and 4 bars start every ")
                .append(EVERY_BARS).append(" bars of each run of 4/4 bars where a whole 2-bar window follows the gap; the melody of the gap is ")
                .append("removed and filled by: **predicted** — the latent predictor from both sides, blended, each window's rhythm latent ")
                .append("replaced by the nearest rhythm latent of the context windows, decoded under the song's chords (what `./analogy inpaint` does); ")
                .append("**predicted, raw** — the same with the predictor's own rhythm latent (`--method predict-raw`); **interpolated** — a straight line in latent space between the windows before and after ")
                .append("the gap; **copied** — the bars just before the gap, repeated. Each filled 2-bar window is compared with the true one: ")
                .append("pitch classes = cosine of the sounding-step pitch-class histograms, onsets = F1 of the onset steps (higher is closer).\n\n");
        s.append("| gap | gaps | predicted: pitch classes | predicted: onsets | predicted, raw: pitch classes | predicted, raw: onsets | interpolated: pitch classes | interpolated: onsets | copied: pitch classes | copied: onsets |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        s.append(rows);
        return s.toString();
    }
}
