package org.analogy.engine.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.analogy.engine.melody.MelodyAnalogy;
import org.analogy.engine.melody.MelodyFiles;
import org.analogy.engine.melody.MelodyLine;
import org.analogy.engine.melody.MelodyModel;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"A new melody like A: one factor drawn afresh from the model's prior at the given temperature, "
                + "the other kept from A (e.g. --factor pitch: new notes on A's rhythm)."})
final class SampleCommand implements Callable<Integer> {

    @Option(names = "--like", required = true, paramLabel = "A.mid") Path like;
    @Option(names = "--factor", required = true, paramLabel = "pitch|rhythm") MelodyAnalogy.Factor factor;
    @Option(names = "--temperature", defaultValue = "1.0", paramLabel = "T", description = "0–5; 1 samples the prior as trained (default: ${DEFAULT-VALUE}).") double temperature;
    @Option(names = "--seed", defaultValue = "1", description = "Same seed, same melody (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--out", required = true, paramLabel = "OUT.mid") Path out;
    @Mixin MelodyOptions options;

    @Override
    public Integer call() throws Exception {
        MelodyLine a = options.read(like);
        try (MelodyModel model = options.open()) {
            List<int[]> windows = new MelodyAnalogy(model).sample(a, factor, temperature, seed, options.chordsFor(a));
            MelodyFiles.write(out, a.bpm(), windows);
            System.out.printf("sample %s at temperature %.2f like %s → %s (%d notes)%n", factor.name().toLowerCase(),
                    temperature, like, out, MelodyOptions.noteCount(windows));
        }
        return 0;
    }
}
