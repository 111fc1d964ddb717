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

@Command(name = "swap", mixinStandardHelpOptions = true,
        description = {"The pitch contour of one melody with the rhythm of another: every 2-bar window of A keeps its "
                + "pitch latent and takes the rhythm latent of B's matching window (B repeats if shorter), decoded "
                + "under the chords given, or A's own harmony. Writes a track named 'melody'. Melodies must be in 4/4."})
final class SwapCommand implements Callable<Integer> {

    @Option(names = "--pitch-from", required = true, paramLabel = "A.mid") Path pitchFrom;
    @Option(names = "--rhythm-from", required = true, paramLabel = "B.mid") Path rhythmFrom;
    @Option(names = "--out", required = true, paramLabel = "OUT.mid") Path out;
    @Mixin MelodyOptions options;

    @Override
    public Integer call() throws Exception {
        MelodyLine a = options.read(pitchFrom);
        MelodyLine b = options.read(rhythmFrom);
        try (MelodyModel model = options.open()) {
            List<int[]> windows = new MelodyAnalogy(model).swap(a, b, options.chordsFor(a));
            MelodyFiles.write(out, a.bpm(), windows);
            System.out.printf("swap: pitch of %s + rhythm of %s → %s (%d windows, %d notes)%n", pitchFrom, rhythmFrom, out,
                    windows.size(), MelodyOptions.noteCount(windows));
        }
        return 0;
    }
}
