package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.analogy.engine.band.Band;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.input.FilePlayer;
import org.analogy.engine.osc.OscCommands;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.render.PerformanceInput;
import org.analogy.engine.render.SyntheticPerformance;
import org.analogy.engine.schedule.RecordingOutput;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.style.Style;
import org.analogy.engine.time.Meter;

/**
 * Faults: a bad preset chosen while the engine plays, typed on the console and sent as {@code /analogy/preset}
 * from a control surface (both call the library, then {@link LiveEngine#applyPreset}). Each kind of bad value is refused with one line
 * naming file and field; the style in force stays the very same object, the mode stays, the engine keeps
 * playing, and nothing is left sounding. And {@code live --preset BAD} stops before starting, naming both.
 */
class LivePresetFaultsIT {

    @TempDir
    Path dir;

    /** File name → content, and the field its error must name. */
    Map<String, String[]> badPresets() {
        Map<String, String[]> bad = new LinkedHashMap<>();
        bad.put("wrong-type.json", new String[] {"{\"description\": \"x\", \"mode\": \"accompany\", \"output\": {\"melody\": {\"channel\": \"3\"}}}",
                "output.melody.channel \"3\": allowed a whole number 1–16"});
        bad.put("out-of-range.json", new String[] {"{\"description\": \"x\", \"mode\": \"accompany\", \"melody\": {\"rhythm\": "
                + "{\"transform\": \"slerp\", \"reference\": \"rhythm-swung\", \"alpha\": 1.5}}}", "melody.rhythm.alpha 1.5: allowed 0–1"});
        bad.put("unknown-mode.json", new String[] {"{\"description\": \"x\", \"mode\": \"karaoke\"}",
                "mode 'karaoke': allowed echo, accompany, restyle, looper"});
        bad.put("unknown-source.json", new String[] {"{\"description\": \"x\", \"mode\": \"accompany\", \"chords\": {\"source\": \"guess\"}}",
                "chords.source 'guess': allowed chart, file, keyboard, predicted"});
        bad.put("unknown-transform.json", new String[] {"{\"description\": \"x\", \"mode\": \"accompany\", \"accompaniment\": "
                + "{\"texture\": {\"transform\": \"morph\"}}}", "accompaniment.texture.transform 'morph': allowed live, swap, slerp, xy, sample, freeze"});
        bad.put("missing-clip.json", new String[] {"{\"description\": \"x\", \"mode\": \"accompany\", \"accompaniment\": "
                + "{\"texture\": {\"transform\": \"swap\", \"reference\": \"polka\"}}}", "accompaniment.texture.references[0] 'polka': no reference clip 'polka'"});
        bad.put("unreadable.json", new String[] {"{\"description\": \"x\", \"mode\": ", "not valid JSON"});
        bad.put("unknown-field.json", new String[] {"{\"description\": \"x\", \"mode\": \"echo\", \"loooper\": {}}",
                "loooper is not a preset field here: allowed "});
        // Valid files these band cannot play: refused by applyPreset before anything changes.
        bad.put("needs-model.json", new String[] {"{\"description\": \"x\", \"mode\": \"restyle\"}",
                "mode 'restyle' needs the melody model, and none is loaded: allowed here echo, accompany"});
        bad.put("unknown-attribute.json", new String[] {"{\"description\": \"x\", \"mode\": \"accompany\", \"melody\": "
                + "{\"pitch\": {\"transform\": \"live\", \"attributes\": {\"sparkle\": 1}}}}",
                // what follows "allowed" lists the installed bundle's attributes, whatever they are
                "melody.pitch.attributes.sparkle: no such attribute in the model bundle: allowed "});
        return bad;
    }

