package org.analogy.jack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code jackd -d dummy -r 48000 -p 256} for the integration tests, started and stopped by the test.
 * Tests call {@link #installed()} first and skip, with a message, on machines without jackd.
 */
final class JackServer implements AutoCloseable {

    static final int RATE = 48_000;
    static final int PERIOD = 256;

    private Process process;
    private final Path log;

    private JackServer() throws IOException {
        log = Files.createTempFile("jackd-", ".log");
    }

    static boolean installed() {
        return onPath("jackd") != null;
    }

    static final String SKIP_MESSAGE = "jackd is not on PATH: install it (Debian: apt-get install jackd2) to run the JACK tests";

    static JackServer start() throws Exception {
        JackServer server = new JackServer();
        server.startProcess();
        return server;
    }

    void startProcess() throws Exception {
        if (process != null && process.isAlive()) return;
        ProcessBuilder pb = new ProcessBuilder(onPath("jackd").toString(), "-d", "dummy", "-r", String.valueOf(RATE), "-p", String.valueOf(PERIOD));
        pb.environment().put("JACK_NO_AUDIO_RESERVATION", "1");
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        waitUntilUp();
    }

    private void waitUntilUp() throws Exception {
        Path jackWait = onPath("jack_wait");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("jackd exited at start (is another JACK server running?):\n" + Files.readString(log));
            if (jackWait != null) {
                Process p = new ProcessBuilder(jackWait.toString(), "-c").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                p.waitFor(5, TimeUnit.SECONDS);
                if (out.contains("running") && !out.contains("not running")) return;
            } else {
                Thread.sleep(1500);
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("jackd did not come up:\n" + Files.readString(log));
    }

    /** Ends the server abruptly, like a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(200); // let its shared memory and socket go
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
