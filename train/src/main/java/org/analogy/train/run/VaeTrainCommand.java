package org.analogy.train.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import ai.djl.ndarray.types.Shape;
import picocli.CommandLine.Mixin;

/**
 * The trainers of the two VAEs (melody, accompaniment): on top of the shared flags, the schedule flags
 * ({@link ScheduleOptions}) and validation on a clock over a fixed subset of windows ({@link ValidationOptions}).
 */
public abstract class VaeTrainCommand<B> extends TrainCommand<B> {

    @Mixin
    protected ValidationOptions validation;

    @Mixin
    protected ScheduleOptions flags;

    protected VaeTrainCommand(String kind, Function<int[], Map<String, Shape>> layoutOf) {
        super(kind, layoutOf);
    }

    /** The shared, validation and schedule defaults of one model; it adds its own flags' defaults. */
    protected static Map<String, String> defaults(String out, double minutes, int batch, int logEvery,
                                                  float lr, double lrDecay, float lrMin, float betaMax, long betaWarmup, float clip) {
        Map<String, String> v = RunOptions.defaults(out, minutes, batch, logEvery);
        v.putAll(ValidationOptions.DEFAULTS);
        v.putAll(ScheduleOptions.defaults(lr, lrDecay, lrMin, betaMax, betaWarmup, clip));
        return v;
    }

    /** The model's own flags, beyond the schedule's, that a resumed run takes from its checkpoint. */
    protected abstract List<String> ownSettingsFlags();

    @Override
    protected final List<String> settingsFlags() {
        List<String> all = new ArrayList<>(ScheduleOptions.FLAGS);
        all.addAll(ownSettingsFlags());
        return all;
    }

    /** The model's own flag checks. */
    protected void checkModel() {
    }

    @Override
    protected final void check() {
        validation.check();
        checkModel();
        run.data();
    }

    @Override
    protected double validateMinutes() {
        return validation.validateMinutes();
    }
}
