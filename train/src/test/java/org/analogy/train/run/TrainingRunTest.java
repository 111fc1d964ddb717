package org.analogy.train.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run skeleton on a tiny model: budgets, periodic work on a fake clock, checkpoints, resume, the best epoch. */
class TrainingRunTest {

    @BeforeAll
    static void gradientsOnlyInsideTheCollector() {
        ai.djl.engine.Engine.getInstance();
        JniUtils.setGradMode(false);
    }

    private static TrainingRun.Plan plan(Path out, double minutes, long maxSteps, int maxEpochs, boolean resume,
                                         double validateMinutes, double checkpointMinutes, double reserveSeconds) {
        return new TrainingRun.Plan("tiny", out, minutes, maxSteps, maxEpochs, 3, TinyRegression.BATCH, resume, 1,
                checkpointMinutes, validateMinutes, reserveSeconds, 0, "./analogy train tiny --test", TinyRegression::layout);
    }

    private static Checkpoint checkpoint(Path dir) throws Exception {
        return Checkpoint.load(Checkpoint.in(dir), "tiny", TinyRegression::layout);
    }

    @Test
    void theStepBudgetStopsAtThatStepAndSavesWhereTheRunStands(@TempDir Path dir) throws Exception {
        TrainingRun.Outcome outcome = new TrainingRun().run(plan(dir, 60, 7, Integer.MAX_VALUE, false, 10, 5, 0),
                TinyRegression.factory(new ArrayList<>(), null));

        assertThat(outcome.step()).isEqualTo(7);
        Checkpoint saved = checkpoint(dir);
        assertThat(saved.step()).isEqualTo(7);
        assertThat(saved.epoch()).as("5 batches per epoch").isEqualTo(1);
        assertThat(saved.batchInEpoch()).isEqualTo(2);
        assertThat(saved.seed()).isEqualTo(3);
        assertThat(saved.commands()).containsExactly("./analogy train tiny --test");
        JsonNode metrics = new ObjectMapper().readTree(dir.resolve(TrainingRun.METRICS_FILE).toFile());
        assertThat(metrics.get("step").asLong()).isEqualTo(7);
        assertThat(metrics.get("mse").asDouble()).isEqualTo(-outcome.last().score());
        assertThat(Files.readString(dir.resolve("train.log"))).contains("step 7 epoch 1 loss ").contains("final step 7 epoch 1");
    }

    @Test
    void theWallClockBudgetLeavesTheReserveAndValidatesAndSavesOnItsClock(@TempDir Path dir) throws Exception {
        AtomicLong clock = new AtomicLong();   // each step takes one "second"
        TrainingRun.Outcome outcome = new TrainingRun(clock::get).run(plan(dir, 0.5, 0, Integer.MAX_VALUE, false, 0.2, 0.1, 5),
                TinyRegression.factory(new ArrayList<>(), clock));

        assertThat(outcome.step()).as("30 s budget, 5 s kept for the final save and validation").isEqualTo(25);
        String log = Files.readString(dir.resolve("train.log"));
        assertThat(log).contains("checkpoint step 6 ", "checkpoint step 12 ", "checkpoint step 18 ", "checkpoint step 24 ", "checkpoint step 25 ");
        assertThat(log).contains("validation step 12 mse", "validation step 24 mse").doesNotContain("validation step 6 ");
        assertThat(checkpoint(dir).trainedMillis()).isEqualTo(25_000);
    }

    @Test
    void aResumedRunRepeatsTheUninterruptedOneExactly(@TempDir Path dir) throws Exception {
        List<Float> straight = new ArrayList<>();
        new TrainingRun().run(plan(dir.resolve("straight"), 60, 12, Integer.MAX_VALUE, false, 10, 5, 0), TinyRegression.factory(straight, null));

        List<Float> interrupted = new ArrayList<>();
        Path split = dir.resolve("split");
        new TrainingRun().run(plan(split, 60, 5, Integer.MAX_VALUE, false, 10, 5, 0), TinyRegression.factory(interrupted, null));
        new TrainingRun().run(plan(split, 60, 12, Integer.MAX_VALUE, true, 10, 5, 0), TinyRegression.factory(interrupted, null));

        assertThat(interrupted).hasSize(12).isEqualTo(straight);
        Map<String, float[]> a = checkpoint(dir.resolve("straight")).weights();
        Checkpoint resumed = checkpoint(split);
        a.forEach((name, values) -> assertThat(resumed.weights().get(name)).as(name).containsExactly(values));
        assertThat(resumed.commands()).as("each invocation recorded").hasSize(2);
        assertThat(Files.readString(split.resolve("train.log"))).contains("resume tiny");
    }

    @Test
    void resumeWithNoCheckpointSaysSoAndStartsAfresh(@TempDir Path dir) throws Exception {
        TrainingRun.Outcome outcome = new TrainingRun().run(plan(dir, 60, 3, Integer.MAX_VALUE, true, 10, 5, 0),
                TinyRegression.factory(new ArrayList<>(), null));
        assertThat(outcome.step()).isEqualTo(3);
        assertThat(Files.readString(dir.resolve("train.log"))).contains("no checkpoint at", "starting afresh");
    }

    @Test
    void validatingAfterEveryEpochKeepsTheBestCheckpoint(@TempDir Path dir) throws Exception {
        TrainingRun.Outcome outcome = new TrainingRun().run(plan(dir, 60, 0, 3, false, 0, 5, 0),
                TinyRegression.factory(new ArrayList<>(), null));

        assertThat(outcome.step()).isEqualTo(15);
        assertThat(outcome.epoch()).isEqualTo(3);
        Checkpoint best = Checkpoint.load(dir.resolve(TrainingRun.BEST_FILE), "tiny", TinyRegression::layout);
        JsonNode metrics = new ObjectMapper().readTree(dir.resolve(TrainingRun.METRICS_FILE).toFile());
        assertThat(metrics.get("step").asLong()).isEqualTo(best.step());
        assertThat(metrics.get("score").asDouble()).isGreaterThanOrEqualTo(outcome.last().score());
        String log = Files.readString(dir.resolve("train.log"));
        assertThat(log).contains("validation before training", "epoch 0 done at step 5", "epoch 2 done at step 15");
    }
}
