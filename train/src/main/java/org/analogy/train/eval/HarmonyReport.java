package org.analogy.train.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.analogy.engine.accompaniment.Accompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.chords.ChordPredictorModel;
import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.chords.HarmonyFollower;
import org.analogy.engine.chords.LearnedChordPredictor;
import org.analogy.engine.chords.PredictedChords;
import org.analogy.engine.chords.RepeatChordPredictor;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.style.Style;
import org.analogy.train.data.LeadSheets;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Pop909Song;
import org.analogy.train.data.Split;

/**
 * {@code ./analogy eval harmony}: the table for online harmony on held-out melodies: the annotated
 * chords (the human reference), two baselines ("repeat the current chord"; "one bar late": the triad that
 * best fits the previous bar) and the system as shipped (the "predicted" chord source with the installed
 * predictor), each through the engine in accompany mode with the same accompanist and texture.
 */
final class HarmonyReport {

    static final double NIC_TARGET = 0.85;
    static final double COLD_TARGET = 0.75;
    static final double CHORD_TONE_TARGET = 0.65;
    static final double CHART_TARGET = 0.95;
    static final double VARIETY_TOLERANCE = 0.10;
    static final int RECOVERY_TARGET = 2;

    record Row(String system, HarmonyEvaluation.Totals totals) {}

    private HarmonyReport() {}

