package org.analogy.train.run;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The flags every trainer takes. Their defaults are the model's own ({@link TrainCommand#defaults()}), so
 * {@code --help} shows each trainer's real values.
 */
public final class RunOptions {

    @Option(names = "--data", paramLabel = "DIR", description = "POP909 root (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder: train.log (appended), checkpoint.bin, metrics.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--minutes", paramLabel = "N", description = "Wall-clock budget of this invocation; the loop stops early enough to save "
            + "and run the final validation (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = {"--steps", "--max-steps"}, paramLabel = "N", description = "Stop once the run has reached step N, whatever budget is left; "
            + "with the same seed this repeats a finished run step for step (default: no limit).")
    long maxSteps;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights, batch order and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--resume", description = "Continue from OUT/checkpoint.bin: weights, Adam moments, step, epoch and batch position; "
            + "sizes, seed, batch size and schedule come from the checkpoint, so those flags may not be given with it.")
    boolean resume;

    @Option(names = "--log-every", paramLabel = "N", description = "A progress line every N steps (default: ${DEFAULT-VALUE}).")
    int logEvery;

    @Option(names = "--checkpoint-minutes", paramLabel = "N", description = "Save OUT/checkpoint.bin this often (default: ${DEFAULT-VALUE}).")
    double checkpointMinutes;

    /** A trainer's defaults for these flags; the rest are the same for every trainer. */
    public static java.util.Map<String, String> defaults(String out, double minutes, int batch, int logEvery) {
        java.util.Map<String, String> v = new java.util.LinkedHashMap<>();
        v.put("--data", org.analogy.train.data.Pop909Dataset.defaultRoot().toString());
        v.put("--out", out);
        v.put("--minutes", number(minutes));
        v.put("--max-steps", "0");
        v.put("--seed", "1");
        v.put("--batch", Integer.toString(batch));
        v.put("--log-every", Integer.toString(logEvery));
        v.put("--checkpoint-minutes", "5");
        return v;
    }

    /** The flags a resumed run takes from its checkpoint instead. */
    static final String[] FROM_CHECKPOINT = {"--seed", "--batch"};

    /** The POP909 root, which must exist. */
    public Path data() {
        if (!java.nio.file.Files.isDirectory(data)) throw new IllegalArgumentException("--data " + data + ": no POP909 folder there");
        return data;
    }

    /** The run folder. */
    public Path out() {
        return out;
    }

    /** A flag's number as the user would have typed it: 0 rather than 0.0. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    void check() {
        if (!(minutes > 0)) throw new IllegalArgumentException("--minutes " + number(minutes) + ": give a budget above 0");
        if (maxSteps < 0) throw new IllegalArgumentException("--steps " + maxSteps + ": give a step count of 0 or more");
        if (batch < 1) throw new IllegalArgumentException("--batch " + batch + ": give a batch size of 1 or more");
        if (logEvery < 1) throw new IllegalArgumentException("--log-every " + logEvery + ": give 1 or more");
        if (!(checkpointMinutes > 0)) throw new IllegalArgumentException("--checkpoint-minutes " + number(checkpointMinutes) + ": give a period above 0");
    }
}
