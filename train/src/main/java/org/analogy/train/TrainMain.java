package org.analogy.train;

import java.io.IOException;
import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.analogy.train.accompaniment.ExportAccompaniment;
import org.analogy.train.accompaniment.ExportPredictor;
import org.analogy.train.accompaniment.TrainAccompaniment;
import org.analogy.train.accompaniment.TrainPredictor;
import org.analogy.train.attributes.ExportAttributes;
import org.analogy.train.bass.ExportBass;
import org.analogy.train.bass.TrainBass;
import org.analogy.train.drums.ExportDrums;
import org.analogy.train.drums.TrainDrums;
import org.analogy.train.eval.EvalCommand;
import org.analogy.train.latent.ExportLatent;
import org.analogy.train.latent.TrainLatent;
import org.analogy.train.melody.ExportMelody;
import org.analogy.train.melody.TrainMelody;
import org.analogy.train.run.Defaults;

/**
 * The research side's verbs, run by {@code ./analogy train …}, {@code ./analogy export …} and
 * {@code ./analogy eval …} on the training class path (DJL and PyTorch, which the engine never loads). Every
 * flag is parsed by picocli: an unknown or misspelt one stops the command before any work starts.
 */
@Command(name = "analogy", mixinStandardHelpOptions = true, subcommands = {TrainMain.Train.class, TrainMain.Export.class, EvalCommand.class})
public final class TrainMain {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Trains a model on POP909, the drums on the Groove MIDI Dataset or the bass on Slakh2100 (DJL + PyTorch on the CPU). train/README.md has the commands that reproduce the "
                    + "shipped models; './analogy train MODEL --help' lists a trainer's flags."},
            subcommands = {TrainMelody.class, TrainAccompaniment.class, TrainPredictor.class, TrainDrums.class, TrainBass.class, TrainLatent.class})
    static final class Train implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "train: choose melody, accompaniment, predictor, drums, bass or latent");
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Turns a training checkpoint into a model bundle (ONNX graphs, manifest with checksums), then measures it "
                    + "through ONNX Runtime and checks parity with DJL when POP909 is present. 'export attributes' adds attribute "
                    + "directions to a melody or accompaniment bundle."},
            subcommands = {ExportMelody.class, ExportAccompaniment.class, ExportPredictor.class, ExportDrums.class, ExportBass.class, ExportLatent.class, ExportAttributes.class})
    static final class Export implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "export: choose melody, accompaniment, predictor, drums, bass, latent or attributes");
        }
    }

    public static void main(String[] args) {
        System.exit(execute(new TrainMain(), args));
    }

    /** Runs {@code command} (this tree, or one model's command called through its own main) on {@code args}. */
    public static int execute(Object command, String... args) {
        useTheCores();
        return commandLine(command).execute(args);
    }

    /** The command line for {@code command}, with the models' defaults and one-line errors. */
    public static CommandLine commandLine(Object command) {
        CommandLine cli = Defaults.install(new CommandLine(command));
        cli.setExecutionExceptionHandler((ex, commandLine, parse) -> {
            PrintWriter err = commandLine.getErr();
            boolean usersMistake = ex instanceof IllegalArgumentException || ex instanceof IOException;
            err.println("analogy " + commandLine.getCommandSpec().qualifiedName(" ").replaceFirst("^analogy ", "") + ": "
                    + (usersMistake && ex.getMessage() != null ? ex.getMessage() : ex));
            if (!usersMistake) ex.printStackTrace(err);
            return usersMistake ? 2 : 1;
        });
        return cli;
    }

    /** Every core for PyTorch's intra-op pool unless the caller chose otherwise; set before the engine loads. */
    private static void useTheCores() {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
