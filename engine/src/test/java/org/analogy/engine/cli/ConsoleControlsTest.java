package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.schedule.RecordingOutput;

/** Console garbage: binary, endless lines, escape sequences; the console keeps listening and never echoes them raw. */
class ConsoleControlsTest {

    @Test
    void garbageIsSkippedInBoundedLinesAndTheNextCommandStillWorks() throws Exception {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(120), new EchoProcessor(), List.of(new RecordingOutput()))) {
            ConsoleControls console = new ConsoleControls(engine, new PrintStream(said, true, StandardCharsets.UTF_8));
            byte[] binary = new byte[200_000];
            new Random(3).nextBytes(binary);
            for (int i = 0; i < binary.length; i++) if (binary[i] == '\n') binary[i] = 'x'; // one endless line
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            input.writeBytes(binary);
            input.writeBytes("\n\u001b[2J\u001b]0;owned\u0007boom\nbpm 97\n".getBytes(StandardCharsets.UTF_8));
            console.listen(new ByteArrayInputStream(input.toByteArray()));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Math.abs(engine.timeline().bpm() - 97) > 1e-6 && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(engine.timeline().bpm()).isCloseTo(97.0, org.assertj.core.api.Assertions.within(1e-6));
        }
        String text = said.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("a line longer than " + ConsoleControls.MAX_LINE + " characters was ignored");
        // The leading escape is trimmed as blank, the others shown as '?': nothing reaches the terminal raw.
        assertThat(text).contains("unknown command '[2J?]0;owned?boom'").doesNotContain("\u001b");
    }
}
