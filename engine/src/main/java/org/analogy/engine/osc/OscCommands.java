package org.analogy.engine.osc;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.analogy.engine.band.Band;
import org.analogy.engine.chords.ChartChords;
import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.chords.SplitKeyboardChords;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.pipeline.CaptureStage;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.Modes;
import org.analogy.engine.style.OutputSettings;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.Style;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;
import org.analogy.engine.transform.Range;
import org.analogy.engine.transform.TransformKind;

/**
 * The OSC address space: checks one message's address, argument types, count and ranges, then calls the
 * engine's control API. Anything wrong is thrown as an {@link OscException} naming the address and what is
 * allowed, before anything is changed. Runs on the OSC thread; every engine call returns at once.
 */
public final class OscCommands {

    public static final String ROOT = "/analogy";
    private static final String FACTOR = ROOT + "/factor/";
    private static final String PART = ROOT + "/part/";
    private static final Range SPLIT = new Range(1, 127);
    private static final Range ON_OFF = new Range(0, 1);
    private static final Range CHANNEL = new Range(1, 16);
    private static final Range COUNT_IN = new Range(0, 4);
    private static final Range TRANSPOSE = new Range(-24, 24);
    private static final Range VELOCITY = new Range(0.1, 2.0);
    private static final Range PORT = new Range(1, 65535);
    private static final Range SEED = new Range(Integer.MIN_VALUE, Integer.MAX_VALUE);
    private static final int XY_PAD_ARGS = 6;
    /** The arguments that set each kind up, for the hint in an error. */
    private static final Map<TransformKind, String> SETUP = Map.of(TransformKind.SLERP, "s f", TransformKind.XY, "s s s s f f",
            TransformKind.SAMPLE, "f [s]");

    /** A message that is not carried out; its text names the address and the allowed values. */
    public static final class OscException extends Exception {
        public OscException(String message) {
            super(message);
        }
    }

    /** What a message asks of the server itself rather than of the engine. */
    public sealed interface Effect permits Done, Reply, State {}

    public record Done() implements Effect {}

    public record Reply(String host, int port) implements Effect {}

    public record State() implements Effect {}

    private static final Done DONE = new Done();

    private final LiveEngine engine;
    private final PresetLibrary presets;
    private final Band band;
    /** The style the last preset brought, so that "source preset" can put a factor's transform back. */
    private volatile Style presetStyle;

    public OscCommands(LiveEngine engine, PresetLibrary presets, Band band) {
        this.engine = engine;
        this.presets = presets;
        this.band = band;
        this.presetStyle = engine.controls().style();
    }

