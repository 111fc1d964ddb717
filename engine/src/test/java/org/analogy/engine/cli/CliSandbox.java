package org.analogy.engine.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * Runs {@code ./analogy} verbs in-process as a user would, each test with a user folder of its own and
 * standard output captured. Register as an instance field: {@code @RegisterExtension CliSandbox cli = new
 * CliSandbox(() -> dir.resolve("home"))}, where {@code dir} is the test's {@code @TempDir}.
 */
final class CliSandbox implements BeforeEachCallback, AfterEachCallback {

    /** One run: its exit code, what it printed, what it wrote to standard error. */
    record Outcome(int code, String out, String err) {}

    private final Supplier<Path> userDir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream stdout;

    CliSandbox(Supplier<Path> userDir) {
        this.userDir = userDir;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        System.setProperty("analogy.userDir", userDir.get().toString());
        stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.clearProperty("analogy.userDir");
        System.setOut(stdout);
    }

    Outcome run(String... args) {
        out.reset();
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