    @Test
    void aBadPresetChosenWhilePlayingIsRefusedAndTheMusicGoesOnUnchanged() throws Exception {
        Map<String, String[]> bad = badPresets();
        for (Map.Entry<String, String[]> e : bad.entrySet()) Files.writeString(dir.resolve(e.getKey()), e.getValue()[0]);
        PresetLibrary library = new PresetLibrary(Path.of("../presets/styles"), dir.resolve("user"),
                new PresetLoader(new ReferenceClips(List.of(Path.of("../presets/clips")))));
        RecordingOutput out = new RecordingOutput();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        double bpm = 240; // one bar a second
        PerformanceInput performance = SyntheticPerformance.generate(Meter.FOUR_FOUR, 8, bpm, 11);
        EngineConfig config = EngineConfig.defaults().withBpm(bpm).withControls(ControlSnapshot.DEFAULT.withEcho(1, 0));
        LiveEngine engine = new LiveEngine(config, new EchoProcessor(), List.of(out));
        try (FilePlayer player = new FilePlayer(performance, engine.inputHandler(), engine::timeline, true)) {
            ConsoleControls keys = new ConsoleControls(engine, new PrintStream(console, true, StandardCharsets.UTF_8));
            keys.presets(library, Band.standIns());
            OscCommands osc = new OscCommands(engine, library, Band.standIns());
            engine.play();
            player.start();
            keys.handle("preset bossa-nova");
            assertThat(waitFor(() -> engine.mode().equals("accompany"), 5000)).as("bossa-nova in force").isTrue();
            Style running = engine.controls().style();
            assertThat(running.name()).isEqualTo("bossa-nova");

            for (Map.Entry<String, String[]> e : bad.entrySet()) {
                Path file = dir.resolve(e.getKey());
                console.reset();
                long sentBefore = engine.metrics().eventsSent.get();
                keys.handle("preset " + file);
                String said = console.toString(StandardCharsets.UTF_8);
                assertThat(said).as(e.getKey()).startsWith("! " + file + ": ").contains(e.getValue()[1]);
                assertThat(engine.controls().style()).as(e.getKey() + ": style in force").isSameAs(running);
                // The same file from a control surface: an OSC error naming it, nothing changed.
                assertThatThrownBy(() -> osc.handle(OscCommands.ROOT + "/preset", List.of(file.toString()))).as(e.getKey())
                        .isInstanceOf(OscCommands.OscException.class).hasMessageContaining(file + ": ").hasMessageContaining(e.getValue()[1]);
                assertThat(engine.controls().style()).as(e.getKey() + ": style in force after OSC").isSameAs(running);
                assertThat(engine.mode()).as(e.getKey() + ": mode").isEqualTo("accompany");
                // Still playing: new events keep going out after the refusal.
                assertThat(waitFor(() -> engine.metrics().eventsSent.get() > sentBefore, 4000)).as(e.getKey() + ": still playing").isTrue();
            }
            console.reset();
            keys.handle("preset nonesuch");
            assertThat(console.toString(StandardCharsets.UTF_8)).startsWith("! no preset 'nonesuch'; available: ").contains("bossa-nova");
            assertThat(engine.controls().style()).isSameAs(running);
            // After all that, a good preset still goes in.
            keys.handle("preset oom-pah-band");
            assertThat(waitFor(() -> engine.controls().style().name().equals("oom-pah-band"), 2000)).isTrue();
            Thread.sleep(1500);
        } finally {
            engine.close();
        }
        System.out.printf("live preset faults: %d bad presets refused while playing, %d note-ons sent, %d processor errors, "
                + "%d hanging%n", bad.size() + 1, out.noteOns().size(), engine.metrics().processorErrors.get(), out.hangingNotes().size());
        assertThat(engine.metrics().processorErrors.get()).as("bars the running mode failed").isZero();
        assertThat(out.hangingNotes()).as("stuck notes").isEmpty();
    }

    @Test
    void liveWithABadPresetStopsBeforeStartingAndNamesFileAndField() throws Exception {
        for (Map.Entry<String, String[]> e : badPresets().entrySet()) {
            if (e.getKey().equals("needs-model.json")) continue; // with a model installed, restyle is playable
            Path file = dir.resolve(e.getKey());
            Files.writeString(file, e.getValue()[0]);
            StringWriter err = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setErr(new PrintWriter(err));
            int code = cli.execute("live", "--preset", file.toString(), "--in", "none", "--out", "none", "--no-record", "--seconds", "1");
            assertThat(code).as(e.getKey()).isEqualTo(2);
            assertThat(err.toString()).as(e.getKey()).startsWith("analogy live: " + file + ": ").contains(e.getValue()[1]);
        }
    }

    private static boolean waitFor(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(10);
        }
        return true;
    }
}
