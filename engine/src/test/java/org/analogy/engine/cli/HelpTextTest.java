package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code --help} reads well at any terminal width: picocli wraps, the sources never break a sentence. */
class HelpTextTest {

    @Test
    void noDescriptionIsBrokenMidSentenceByAHardLineBreak() {
        CommandLine root = Main.commandLine();
        List<CommandSpec> specs = new ArrayList<>();
        specs.add(root.getCommandSpec());
        root.getSubcommands().values().forEach(c -> specs.add(c.getCommandSpec()));
        List<String> broken = new ArrayList<>();
        for (CommandSpec spec : specs) {
            check(spec.name(), spec.usageMessage().description(), broken);
            for (OptionSpec o : spec.options()) check(spec.name() + " " + o.longestName(), o.description(), broken);
        }
        assertThat(broken).as("description lines ending mid-sentence").isEmpty();
    }

    @Test
    void helpWrapsToTheTerminalWidth() {
        assertThat(Main.commandLine().getCommandSpec().usageMessage().autoWidth()).isTrue();
    }

    private static void check(String where, String[] lines, List<String> broken) {
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i].strip();
            // A line followed by another must end a sentence or a paragraph; an empty line is a paragraph break.
            if (!line.isEmpty() && !line.matches(".*[.:)!?]$")) broken.add(where + ": " + line);
        }
    }
}
