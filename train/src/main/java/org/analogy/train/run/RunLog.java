package org.analogy.train.run;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A run's log: each line goes to stdout and is appended to {@code OUT/train.log}. */
public final class RunLog implements AutoCloseable {

    private final PrintWriter file;

    public RunLog(Path runDirectory) throws IOException {
        Files.createDirectories(runDirectory);
        file = new PrintWriter(Files.newBufferedWriter(runDirectory.resolve("train.log"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
    }

    public void say(String line) {
        System.out.println(line);
        file.println(line);
    }

    @Override
    public void close() {
        file.close();
    }

    /** Resident memory of this process in MiB, or -1 where /proc is not there. */
    public static long residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: report nothing rather than fail training
        }
        return -1;
    }
}
