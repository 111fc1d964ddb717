package org.analogy.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise, checked: from a fresh clone, {@code ./analogy} builds itself on first use and every
 * verb works from any directory. The clone is of the committed HEAD, as a user would get it.
 */
class LauncherIT {

    @TempDir
    static Path work;
    static Path clone;

    record Run(int exitCode, String output) {}

    @BeforeAll
    static void cloneRepository() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent();
        // A worktree has a .git file rather than a directory; both can be cloned.
        assumeTrue(Files.exists(repo.resolve(".git")), "not a git checkout: the fresh-clone test needs one");
        clone = work.resolve("analogy");
        Run cloned = run(work, List.of("git", "clone", "-q", repo.toUri().toString(), clone.toString()), 120);
        assertThat(cloned.exitCode()).as(cloned.output()).isZero();
    }

    static Run run(Path dir, List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        // Output goes to a file, so waiting is bounded by the timeout and not by the child closing its output.
        Path log = Files.createTempFile(work, "run", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("ANALOGY_HOME_DIR", work.resolve("home").toString());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            stopTree(p);
            throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command + "\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Stops a process and everything it started (the launcher starts Maven and a JVM). */
    static void stopTree(Process p) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** Runs a command that does not end by itself: its output lines up to the one starting with {@code until}, then stops it. */
    static List<String> firstLines(Path dir, List<String> command, String until, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("ANALOGY_HOME_DIR", work.resolve("home").toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.startsWith(until)) return;
                }
            } catch (IOException ignored) {
                // the process was stopped
            }
        });
        reader.start();
        reader.join(timeoutSeconds * 1000L);
        stopTree(p);
        synchronized (lines) {
            assertThat(lines).as("output until '" + until + "'").anyMatch(l -> l.startsWith(until));
            return lines.stream().filter(l -> !l.contains("WARNING")).toList();
        }
    }

    static Run analogy(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(clone.resolve("analogy").toString());
        command.addAll(List.of(args));
        return run(dir, command, 600);
    }

    @Test
    void buildsOnFirstUseAndWorksFromAnyDirectory() throws Exception {
        Run help = analogy(work, "--help");
        assertThat(help.exitCode()).as(help.output()).isZero();
        assertThat(help.output()).contains("building").contains("live", "render", "devices", "bench");

        for (String verb : List.of("live", "render", "devices", "bench")) {
            Run verbHelp = analogy(work, verb, "--help");
            assertThat(verbHelp.exitCode()).as(verbHelp.output()).isZero();
            assertThat(verbHelp.output()).startsWith("Usage: analogy " + verb).doesNotContain("building");
        }

        Run devices = analogy(work, "devices");
        assertThat(devices.output()).contains("Outputs:", "synth");

        Path demo = clone.resolve("engine/src/main/resources/org/analogy/engine/demo/demo-melody.mid");
        Path out = work.resolve("echo.mid");
        Run render = analogy(work, "render", "--in", demo.toString(), "--out", out.toString(), "--echo-bars", "2");
        assertThat(render.exitCode()).as(render.output()).isZero();
        assertThat(out).isNotEmptyFile();

        Run live = analogy(work, "live", "--seconds", "4", "--out", "none", "--bpm", "240", "--record", work.resolve("rec.mid").toString());
        assertThat(live.exitCode()).as(live.output()).isZero();
        assertThat(live.output()).contains("bar ", "recording →");
        assertThat(work.resolve("rec.mid")).isNotEmptyFile();

        // No verb and no display: one line says so, then the headless live engine runs (the demo: no controller here).
        List<String> headless = firstLines(work, List.of(clone.resolve("analogy").toString()), "analogy live:", 120);
        assertThat(headless.get(0)).isEqualTo("analogy: the performance window cannot open (no display: DISPLAY is not set);"
                + " running the headless live engine instead");
        assertThat(headless).anyMatch(line -> line.startsWith("analogy live: demo melody"));

        Run bad = analogy(work, "render", "--in", work.resolve("missing.mid").toString(), "--out", out.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.output()).contains("missing.mid").doesNotContain("Exception");
    }
}
