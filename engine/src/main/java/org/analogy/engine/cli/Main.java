package org.analogy.engine.cli;

import java.util.ServiceLoader;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import org.analogy.engine.control.ControlSurfaceProvider;

/**
 * {@code ./analogy}: with no verb it opens the control surface when one is installed and can open here,
 * otherwise it runs the headless live engine (the first controller, else the built-in demo input).
 */
@Command(name = "analogy", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Live music by analogy: play, and hear it come back re-styled and accompanied, in time.", "",
                "With no verb: opens the performance window (or, with no display, the live engine: first controller, else the demo).",
                "Research verbs, on their own class path: ./analogy train melody|accompaniment|predictor …, "
                        + "./analogy export melody|accompaniment|predictor …, ./analogy eval melody|accompaniment --data DIR."},
        subcommands = {LiveCommand.class, RenderCommand.class, SwapCommand.class, InterpolateCommand.class, InpaintCommand.class, ArrangeCommand.class,
                SampleCommand.class, PresetsCommand.class, PresetCommand.class, DevicesCommand.class, BenchCommand.class, SoakCommand.class,
                PluginCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        for (ControlSurfaceProvider surface : ServiceLoader.load(ControlSurfaceProvider.class)) {
            if (surface.isAvailable()) return surface.open(new String[0]);
            System.out.println("analogy: the performance window cannot open (" + surface.unavailableReason()
                    + "); running the headless live engine instead");
        }
        // The live verb with its defaults: the first controller, else the demo melody.
        return commandLine().execute("live");
    }

    /** Stack of the thread the verbs run on: far more than any native library's recursion needs. */
    static final long WORK_STACK_BYTES = 256L * 1024 * 1024;

    public static void main(String[] args) {
        Logs.configure();
        System.exit(runOnBigStack(args));
    }

    /**
     * Runs the command line on a thread with a {@link #WORK_STACK_BYTES} stack instead of the main thread's
     * 1 MB: ONNX Runtime's environment creation recursed ~12 000 native frames there when the process had a
     * command line of a few kilobytes (a long chord chart) and killed the JVM without a word. Any
     * {@code StackOverflowError} or {@code OutOfMemoryError} left over is one line and exit code 1.
     */
    static int runOnBigStack(String[] args) {
        int[] code = {1};
        Thread work = new Thread(null, () -> {
            try {
                code[0] = commandLine().execute(args);
            } catch (StackOverflowError | OutOfMemoryError e) {
                System.err.println("analogy: stopped: " + e.getClass().getSimpleName() + " (" + e.getMessage() + ")");
                code[0] = 1;
            }
        }, "analogy-main", WORK_STACK_BYTES);
        work.start();
        try {
            work.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return code[0];
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpAutoWidth(true); // --help wraps to the terminal, not at 80 columns
        cli.setUsageHelpLongOptionsMaxWidth(30);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // A user's mistake (a bad file, an unknown port) is one clear line, not a stack trace.
            commandLine.getErr().println("analogy " + commandLine.getCommandName() + ": " + UserErrors.describe(ex));
            return UserErrors.isUserError(ex) ? 2 : 1;
        });
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"analogy " + (v == null ? "(development build)" : v)};
        }
    }
}
