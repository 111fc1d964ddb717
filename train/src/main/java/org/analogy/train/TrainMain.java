package org.analogy.train;

import java.util.Arrays;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.analogy.train.eval.EvalCommand;

/**
 * The research side's verbs, run by {@code ./analogy train …} and {@code ./analogy eval …} on the training
 * class path (DJL and PyTorch, which the engine never loads).
 */
@Command(name = "analogy", mixinStandardHelpOptions = true, subcommands = {TrainMain.Train.class, TrainMain.Export.class, EvalCommand.class})
public final class TrainMain {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Trains a model on POP909. 'train melody --help' lists the options; train/README.md has the",
                    "command that reproduces the shipped model."})
    static final class Train implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "melody") String which;
        @Parameters(index = "1..*", paramLabel = "OPTIONS") String[] options = new String[0];

        @Override
        public Integer call() throws Exception {
            if (!which.equals("melody")) throw new IllegalArgumentException("train " + which + ": only 'melody' so far");
            org.analogy.train.melody.TrainMelody.main(options);
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Turns a training checkpoint into a model bundle (ONNX graphs + manifest with checksums),",
                    "then measures it through ONNX Runtime and checks parity with DJL when POP909 is present.",
                    "Options: [--checkpoint runs/melody/checkpoint.bin] [--out presets/models/melody] [--data POP909]"})
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "melody") String which;
        @Parameters(index = "1..*", paramLabel = "OPTIONS") String[] options = new String[0];

        @Override
        public Integer call() throws Exception {
            if (!which.equals("melody")) throw new IllegalArgumentException("export " + which + ": only 'melody' so far");
            org.analogy.train.melody.ExportMelody.main(options);
            return 0;
        }
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new TrainMain());
        cli.setUnmatchedArgumentsAllowed(false);
        cli.setExecutionExceptionHandler((ex, commandLine, parse) -> {
            commandLine.getErr().println("analogy " + commandLine.getCommandName() + ": " + ex.getMessage());
            return 2;
        });
        // Options after "train melody" / "export melody" belong to the trainer, not to picocli.
        if (args.length > 1 && (args[0].equals("train") || args[0].equals("export"))) {
            cli.getSubcommands().get(args[0]).setUnmatchedOptionsArePositionalParams(true);
        }
        System.exit(cli.execute(Arrays.copyOf(args, args.length)));
    }
}
