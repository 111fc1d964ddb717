package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.midi.MidiFileBuilder;

/** Numbers, files and meters on the command line as a hostile user gives them: one line each, exit code 2. */
class HostileCommandLineTest {

    @TempDir
    Path dir;
    @RegisterExtension
    CliSandbox cli = new CliSandbox(() -> dir.resolve("home"));

    @Test
    void durationsPastAYearOrNotANumberAreRefused() {
        for (String seconds : new String[] {"1e10", "-1", "NaN", "Infinity"}) {
            CliSandbox.Outcome o = cli.run("live", "--in", "demo", "--out", "none", "--seconds", seconds);
            assertThat(o.code()).as("--seconds %s", seconds).isEqualTo(2);
            assertThat(o.err()).as("--seconds %s", seconds).contains("--seconds").contains("one year").doesNotContain("\tat ");
        }
        CliSandbox.Outcome soak = cli.run("soak", "--minutes", "1e12");
        assertThat(soak.code()).isEqualTo(2);
        assertThat(soak.err()).contains("--minutes");
    }

    @Test
    void aNonNumericOscAllowIsRefusedBeforeAnythingStarts() {
        CliSandbox.Outcome o = cli.run("live", "--in", "demo", "--out", "none", "--seconds", "1", "--osc", "0", "--osc-allow", "example.org");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--osc-allow example.org: not a numeric address");
    }

    @Test
    void aWaltzInAFourFourModeIsRefusedAtStartAndEchoPlaysIt() throws Exception {
        Path waltz = dir.resolve("waltz.mid");
        MidiFileBuilder b = new MidiFileBuilder(480).tempo(0, 120).meter(0, 3);
        b.track("melody").note(0, 60, 90, 0, 480).note(0, 64, 90, 480, 960).note(0, 67, 90, 960, 1440)
                .note(0, 72, 90, 1440, 2400);
        b.write(waltz);
        for (String mode : new String[] {"accompany", "restyle", "looper"}) {
            CliSandbox.Outcome o = cli.run("render", "--in", waltz.toString(), "--out", dir.resolve(mode + ".mid").toString(), "--mode", mode);
            assertThat(o.code()).as(mode).isEqualTo(2);
            assertThat(o.err()).as(mode).contains("mode " + mode + " plays in 4/4 only").contains("3/4").doesNotContain("\tat ");
            assertThat(dir.resolve(mode + ".mid")).doesNotExist();
        }
        CliSandbox.Outcome echo = cli.run("render", "--in", waltz.toString(), "--out", dir.resolve("echo.mid").toString(), "--mode", "echo");
        assertThat(echo.code()).isZero();
        assertThat(echo.out()).contains("altered: 0 tempo event(s)");
    }

    @Test
    void theFarOffFileIsOneLineInEveryVerb() throws Exception {
        Path far = Files.write(dir.resolve("far.mid"), org.analogy.engine.midi.HostileFiles.farOffNoteOff());
        String[][] verbs = {
                {"render", "--in", far.toString(), "--out", dir.resolve("r.mid").toString()},
                {"swap", "--pitch-from", far.toString(), "--rhythm-from", far.toString(), "--out", dir.resolve("s.mid").toString()},
                {"arrange", "--chords-from", far.toString(), "--texture-from", far.toString(), "--out", dir.resolve("a.mid").toString()},
        };
        for (String[] args : verbs) {
            long started = System.nanoTime();
            CliSandbox.Outcome o = cli.run(args);
            assertThat(o.code()).as(args[0]).isEqualTo(2);
            assertThat(o.err()).as(args[0]).contains("far.mid").contains("longest song").doesNotContain("\tat ");
            assertThat(o.err().strip().lines().count()).as(args[0] + ": one line").isEqualTo(1);
            assertThat((System.nanoTime() - started) / 1e9).as(args[0] + " seconds").isLessThan(10);
        }
    }
}
