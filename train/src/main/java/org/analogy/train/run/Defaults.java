package org.analogy.train.run;

import java.util.Map;

import picocli.CommandLine;

/**
 * A command whose option defaults are its model's own (a trainer's batch size, an exporter's bundle folder):
 * option name → default, given to picocli as the command's default provider.
 */
public interface Defaults {

    Map<String, String> defaults();

    /** Installs the defaults of every {@link Defaults} command in the tree below {@code cli}. */
    static CommandLine install(CommandLine cli) {
        if (cli.getCommand() instanceof Defaults d) {
            Map<String, String> values = d.defaults();
            cli.setDefaultValueProvider(arg -> arg instanceof CommandLine.Model.OptionSpec o ? values.get(o.longestName()) : null);
        }
        cli.getSubcommands().values().forEach(Defaults::install);
        return cli;
    }
}
