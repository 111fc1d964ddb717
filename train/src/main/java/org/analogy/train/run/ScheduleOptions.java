package org.analogy.train.run;

import java.util.List;
import java.util.Map;

import picocli.CommandLine.Option;

/** The schedule flags the VAE trainers share: Adam's decaying learning rate, the KL warm-up and clipping. */
public final class ScheduleOptions {

    @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate at step 0 (default: ${DEFAULT-VALUE}).")
    public float lr;

    @Option(names = "--lr-decay", paramLabel = "X", description = "Learning rate factor per step (default: ${DEFAULT-VALUE}).")
    public double lrDecay;

    @Option(names = "--lr-min", paramLabel = "X", description = "Learning rate floor (default: ${DEFAULT-VALUE}).")
    public float lrMin;

    @Option(names = "--beta-max", paramLabel = "X", description = "KL weight after the warm-up (default: ${DEFAULT-VALUE}).")
    public float betaMax;

    @Option(names = "--beta-warmup", paramLabel = "STEPS", description = "Steps of the linear KL warm-up (default: ${DEFAULT-VALUE}).")
    public long betaWarmup;

    @Option(names = "--clip", paramLabel = "NORM", description = "Global gradient-norm clip (default: ${DEFAULT-VALUE}).")
    public float clip;

    /** The flags above, which a resumed run takes from its checkpoint. */
    public static final List<String> FLAGS = List.of("--lr", "--lr-decay", "--lr-min", "--beta-max", "--beta-warmup", "--clip");

    /** Their defaults, as a model's schedule has them. */
    public static Map<String, String> defaults(float lr, double lrDecay, float lrMin, float betaMax, long betaWarmup, float clip) {
        return Map.of("--lr", Float.toString(lr), "--lr-decay", Double.toString(lrDecay), "--lr-min", Float.toString(lrMin),
                "--beta-max", Float.toString(betaMax), "--beta-warmup", Long.toString(betaWarmup), "--clip", Float.toString(clip));
    }
}
