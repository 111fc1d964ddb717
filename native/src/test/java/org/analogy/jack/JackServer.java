package org.analogy.jack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Native;

/**
 * A real {@code jackd -n NAME -R -d dummy -r 48000 -p 1024} for the integration tests, started and stopped by
 * the test: real-time scheduling where it can be had, else {@code -r} (see {@link #realtime}), no sound card, and a server name of its own so it
 * never meets a JACK server the developer has running. The name reaches libjack in this JVM (our client and
 * the probes) through {@code JACK_DEFAULT_SERVER}, set with the C library's {@code setenv} because libjack
 * reads the C environment. Tests call {@link #requireInstalled()} first: on a developer's machine without
 * jackd they skip with a message; in CI ({@link #inCi()}) a missing jackd fails them, since CI is where the
 * JACK timing is proven.
 */
final class JackServer implements AutoCloseable {

    static final int RATE = 48_000;
    /**
     * Frames per cycle: 1024 (21 ms) rides out the 10–20 ms stalls a loaded 2-core machine shows, where 256
     * (5 ms) lost cycles even with a real-time server (measured: docs/red-team.md). Frame accuracy does not
     * depend on it. {@code ANALOGY_JACK_IT_PERIOD} changes it, for measuring another machine.
     */
    static final int PERIOD = Integer.parseInt(System.getenv().getOrDefault("ANALOGY_JACK_IT_PERIOD", "1024"));
    static final String SKIP_MESSAGE = "jackd is not on PATH: install it (Debian/Ubuntu: apt-get install jackd2) to run the JACK tests";

    /** The C library's setenv, for libjack's getenv. */
    private static final class LibC {
        static {
            Native.register(LibC.class, "c");
        }

        static native int setenv(String name, String value, int overwrite);
    }

    final String name;
    private final Path log;
    private Process process;

    private JackServer(String name) throws IOException {
        this.name = name;
        this.log = Files.createTempFile("jackd-", ".log");
    }

    static boolean installed() {
        return onPath("jackd") != null;
    }

    /**
     * True on the CI machine: {@code .ci/run} sets {@code ANALOGY_CI=1}, (or {@code -Danalogy.ci=true}). There,
     * what a developer's machine may skip (jackd missing, a server that could not keep time) is a failure.
     */
    static boolean inCi() {
        return "1".equals(System.getenv("ANALOGY_CI")) || Boolean.getBoolean("analogy.ci");
    }

    /** Skips the calling test without jackd on a developer's machine; fails it in CI. */
    static void requireInstalled() {
        if (installed()) return;
        if (inCi()) throw new AssertionError("CI: " + SKIP_MESSAGE + " (.ci/run installs it; the JACK timing must be proven here)");
        org.junit.jupiter.api.Assumptions.abort(SKIP_MESSAGE);
    }

    /** Ends a test whose server never kept time: skipped on a developer's machine, failed in CI. */
    static void notJudged(String why) {
        if (inCi()) throw new AssertionError("CI: " + why);
        org.junit.jupiter.api.Assumptions.abort(why);
    }

    private static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Starts a server named after this JVM and this start (so it never meets the previous test's server while
     * that one shuts down) and points every client opened from here on at it.
     */
    static JackServer start() throws Exception {
        JackServer server = new JackServer("analogy-it-" + ProcessHandle.current().pid() + "-" + STARTED.incrementAndGet());
        if (LibC.setenv("JACK_DEFAULT_SERVER", server.name, 1) != 0) throw new IllegalStateException("setenv failed");
        LibC.setenv("JACK_NO_START_SERVER", "1", 1);
        server.startProcess();
        return server;
    }

    /** Starts (again, after {@link #kill}) the jackd process and waits until clients can connect. */
    void startProcess() throws Exception {
        if (process != null && process.isAlive()) return;
        try {
            startProcess(realtime());
        } catch (IllegalStateException refused) {
            if (!realtime()) throw refused;
            if (process != null) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            // Real-time scheduling was not granted here (a container without CAP_SYS_NICE): said, and run
            // without it; a test that then cannot judge the timing says so (and fails in CI).
            realtimeRefused = true;
            System.out.println("jackd -R did not start; running it without real-time scheduling: " + refused.getMessage());
            startProcess(false);
        }
    }

    /** Set when jackd -R could not start here: every later server runs without it, and says so. */
    private static volatile boolean realtimeRefused;

    private void startProcess(boolean realtime) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(onPath("jackd").toString(), "-n", name, realtime ? "-R" : "-r",
                "-d", "dummy", "-r", String.valueOf(RATE), "-p", String.valueOf(PERIOD));
        pb.environment().put("JACK_NO_AUDIO_RESERVATION", "1");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        waitUntilUp();
    }

    private void waitUntilUp() throws Exception {
        Path jackWait = onPath("jack_wait");
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("jackd exited at start:\n" + Files.readString(log));
            if (jackWait == null) {
                Thread.sleep(1500);
                return;
            }
            Process p = new ProcessBuilder(jackWait.toString(), "-s", name, "-c").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(5, TimeUnit.SECONDS);
            if (out.contains("running") && !out.contains("not running")) return;
            Thread.sleep(100);
        }
        throw new IllegalStateException("jackd did not come up in 15 s:\n" + Files.readString(log));
    }

    /**
     * Real-time scheduling ({@code jackd -R}) when it can be had: as root (CI runs as root), or with
     * {@code ANALOGY_JACK_IT_REALTIME=1} for a user with rtprio; {@code ANALOGY_JACK_IT_REALTIME=0} forces a
     * non-real-time server. Measured on the 2-core development machine under load (docs/red-team.md): a
     * non-real-time dummy server lost cycles in most rounds, a real-time one kept time.
     */
    static boolean realtime() {
        if (realtimeRefused) return false;
        String asked = System.getenv("ANALOGY_JACK_IT_REALTIME");
        if (asked != null) return "1".equals(asked);
        return "root".equals(System.getProperty("user.name"));
    }

    /** Ends the server abruptly, like a crash: its clients get no goodbye but the broken connection. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(200); // let its shared memory and socket go
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