    /** Songs of --data: POP909's validation songs 851–880, or the lead sheets' validation part. */
    static List<Pop909Song> songs(Path data, String range, StringBuilder described) throws IOException {
        if (!Files.isDirectory(data)) throw new IllegalArgumentException("--data " + data + ": not a directory");
        if (LeadSheets.looksLikeLeadSheets(data)) {
            List<Pop909Song> songs = LeadSheets.load(data, LeadSheets.Part.VALIDATION);
            described.append("the lead sheets' validation part (4/4 pieces whose id is divisible by 5 as a hex number; `LeadSheets`): ")
                    .append(songs.size()).append(" pieces");
            return songs;
        }
        if (range != null) {
            String[] parts = range.split("-");
            int first, last;
            try {
                first = Integer.parseInt(parts[0].trim());
                last = Integer.parseInt(parts[parts.length - 1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--songs " + range + ": expected FIRST-LAST, e.g. 801-850");
            }
            if (first > last || !Split.ALL.test(first) || !Split.ALL.test(last)) {
                throw new IllegalArgumentException("--songs " + range + ": allowed within " + Split.ALL.first() + "–" + Split.ALL.last());
            }
            List<Pop909Song> songs = Pop909Dataset.load(data, n -> n >= first && n <= last).songs();
            if (songs.isEmpty()) throw new IllegalArgumentException("--data " + data + ": no POP909 song folders numbered " + range);
            described.append("POP909 songs ").append(first).append("–").append(last).append(": ").append(songs.size()).append(" songs");
            return songs;
        }
        List<Pop909Song> songs = Pop909Dataset.load(data, Split.VALIDATION).songs();
        if (songs.isEmpty()) {
            throw new IllegalArgumentException("--data " + data + ": neither POP909 song folders numbered " + Split.VALIDATION.first()
                    + "–" + Split.VALIDATION.last() + " nor lead sheets (<id>.mid with <id>.chords.txt)");
        }
        described.append("held-out POP909 songs ").append(Split.VALIDATION.first()).append("–").append(Split.VALIDATION.last())
                .append(": ").append(songs.size()).append(" songs");
        return songs;
    }

    static String run(Path data, Path accompanimentDir, Path predictorDir, String presetName, String range, boolean baselines,
                      String followerWeights) throws Exception {
        HarmonyFollower.Weights weights = followerWeights == null ? HarmonyFollower.Weights.DEFAULT : HarmonyFollower.Weights.DEFAULT.with(followerWeights);
        long started = System.nanoTime();
        StringBuilder described = new StringBuilder();
        List<Pop909Song> songs = songs(data, range, described);
        Path presets = ModelStore.presetsDir();
        PresetLibrary library = new PresetLibrary(presets.resolve("styles"), presets.resolve("no-user-presets"),
                new PresetLoader(new ReferenceClips(List.of(presets.resolve("clips")))));
        Style style = library.find(presetName).style();
        List<Row> rows = new ArrayList<>();
        List<String> notes;
        try (Band models = Band.load(Band.Sources.SHIPPED.withoutMelody().withAccompaniment(accompanimentDir).withPredictor(predictorDir),
                Band.OnBrokenBundle.FAIL)) {
            notes = models.describe();
            Supplier<Accompanist> accompanist = models.accompanists();
            Supplier<ChordSource> shipped = models::newPredictedChords;
            progress("annotated chords");
            rows.add(new Row("annotated chords (human)", HarmonyEvaluation.evaluate(songs, style, null, accompanist)));
            if (baselines) {
            progress("repeat");
            rows.add(new Row("baseline: repeat the current chord",
                    HarmonyEvaluation.evaluate(songs, style, () -> new PredictedChords(new RepeatChordPredictor()), accompanist)));
            progress("one bar late");
            rows.add(new Row("baseline: one bar late (best triad of the last bar)",
                    HarmonyEvaluation.evaluate(songs, style, () -> new PredictedChords(new OneBarLateTriads()), accompanist)));
            if (models.hasPredictor()) {
                progress("learned predictor alone");
                ChordPredictorModel predictorModel = ModelStore.openPredictor(predictorDir != null ? predictorDir : ModelStore.bundleDir("predictor"));
                try (predictorModel) {
                    rows.add(new Row("learned next-bar predictor alone (one decision per bar)", HarmonyEvaluation.evaluate(songs, style,
                            () -> new PredictedChords(LearnedChordPredictor.of(predictorModel)), accompanist)));
                }
            }
            }
            if (followerWeights == null) {
                progress("shipped");
                String name = shipped.get().describe();
                rows.add(new Row("shipped: " + name, HarmonyEvaluation.evaluate(songs, style, shipped, accompanist)));
            } else {
                // Tuning: the follower as shipped, with the learned vote, but these weights.
                ChordPredictorModel predictorModel = ModelStore.openPredictor(predictorDir != null ? predictorDir : ModelStore.bundleDir("predictor"));
                try (predictorModel) {
                    progress("follower " + weights);
                    rows.add(new Row("harmony follower with the learned vote, " + followerWeights, HarmonyEvaluation.evaluate(songs, style,
                            () -> new PredictedChords(new HarmonyFollower(LearnedChordPredictor.of(predictorModel), weights)), accompanist)));
                }
            }
            // What the learned predictor's vote is worth: the follower's rules alone.
            progress("harmony follower alone");
            rows.add(new Row("harmony follower alone (no learned vote)", HarmonyEvaluation.evaluate(songs, style,
                    () -> new PredictedChords(new HarmonyFollower(null, weights)), accompanist)));
        }
        return render(rows, notes, described.toString(), presetName, (System.nanoTime() - started) / 1e9);
    }

    private static void progress(String what) {
        System.err.printf("eval harmony: %s …%n", what);
    }

    static String render(List<Row> rows, List<String> notes, String songs, String preset, double seconds) {
        HarmonyEvaluation.Totals human = rows.get(0).totals();
        StringBuilder s = new StringBuilder();
        s.append("# Online harmony: evaluation\n\n");
        s.append("Data: ").append(songs).append(", ").append(human.songs()).append(" of them with a run of at least ")
                .append(AccompanyEvaluation.MIN_BARS).append(" back-to-back 4/4 bars (").append(human.bars())
                .append(" bars); each melody is played from its longest such run into the engine in accompany mode in virtual time at 100 BPM, ")
                .append("the `").append(preset).append("` texture accompanying. Evaluated ").append(LocalDate.now())
                .append(" with `./analogy eval harmony` (").append(String.format("%.0f s", seconds)).append(").\n\n");
        s.append("Models in use:\n\n");
        for (String n : notes) s.append("- ").append(n).append('\n');
        s.append('\n');
        s.append("| system | NiC | × human | strong-beat NiC | × human | clash rate | chord-tone | label entropy | duration entropy | recovery +5 / +6 (bars) | cold-start NiC | × human | decision ms (median) |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < rows.size(); i++) {
            HarmonyEvaluation.Totals t = rows.get(i).totals();
            boolean isHuman = i == 0;
            s.append(String.format("| %s | %.3f | %s | %.3f | %s | %.3f | %.3f | %.2f%s | %.2f%s | %s | %.3f | %s | %s |%n",
                    rows.get(i).system(), t.nic().ratio(), isHuman ? "1" : String.format("%.2f", t.nic().ratio() / human.nic().ratio()),
                    t.strong().ratio(), isHuman ? "1" : String.format("%.2f", t.strong().ratio() / human.strong().ratio()),
                    t.clash().ratio(), t.chordTone().ratio(),
                    t.labelEntropy(), isHuman ? "" : String.format(" (%+.0f %%)", 100 * (t.labelEntropy() / human.labelEntropy() - 1)),
                    t.durationEntropy(), isHuman ? "" : String.format(" (%+.0f %%)", 100 * (t.durationEntropy() / human.durationEntropy() - 1)),
                    isHuman ? "—" : recovery(t.recovery()),
                    t.cold().ratio(), isHuman ? "1" : String.format("%.2f", t.cold().ratio() / human.cold().ratio()),
                    isHuman ? "—" : String.format("%.3f", t.medianDecisionMillis())));
        }
        s.append('\n');
        s.append("- NiC: share of (16th step, sounding melody note) pairs whose pitch class is in the chord the band plays at that step; ")
                .append("strong-beat: beats 1 and 3 only. Clash: share of the same pairs a semitone from a pitch class the accompaniment sounds then. ")
                .append("Chord-tone: accompaniment onsets under an annotated chord that are its tones (the human row: the accompaniment played from the annotated chart). ")
                .append("Entropies: bits per song (mean over songs) of the chord labels of the chord segments and of their lengths in steps. ")
                .append("Recovery: the melody from the middle bar on is transposed by +5 (+6) semitones; bars until the NiC of a bar, pooled over songs, is back within 10 % of the 8 bars before (0: at once; ")
                .append(HarmonyEvaluation.AFTER_BARS).append(": not within the bars measured). Cold start: NiC of the first ")
                .append(HarmonyEvaluation.COLD_BARS).append(" bars from the one where the melody comes in (nothing heard before). Decision: one call of the chord source per bar or revision (predictor included).\n\n");
        // Judged: the shipped system (or, when tuning, the follower with the weights tried), not the comparison rows after it.
        HarmonyEvaluation.Totals t = rows.stream().filter(r -> r.system().startsWith("shipped") || r.system().startsWith("harmony follower with"))
                .findFirst().orElse(rows.get(rows.size() - 1)).totals();
        s.append("Targets for the shipped system:\n\n");
        target(s, "NiC ≥ 0.85 × human", t.nic().ratio() / human.nic().ratio(), t.nic().ratio() >= NIC_TARGET * human.nic().ratio());
        target(s, "strong-beat NiC ≥ 0.85 × human", t.strong().ratio() / human.strong().ratio(), t.strong().ratio() >= NIC_TARGET * human.strong().ratio());
        target(s, "clash rate ≤ human (" + String.format("%.3f", human.clash().ratio()) + ")", t.clash().ratio(), t.clash().ratio() <= human.clash().ratio());
        target(s, "chord-tone ≥ " + CHORD_TONE_TARGET, t.chordTone().ratio(), t.chordTone().ratio() >= CHORD_TONE_TARGET);
        double label = t.labelEntropy() / human.labelEntropy() - 1;
        double duration = t.durationEntropy() / human.durationEntropy() - 1;
        target(s, "label entropy within 10 % of human (relative difference)", label, Math.abs(label) <= VARIETY_TOLERANCE);
        target(s, "duration entropy within 10 % of human (relative difference)", duration, Math.abs(duration) <= VARIETY_TOLERANCE);
        for (int m = 0; m < HarmonyEvaluation.MODULATIONS.length; m++) {
            target(s, "recovery after +" + HarmonyEvaluation.MODULATIONS[m] + " ≤ " + RECOVERY_TARGET + " bars", t.recovery()[m], t.recovery()[m] <= RECOVERY_TARGET);
        }
        target(s, "cold-start NiC ≥ 0.75 × human", t.cold().ratio() / human.cold().ratio(), t.cold().ratio() >= COLD_TARGET * human.cold().ratio());
        target(s, "with the chart, chord-tone ≥ " + CHART_TARGET + " (human row)", human.chordTone().ratio(), human.chordTone().ratio() >= CHART_TARGET);
        target(s, "decision ≤ 1 ms median", t.medianDecisionMillis(), t.medianDecisionMillis() <= 1.0);
        return s.toString();
    }

    private static String recovery(int[] bars) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < bars.length; i++) {
            if (i > 0) s.append(" / ");
            s.append(bars[i] >= HarmonyEvaluation.AFTER_BARS ? "> " + (HarmonyEvaluation.AFTER_BARS - 1) : String.valueOf(bars[i]));
        }
        return s.toString();
    }

    private static void target(StringBuilder s, String what, double value, boolean met) {
        s.append(String.format("- %s: %.3f — %s%n", what, value, met ? "met" : "**not met**"));
    }
}
