package org.analogy.engine.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import org.analogy.engine.output.SynthRenderer;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.render.PerformanceFiles;
import org.analogy.engine.render.PerformanceInput;
import org.analogy.engine.render.VirtualSession;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Plays a MIDI file into the engine in virtual time (as fast as the machine allows) and writes",
                "what came out: a type-1 MIDI file with tracks 'input', 'melody' and/or 'accompaniment',",
                "keeping the input's tempo and meter. Drum-channel notes (channel 10) are not played in."})
final class RenderCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "IN.mid", description = "The performance to play in.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "OUT.mid", description = "Where to write the result.")
    Path out;

    @Option(names = "--bpm", paramLabel = "N", description = "Play at this tempo instead of the file's (30–300).")
    Double bpm;

    @Option(names = "--track", paramLabel = "N|NAME", description = "Play in only this track (1-based number or name).")
    String track;

    @Mixin
    ModeOptions mode;

    @Option(names = "--wav", paramLabel = "OUT.wav", description = "Also render the result to audio with the JDK synthesizer.")
    Path wav;

    @Override
    public Integer call() throws Exception {
        PerformanceInput performance = PerformanceFiles.read(in, track);
        if (bpm != null) performance = performance.atTempo(bpm);
        EngineConfig config = EngineConfig.defaults().withBpm(performance.initialBpm()).withMeter(performance.meter())
                .withControls(mode.controls());
        long started = System.nanoTime();
        VirtualSession session = new VirtualSession(config, mode.processor(), List.of());
        session.play(performance, mode.tailBars());
        session.recorder().save(out);
        double seconds = (System.nanoTime() - started) / 1e9;
        double musicSeconds = (session.nowNanos() - session.timeline().nanosAt(0)) / 1e9;
        System.out.printf("rendered %s → %s: %d events in, %d out, %.1f s of music in %.2f s (%.0f× real time)%n",
                in, out, session.recorder().inputEventCount(), session.recorder().outputEventCount(),
                musicSeconds, seconds, musicSeconds / Math.max(seconds, 1e-9));
        if (wav != null) {
            new SynthRenderer().render(session.recorder().toSequence(), wav);
            System.out.println("audio → " + wav);
        }
        return 0;
    }
}
