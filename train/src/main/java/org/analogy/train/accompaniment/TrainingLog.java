package org.analogy.train.accompaniment;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Flags of the training mains, and a log that goes to stdout and is appended to {@code OUT/train.log}. */
final class TrainingLog implements AutoCloseable {

    private final PrintWriter file;

    TrainingLog(Path runDirectory) throws IOException {
        Files.createDirectories(runDirectory);
        file = new PrintWriter(Files.newBufferedWriter(runDirectory.resolve("train.log"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
    }

    void say(String line) {
        System.out.println(line);
        file.println(line);
    }

    @Override
    public void close() {
        file.close();
    }

    /** {@code --name value} pairs; {@code --resume} and {@code --help} take no value. */
    static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + arg);
            String name = arg.substring(2);
            if (name.equals("resume") || name.equals("help")) flags.put(name, "true");
            else if (i + 1 < args.length) flags.put(name, args[++i]);
            else throw new IllegalArgumentException(arg + " needs a value");
        }
        return flags;
    }

    static long residentMegabytes() {
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
