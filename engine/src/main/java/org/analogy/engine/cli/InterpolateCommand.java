package org.analogy.engine.cli;

import java.nio.file.Files;
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

@Command(name = "interpolate", mixinStandardHelpOptions = true,
        description = {"Melodies on the way from A to B: the chosen factor moves along the arc between the two latents "
                + "(spherical interpolation) in N steps, the other stays A's. Writes DIR/step-00.mid … step-NN.mid."})
final class InterpolateCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "A.mid") Path from;
    @Option(names = "--to", required = true, paramLabel = "B.mid") Path to;
    @Option(names = "--factor", defaultValue = "both", paramLabel = "pitch|rhythm|both") MelodyAnalogy.Factor factor;
    @Option(names = "--steps", defaultValue = "5", paramLabel = "N", description = "Number of melodies, 2–64, A and B included (default: ${DEFAULT-VALUE}).") int steps;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
    @Mixin MelodyOptions options;

    @Override
    public Integer call() throws Exception {
        MelodyLine a = options.read(from);
        MelodyLine b = options.read(to);
        Files.createDirectories(out);
        try (MelodyModel model = options.open()) {
            List<List<int[]>> versions = new MelodyAnalogy(model).interpolate(a, b, factor, steps, options.chordsFor(a));
            for (int i = 0; i < versions.size(); i++) {
                MelodyFiles.write(out.resolve(String.format("step-%02d.mid", i)), a.bpm(), versions.get(i));
            }
            System.out.printf("interpolate %s: %s → %s in %d steps → %s%n", factor.name().toLowerCase(), from, to, steps, out);
        }
        return 0;
    }
}
