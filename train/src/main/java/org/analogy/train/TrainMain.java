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
            description = {"Trains a model on POP909: melody, accompaniment or predictor (options are the trainer's own;",
                    "train/README.md has the commands that reproduce the shipped models)."})
    static final class Train implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL") String which;
        @Parameters(index = "1..*", paramLabel = "OPTIONS") String[] options = new String[0];

        @Override
        public Integer call() throws Exception {
            switch (which) {
                case "melody" -> org.analogy.train.melody.TrainMelody.main(options);
                case "accompaniment" -> org.analogy.train.accompaniment.TrainAccompaniment.main(options);
                case "predictor" -> org.analogy.train.accompaniment.TrainPredictor.main(options);
                default -> throw new IllegalArgumentException("train " + which + ": choose melody, accompaniment or predictor");
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Turns a training checkpoint into a model bundle (ONNX graphs + manifest with checksums),",
                    "then measures it through ONNX Runtime and checks parity with DJL when POP909 is present.",
                    "MODEL: melody, accompaniment or predictor. Options: [--checkpoint runs/MODEL/checkpoint.bin]",
                    "[--out presets/models/MODEL] [--data POP909]; accompaniment also [--onset-threshold X]; predictor reads",
                    "runs/predictor/best.bin by default.",
                    "'export attributes --bundle DIR [--data POP909] [--windows N]' adds attribute directions",
                    "(density, register, syncopation) computed from the training songs to a melody or accompaniment bundle."})
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL") String which;
        @Parameters(index = "1..*", paramLabel = "OPTIONS") String[] options = new String[0];

        @Override
        public Integer call() throws Exception {
            switch (which) {
                case "melody" -> org.analogy.train.melody.ExportMelody.main(options);
                case "accompaniment" -> org.analogy.train.accompaniment.ExportAccompaniment.main(options);
                case "predictor" -> org.analogy.train.accompaniment.ExportPredictor.main(options);
                case "attributes" -> org.analogy.train.attributes.AttributeDirections.main(options);
                default -> throw new IllegalArgumentException("export " + which + ": choose melody, accompaniment, predictor or attributes");
            }
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
