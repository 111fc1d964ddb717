package org.analogy.engine.osc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.illposed.osc.OSCMessage;
import org.junit.jupiter.api.Test;

import org.analogy.engine.accompaniment.PatternAccompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.model.TokenCodec;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.schedule.RecordingOutput;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.transform.AttributeOffsets;

/**
 * The soak's show controller sends what a real one would: its mix, handed straight to the address space,
 * reaches every part of it, and is refused only about as often as it means to make a mistake.
 */
class ShowControllerTest {

    @Test
    void theMixCoversTheAddressSpaceAndIsMostlyAccepted() throws Exception {
        PresetLibrary library = new PresetLibrary(Path.of("../presets/styles"), Path.of("target/no-user-presets"),
                new PresetLoader(new ReferenceClips(List.of(Path.of("../presets/clips")))));
        Band band = Band.builder().melody(new TokenCodec()).build();
        try (LiveEngine engine = new LiveEngine(EngineConfig.defaults(), new EchoProcessor(), List.of(new RecordingOutput()));
             ShowController controller = new ShowController(new InetSocketAddress("127.0.0.1", 9), 1, 120,
                     library.loader().clips().available(), List.copyOf(library.files().keySet()), 9)) {
            OscCommands commands = new OscCommands(engine, library, band);
            Map<String, Integer> sent = new TreeMap<>();
            Map<String, Integer> refused = new TreeMap<>();
            int messages = 3000;
            for (int i = 0; i < messages; i++) {
                OSCMessage m = controller.next();
                String kind = m.getAddress().replaceFirst("/factor/[a-z]+/", "/factor/F/");
                sent.merge(kind, 1, Integer::sum);
                try {
                    commands.handle(m.getAddress(), m.getArguments());
                } catch (OscCommands.OscException e) {
                    refused.merge(kind, 1, Integer::sum);
                }
            }
            int total = refused.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(sent.keySet()).contains("/analogy/tempo", "/analogy/state", "/analogy/preset", "/analogy/panic",
                    "/analogy/chords/chart", "/analogy/factor/F/swap", "/analogy/factor/F/slerp", "/analogy/factor/F/alpha",
                    "/analogy/factor/F/xy", "/analogy/factor/F/sample", "/analogy/factor/F/temperature",
                    "/analogy/factor/F/seed", "/analogy/factor/F/source", "/analogy/factor/F/freeze");
            // One message in ten is a deliberate mistake; knob moves after a preset switch may miss as well.
            assertThat(total).as("refused %s of %s", refused, sent).isBetween(messages / 20, messages / 5);
            assertThat(refused.getOrDefault("/analogy/factor/F/swap", 0)).isLessThan(sent.get("/analogy/factor/F/swap") / 3);
        }
    }
}
