package org.analogy.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.analogy.train.accompaniment.TrainAccompaniment;
import org.analogy.train.accompaniment.TrainPredictor;
import org.analogy.train.melody.TrainMelody;
import org.analogy.train.run.TrainCommand;
import org.analogy.train.run.TrainingRun;

/**
 * The train and export verbs' flags: a misspelt or conflicting flag stops the command before any work, and the
 * commands in train/README.md that made the shipped models still parse to what they meant.
 */
class TrainMainTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cli = TrainMain.commandLine(new TrainMain());
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Parses {@code train MODEL args} and returns the plan the trainer would run, without running it. */
    private static TrainingRun.Plan plan(String model, String... args) {
        CommandLine cli = TrainMain.commandLine(new TrainMain());
        String[] all = new String[args.length + 2];
        all[0] = "train";
        all[1] = model;
        System.arraycopy(args, 0, all, 2, args.length);
        cli.parseArgs(all);
        return ((TrainCommand<?>) cli.getSubcommands().get("train").getSubcommands().get(model).getCommand()).plan();
    }

    @Test
    void aMisspeltFlagIsAnErrorBeforeAnyWork() {
        Result r = run("train", "melody", "--mintues", "5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown options: '--mintues'").contains("Possible solutions: --minutes");

        assertThat(run("export", "accompaniment", "--chekpoint", "x").err()).contains("Unknown options: '--chekpoint'");
        assertThat(run("train", "predictor", "--epoch", "3").err()).contains("Unknown options: '--epoch'");
    }

    @Test
    void badValuesAndMissingChoicesNameTheFlag(@TempDir Path data) {
        assertThat(run("train", "melody", "--minutes", "soon").err()).contains("--minutes").contains("soon");
        assertThat(run("train", "melody", "--data", data.toString(), "--minutes", "0").err()).contains("--minutes 0: give a budget above 0");
        assertThat(run("train", "predictor", "--data", data.toString(), "--epochs", "0").err()).contains("--epochs 0");
        assertThat(run("train", "accompaniment", "--data", data.resolve("none").toString()).err()).contains("no POP909 folder there");
        assertThat(run("train", "accompaniment", "--data", data.toString(), "--sizes", "1,2,3").err()).contains("needs 8 sizes");
        assertThat(run("train", "melody", "--data", data.toString(), "--chord-fit", "200").err()).contains("--chord-fit 200");
        assertThat(run("export", "attributes").err()).contains("Missing required option: '--bundle");
        Result none = run("train");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("choose melody, accompaniment, predictor, drums, bass or latent");
        assertThat(run("train", "drums", "--data", data.resolve("none").toString()).err()).contains("no Groove MIDI Dataset there");
        assertThat(run("train", "drums", "--data", data.toString(), "--latent", "0").err()).contains("drum model sizes must be positive");
        assertThat(run("train", "latent", "--data", data.toString(), "--shifts", "0,9").err()).contains("--shifts 0,9");
        assertThat(run("train", "latent", "--data", data.toString(), "--length", "1").err()).contains("--length 1");
    }

    @Test
    void aResumedRunRefusesFlagsItsCheckpointDecides(@TempDir Path data) {
        Result r = run("train", "accompaniment", "--data", data.toString(), "--resume", "--seed", "3", "--lr", "0.01");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--seed, --lr with --resume").contains("leave them out");
        assertThat(run("train", "melody", "--data", data.toString(), "--resume", "--batch", "64").err()).contains("--batch with --resume");
    }

    @Test
    void helpShowsEachTrainersOwnDefaults() {
        Result melody = run("train", "melody", "--help");
        assertThat(melody.code()).isZero();
        assertThat(melody.out()).contains("--chord-fit", "default: 85", "default: 128", "runs/melody");
        assertThat(run("train", "accompaniment", "--help").out()).contains("default: 64", "default: 40", "--texture-shift");
        assertThat(run("train", "predictor", "--help").out()).contains("--epochs", "default: 30", "--accompaniment");
        assertThat(run("export", "predictor", "--help").out()).contains("runs/predictor/best");
    }

    @Test
    void theShippedModelsCommandsStillMeanWhatTheyMeant(@TempDir Path dir) throws Exception {
        String data = dir.toString();
        TrainingRun.Plan melody = plan("melody", "--data", data, "--out", "runs/melody", "--batch", "128", "--seed", "1",
                "--minutes", "600", "--steps", "9137");
        assertThat(melody.maxSteps()).isEqualTo(9137);
        assertThat(melody.batch()).isEqualTo(128);
        assertThat(melody.minutes()).isEqualTo(600);
        assertThat(melody.validateMinutes()).isEqualTo(10);
        assertThat(melody.invocation()).isEqualTo("./analogy train melody --data " + data
                + " --out runs/melody --batch 128 --seed 1 --minutes 600 --steps 9137");

        TrainingRun.Plan fineTune = plan("melody", "--data", data, "--out", "runs/melody-chordfit", "--resume", "--chord-fit", "1.0",
                "--steps", "9652", "--minutes", "600");
        assertThat(fineTune.resume()).isTrue();
        assertThat(fineTune.maxSteps()).isEqualTo(9652);

        TrainingRun.Plan accompaniment = plan("accompaniment", "--data", data, "--out", "runs/accompaniment", "--minutes", "110",
                "--batch", "64", "--seed", "1");
        assertThat(accompaniment.batch()).isEqualTo(64);
        assertThat(accompaniment.logEvery()).isEqualTo(25);
        assertThat(accompaniment.maxSteps()).as("no step limit").isZero();
        assertThat(plan("accompaniment", "--data", data, "--minutes", "600", "--max-steps", "8261").maxSteps()).isEqualTo(8261);
        assertThat(plan("accompaniment", "--data", data, "--out", "runs/accompaniment", "--minutes", "30", "--resume").resume()).isTrue();

        Path checkpoint = Files.createFile(dir.resolve("checkpoint.bin"));
        TrainingRun.Plan predictor = plan("predictor", "--data", data, "--accompaniment", checkpoint.toString(), "--out", "runs/predictor",
                "--epochs", "30");
        assertThat(predictor.maxEpochs()).isEqualTo(30);
        assertThat(predictor.batch()).isEqualTo(32);
        assertThat(predictor.validateMinutes()).as("after every epoch").isZero();
    }

    @Test
    void theMainsTrainReadmeRunByClassNameStillExist() throws Exception {
        for (Class<?> c : new Class<?>[]{TrainMelody.class, TrainAccompaniment.class, TrainPredictor.class,
                org.analogy.train.accompaniment.ExportAccompaniment.class}) {
            assertThat(c.getMethod("main", String[].class)).as(c.getSimpleName()).isNotNull();
        }
    }
}
