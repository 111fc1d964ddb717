package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.midi.MidiFileBuilder;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFiles;

/** presets, preset new and render --preset, through the command line as a user runs them. */
class PresetVerbsTest {

    @TempDir
    Path dir;
    @RegisterExtension
    CliSandbox cli = new CliSandbox(() -> dir.resolve("home"));

    private CliSandbox.Outcome run(String... args) {
        return cli.run(args);
    }

    private Path texture() throws Exception {
        Path f = dir.resolve("my-groove.mid");
        MidiFileBuilder b = new MidiFileBuilder(480).tempo(0, 100).meter(0, 4);
        var t = b.track("keys");
        for (int beat = 0; beat < 8; beat++) { // C then F, a chord on every off-beat 8th
            int root = beat < 4 ? 48 : 53;
            t.note(0, root - 12, 90, beat * 480L, beat * 480L + 200);
            for (int i : new int[] {0, 4, 7}) t.note(0, root + i, 70, beat * 480L + 240, beat * 480L + 420);
        }
        b.write(f);
        return f;
    }

    private Path melody() throws Exception {
        Path f = dir.resolve("tune.mid");
        MidiFileBuilder b = new MidiFileBuilder(480).tempo(0, 110).meter(0, 4);
        var t = b.track("melody");
        int[] line = {72, 74, 76, 77, 79, 77, 76, 74, 72, 71, 72, 74, 76, 74, 72, 72};
        for (int i = 0; i < line.length; i++) t.note(0, line[i], 90, i * 480L, i * 480L + 400);
        b.write(f);
        return f;
    }

    @Test
    void presetsListsEveryFactoryPresetOnOneLine() {
        CliSandbox.Outcome o = run("presets");
        assertThat(o.code()).isZero();
        assertThat(o.out().lines().toList()).hasSizeGreaterThanOrEqualTo(12)
                .anySatisfy(l -> assertThat(l).startsWith("bossa-nova").contains("accompany").contains("ii-V-I"));
    }

    @Test
    void aUserPresetFromAClipIsWrittenListedAndRendered() throws Exception {
        CliSandbox.Outcome made = run("preset", "new", "offbeats", "--texture-from", texture().toString(), "--chords", "C Am F G");
        assertThat(made.code()).as(made.err()).isZero();
        Path file = dir.resolve("home/presets/offbeats.json");
        assertThat(file).exists();
        assertThat(dir.resolve("home/presets/clips/offbeats-texture.mid")).exists();
        assertThat(Files.readString(file)).contains("\"reference\" : \"offbeats-texture\"").contains("C Am F G");
        assertThat(run("presets").out()).contains("offbeats").contains("[yours]");

        Path rendered = dir.resolve("out.mid");
        CliSandbox.Outcome r = run("render", "--in", melody().toString(), "--preset", "offbeats", "--out", rendered.toString());
        assertThat(r.code()).as(r.err()).isZero();
        MidiFileContent content = MidiFiles.read(rendered);
        assertThat(content.track("accompaniment")).hasValueSatisfying(t -> {
            assertThat(t.notes()).hasSizeGreaterThan(20);
            // the clip's off-beat chords: most accompaniment onsets fall on an "and"
            long offbeats = t.notes().stream().filter(n -> n.startTick() % 480 == 240).count();
            assertThat(offbeats * 2).isGreaterThan(t.notes().size());
        });
        assertThat(content.track("input")).isPresent();
    }

    @Test
    void renderTakesAChartOrAChordFileOverThePresets() throws Exception {
        Path rendered = dir.resolve("chart.mid");
        CliSandbox.Outcome r = run("render", "--in", melody().toString(), "--preset", "ballad", "--chords", "Eb", "--out", rendered.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("chart: Eb");
        MidiFileContent content = MidiFiles.read(rendered);
        assertThat(content.track("accompaniment").orElseThrow().notes())
                .isNotEmpty().allSatisfy(n -> assertThat(java.util.List.of(3, 7, 10)).contains(n.pitch() % 12));
        CliSandbox.Outcome fromFile = run("render", "--in", melody().toString(), "--preset", "ballad", "--chords-from", texture().toString(),
                "--out", dir.resolve("f.mid").toString());
        assertThat(fromFile.code()).as(fromFile.err()).isZero();
        assertThat(fromFile.out()).contains("chords from my-groove.mid");
    }

    @Test
    void mistakesAreOneClearLine() throws Exception {
        CliSandbox.Outcome unknown = run("render", "--in", melody().toString(), "--preset", "nonesuch", "--out", dir.resolve("x.mid").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no preset 'nonesuch'").doesNotContain("\tat ");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"description\": \"x\", \"mode\": \"accompany\", \"output\": {\"melody\": {\"velocity\": 9}}}");
        CliSandbox.Outcome invalid = run("render", "--in", melody().toString(), "--preset", bad.toString(), "--out", dir.resolve("x.mid").toString());
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains(bad + ": output.melody.velocity 9: allowed 0.1–2");
        CliSandbox.Outcome noModel = run("render", "--in", melody().toString(), "--mode", "restyle", "--model", dir.resolve("none").toString(),
                "--out", dir.resolve("x.mid").toString());
        assertThat(noModel.code()).isEqualTo(2);
        assertThat(noModel.err()).contains("mode restyle needs the melody model");
        CliSandbox.Outcome nothing = run("preset", "new", "same");
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to change");
    }
}
