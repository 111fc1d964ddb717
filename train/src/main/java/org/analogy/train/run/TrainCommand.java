package org.analogy.train.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

import ai.djl.ndarray.types.Shape;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./analogy train MODEL …}: the flags every trainer shares ({@link RunOptions}), the checks on them, and
 * the hand-over to {@link TrainingRun}. A model's command adds its own flags (schedule, sizes) and says how to
 * build its model.
 */
public abstract class TrainCommand<B> implements Callable<Integer>, Defaults {

    @Mixin
    protected RunOptions run;

    @Spec
    protected CommandSpec spec;

    private final String kind;
    private final Function<int[], Map<String, Shape>> layoutOf;

    /**
     * @param kind     the model's name: the verb's second word and the checkpoint's kind
     * @param layoutOf tensor layout of the sizes stored in a checkpoint of this kind
     */
    protected TrainCommand(String kind, Function<int[], Map<String, Shape>> layoutOf) {
        this.kind = kind;
        this.layoutOf = layoutOf;
    }

    protected abstract TrainingRun.Factory<B> factory();

    /** The model's own flags that a resumed run takes from its checkpoint instead (its schedule, its sizes). */
    protected abstract List<String> settingsFlags();

    /** Validation period in minutes, or 0 to validate after every epoch and keep the best checkpoint. */
    protected double validateMinutes() {
        return 0;
    }

    protected int maxEpochs() {
        return Integer.MAX_VALUE;
    }

    /** Seconds kept at the end of the budget besides the final validation, and a first guess of that pass's rate. */
    protected double reserveSeconds() {
        return 20;
    }

    protected double secondsPerValidationWindow() {
        return 0.02;
    }

    /** The model's own flag checks; throw {@link IllegalArgumentException} naming the flag. */
    protected void check() {
    }

    public RunOptions options() {
        return run;
    }

    @Override
    public Integer call() throws Exception {
        new TrainingRun().run(plan(), factory());
        return 0;
    }

    /** The checked flags as a plan; a bad or conflicting flag is an {@link IllegalArgumentException}. */
    public TrainingRun.Plan plan() {
        run.check();
        check();
        if (run.resume) {
            List<String> given = new ArrayList<>();
            for (String flag : RunOptions.FROM_CHECKPOINT) if (given(flag)) given.add(flag);
            for (String flag : settingsFlags()) if (given(flag)) given.add(flag);
            if (!given.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", given) + " with --resume: a resumed run keeps the checkpoint's "
                        + "seed, batch size, sizes and schedule; leave " + (given.size() == 1 ? "it" : "them") + " out");
            }
        }
        return new TrainingRun.Plan(kind, run.out, run.minutes, run.maxSteps, maxEpochs(), run.seed, run.batch, run.resume,
                run.logEvery, run.checkpointMinutes, validateMinutes(), reserveSeconds(), secondsPerValidationWindow(),
                invocation(), layoutOf);
    }

    /** Whether the user gave {@code flag} (rather than its default). */
    protected boolean given(String flag) {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        return parsed != null && parsed.hasMatchedOption(flag);
    }

    /** This invocation as it is recorded in the checkpoint and the bundle's manifest. */
    private String invocation() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        List<String> args = parsed == null ? List.of() : new ArrayList<>(parsed.originalArgs());
        // Through ./analogy the arguments start with "train MODEL"; through a trainer's own main they do not.
        if (args.size() >= 2 && args.get(0).equals("train") && args.get(1).equals(kind)) args = args.subList(2, args.size());
        return ("./analogy train " + kind + " " + String.join(" ", args)).trim();
    }
}
