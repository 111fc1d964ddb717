package org.analogy.train.run;

import picocli.CommandLine.Option;

/** Periodic validation during a run, for trainers that validate on a clock rather than after every epoch. */
public final class ValidationOptions {

    @Option(names = "--validate-minutes", paramLabel = "N", description = "Validate on the fixed subset this often (default: ${DEFAULT-VALUE}).")
    double validateMinutes;

    @Option(names = "--validation-windows", paramLabel = "N", description = "Size of that subset, spread evenly over songs 851–880; the final "
            + "validation uses every window (default: ${DEFAULT-VALUE}).")
    int validationWindows;

    /** The defaults: every 10 minutes on 1024 windows. */
    public static final java.util.Map<String, String> DEFAULTS = java.util.Map.of("--validate-minutes", "10", "--validation-windows", "1024");

    public void check() {
        if (!(validateMinutes > 0)) throw new IllegalArgumentException("--validate-minutes " + RunOptions.number(validateMinutes) + ": give a period above 0");
        if (validationWindows < 1) throw new IllegalArgumentException("--validation-windows " + validationWindows + ": give 1 or more");
    }

    public double validateMinutes() {
        return validateMinutes;
    }

    public int windows() {
        return validationWindows;
    }
}
