package org.analogy.train.accompaniment;

import static org.analogy.train.accompaniment.AccompanimentOnnxExportTest.SMALL;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.accompaniment.AccompanimentTensors;
import org.analogy.train.data.AccompanimentWindow;
import org.analogy.train.nn.Adam;
import org.analogy.train.nn.NamedWeights;
import org.analogy.train.run.Checkpoint;

/** A small random model on synthetic windows: shapes, learning, and a resume that continues exactly. */
class AccompanimentTrainerTest {

    private static final AccompanimentSchedule SCHEDULE = new AccompanimentSchedule(3e-3f, 0.999, 1e-4f, 0.01f, 10, 10f, 1f, 2);

    @BeforeAll
    static void gradientsOnlyInsideTheCollector() {
        JniUtils.setGradMode(false);
    }

    @Test
    void tensorsHaveTheDocumentedShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AccompanimentVae model = new AccompanimentVae(NamedWeights.initialise(manager, SMALL.layout(), 1), SMALL);
            AccompanimentBatches.Batch batch = AccompanimentBatches.batchOf(windows(3, 5), new int[3]);
            NDArray chords = manager.create(batch.chordForm(), new Shape(3, 8, 36));
            NDArray texture = manager.create(batch.texture(), new Shape(3, 2, 32, 128));

            AccompanimentVae.Posterior zc = model.encodeChords(chords, false);
            AccompanimentVae.Posterior zt = model.encodeTexture(texture, false);

