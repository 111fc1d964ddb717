package org.analogy.engine.process;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.analogy.engine.band.Band;

/** The performance modes by name, as the CLI, presets and the control surface select them. */
public final class Modes {

    private static final Map<String, Function<Band, BarProcessor>> MODES = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        add("echo", i -> new EchoProcessor(), "your bar played back 1, 2 or 4 bars later");
        add("accompany", AccompanyProcessor::new, "you play the melody; the next bar's chords and accompaniment arrive on its downbeat");
        add("restyle", RestyleProcessor::new, "your last two bars come back in the next two, re-composed and re-harmonised");
        add("looper", LooperProcessor::new, "records 2–8 bars, then loops them decoded afresh from the current transforms");
        add("answer", AnswerProcessor::new, "accompany; when you rest a bar the band answers your phrase, and stops when you play again");
    }

    private Modes() {}

    private static void add(String name, Function<Band, BarProcessor> factory, String description) {
        MODES.put(name, factory);
        DESCRIPTIONS.put(name, description);
    }

    /** A mode that needs no model (echo, accompany with reference textures). */
    public static BarProcessor create(String name) {
        return create(name, Band.standIns());
    }

    public static BarProcessor create(String name, Band band) {
        Function<Band, BarProcessor> mode = MODES.get(name.toLowerCase(Locale.ROOT));
        if (mode == null) {
            throw new IllegalArgumentException("unknown mode '" + name + "'; available: " + String.join(", ", names()));
        }
        // Every mode plays with the band around it; a style without band parts passes straight through.
        return new BandProcessor(mode.apply(band), band);
    }

    public static boolean exists(String name) {
        return MODES.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** True when the mode decodes melodies and so needs the melody model. */
    public static boolean needsMelodyModel(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("restyle") || n.equals("looper") || n.equals("answer");
    }

    /**
     * True when the mode plays only in 4/4: its models take 2-bar windows of 32 sixteenths, and were trained
     * on 4/4 songs only. Echo (and any processor that is not one of the model modes) plays in any meter.
     */
    public static boolean fourFourOnly(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("accompany") || n.equals("restyle") || n.equals("looper") || n.equals("answer");
    }

    /**
     * Refuses, in one line, a mode that cannot play in this meter; checked where a run starts and where the
     * mode or the meter is switched, so a 3/4 piece never runs into a failure per bar.
     *
     * @throws IllegalArgumentException naming the mode and the meter
     */
    public static void requireMeter(String name, org.analogy.engine.time.Meter meter) {
        if (meter.stepsPerBar() != 16 && fourFourOnly(name)) {
            throw new IllegalArgumentException("mode " + name.toLowerCase(Locale.ROOT) + " plays in 4/4 only (its models"
                    + " work on 4/4 bars), and this is " + meter + ": use --mode echo, or a piece in 4/4");
        }
    }

    public static String describe(String name) {
        return DESCRIPTIONS.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }

    public static Iterable<String> names() {
        return MODES.keySet();
    }
}
