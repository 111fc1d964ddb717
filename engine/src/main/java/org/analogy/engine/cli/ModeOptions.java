package org.analogy.engine.cli;

import picocli.CommandLine.Option;

import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.Modes;

/** The performance mode and its settings, shared by the verbs that run the engine (live, render). */
final class ModeOptions {

    @Option(names = "--mode", defaultValue = "echo", description = "Performance mode (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--echo-bars", defaultValue = "1", paramLabel = "N", description = "Echo: bars of delay, 1, 2 or 4 (default: ${DEFAULT-VALUE}).")
    int echoBars;

    @Option(names = "--transpose", defaultValue = "0", paramLabel = "SEMITONES", description = "Echo: transposition, −24…24 (default: ${DEFAULT-VALUE}).")
    int transpose;

    BarProcessor processor() {
        return Modes.create(mode);
    }

    ControlSnapshot controls() {
        return ControlSnapshot.DEFAULT.withEcho(echoBars, transpose);
    }

    /** Bars the engine must keep playing after the input ends, so the last echo is heard. */
    int tailBars() {
        return echoBars;
    }
}