            assertThat(zc.mean().getShape()).isEqualTo(new Shape(3, SMALL.chordLatent()));
            assertThat(zc.logVar().getShape()).isEqualTo(new Shape(3, SMALL.chordLatent()));
            assertThat(zt.mean().getShape()).isEqualTo(new Shape(3, SMALL.textureLatent()));
            assertThat(model.decode(zc.mean(), zt.mean(), false).getShape()).isEqualTo(new Shape(3, 32, 128, 6));
            assertThat(model.chordLogits(zc.mean()).getShape()).isEqualTo(new Shape(3, 8, 36));
        }
    }

    @Test
    void lossFallsOnAFewWindows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NamedWeights weights = NamedWeights.initialise(manager, SMALL.layout(), 2);
            AccompanimentTrainer trainer = new AccompanimentTrainer(manager, new AccompanimentVae(weights, SMALL),
                    Adam.zeros(manager, weights.tensors()), SCHEDULE, 2);
            AccompanimentBatches.Batch batch = AccompanimentBatches.batchOf(windows(4, 9), new int[4]);
            float first = trainer.step(batch, 0).loss();
            float last = first;
            for (int step = 1; step < 60; step++) last = trainer.step(batch, step).loss();
            assertThat(last).as("loss after 60 steps on one batch").isLessThan(first * 0.5f);
        }
    }

    @Test
    void resumingFromACheckpointContinuesExactly(@TempDir Path dir) throws Exception {
        List<AccompanimentWindow> windows = windows(6, 3);
        AccompanimentBatches batches = new AccompanimentBatches(windows, 4, 7, true, SCHEDULE.textureShift());
        List<Float> straight = new ArrayList<>();
        Map<String, float[]> straightWeights;
        try (NDManager manager = NDManager.newBaseManager()) {
            NamedWeights weights = NamedWeights.initialise(manager, SMALL.layout(), 7);
            AccompanimentTrainer trainer = new AccompanimentTrainer(manager, new AccompanimentVae(weights, SMALL),
                    Adam.zeros(manager, weights.tensors()), SCHEDULE, 7);
            run(trainer, batches, 0, 0, 5, straight);
            straightWeights = weights.toFloatArrays();
        }

        List<Float> resumed = new ArrayList<>();
        Path file = dir.resolve("checkpoint.bin");
        try (NDManager manager = NDManager.newBaseManager()) {
            NamedWeights weights = NamedWeights.initialise(manager, SMALL.layout(), 7);
            Adam adam = Adam.zeros(manager, weights.tensors());
            AccompanimentTrainer trainer = new AccompanimentTrainer(manager, new AccompanimentVae(weights, SMALL), adam, SCHEDULE, 7);
            run(trainer, batches, 0, 0, 3, resumed);   // epoch 0 has 2 batches: stops at epoch 1, batch 1
            new Checkpoint("accompaniment", SMALL.toInts(), Checkpoint.settings(SCHEDULE::write), List.of("test"), 7, 4, 3, 1, 1, 0,
                    weights.toFloatArrays(), adam.firstMoments(), adam.secondMoments()).save(file, SMALL.layout());
        }
        Checkpoint checkpoint = TrainAccompaniment.loadCheckpoint(file);
        assertThat(TrainAccompaniment.schedule(checkpoint)).isEqualTo(SCHEDULE);
        try (NDManager manager = NDManager.newBaseManager()) {
            NamedWeights weights = NamedWeights.of(manager, SMALL.layout(), checkpoint.weights());
            Adam adam = Adam.of(manager, weights.tensors(), checkpoint.adamFirst(), checkpoint.adamSecond(), checkpoint.step());
            AccompanimentTrainer trainer = new AccompanimentTrainer(manager, new AccompanimentVae(weights, SMALL), adam, SCHEDULE, 7);
            run(trainer, batches, checkpoint.epoch(), checkpoint.batchInEpoch(), 5 - checkpoint.step(), resumed, checkpoint.step());
            assertThat(resumed).isEqualTo(straight);
            Map<String, float[]> resumedWeights = weights.toFloatArrays();
            straightWeights.forEach((name, values) -> assertThat(resumedWeights.get(name)).as(name).containsExactly(values));
        }
    }

    private static void run(AccompanimentTrainer trainer, AccompanimentBatches batches, int epoch, int skip, long steps, List<Float> losses) {
        run(trainer, batches, epoch, skip, steps, losses, 0);
    }

    /** The trainer's loop in miniature: epochs in order, resuming inside one by skipping its first batches. */
    private static void run(AccompanimentTrainer trainer, AccompanimentBatches batches, int epoch, int skip, long steps,
                            List<Float> losses, long firstStep) {
        Iterator<AccompanimentBatches.Batch> it = batches.epoch(epoch);
        for (int i = 0; i < skip; i++) it.next();
        for (long step = firstStep; step < firstStep + steps; step++) {
            if (!it.hasNext()) it = batches.epoch(++epoch);
            losses.add(trainer.step(it.next(), step).loss());
        }
    }

    /** Windows with a triad per bar and a steady pattern of that triad in the middle register. */
    static List<AccompanimentWindow> windows(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<AccompanimentWindow> windows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] form = new float[8 * 36];
            int[][] roll = new int[32][128];
            for (int bar = 0; bar < 2; bar++) {
                int root = random.nextInt(12);
                int[] tones = {root, (root + 4) % 12, (root + 7) % 12};
                for (int beat = bar * 4; beat < bar * 4 + 4; beat++) {
                    form[beat * 36 + root] = 1;
                    for (int pc : tones) form[beat * 36 + 12 + pc] = 1;
                    form[beat * 36 + 24 + root] = 1;
                }
                int every = 2 + random.nextInt(3);
                for (int step = bar * 16; step < bar * 16 + 16; step += every) roll[step][48 + tones[step % 3]] = every;
            }
            int[] melody = new int[32];
            java.util.Arrays.fill(melody, 129);
            windows.add(new AccompanimentWindow("t" + i, i, form, roll, melody));
        }
        return windows;
    }

    @Test
    void batchesKeepTargetsInPlaceWhileTheTextureInputMoves() {
        List<AccompanimentWindow> w = windows(1, 1);
        AccompanimentBatches.Batch plain = AccompanimentBatches.batchOf(w, new int[]{0});
        AccompanimentBatches.Batch shifted = AccompanimentBatches.batchOf(w, new int[]{2});
        assertThat(shifted.onsets()).containsExactly(plain.onsets());
        assertThat(shifted.chordForm()).containsExactly(plain.chordForm());
        assertThat(shifted.texture()).isNotEqualTo(plain.texture());
        float[] expected = new float[AccompanimentTensors.TEXTURE_INPUT_SIZE];
        AccompanimentTensors.textureInput(w.get(0).pianoRoll(), 2, expected, 0);
        assertThat(shifted.texture()).containsExactly(expected);
    }
}
