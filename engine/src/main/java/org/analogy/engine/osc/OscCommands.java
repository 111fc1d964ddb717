package org.analogy.engine.osc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.analogy.engine.pipeline.CaptureStage;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.Instruments;
import org.analogy.engine.process.Modes;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;
import org.analogy.engine.transform.Range;
import org.analogy.engine.transform.TransformKind;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

/**
 * The OSC address space: checks one message's address, argument types, count and ranges, then calls the
 * engine's control API. Anything wrong is thrown as an {@link OscException} naming the address and what is
 * allowed, before anything is changed. Runs on the OSC thread; every engine call returns at once.
 */
public final class OscCommands {

    public static final String ROOT = "/analogy";
    private static final String FACTOR = ROOT + "/factor/";
    private static final Range COUNT_IN = new Range(0, 4);
    private static final Range TRANSPOSE = new Range(-24, 24);
    private static final Range VELOCITY = new Range(0.1, 2.0);
    private static final Range PORT = new Range(1, 65535);

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
    private final Instruments instruments;
    /** The style the last preset brought, so that "source preset" can put a factor's transform back. */
    private volatile Style presetStyle;

    public OscCommands(LiveEngine engine, PresetLibrary presets, Instruments instruments) {
        this.engine = engine;
        this.presets = presets;
        this.instruments = instruments;
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
            case ROOT + "/meter" -> engine.setMeter(meter(address, text(address, args, 0, 1)));
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
            default -> {
                if (address.startsWith(FACTOR)) factor(address, args);
                else throw new OscException(address + ": unknown address; see " + ROOT + "/… in the README (e.g. "
                        + ROOT + "/tempo f, " + ROOT + "/factor/rhythm/alpha f)");
            }
        }
        return DONE;
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
            case "alpha" -> {
                double alpha = number(address, args, 0, 1, FactorTransform.UNIT, "");
                needs(address, f, current, TransformKind.SLERP);
                setTransform(address, f, current.withAlpha(alpha));
            }
            case "xy" -> {
                double x = number(address, args, 0, 2, FactorTransform.UNIT, "x");
                double y = number(address, args, 1, 2, FactorTransform.UNIT, "y");
                needs(address, f, current, TransformKind.XY);
                setTransform(address, f, current.withXy(x, y));
            }
            case "temperature" -> {
                double t = number(address, args, 0, 1, FactorTransform.TEMPERATURE, "");
                needs(address, f, current, TransformKind.SAMPLE);
                setTransform(address, f, new FactorTransform(current.kind(), current.references(), current.alpha(),
                        current.x(), current.y(), t, current.seed(), current.attributes()));
            }
            case "attribute" -> {
                String name = parts[2];
                double amount = number(address, args, 0, 1, FactorTransform.ATTRIBUTE_AMOUNT, "");
                Set<String> known = instruments.attributeNames(f);
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
                    + "/{source s, freeze i, alpha f, xy f f, temperature f, attribute/NAME f}");
        }
    }

    private void source(String address, Factor f, String source) throws OscException {
        switch (source.toLowerCase(Locale.ROOT)) {
            case "live" -> setTransform(address, f, FactorTransform.LIVE);
            case "freeze" -> setTransform(address, f, FactorTransform.FROZEN);
            case "preset" -> {
                Style preset = presetStyle;
                engine.updateStyle(s -> s.withTransform(f, preset.transform(f), preset.references(f)));
            }
            default -> throw new OscException(address + " '" + source + "': allowed live, freeze, preset");
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
                    + current.kind().key() + " (choose a preset with a " + kind.key() + " transform on " + f.key() + ")");
        }
    }

    // ---- mode and preset ---------------------------------------------------------------------------

    private void mode(String address, String name) throws OscException {
        if (!Modes.exists(name)) {
            List<String> names = new ArrayList<>();
            Modes.names().forEach(names::add);
            throw new OscException(address + " '" + name + "': allowed " + String.join(", ", names));
        }
        if (Modes.needsMelodyModel(name) && !instruments.hasMelodyModel()) {
            throw new OscException(address + " '" + name + "': needs a melody model, and none is loaded");
        }
        try {
            engine.setProcessor(Modes.create(name, instruments));
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
            engine.applyPreset(p, instruments);
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
