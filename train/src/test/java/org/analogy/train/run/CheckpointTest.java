package org.analogy.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one checkpoint format: a round trip, refusals of foreign and damaged files, and the formats it replaced. */
class CheckpointTest {

    private static Map<String, float[]> values(Map<String, Shape> layout, float base) {
        Map<String, float[]> values = new LinkedHashMap<>();
        layout.forEach((name, shape) -> {
            float[] v = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < v.length; i++) v[i] = base + i * 0.25f;
            values.put(name, v);
        });
        return values;
    }

    private static final Map<String, Shape> LAYOUT = TinyRegression.layout(new int[]{4});

    private static Checkpoint sample() {
        return new Checkpoint("tiny", new int[]{4}, new byte[]{1, 2, 3}, List.of("first", "second"), 9, 16, 1234, 5, 6, 777,
                values(LAYOUT, 1), values(LAYOUT, 2), values(LAYOUT, 3));
    }

    @Test
    void everyFieldSurvivesARoundTrip(@TempDir Path dir) throws Exception {
        Checkpoint original = sample();
        original.save(dir.resolve("c.bin"), LAYOUT);
        Checkpoint read = Checkpoint.load(dir.resolve("c.bin"), "tiny", TinyRegression::layout);

        assertThat(read.kind()).isEqualTo("tiny");
        assertThat(read.sizes()).containsExactly(4);
        assertThat(read.settings()).containsExactly(1, 2, 3);
        assertThat(read.commands()).containsExactly("first", "second");
        assertThat(read.commandLine()).isEqualTo("first ; second");
        assertThat(List.of(read.seed(), (long) read.batchSize(), read.step(), (long) read.epoch(), (long) read.batchInEpoch(), read.trainedMillis()))
                .containsExactly(9L, 16L, 1234L, 5L, 6L, 777L);
        for (String name : LAYOUT.keySet()) {
            assertThat(read.weights().get(name)).containsExactly(original.weights().get(name));
            assertThat(read.adamFirst().get(name)).containsExactly(original.adamFirst().get(name));
            assertThat(read.adamSecond().get(name)).containsExactly(original.adamSecond().get(name));
        }
        assertThat(Files.list(dir)).as("no temporary file left").containsExactly(dir.resolve("c.bin"));
    }

    @Test
    void anotherModelsCheckpointIsRefusedByName(@TempDir Path dir) throws Exception {
        sample().save(dir.resolve("c.bin"), LAYOUT);
        assertThatThrownBy(() -> Checkpoint.load(dir.resolve("c.bin"), "melody", TinyRegression::layout))
                .isInstanceOf(IOException.class).hasMessageContaining("holds a tiny checkpoint, not melody");
    }

    @Test
    void damagedFilesAreRefusedWithAReason(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.bin");
        sample().save(file, LAYOUT);
        byte[] bytes = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> Checkpoint.load(file, "tiny", TinyRegression::layout)).hasMessageContaining("truncated");

        byte[] hugeSizes = bytes.clone();
        int sizesAt = 8 + 2 + "tiny".length();   // magic, UTF length, kind
        hugeSizes[sizesAt] = 0x7f;
        Files.write(file, hugeSizes);
        assertThatThrownBy(() -> Checkpoint.load(file, "tiny", TinyRegression::layout))
                .isInstanceOf(IOException.class).hasMessageContaining("sizes in the header").hasMessageContaining("not a valid checkpoint");

        Files.write(file, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertThatThrownBy(() -> Checkpoint.load(file, "tiny", TinyRegression::layout)).hasMessageContaining("not a training checkpoint");
    }

    @Test
    void melodyCheckpointsOfTheFormerFormatLoad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old-melody.bin");
        byte[] schedule = new byte[LegacyCheckpoints.MELODY_SCHEDULE_BYTES];
        Arrays.fill(schedule, (byte) 7);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeLong(LegacyCheckpoints.MELODY_FORMAT_1);
            for (int size : new int[]{4, 4, 4, 4, 4}) out.writeInt(size);
            out.write(schedule);
            out.writeLong(1);          // seed
            out.writeInt(128);         // batch
            out.writeLong(599);        // step
            out.writeInt(1);           // epoch
            out.writeInt(200);         // batch in epoch
            out.writeLong(5_000_000);  // trained ms
            org.analogy.train.nn.NamedWeights.write(out, values(LAYOUT, 1), LAYOUT);
            out.writeBoolean(true);
            org.analogy.train.nn.NamedWeights.write(out, values(LAYOUT, 2), LAYOUT);
            org.analogy.train.nn.NamedWeights.write(out, values(LAYOUT, 3), LAYOUT);
        }
        Checkpoint read = Checkpoint.load(file, "melody", sizes -> LAYOUT);
        assertThat(read.sizes()).containsExactly(4, 4, 4, 4, 4);
        assertThat(read.settings()).containsExactly(schedule);
        assertThat(read.commands()).isEmpty();
        assertThat(read.step()).isEqualTo(599);
        assertThat(read.batchInEpoch()).isEqualTo(200);
        assertThat(read.adamSecond().get("lin.b")).containsExactly(values(LAYOUT, 3).get("lin.b"));
    }

    @Test
    void accompanimentCheckpointsOfTheFormerFormatLoadWithTheirCommands(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old-accompaniment.bin");
        byte[] schedule = new byte[LegacyCheckpoints.ACCOMPANIMENT_SCHEDULE_BYTES];
        Arrays.fill(schedule, (byte) 3);
        java.io.ByteArrayOutputStream settings = new java.io.ByteArrayOutputStream();
        try (DataOutputStream s = new DataOutputStream(settings)) {
            s.write(schedule);
            s.writeUTF("TrainAccompaniment --minutes 110 ; TrainAccompaniment --minutes 52 --resume");
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeLong(LegacyCheckpoints.PACKAGE_FORMAT_1);
            out.writeUTF("accompaniment");
            out.writeInt(1);
            out.writeInt(4);
            out.writeInt(settings.size());
            out.write(settings.toByteArray());
            out.writeLong(1);
            out.writeInt(64);
            out.writeLong(8261);
            out.writeInt(8);
            out.writeInt(40);
            out.writeLong(4_000_000);
            org.analogy.train.nn.NamedWeights.write(out, values(LAYOUT, 1), LAYOUT);
            org.analogy.train.nn.NamedWeights.write(out, values(LAYOUT, 2), LAYOUT);
            org.analogy.train.nn.NamedWeights.write(out, values(LAYOUT, 3), LAYOUT);
        }
        Checkpoint read = Checkpoint.load(file, "accompaniment", TinyRegression::layout);
        assertThat(read.settings()).containsExactly(schedule);
        assertThat(read.commands()).containsExactly("TrainAccompaniment --minutes 110", "TrainAccompaniment --minutes 52 --resume");
        assertThat(read.step()).isEqualTo(8261);
        assertThat(read.weights().get("lin.w")).containsExactly(values(LAYOUT, 1).get("lin.w"));
    }
}
