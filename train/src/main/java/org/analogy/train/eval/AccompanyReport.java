package org.analogy.train.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.analogy.engine.accompaniment.Accompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.chords.PredictedChords;
import org.analogy.engine.chords.RepeatChordPredictor;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.style.Style;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Pop909Song;
import org.analogy.train.data.Split;

/**
 * {@code ./analogy eval accompany}: the held-out POP909 songs rendered in accompany mode in virtual time, and
 * the chord-tone ratio of the accompaniment against the annotated chords, with (a) the annotated chords as a
 * chart and (b) chords predicted from the melody, next to two baselines on the same melodies: block triads
 * of the predicted chord, and "repeat the current chord" through the same accompanist. Runs with whatever
 * bundles are installed and says which path each row took.
 */
final class AccompanyReport {

    static final double CHART_TARGET = 0.90;

    private AccompanyReport() {}

    record Row(String preset, String chords, String accompaniment, AccompanyEvaluation.Result result) {}

    static String run(Path data, Path accompanimentDir, Path predictorDir, List<String> presetNames, int maxSongs) throws Exception {
        long started = System.nanoTime();
        if (!Files.isDirectory(data)) throw new IllegalArgumentException("--data " + data + ": not a directory");
        List<Pop909Song> songs = Pop909Dataset.load(data, Split.VALIDATION).songs();
        int found = songs.size();
        if (songs.isEmpty()) {
            throw new IllegalArgumentException("--data " + data + ": no POP909 song folders numbered "
                    + Split.VALIDATION.first() + "–" + Split.VALIDATION.last() + " (the held-out songs)");
        }
        if (songs.size() > maxSongs) songs = songs.subList(0, maxSongs);
        Path presets = ModelStore.presetsDir();
        PresetLibrary library = new PresetLibrary(presets.resolve("styles"), presets.resolve("no-user-presets"),
                new PresetLoader(new ReferenceClips(List.of(presets.resolve("clips")))));
        List<Row> rows = new ArrayList<>();
        List<String> notes;
        boolean learnedAccompaniment;
        boolean learnedPredictor;
        try (Band models = Band.load(Band.Sources.SHIPPED.withoutMelody().withAccompaniment(accompanimentDir).withPredictor(predictorDir),
                Band.OnBrokenBundle.FAIL)) {
            notes = models.describe();
            learnedAccompaniment = models.hasAccompanimentModel();
            learnedPredictor = models.hasPredictor();
            Supplier<Accompanist> accompanist = models.accompanists();
            String accompanistName = learnedAccompaniment ? "learned model" : "pattern (reference textures re-voiced)";
            String predictedName = learnedPredictor ? "learned predictor" : "fallback: repeat the current chord";
            Supplier<ChordSource> predicted = models::newPredictedChords;
            Supplier<ChordSource> repeat = () -> new PredictedChords(new RepeatChordPredictor());
            for (String name : presetNames) {
                Style style = library.find(name).style();
                System.err.printf("eval accompany: %s …%n", name);
                rows.add(new Row(name, "(a) annotated chart", accompanistName,
                        AccompanyEvaluation.evaluate(songs, style, AccompanyEvaluation.Chords.ANNOTATED_CHART, predicted, accompanist)));
                rows.add(new Row(name, "(b) predicted from the melody (" + predictedName + ")", accompanistName,
                        AccompanyEvaluation.evaluate(songs, style, AccompanyEvaluation.Chords.PREDICTED, predicted, accompanist)));
                rows.add(new Row(name, "baseline: block triads of the predicted chord (" + predictedName + ")", "rule: block triads",
                        AccompanyEvaluation.evaluate(songs, style, AccompanyEvaluation.Chords.PREDICTED, predicted, BlockTriads::new)));
                // Without the learned predictor, (b) already is "repeat the current chord": the same run.
                AccompanyEvaluation.Result repeated = learnedPredictor
                        ? AccompanyEvaluation.evaluate(songs, style, AccompanyEvaluation.Chords.PREDICTED, repeat, accompanist)
                        : rows.get(rows.size() - 2).result();
                rows.add(new Row(name, "baseline: repeat the current chord", accompanistName, repeated));
            }
        }
        return render(rows, notes, learnedAccompaniment, learnedPredictor, songs.size(), found, (System.nanoTime() - started) / 1e9);
    }

    static String render(List<Row> rows, List<String> notes, boolean learnedAccompaniment, boolean learnedPredictor,
                         int songs, int found, double seconds) {
        StringBuilder s = new StringBuilder();
        int used = rows.isEmpty() ? 0 : rows.get(0).result().songs();
        s.append("# Accompany mode: evaluation report\n\n");
        s.append("Held-out POP909 songs ").append(Split.VALIDATION.first()).append("–").append(Split.VALIDATION.last())
                .append(": ").append(found).append(" found, ").append(songs).append(" evaluated, ").append(used)
                .append(" of them with a run of at least ").append(AccompanyEvaluation.MIN_BARS)
                .append(" back-to-back 4/4 bars. Each is played from its longest such run into the engine in accompany mode in virtual time at 100 BPM, ")
                .append("evaluated ").append(LocalDate.now()).append(" with `./analogy eval accompany` (")
                .append(String.format("%.0f s", seconds)).append("). The chord-tone ratio is the share of accompaniment onsets ")
                .append("(under an annotated chord) whose pitch class is in the annotated chord at that step.\n\n");
        s.append("Models in use:\n\n");
        for (String n : notes) s.append("- ").append(n).append('\n');
        s.append('\n');
        s.append("| texture of | chords | accompaniment | chord-tone ratio | onsets | bars | failed / covered bars |\n");
        s.append("|---|---|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            AccompanyEvaluation.Result x = r.result();
            s.append(String.format("| %s | %s | %s | %.3f | %d | %d | %d / %d |%n", r.preset(), r.chords(), r.accompaniment(),
                    x.ratio(), x.onsets(), x.bars(), x.misses(), x.covered()));
        }
        s.append('\n');
        for (int i = 0; i + 3 < rows.size(); i += 4) {
            double chart = rows.get(i).result().ratio();
            double predicted = rows.get(i + 1).result().ratio();
            double triads = rows.get(i + 2).result().ratio();
            double repeat = rows.get(i + 3).result().ratio();
            s.append(String.format("- %s: (a) chart %.3f — target ≥ %.2f %s; (b) predicted %.3f vs block triads %.3f and repeat %.3f — %s%n",
                    rows.get(i).preset(), chart, CHART_TARGET, chart >= CHART_TARGET ? "met" : "**not met**", predicted, triads, repeat,
                    predicted > triads && predicted > repeat ? "beats both" : "**does not beat both**"));
        }
        s.append('\n');
        if (!learnedAccompaniment || !learnedPredictor) {
            s.append("Not the learned path throughout: ").append(!learnedAccompaniment ? "no accompaniment model (pattern accompanist)" : "")
                    .append(!learnedAccompaniment && !learnedPredictor ? ", " : "")
                    .append(!learnedPredictor ? "no predictor (\"repeat the current chord\" stands in, so (b) and its repeat baseline coincide)" : "")
                    .append(". The issue's comparison needs both bundles installed.\n");
        }
        return s.toString();
    }
}