    public Effect handle(String address, List<Object> args) throws OscException {
        switch (address) {
            case ROOT + "/play" -> { noArgs(address, args); engine.play(); }
            case ROOT + "/stop" -> { noArgs(address, args); engine.stop(); }
            case ROOT + "/continue" -> { noArgs(address, args); engine.continuePlaying(); }
            case ROOT + "/panic" -> { noArgs(address, args); engine.panic(); }
            case ROOT + "/tap" -> { noArgs(address, args); engine.tap(); }
            case ROOT + "/tempo" -> engine.setTempo(number(address, args, 0, 1, new Range(Timeline.MIN_BPM, Timeline.MAX_BPM), "BPM"));
            case ROOT + "/meter" -> {
                Meter meter = meter(address, text(address, args, 0, 1));
                try {
                    Modes.requireMeter(engine.mode(), meter);
                } catch (IllegalArgumentException e) {
                    throw new OscException(address + " " + meter + ": " + e.getMessage());
                }
                engine.setMeter(meter);
            }
            case ROOT + "/count-in" -> engine.setCountInBars(integer(address, args, 0, 1, COUNT_IN, "bars"));
            case ROOT + "/clock" -> engine.setClockSource(clock(address, text(address, args, 0, 1)));
            case ROOT + "/mode" -> mode(address, text(address, args, 0, 1));
            case ROOT + "/preset" -> preset(address, text(address, args, 0, 1));
            case ROOT + "/echo/bars" -> {
                int bars = integer(address, args, 0, 1, new Range(1, 4), "bars");
                if (bars == 3) throw new OscException(address + " 3: allowed 1, 2 or 4 bars");
                engine.updateControls(c -> c.withEcho(bars, c.echoTranspose()));
            }
            case ROOT + "/echo/transpose" -> {
                int semitones = integer(address, args, 0, 1, TRANSPOSE, "semitones");
                engine.updateControls(c -> c.withEcho(c.echoDelayBars(), semitones));
            }
            case ROOT + "/velocity" -> {
                double scale = number(address, args, 0, 1, VELOCITY, "scale");
                engine.updateControls(c -> c.withVelocityScale(scale));
            }
            case ROOT + "/reply" -> {
                String host = text(address, args, 0, 2);
                int port = integer(address, args, 1, 2, PORT, "port");
                return new Reply(host, port);
            }
            case ROOT + "/state" -> {
                noArgs(address, args);
                return new State();
            }
            case ROOT + "/chords/chart" -> {
                String chart = text(address, args, 0, 1);
                ChordSource source;
                try {
                    source = ChartChords.parse(chart);
                } catch (IllegalArgumentException e) {
                    throw new OscException(address + " '" + chart + "': " + e.getMessage());
                }
                engine.updateStyle(s -> s.withChords(source));
            }
            case ROOT + "/chords/file" -> {
                String file = text(address, args, 0, 1);
                ChordSource source;
                try {
                    source = ChartChords.fromFile(Path.of(file));
                } catch (NoSuchFileException e) {
                    throw new OscException(address + " '" + file + "': file not found");
                } catch (IOException | MidiFileException | IllegalArgumentException e) {
                    throw new OscException(address + " '" + file + "': " + e.getMessage());
                }
                engine.updateStyle(s -> s.withChords(source));
            }
            case ROOT + "/chords/keyboard" -> {
                if (args.size() != 1 && args.size() != 2) {
                    throw new OscException(address + ": takes 1 argument (split point) or 2 (split point, one-finger 0/1), got " + args.size());
                }
                int split = integer(address, args, 0, args.size(), SPLIT, "(MIDI note; middle C = 60)");
                boolean oneFinger = args.size() == 2 && integer(address, args, 1, 2, ON_OFF, "(one-finger chords)") == 1;
                engine.updateStyle(s -> s.withChords(new SplitKeyboardChords(split, oneFinger)));
            }
            case ROOT + "/chords/predicted" -> {
                noArgs(address, args);
                ChordSource predicted = band.predictedChords();
                engine.updateStyle(s -> s.withChords(predicted));
            }
            case ROOT + "/looper/bars" -> {
                int bars = integer(address, args, 0, 1, Style.LOOP_BARS, "bars");
                if (bars % 2 != 0) throw new OscException(address + " " + bars + ": allowed 2, 4, 6 or 8 bars");
                engine.updateStyle(s -> s.withLooper(bars, s.overdub()));
            }
            case ROOT + "/looper/overdub" -> {
                boolean on = integer(address, args, 0, 1, ON_OFF, "(1 overdubs, 0 plays the loop)") == 1;
                engine.updateStyle(s -> s.withLooper(s.loopBars(), on));
            }
            default -> {
                if (address.startsWith(PART)) part(address, args);
                else if (address.startsWith(FACTOR)) factor(address, args);
                else throw new OscException(address + ": unknown address; see " + ROOT + "/… in the README (e.g. "
                        + ROOT + "/tempo f, " + ROOT + "/factor/rhythm/alpha f)");
            }
        }
        return DONE;
    }

    // ---- how each generated part sounds -----------------------------------------------------------

