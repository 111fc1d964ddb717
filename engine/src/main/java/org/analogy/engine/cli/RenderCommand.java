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
        description = {"Plays a MIDI file into the engine in virtual time (as fast as the machine allows) and writes "
                + "what came out: a type-1 MIDI file with tracks 'input', 'melody' and/or 'accompaniment', "
                + "keeping the input's tempo and meter. Drum-channel notes (channel 10) are not played in. "
                + "Any mode runs here; --preset picks a style (./analogy presets lists them)."})
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
        // What reading changed (tempos clamped, notes of no length dropped) is said, never done silently.
        org.analogy.engine.midi.MidiFileContent content = Reading.said(in);
        PerformanceInput performance = PerformanceFiles.fromContent(content, track);
        if (bpm != null) performance = performance.atTempo(bpm);
        org.analogy.engine.process.Modes.requireMeter(mode.processor().name(), performance.meter());
        EngineConfig config = EngineConfig.defaults().withBpm(performance.initialBpm()).withMeter(performance.meter())
                .withControls(mode.controls());
        long started = System.nanoTime();
        var processor = mode.processor();
        VirtualSession session = new VirtualSession(config, processor, List.of());
        session.play(performance, mode.tailBars());
        session.recorder().save(out);
        double seconds = (System.nanoTime() - started) / 1e9;
        double musicSeconds = (session.nowNanos() - session.timeline().nanosAt(0)) / 1e9;
        System.out.printf("rendered %s → %s (%s): %d events in, %d out, %.1f s of music in %.2f s (%.0f× real time)%n",
                in, out, mode.describe(), session.recorder().inputEventCount(), session.recorder().outputEventCount(),
                musicSeconds, seconds, musicSeconds / Math.max(seconds, 1e-9));
        long folded = org.analogy.engine.process.BandProcessor.unwrap(processor) instanceof org.analogy.engine.process.EchoProcessor echo ? echo.foldedNotes() : 0;
        System.out.printf("altered: %d tempo event(s) clamped into 30–300 BPM, %d note(s) of no length dropped, %d note(s)"
                        + " folded by octaves into 0–127, %d bar(s) covered, %d model error(s)%n", content.clampedTempos(),
                content.droppedNotes(), folded, session.metrics().coveredBars.get(), session.metrics().processorErrors.get());
        if (wav != null) {
            new SynthRenderer().render(session.recorder().toSequence(), wav);
            System.out.println("audio → " + wav);
        }
        return 0;
    }
}
