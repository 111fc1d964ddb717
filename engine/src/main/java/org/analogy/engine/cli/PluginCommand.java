package org.analogy.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plugin install}: copies the LV2 bundle the build made ({@code native/target/lv2/analogy.lv2}) into
 * the user's LV2 folder, and writes into it the launcher the plugin runs to start an engine by itself.
 */
@Command(name = "plugin", mixinStandardHelpOptions = true, subcommands = PluginCommand.Install.class,
        description = "The Analogy LV2 plugin for DAWs (Ardour, Reaper, Carla, Qtractor, …). See the README, \"In your DAW\".")
final class PluginCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("usage: analogy plugin install [--to DIR]   (./analogy plugin install --help)");
        return 2;
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Copies the plugin bundle analogy.lv2/ into ~/.lv2/ (or --to DIR), where LV2 hosts look for it.",
                    "The bundle's 'engine' file names this installation's ./analogy, which the plugin starts headless",
                    "when no engine is running (turn off with the plugin's 'Start engine' control or ANALOGY_PLUGIN_AUTOSTART=0)."})
    static final class Install implements Callable<Integer> {

        @Option(names = "--to", paramLabel = "DIR", description = "The LV2 folder to install into (default: ~/.lv2).")
        Path to;

        @Override
        public Integer call() throws IOException {
            Path home = Path.of(System.getProperty("analogy.home", "."));
            Path bundle = home.resolve("native/target/lv2/analogy.lv2");
            if (!Files.isRegularFile(bundle.resolve("analogy.so"))) {
                throw new IllegalArgumentException("the LV2 plugin is not built (" + bundle + " has no analogy.so): install a C compiler"
                        + " and the LV2 headers (apt-get install gcc lv2-dev), then run: mvn -f " + home.resolve("pom.xml")
                        + " -DskipTests package");
            }
            Path dir = to != null ? to : Path.of(System.getProperty("user.home"), ".lv2");
            Path target = dir.resolve("analogy.lv2");
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(bundle)) {
                for (Path f : files.toList()) {
                    Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path launcher = home.resolve("analogy").toAbsolutePath().normalize();
            Files.write(target.resolve("engine"), List.of(launcher.toString()));
            System.out.println("installed " + target + " (engine: " + launcher + ")");
            System.out.println("check with: lv2ls | grep analogy   ·   run it in JACK: jalv urn:analogy:lv2:analogy");
            return 0;
        }
    }
}