    private void part(String address, List<Object> args) throws OscException {
        String[] parts = address.substring(PART.length()).split("/", -1);
        org.analogy.engine.process.Part part = switch (parts[0]) {
            case "melody" -> org.analogy.engine.process.Part.MELODY;
            case "accompaniment" -> org.analogy.engine.process.Part.ACCOMPANIMENT;
            case "bass" -> org.analogy.engine.process.Part.BASS;
            case "drums" -> org.analogy.engine.process.Part.DRUMS;
            default -> throw new OscException(address + ": unknown part '" + parts[0] + "'; allowed melody, accompaniment, bass, drums");
        };
        String parameter = parts.length == 2 ? parts[1] : "?";
        switch (parameter) {
            case "channel" -> {
                int channel = integer(address, args, 0, 1, CHANNEL, "") - 1;
                switch (part) {
                    case MELODY -> engine.updateControls(c -> c.withChannels(channel, c.accompanimentChannel()));
                    case ACCOMPANIMENT -> engine.updateControls(c -> c.withChannels(c.melodyChannel(), channel));
                    case BASS -> setBand(address, part, b -> b.withBass(new org.analogy.engine.style.BandSettings.Bass(channel, b.bass().sound(), b.bass().reference())));
                    default -> setBand(address, part, b -> {
                        var d = b.drums();
                        return b.withDrums(new org.analogy.engine.style.BandSettings.Drums(channel, d.sound(), d.fillEvery(), d.fill(), d.follow(), d.countIn()));
                    });
                }
            }
            case "program" -> {
                int program = integer(address, args, 0, 1, OutputSettings.PROGRAM, "(General MIDI program 0–127; −1 leaves the receiver's)");
                setOutput(address, part, o -> new OutputSettings(program, o.velocity(), o.low(), o.high()));
            }
            case "velocity", "volume" -> {
                double velocity = number(address, args, 0, 1, OutputSettings.VELOCITY, "scale");
                setOutput(address, part, o -> new OutputSettings(o.program(), velocity, o.low(), o.high()));
            }
            case "register" -> {
                int low = integer(address, args, 0, 2, OutputSettings.PITCH, "(lowest MIDI note)");
                int high = integer(address, args, 1, 2, OutputSettings.PITCH, "(highest MIDI note)");
                if (high - low < OutputSettings.MIN_SPAN) {
                    throw new OscException(address + " " + low + " " + high + ": the register must span at least "
                            + OutputSettings.MIN_SPAN + " semitones");
                }
                setOutput(address, part, o -> new OutputSettings(o.program(), o.velocity(), low, high));
            }
            case "mute" -> {
                boolean on = integer(address, args, 0, 1, new Range(0, 1), "(1 mutes, 0 unmutes)") == 1;
                setBand(address, null, b -> b.withMute(part, on));
            }
            case "solo" -> {
                boolean on = integer(address, args, 0, 1, new Range(0, 1), "(1 solos, 0 releases)") == 1;
                setBand(address, null, b -> b.withSolo(part, on));
            }
            default -> throw new OscException(address + ": unknown part parameter; allowed " + PART + parts[0]
                    + "/{channel i, program i, velocity f, volume f, register i i, mute i, solo i}");
        }
    }

    private void setOutput(String address, org.analogy.engine.process.Part part, java.util.function.UnaryOperator<OutputSettings> change) throws OscException {
        switch (part) {
            case BASS -> setBand(address, part, b -> b.withBass(b.bass().withSound(change.apply(b.bass().sound()))));
            case DRUMS -> setBand(address, part, b -> b.withDrums(b.drums().withSound(change.apply(b.drums().sound()))));
            default -> {
                boolean melody = part == org.analogy.engine.process.Part.MELODY;
                try {
                    engine.updateStyle(s -> melody ? s.withOutputs(change.apply(s.melody()), s.accompaniment())
                            : s.withOutputs(s.melody(), change.apply(s.accompaniment())));
                } catch (IllegalArgumentException e) {
                    throw new OscException(address + ": " + e.getMessage());
                }
            }
        }
    }

    /** Changes the running style's band; {@code needs} (may be null) is a band part the style must have. */
    private void setBand(String address, org.analogy.engine.process.Part needs,
                         java.util.function.UnaryOperator<org.analogy.engine.style.BandSettings> change) throws OscException {
        try {
            engine.updateStyle(s -> {
                var band = s.band();
                if (needs == org.analogy.engine.process.Part.BASS && !band.hasBass() || needs == org.analogy.engine.process.Part.DRUMS && !band.hasDrums()) {
                    throw new IllegalArgumentException("the running style has no " + needs.trackName() + " part (a band preset names one)");
                }
                return s.withBand(change.apply(band));
            });
        } catch (IllegalArgumentException e) {
            throw new OscException(address + ": " + e.getMessage());
        }
    }

    // ---- per-factor transforms ---------------------------------------------------------------------

