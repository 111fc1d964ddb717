package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import org.analogy.engine.midi.MidiFileBuilder;

/** The melody verbs fail with one clear line naming the problem, never a stack trace. */
class MelodyVerbErrorsTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String err) {}

    private Outcome run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Outcome(code, err.toString());
    }

    private Path melody() throws Exception {
        Path f = dir.resolve("a.mid");
        MidiFileBuilder b = new MidiFileBuilder(480).tempo(0, 100).meter(0, 4);
        b.track("melody").note(0, 60, 90, 0, 480).note(0, 62, 90, 480, 960);
        b.write(f);
        return f;
    }

    @Test
    void aMissingModelBundleNamesTheFile() throws Exception {
        Path a = melody();
        Outcome o = run("swap", "--pitch-from", a.toString(), "--rhythm-from", a.toString(), "--out", dir.resolve("o.mid").toString(),
                "--model", dir.resolve("no-such-bundle").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("manifest").contains("no-such-bundle").doesNotContain("\tat ");
    }

    @Test
    void twoChordSourcesAreRefusedBeforeAnythingLoads() throws Exception {
        Path a = melody();
        Outcome o = run("swap", "--pitch-from", a.toString(), "--rhythm-from", a.toString(), "--out", dir.resolve("o.mid").toString(),
                "--chords", "C G", "--chords-from", a.toString(), "--model", dir.resolve("no-such-bundle").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--chords and --chords-from").doesNotContain("manifest").doesNotContain("\tat ");
    }

    @Test
    void theHelpListsEachChordOptionOnce() {
        for (String verb : new String[] {"swap", "render", "live", "bench", "soak"}) {
            StringWriter out = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out));
            cli.execute(verb, "--help");
            long listed = out.toString().lines().filter(l -> l.stripLeading().startsWith("--chords=")).count();
            assertThat(listed).as(verb + " --help").isEqualTo(1);
        }
    }

    @Test
    void aCorruptBundleIsRefusedBeforeAnythingLoads() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("manifest.json"), "{ not json");
        Path a = melody();
        Outcome o = run("sample", "--like", a.toString(), "--factor", "pitch", "--out", dir.resolve("o.mid").toString(),
                "--model", bundle.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("manifest.json");
    }

    @Test
    void badChordChartsAndMissingFilesAreNamed() throws Exception {
        Path a = melody();
        Outcome chart = run("swap", "--pitch-from", a.toString(), "--rhythm-from", dir.resolve("nope.mid").toString(),
                "--out", dir.resolve("o.mid").toString());
        assertThat(chart.code()).isEqualTo(2);
        assertThat(chart.err()).contains("nope.mid");
    }
}
