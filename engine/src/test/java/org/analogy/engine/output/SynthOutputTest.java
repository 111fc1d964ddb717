package org.analogy.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MidiUnavailableException;
import org.junit.jupiter.api.Test;

class SynthOutputTest {

    @Test
    void withoutAnAudioLineItWarnsOnceAndPlaysSilently() {
        List<String> warnings = new ArrayList<>();
        SynthOutput.SilenceNotice notice = new SynthOutput.SilenceNotice(warnings::add);
        SynthOutput.SynthesizerFactory noSoundCard = () -> {
            throw new MidiUnavailableException("Can not open line");
        };

        SynthOutput first = SynthOutput.open(noSoundCard, notice);
        SynthOutput second = SynthOutput.open(noSoundCard, notice);
        first.send(0, 0x90, 60, 100);
        first.send(1, 0x80, 60, 0);

        assertThat(warnings).containsExactly("Built-in synthesizer unavailable (Can not open line): continuing without sound");
        assertThat(first.isSilent()).isTrue();
        assertThat(first.isAvailable()).isTrue();
        assertThat(first.name()).isEqualTo("Built-in synthesizer (silent)");
        assertThat(second.isSilent()).isTrue();

        first.close();
        assertThat(first.isAvailable()).isFalse();
        first.send(2, 0x90, 60, 100); // still harmless after close
    }

    @Test
    void theRealGervillNeverThrowsAtTheCaller() {
        List<String> warnings = new ArrayList<>();
        try (SynthOutput synth = SynthOutput.open(javax.sound.midi.MidiSystem::getSynthesizer,
                new SynthOutput.SilenceNotice(warnings::add))) {
            synth.send(0, 0xC0, 0, 0);
            synth.send(0, 0x90, 60, 1);
            synth.send(0, 0x80, 60, 0);
            assertThat(synth.isAvailable()).isTrue();
            // With a sound card it plays; on machines without one (like the build machines) it is silent and said so.
            assertThat(warnings).hasSize(synth.isSilent() ? 1 : 0);
        }
    }
}