    private void factor(String address, List<Object> args) throws OscException {
        String[] parts = address.substring(FACTOR.length()).split("/", -1);
        Factor f;
        try {
            f = Factor.ofKey(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new OscException(address + ": " + e.getMessage());
        }
        String parameter = parts.length > 1 ? parts[1] : "";
        FactorTransform current = engine.controls().style().transform(f);
        switch (parts.length == 2 ? parameter : parts.length == 3 && parameter.equals("attribute") ? "attribute" : "?") {
            case "source" -> source(address, f, text(address, args, 0, 1));
            case "freeze" -> {
                int on = integer(address, args, 0, 1, new Range(0, 1), "(1 freezes, 0 releases)");
                if (on == 1) setTransform(address, f, FactorTransform.FROZEN);
                else source(address, f, "preset");
            }
            case "swap" -> {
                String reference = text(address, args, 0, 1);
                List<ReferenceClip> clips = clips(address, f, List.of(reference));
                setTransform(address, f, keepAttributes(FactorTransform.swap(reference), current), clips);
            }
            case "slerp" -> {
                String reference = text(address, args, 0, 2);
                double alpha = number(address, args, 1, 2, FactorTransform.UNIT, "(alpha: 0 live … 1 reference)");
                List<ReferenceClip> clips = clips(address, f, List.of(reference));
                setTransform(address, f, keepAttributes(FactorTransform.slerp(reference, alpha), current), clips);
            }
            case "alpha" -> {
                double alpha = number(address, args, 0, 1, FactorTransform.UNIT, "");
                needs(address, f, current, TransformKind.SLERP);
                setTransform(address, f, current.withAlpha(alpha));
            }
            case "xy" -> {
                if (args.size() == XY_PAD_ARGS) {
                    // Four corner clips and the position: the factor becomes an XY pad.
                    List<String> corners = new ArrayList<>();
                    for (int i = 0; i < 4; i++) corners.add(text(address, args, i, XY_PAD_ARGS));
                    double x = number(address, args, 4, XY_PAD_ARGS, FactorTransform.UNIT, "x");
                    double y = number(address, args, 5, XY_PAD_ARGS, FactorTransform.UNIT, "y");
                    List<ReferenceClip> clips = clips(address, f, corners);
                    setTransform(address, f, keepAttributes(FactorTransform.xy(corners, x, y), current), clips);
                } else {
                    if (args.size() != 2) {
                        throw new OscException(address + ": takes 2 arguments (x y) to move on the pad, or 6 (four corner"
                                + " clips, x, y) to set one up, got " + args.size());
                    }
                    double x = number(address, args, 0, 2, FactorTransform.UNIT, "x");
                    double y = number(address, args, 1, 2, FactorTransform.UNIT, "y");
                    needs(address, f, current, TransformKind.XY);
                    setTransform(address, f, current.withXy(x, y));
                }
            }
            case "sample" -> {
                // Around the live latent (f) or around a reference clip (f s).
                if (args.size() != 1 && args.size() != 2) {
                    throw new OscException(address + ": takes 1 argument (temperature) or 2 (temperature, centre clip), got "
                            + args.size());
                }
                double t = number(address, args, 0, args.size(), FactorTransform.TEMPERATURE, "(temperature)");
                List<String> centre = args.size() == 2 ? List.of(text(address, args, 1, 2)) : List.of();
                List<ReferenceClip> clips = clips(address, f, centre);
                FactorTransform sample = new FactorTransform(TransformKind.SAMPLE, centre, 0, 0, 0, t, current.seed(),
                        current.attributes());
                setTransform(address, f, sample, clips);
            }
            case "temperature" -> {
                double t = number(address, args, 0, 1, FactorTransform.TEMPERATURE, "");
                needs(address, f, current, TransformKind.SAMPLE);
                setTransform(address, f, new FactorTransform(current.kind(), current.references(), current.alpha(),
                        current.x(), current.y(), t, current.seed(), current.attributes()));
            }
            case "seed" -> {
                int seed = integer(address, args, 0, 1, SEED, "");
                needs(address, f, current, TransformKind.SAMPLE);
                setTransform(address, f, new FactorTransform(current.kind(), current.references(), current.alpha(),
                        current.x(), current.y(), current.temperature(), seed, current.attributes()));
            }
            case "attribute" -> {
                String name = parts[2];
                double amount = number(address, args, 0, 1, FactorTransform.ATTRIBUTE_AMOUNT, "");
                Set<String> known = band.attributeNames(f);
                if (!known.contains(name)) {
                    throw new OscException(address + ": no attribute '" + name + "' for " + f.key() + "; available: "
                            + (known.isEmpty() ? "none (the model bundle stores none)" : String.join(", ", known)));
                }
                Map<String, Double> attributes = new LinkedHashMap<>(current.attributes());
                if (amount == 0) attributes.remove(name);
                else attributes.put(name, amount);
                setTransform(address, f, current.withAttributes(attributes));
            }
            default -> throw new OscException(address + ": unknown factor parameter; allowed " + FACTOR + f.key()
                    + "/{source s, freeze i, swap s, slerp s f, alpha f, xy f f, xy s s s s f f, sample f [s],"
                    + " temperature f, seed i, attribute/NAME f}");
        }
    }

    /** A new kind keeps the attribute offsets already dialled in: they apply after any kind. */
    private static FactorTransform keepAttributes(FactorTransform next, FactorTransform current) {
        return next.withAttributes(current.attributes());
    }

    /**
     * Reads the named clips (a name in the clip folders, or a MIDI file path) and, for the melody factors,
     * encodes them now on this thread, so the bar that first uses them spends no time on it.
     */
    private List<ReferenceClip> clips(String address, Factor f, List<String> references) throws OscException {
        if (references.isEmpty()) return List.of();
        if (presets == null) throw new OscException(address + ": no reference clips in this session (no preset library)");
        List<ReferenceClip> clips = new ArrayList<>();
        for (String reference : references) {
            if (reference.isEmpty()) throw new OscException(address + ": a reference clip name or .mid path is empty");
            ReferenceClip clip;
            try {
                clip = presets.loader().clips().load(reference, null);
            } catch (NoSuchFileException e) {
                throw new OscException(address + " '" + reference + "': file not found (" + e.getFile() + ")");
            } catch (IOException | MidiFileException e) {
                throw new OscException(address + " '" + reference + "': " + e.getMessage());
            }
            if ((f == Factor.PITCH || f == Factor.RHYTHM) && band.hasMelodyModel()) {
                try {
                    band.referenceLatents(clip);
                } catch (Exception e) {
                    throw new OscException(address + " '" + reference + "': the melody model cannot encode it (" + e.getMessage() + ")");
                }
            }
            clips.add(clip);
        }
        return clips;
    }

    private void source(String address, Factor f, String source) throws OscException {
        switch (source.toLowerCase(Locale.ROOT)) {
            case "live" -> setTransform(address, f, FactorTransform.LIVE);
            case "freeze" -> setTransform(address, f, FactorTransform.FROZEN);
            case "preset" -> {
                Style preset = presetStyle;
                engine.updateStyle(s -> s.withTransform(f, preset.transform(f), preset.references(f)));
            }
            default -> throw new OscException(address + " '" + source + "': allowed live, freeze, preset (for a clip: "
                    + FACTOR + f.key() + "/swap s, /slerp s f, /xy s s s s f f, /sample f s)");
        }
    }

    /** A transform with new reference clips, read and checked beforehand. */
    private void setTransform(String address, Factor f, FactorTransform t, List<ReferenceClip> clips) throws OscException {
        try {
            engine.updateStyle(s -> s.withTransform(f, t, clips));
        } catch (IllegalArgumentException e) {
            throw new OscException(address + ": " + e.getMessage());
        }
    }

    /** Settings-only changes keep the factor's loaded reference clips; live and freeze need none. */
    private void setTransform(String address, Factor f, FactorTransform t) throws OscException {
        try {
            engine.updateStyle(s -> t.references().isEmpty() ? s.withTransform(f, t, List.of()) : s.withTransform(f, t));
        } catch (IllegalArgumentException e) {
            throw new OscException(address + ": " + e.getMessage());
        }
    }

    private static void needs(String address, Factor f, FactorTransform current, TransformKind kind) throws OscException {
        if (current.kind() != kind) {
            throw new OscException(address + ": applies when " + f.key() + " is " + kind.key() + "; it is "
                    + current.kind().key() + " (set one up with " + FACTOR + f.key() + "/" + kind.key() + " " + SETUP.get(kind)
                    + ", or choose a preset with a " + kind.key() + " transform on " + f.key() + ")");
        }
    }

    // ---- mode and preset ---------------------------------------------------------------------------

    private void mode(String address, String name) throws OscException {
        if (!Modes.exists(name)) {
            List<String> names = new ArrayList<>();
            Modes.names().forEach(names::add);
            throw new OscException(address + " '" + name + "': allowed " + String.join(", ", names));
        }
        if (Modes.needsMelodyModel(name) && !band.hasMelodyModel()) {
            throw new OscException(address + " '" + name + "': needs a melody model, and none is loaded");
        }
        try {
            Modes.requireMeter(name, engine.timeline().meter());
        } catch (IllegalArgumentException e) {
            throw new OscException(address + " '" + name + "': " + e.getMessage());
        }
        try {
            engine.setProcessor(Modes.create(name, band));
        } catch (RuntimeException e) {
            throw new OscException(address + " '" + name + "': " + e.getMessage());
        }
        engine.updateStyle(s -> s.withMode(name));
    }

    private void preset(String address, String name) throws OscException {
        if (presets == null) throw new OscException(address + ": no preset library in this session");
        Preset p;
        try {
            p = presets.find(name);
        } catch (Exception e) {
            throw new OscException(address + " '" + name + "': " + e.getMessage());
        }
        try {
            engine.applyPreset(p, band);
        } catch (Exception e) {
            throw new OscException(address + " '" + name + "': " + e.getMessage());
        }
        presetStyle = p.style();
    }

    // ---- argument checks ---------------------------------------------------------------------------

    private static void noArgs(String address, List<Object> args) throws OscException {
        if (!args.isEmpty()) throw new OscException(address + ": takes no arguments, got " + args.size());
    }

    private static Object arg(String address, List<Object> args, int index, int count) throws OscException {
        if (args.size() != count) {
            throw new OscException(address + ": takes " + count + " argument" + (count == 1 ? "" : "s") + ", got " + args.size());
        }
        return args.get(index);
    }

    private static double number(String address, List<Object> args, int index, int count, Range range, String unit)
            throws OscException {
        Object a = arg(address, args, index, count);
        if (!(a instanceof Float || a instanceof Double || a instanceof Integer || a instanceof Long)) {
            throw new OscException(address + ": argument " + (index + 1) + " must be a number (f or i), got " + typeOf(a));
        }
        double v = ((Number) a).doubleValue();
        if (!range.contains(v)) {
            throw new OscException(address + " " + v + ": allowed " + range + (unit.isEmpty() ? "" : " " + unit));
        }
        return v;
    }

    private static int integer(String address, List<Object> args, int index, int count, Range range, String unit)
            throws OscException {
        Object a = arg(address, args, index, count);
        double v;
        if (a instanceof Integer || a instanceof Long) v = ((Number) a).doubleValue();
        else if ((a instanceof Float || a instanceof Double) && ((Number) a).doubleValue() == Math.rint(((Number) a).doubleValue())) {
            v = ((Number) a).doubleValue(); // many controllers only send floats; a whole one is accepted
        } else {
            throw new OscException(address + ": argument " + (index + 1) + " must be a whole number (i), got " + typeOf(a)
                    + (a instanceof Number ? " " + a : ""));
        }
        if (!range.contains(v)) throw new OscException(address + " " + (long) v + ": allowed " + range + " " + unit);
        return (int) v;
    }

    private static String text(String address, List<Object> args, int index, int count) throws OscException {
        Object a = arg(address, args, index, count);
        if (!(a instanceof String s)) throw new OscException(address + ": argument " + (index + 1) + " must be a string (s), got " + typeOf(a));
        return s.trim();
    }

    private static Meter meter(String address, String text) throws OscException {
        return switch (text) {
            case "4/4" -> Meter.FOUR_FOUR;
            case "3/4" -> Meter.THREE_FOUR;
            default -> throw new OscException(address + " '" + text + "': allowed 4/4, 3/4");
        };
    }

    private static CaptureStage.ClockSource clock(String address, String text) throws OscException {
        for (CaptureStage.ClockSource c : CaptureStage.ClockSource.values()) {
            if (c.name().equalsIgnoreCase(text)) return c;
        }
        throw new OscException(address + " '" + text + "': allowed internal, midi, external");
    }

    private static String typeOf(Object a) {
        if (a == null) return "nil";
        if (a instanceof Float) return "f";
        if (a instanceof Double) return "d";
        if (a instanceof Integer) return "i";
        if (a instanceof Long) return "h";
        if (a instanceof String) return "s";
        if (a instanceof Boolean b) return b ? "T" : "F";
        return a.getClass().getSimpleName();
    }
}
