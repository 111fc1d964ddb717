package org.analogy.engine.accompaniment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class AccompanimentCodecTest {

    private static final int PER = 1 + AccompanimentTensors.DURATION_BITS;

    @Test
    void textureInputMarksOnsetsAndScaledDurations() {
        int[][] roll = new int[32][128];
        roll[0][60] = 8;
        roll[5][64] = 40;   // longer than the cap: written as 32
        float[] input = new float[AccompanimentTensors.TEXTURE_INPUT_SIZE + 3];
        java.util.Arrays.fill(input, 7f);

        AccompanimentTensors.textureInput(roll, 0, input, 3);

        int durationChannel = 3 + 32 * 128;
        assertThat(input[3 + 60]).isEqualTo(1f);
        assertThat(input[durationChannel + 60]).isEqualTo(8f / 32);
        assertThat(input[3 + 5 * 128 + 64]).isEqualTo(1f);
        assertThat(input[durationChannel + 5 * 128 + 64]).isEqualTo(1f);
        assertThat(input[0]).as("values before the offset are left alone").isEqualTo(7f);
        double total = 0;
        for (int i = 3; i < input.length; i++) total += input[i];
        assertThat(total).as("nothing else is set").isEqualTo(2 + 8f / 32 + 1, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void shiftedTextureMovesPitchesAndDropsThoseLeavingTheRange() {
        int[][] roll = new int[32][128];
        roll[2][126] = 4;
        roll[3][10] = 4;
        float[] input = new float[AccompanimentTensors.TEXTURE_INPUT_SIZE];

        AccompanimentTensors.textureInput(roll, 3, input, 0);

        assertThat(input[3 * 128 + 13]).isEqualTo(1f);
        float sum = 0;
        for (int i = 0; i < 32 * 128; i++) sum += input[i];
        assertThat(sum).as("the note shifted past 127 is dropped").isEqualTo(1f);
    }

    @Test
    void durationBitsCoverOneToThirtyTwo() {
        float[] bits = new float[5];
        for (int duration = 1; duration <= 32; duration++) {
            AccompanimentTensors.durationBits(duration, bits, 0);
            int code = 0;
            for (int b = 0; b < 5; b++) code |= (bits[b] > 0.5f ? 1 : 0) << b;
            assertThat(code + 1).isEqualTo(duration);
        }
        AccompanimentTensors.durationBits(99, bits, 0);
        assertThat(bits).containsExactly(1f, 1f, 1f, 1f, 1f);
        AccompanimentTensors.durationBits(0, bits, 0);
        assertThat(bits).as("no note is shorter than one step").containsExactly(0f, 0f, 0f, 0f, 0f);
    }

    @Test
    void rollSurvivesTheRoundTripThroughTargetsAndLogits() {
        SplittableRandom random = new SplittableRandom(4);
        int[][] roll = new int[32][128];
        for (int i = 0; i < 200; i++) roll[random.nextInt(32)][random.nextInt(128)] = 1 + random.nextInt(32);
        int offset = 11;
        float[] logits = new float[offset + 32 * 128 * PER];
        java.util.Arrays.fill(logits, -3f);
        float[] bits = new float[5];
        for (int step = 0; step < 32; step++) {
            for (int pitch = 0; pitch < 128; pitch++) {
                int base = offset + (step * 128 + pitch) * PER;
                if (roll[step][pitch] == 0) continue;
                logits[base] = 2f;
                AccompanimentTensors.durationBits(roll[step][pitch], bits, 0);
                for (int b = 0; b < 5; b++) logits[base + 1 + b] = bits[b] > 0 ? 1.5f : -1.5f;
            }
        }

        assertThat(AccompanimentTensors.roll(logits, offset)).isDeepEqualTo(roll);
        assertThat(PianoRoll.onsetCount(AccompanimentTensors.roll(logits, offset))).isEqualTo(PianoRoll.onsetCount(roll));
    }

    @Test
    void onsetThresholdDecidesWhichNotesStart() {
        float[] logits = new float[32 * 128 * PER];
        java.util.Arrays.fill(logits, -1f);
        logits[60 * PER] = -0.5f;   // step 0, pitch 60: below 0 but above −1
        logits[(128 + 62) * PER] = 0.5f;

        assertThat(PianoRoll.onsetCount(AccompanimentTensors.roll(logits, 0))).isEqualTo(1);
        int[][] lenient = AccompanimentTensors.roll(logits, 0, -0.75f);
        assertThat(PianoRoll.onsetCount(lenient)).isEqualTo(2);
        assertThat(lenient[0][60]).as("all bits off: one step").isEqualTo(1);
    }
}
