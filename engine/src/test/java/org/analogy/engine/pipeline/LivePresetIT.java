package org.analogy.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.accompaniment.PatternAccompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.model.TokenCodec;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.schedule.RecordingOutput;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.transform.Factor;

/** Presets through the live control API, in real time: mode, chords and programs follow, nothing hangs. */
class LivePresetIT {

    @Test
    void applyingPresetsSwitchesModeAndChordsAtBarLinesWithNothingHanging() throws Exception {
        PresetLibrary library = new PresetLibrary(Path.of("../presets/styles"), Path.of("target/no-user-presets"),
                new PresetLoader(new ReferenceClips(List.of(Path.of("../presets/clips")))));
        Band band = Band.builder().melody(new TokenCodec(), org.analogy.engine.transform.AttributeOffsets.NONE).build();
        Preset bossa = library.find("bossa-nova");
        Preset march = library.find("oom-pah-band");
        RecordingOutput out = new RecordingOutput();
        try (LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(240), new EchoProcessor(), List.of(out))) {
            engine.play();
            Thread.sleep(600);
            engine.applyPreset(bossa, band);
            // At 240 BPM a bar is 1 s: the change lands at the next bar line, and on a busy machine a bar may be
            // covered before the first one is generated, so wait for the program change rather than a fixed time.
            awaitSent(out, 0xC1, 24);
            assertThat(engine.mode()).isEqualTo("accompany");
            assertThat(engine.controls().style().name()).isEqualTo("bossa-nova");
            assertThat(List.of("Dm7", "G7", "Cmaj7", "Em7", "A7")).contains(engine.chordInUse().toSymbol());
            synchronized (out.sent) {
                assertThat(out.sent).anyMatch(s -> s.status() == 0xC1 && s.data1() == 24); // nylon guitar on channel 2
            }
            engine.applyPreset(march, band);
            engine.updateStyle(s -> s.withTransform(Factor.TEXTURE, s.transform(Factor.TEXTURE)));
            awaitSent(out, 0xC1, 58);
            assertThat(List.of("C", "G7")).contains(engine.chordInUse().toSymbol());
            synchronized (out.sent) {
                assertThat(out.sent).anyMatch(s -> s.status() == 0xC1 && s.data1() == 58); // tuba
            }
            assertThat(engine.chordInUse()).isNotEqualTo(Chord.NONE);
        }
        assertThat(out.hangingNotes()).isEmpty();
    }

    private static void awaitSent(RecordingOutput out, int status, int data1) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (out.sent) { // the engine's output thread adds meanwhile
                if (out.sent.stream().anyMatch(s -> s.status() == status && s.data1() == data1)) break;
            }
            Thread.sleep(50);
        }
        Thread.sleep(300); // and the chord of that bar in use
    }
}
