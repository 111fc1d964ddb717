package org.analogy.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Random;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import org.analogy.engine.accompaniment.AccompanimentModel;
import org.analogy.engine.accompaniment.AccompanimentModelCodec;
import org.analogy.engine.accompaniment.PianoRoll;
import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.repr.GridNote;

/**
 * The shipped models answer a repeated call from memory, and that answer is the one ONNX Runtime gives: the
 * same as a model that has never seen the inputs, however the caller treats the arrays it got back.
 */
class RememberedAnswersTest {

    private static void assumeInstalled(String part) {
        Assumptions.assumeTrue(Files.isRegularFile(ModelStore.bundleDir(part).resolve("manifest.json")),
                "skipped: no " + part + " bundle installed at " + ModelStore.bundleDir(part));
    }

    private static int[] melody(Random random) {
        int[] tokens = new int[MelodyModel.STEPS];
        for (int i = 0; i < tokens.length; i++) tokens[i] = i % 2 == 0 ? 55 + random.nextInt(24) : 128 + random.nextInt(2);
        return tokens;
    }

    private static float[] chroma(int root) {
        float[] chroma = new float[MelodyModel.STEPS * MelodyModel.CHROMA];
        for (int step = 0; step < MelodyModel.STEPS; step++) {
            for (int interval : new int[]{0, 4, 7}) chroma[step * 12 + (root + interval) % 12] = 1;
        }
        return chroma;
    }

    @Test
    void aRememberedMelodyDecodeIsTheDecodersAnswer() throws Exception {
        assumeInstalled("melody");
        Random random = new Random(3);
        try (MelodyModel used = ModelStore.openMelody(null, MelodyModel.Device.CPU);
             MelodyModel fresh = ModelStore.openMelody(null, MelodyModel.Device.CPU)) {
            MelodyLatents z = used.encode(melody(random), chroma(0));
            int[] first = used.decode(z, chroma(5));
            first[0] = -1; // the caller's array is its own
            for (int other = 0; other < 3; other++) used.decode(used.encode(melody(random), chroma(other)), chroma(other));
            long runs = used.decoderRuns();
            int[] again = used.decode(z, chroma(5));
            assertThat(used.decoderRuns()).as("answered from memory").isEqualTo(runs);
            assertThat(again).isEqualTo(fresh.decode(z, chroma(5)));
            assertThat(used.decode(z, chroma(7))).as("other chords: decoded").isEqualTo(fresh.decode(z, chroma(7)));
            assertThat(used.decoderRuns()).isEqualTo(runs + 1);
            used.setRemembering(false);
            assertThat(used.decode(z, chroma(7))).isEqualTo(fresh.decode(z, chroma(7)));
            assertThat(used.decoderRuns()).as("not remembering: the decoder runs").isEqualTo(runs + 1);
        }
    }

    @Test
    void rememberedAccompanimentAnswersAreTheModelsAnswers() throws Exception {
        assumeInstalled("accompaniment");
        try (AccompanimentModel used = ModelStore.openAccompaniment(null, MelodyModel.Device.CPU);
             AccompanimentModel fresh = ModelStore.openAccompaniment(null, MelodyModel.Device.CPU)) {
            float[] form = new float[AccompanimentModel.BEATS * AccompanimentModel.CHORD_FORM];
            for (int beat = 0; beat < AccompanimentModel.BEATS; beat++) form[beat * AccompanimentModel.CHORD_FORM + beat % 3] = 1;
            int[][] roll = new int[AccompanimentModel.STEPS][AccompanimentModel.PITCHES];
            for (int step = 0; step < AccompanimentModel.STEPS; step += 4) {
                roll[step][48] = 4;
                roll[step][55 + step % 8] = 2;
            }
            float[] zc = used.encodeChords(form);
            float[] zt = used.encodeTexture(roll);
            int[][] decoded = used.decode(zc, zt);
            decoded[0] = new int[AccompanimentModel.PITCHES]; // the caller's arrays are its own
            assertThat(used.encodeChords(form)).isEqualTo(fresh.encodeChords(form));
            assertThat(used.encodeTexture(roll)).isEqualTo(fresh.encodeTexture(roll));
            assertThat(used.decode(zc, zt)).isDeepEqualTo(fresh.decode(zc, zt));
            float[] other = zt.clone();
            other[0] += 0.5f;
            assertThat(used.decode(zc, other)).isDeepEqualTo(fresh.decode(zc, other));

            AccompanimentModelCodec codec = new AccompanimentModelCodec(used);
            List<GridNote> first = codec.decode(zc, zt);
            assertThat(codec.decode(zc, other)).isEqualTo(PianoRoll.toNotes(fresh.decode(zc, other), AccompanimentModelCodec.DECODED_VELOCITY));
            assertThat(codec.decode(zc, zt)).as("from memory").isSameAs(first)
                    .isEqualTo(PianoRoll.toNotes(fresh.decode(zc, zt), AccompanimentModelCodec.DECODED_VELOCITY));
        }
    }
}
