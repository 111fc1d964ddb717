package org.analogy.engine.style;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.analogy.engine.chords.ChartChords;
import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.chords.PredictedChords;
import org.analogy.engine.chords.RepeatChordPredictor;
import org.analogy.engine.chords.SplitKeyboardChords;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.process.Modes;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;
import org.analogy.engine.transform.Range;
import org.analogy.engine.transform.TransformKind;

/**
 * Reads and validates a preset file (schema: {@code docs/presets.md}). Every problem is reported as
 * "file: field value: allowed …", naming the first field that is wrong; unknown fields are errors too, so a
 * typo never passes silently. Reference clips are read here, on the caller's thread.
 *
 * <p>Whatever the file holds, the only exception is a {@link PresetException} (fuzzed by
 * {@code PresetLoaderFuzzTest}): a preset is chosen while the engine plays, and a bad one must leave the
 * running style alone.
 */
public final class PresetLoader {

    public static final int FORMAT_VERSION = 1;
    static final Range CHANNEL = new Range(1, 16);
    static final Range SPLIT = new Range(1, 127);
    static final Range SEED = new Range(0, 9_007_199_254_740_991d);
    /** Far above any real preset (the factory ones are under 1 KB); refused before reading. */
    public static final long MAX_FILE_BYTES = org.analogy.engine.Limits.MAX_PRESET_BYTES;

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ReferenceClips clips;
    /** The predictor the "predicted" chord source uses; the learned one replaces the baseline when attached. */
    private final ChordSource predicted;
    /** False for a listing: a chord file is checked to be there, not read (a large one would stall the list). */
    private final boolean readChordFiles;

    public PresetLoader(ReferenceClips clips) {
        this(clips, new PredictedChords(new RepeatChordPredictor()));
    }

    public PresetLoader(ReferenceClips clips, ChordSource predicted) {
        this(clips, predicted, true);
    }

    private PresetLoader(ReferenceClips clips, ChordSource predicted, boolean readChordFiles) {
        this.clips = clips;
        this.predicted = predicted;
        this.readChordFiles = readChordFiles;
    }

    /**
     * A loader for listing presets ({@code ./analogy presets}): every field checked as here, but a
     * {@code chords.file} only found, not read; the chord source of what it loads says so and is not for playing.
     */
    public PresetLoader forListing() {
        return new PresetLoader(clips, predicted, false);
    }

    /** The chord source a preset's "predicted" names. */
    public ChordSource predicted() {
        return predicted;
    }

    public ReferenceClips clips() {
        return clips;
    }

    public Preset load(Path file, boolean factory) throws IOException {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) throw new PresetException(file + ": is a directory, not a preset file");
            // A device, FIFO or socket (or a link to one) would never end or never answer: refused unread.
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new PresetException(file + ": not a regular file (a device, pipe or socket), not a preset");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new PresetException(file + ": is " + size + " bytes: allowed up to " + MAX_FILE_BYTES / 1024 + " KB for a preset");
            }
            try (var in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1); // a file growing meanwhile is still bounded
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new PresetException(file + ": grew past " + MAX_FILE_BYTES / 1024 + " KB while it was read");
            }
        } catch (NoSuchFileException e) {
            throw new PresetException("preset file not found: " + file);
        } catch (AccessDeniedException e) {
            throw new PresetException(file + ": cannot be read: permission denied");
        } catch (IOException e) {
            throw new PresetException(file + ": cannot be read: " + e.getMessage());
        }
        return read(bytes, file, factory);
    }

    /** A preset from bytes already read from {@code file} (which names it and anchors its relative paths). */
    public Preset read(byte[] bytes, Path file, boolean factory) throws IOException {
        JsonNode root;
        // A file that is not JSON at all (named by mistake, or on purpose: /etc/shadow) is refused without
        // quoting any of it: the parser's message would echo its first word.
        int first = 0;
        while (first < bytes.length && Character.isWhitespace(bytes[first])) first++;
        if (first < bytes.length && bytes[first] != '{') {
            throw new PresetException(file + ": not a preset (a preset is a JSON object, beginning with '{')");
        }
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new PresetException(file + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new PresetException(file + ": not valid JSON: " + e.getMessage());
        }
        String defaultName = file.getFileName().toString().replaceFirst("\\.json$", "");
        Path dir = file.toAbsolutePath().getParent();
        return parse(root, new Where(file.toString()), defaultName, dir, factory, file);
    }

    /** Where an error is: the file and the path of the field inside it. */
    record Where(String file) {
        PresetException error(String field, String problem) {
            return new PresetException(file + ": " + field + " " + problem);
        }
    }

    private Preset parse(JsonNode root, Where at, String defaultName, Path dir, boolean factory, Path file) throws IOException {
        if (root == null || !root.isObject()) throw new PresetException(at.file() + ": a preset is a JSON object");
        allowOnly(root, "", at, "formatVersion", "name", "description", "mode", "chords", "melody", "accompaniment", "looper", "output",
                "drums", "bass");
        if (root.has("formatVersion")) {
            int v = integer(root, "formatVersion", at, new Range(FORMAT_VERSION, FORMAT_VERSION));
            if (v != FORMAT_VERSION) throw at.error("formatVersion", v + ": allowed " + FORMAT_VERSION);
        }
        String name = text(root, "name", at, defaultName);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9 _.-]{0,47}")) {
            throw at.error("name", "'" + name + "': allowed letters, digits, space, '_', '.', '-' (1–48 characters)");
        }
        String description = text(root, "description", at, "");
        if (description.isBlank()) throw at.error("description", "is missing: one line saying how the preset sounds");
        if (description.length() > 120) throw at.error("description", "is " + description.length() + " characters: allowed up to 120");
        // It is printed to terminals and shown in the window: control and format characters (escape sequences,
        // bidirectional overrides) could rewrite what the user sees.
        for (int i = 0; i < description.length(); i++) {
            int type = Character.getType(description.charAt(i));
            if (type == Character.CONTROL || type == Character.FORMAT) {
                throw at.error("description", String.format("has a control character (U+%04X) at %d: allowed printable text only",
                        (int) description.charAt(i), i + 1));
            }
        }
        String modes = String.join(", ", Modes.names());
        String mode = text(root, "mode", "mode", at, null, modes);
        if (mode == null) throw at.error("mode", "is missing: allowed " + String.join(", ", Modes.names()));
        if (!Modes.exists(mode)) throw at.error("mode", "'" + mode + "': allowed " + String.join(", ", Modes.names()));

        ChordSource chords = chordSource(root.get("chords"), at, dir);

        Map<Factor, FactorTransform> transforms = new EnumMap<>(Factor.class);
        Map<Factor, List<ReferenceClip>> refs = new EnumMap<>(Factor.class);
        group(root, "melody", at, dir, transforms, refs, Factor.PITCH, Factor.RHYTHM);
        group(root, "accompaniment", at, dir, transforms, refs, Factor.CHORD, Factor.TEXTURE);
        JsonNode drumsNode = root.get("drums");
        JsonNode bassNode = root.get("bass");
        if (drumsNode != null) {
            object(drumsNode, "drums", at);
            allowOnly(drumsNode, "drums.", at, "groove", "fill", "follow", "countIn");
            JsonNode groove = drumsNode.get("groove");
            if (groove == null) throw at.error("drums.groove", "is missing: the groove transform, e.g. {\"transform\": \"swap\", \"reference\": \"drums-pop\"}");
            FactorTransform transform = transform(groove, "drums.groove", at);
            transforms.put(Factor.GROOVE, transform);
            refs.put(Factor.GROOVE, clips(transform.references(), "drums.groove", Factor.GROOVE, at, dir));
        }
        if (bassNode != null) {
            object(bassNode, "bass", at);
            allowOnly(bassNode, "bass.", at, "reference");
        }

        int loopBars = 4;
        boolean overdub = false;
        JsonNode looper = root.get("looper");
        if (looper != null) {
            object(looper, "looper", at);
            allowOnly(looper, "looper.", at, "bars", "overdub");
            if (looper.has("bars")) {
                loopBars = integer(looper, "looper.bars", at, Style.LOOP_BARS);
                if (loopBars % 2 != 0) throw at.error("looper.bars", loopBars + ": allowed 2, 4, 6 or 8");
            }
            if (looper.has("overdub")) overdub = bool(looper.get("overdub"), "looper.overdub", at);
        }

        JsonNode output = root.get("output");
        // melody, accompaniment, bass, drums (1-based, as written)
        int[] channels = {1, 2, 3, 10};
        OutputSettings melodyOut = OutputSettings.MELODY;
        OutputSettings accompanimentOut = OutputSettings.ACCOMPANIMENT;
        OutputSettings bassOut = BandSettings.Bass.SOUND;
        OutputSettings drumsOut = BandSettings.Drums.SOUND;
        Set<org.analogy.engine.process.Part> muted = java.util.EnumSet.noneOf(org.analogy.engine.process.Part.class);
        Set<org.analogy.engine.process.Part> soloed = java.util.EnumSet.noneOf(org.analogy.engine.process.Part.class);
        if (output != null) {
            object(output, "output", at);
            allowOnly(output, "output.", at, "melody", "accompaniment", "bass", "drums");
            if (output.has("bass") && bassNode == null) throw at.error("output.bass", "is set but the preset has no \"bass\" part");
            if (output.has("drums") && drumsNode == null) throw at.error("output.drums", "is set but the preset has no \"drums\" part");
            if (output.has("melody")) melodyOut = output(output.get("melody"), "output.melody", at, OutputSettings.MELODY, channels, 0);
            if (output.has("accompaniment")) accompanimentOut = output(output.get("accompaniment"), "output.accompaniment", at, OutputSettings.ACCOMPANIMENT, channels, 1);
            if (output.has("bass")) bassOut = output(output.get("bass"), "output.bass", at, bassOut, channels, 2);
            if (output.has("drums")) drumsOut = output(output.get("drums"), "output.drums", at, drumsOut, channels, 3);
            for (org.analogy.engine.process.Part part : BandSettings.MIXABLE) {
                JsonNode o = output.get(part.trackName());
                if (o == null) continue;
                if (o.has("mute") && bool(o.get("mute"), "output." + part.trackName() + ".mute", at)) muted.add(part);
                if (o.has("solo") && bool(o.get("solo"), "output." + part.trackName() + ".solo", at)) soloed.add(part);
            }
        }
        BandSettings band = new BandSettings(drums(drumsNode, channels[3] - 1, drumsOut, at, dir), bass(bassNode, channels[2] - 1, bassOut, at, dir),
                muted, soloed);
        Style style = new Style(name, description, mode.toLowerCase(java.util.Locale.ROOT), chords, transforms, refs,
                melodyOut, accompanimentOut, loopBars, overdub, band);
        return new Preset(name, description, file, factory, style, channels[0] - 1, channels[1] - 1);
    }

    private ChordSource chordSource(JsonNode node, Where at, Path dir) throws IOException {
        if (node == null) return predicted;
        object(node, "chords", at);
        String source = text(node, "chords.source", "source", at, null, "chart, file, keyboard, predicted");
        if (source == null) throw at.error("chords.source", "is missing: allowed chart, file, keyboard, predicted");
        switch (source) {
            case "chart" -> {
                allowOnly(node, "chords.", at, "source", "chart");
                String chart = text(node, "chords.chart", "chart", at, null);
                if (chart == null) throw at.error("chords.chart", "is missing: a chart such as \"C G Am F\" or \"C G | Am F\"");
                try {
                    return new ChartChords(org.analogy.engine.chords.ChordChart.parse(chart), "chart");
                } catch (IllegalArgumentException e) {
                    throw at.error("chords.chart", "'" + chart + "': " + e.getMessage());
                }
            }
            case "file" -> {
                allowOnly(node, "chords.", at, "source", "file");
                String f = text(node, "chords.file", "file", at, null);
                if (f == null) throw at.error("chords.file", "is missing: a MIDI file with a chord track (or chords in it)");
                try {
                    Path p = dir == null ? Path.of(f) : dir.resolve(f);
                    if (!readChordFiles) {
                        if (!Files.isRegularFile(p)) throw new java.nio.file.NoSuchFileException(p + " (not found or not a regular file)");
                        return new ChartChords(org.analogy.engine.chords.ChordChart.parse("N"), "chords from " + p.getFileName() + " (not read for the listing)");
                    }
                    return ChartChords.fromFile(p);
                } catch (InvalidPathException e) {
                    throw at.error("chords.file", "'" + f + "': not a usable path (" + e.getReason() + ")");
                } catch (IOException | MidiFileException e) {
                    throw at.error("chords.file", "'" + f + "': " + e.getMessage());
                }
            }
            case "keyboard" -> {
                allowOnly(node, "chords.", at, "source", "split", "oneFinger");
                int split = node.has("split") ? splitPoint(node.get("split"), at) : 60;
                boolean oneFinger = node.has("oneFinger") && bool(node.get("oneFinger"), "chords.oneFinger", at);
                return new SplitKeyboardChords(split, oneFinger);
            }
            case "predicted" -> {
                allowOnly(node, "chords.", at, "source");
                return predicted;
            }
            default -> throw at.error("chords.source", "'" + source + "': allowed chart, file, keyboard, predicted");
        }
    }

    /** A split point as a MIDI number (1–127) or a note name such as "C4" (middle C = C4 = 60). */
    private static int splitPoint(JsonNode node, Where at) {
        if (node.isInt() && SPLIT.contains(node.asInt())) return node.asInt();
        if (node.isTextual()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Ga-g])([#b]?)(-?\\d)").matcher(node.asText().trim());
            if (m.matches()) {
                int pc = "C D EF G A B".indexOf(Character.toUpperCase(m.group(1).charAt(0)));
                pc += m.group(2).equals("#") ? 1 : m.group(2).equals("b") ? -1 : 0;
                int pitch = (Integer.parseInt(m.group(3)) + 1) * 12 + pc;
                if (SPLIT.contains(pitch)) return pitch;
            }
        }
        throw at.error("chords.split", node + ": allowed a MIDI note 1–127 or a note name C0–G9 (middle C = C4)");
    }

    private void group(JsonNode root, String key, Where at, Path dir, Map<Factor, FactorTransform> transforms,
                       Map<Factor, List<ReferenceClip>> refs, Factor... factors) throws IOException {
        JsonNode node = root.get(key);
        if (node == null) return;
        object(node, key, at);
        allowOnly(node, key + ".", at, factors[0].key(), factors[1].key());
        for (Factor f : factors) {
            JsonNode t = node.get(f.key());
            if (t == null) continue;
            String field = key + "." + f.key();
            FactorTransform transform = transform(t, field, at);
            transforms.put(f, transform);
            refs.put(f, clips(transform.references(), field, f, at, dir));
        }
    }

    /** The clips a transform names, read and checked for {@code f} (see {@link #clip}). */
    private List<ReferenceClip> clips(List<String> references, String field, Factor f, Where at, Path dir) {
        List<ReferenceClip> loaded = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) loaded.add(clip(references.get(i), field + ".references[" + i + "]", f, at, dir));
        return loaded;
    }

    /** One clip, read; a groove takes only clips with drums (channel 10), the other factors only clips with pitched notes. */
    private ReferenceClip clip(String r, String where, Factor f, Where at, Path dir) {
        ReferenceClip clip;
        try {
            clip = clips.load(r, dir);
        } catch (NoSuchFileException e) {
            throw at.error(where, "'" + r + "': file not found (" + e.getFile() + ")");
        } catch (IOException | MidiFileException e) {
            throw at.error(where, "'" + r + "': " + e.getMessage());
        } catch (InvalidPathException e) {
            throw at.error(where, "'" + r + "': not a usable path (" + e.getReason() + ")");
        }
        if (f == Factor.GROOVE && !clip.hasDrums()) {
            throw at.error(where, "'" + r + "': no drums on channel 10 (General MIDI percussion) in its first two bars");
        }
        if (f != Factor.GROOVE && clip.notes().isEmpty()) {
            throw at.error(where, "'" + r + "': holds drums only (channel 10): allowed for drums.groove, not " + f.key());
        }
        return clip;
    }

    /** The fill clip used when a preset asks for fills without naming one. */
    public static final String DEFAULT_FILL = "drums-fill-toms";

    private BandSettings.Drums drums(JsonNode node, int channel, OutputSettings sound, Where at, Path dir) {
        if (node == null) return null;
        // No "fill": a fill every 4 bars on the built-in tom fill.
        int fillEvery = 4;
        String fillName = DEFAULT_FILL;
        JsonNode f = node.get("fill");
        if (f != null) {
            object(f, "drums.fill", at);
            allowOnly(f, "drums.fill.", at, "every", "reference");
            if (f.has("every")) fillEvery = integer(f, "drums.fill.every", at, new Range(0, 8));
            if (fillEvery != 0 && fillEvery != 4 && fillEvery != 8) throw at.error("drums.fill.every", fillEvery + ": allowed 0 (no fills), 4 or 8");
            fillName = text(f, "drums.fill.reference", "reference", at, DEFAULT_FILL);
        }
        ReferenceClip fill = fillEvery > 0 ? clip(fillName, "drums.fill.reference", Factor.GROOVE, at, dir) : null;
        double follow = number(node, "drums.follow", "follow", at, BandSettings.Drums.FOLLOW, 0.5);
        boolean countIn = !node.has("countIn") || bool(node.get("countIn"), "drums.countIn", at);
        return new BandSettings.Drums(channel, sound, fillEvery, fill, follow, countIn);
    }

    private BandSettings.Bass bass(JsonNode node, int channel, OutputSettings sound, Where at, Path dir) {
        if (node == null) return null;
        ReferenceClip reference = null;
        if (node.has("reference")) {
            String r = text(node, "bass.reference", "reference", at, null);
            if (r == null || r.isBlank()) throw at.error("bass.reference", node.get("reference") + ": must be a clip name or a .mid path");
            reference = clip(r, "bass.reference", Factor.CHORD, at, dir);
        }
        return new BandSettings.Bass(channel, sound, reference);
    }

    static FactorTransform transform(JsonNode t, String field, Where at) {
        object(t, field, at);
        allowOnly(t, field + ".", at, "transform", "reference", "references", "alpha", "x", "y", "temperature", "seed", "attributes");
        String kindText = text(t, field + ".transform", "transform", at, null, "live, swap, slerp, xy, sample, freeze");
        if (kindText == null) throw at.error(field + ".transform", "is missing: allowed live, swap, slerp, xy, sample, freeze");
        TransformKind kind;
        try {
            kind = TransformKind.ofKey(kindText);
        } catch (IllegalArgumentException e) {
            throw at.error(field + ".transform", "'" + kindText + "': allowed live, swap, slerp, xy, sample, freeze");
        }
        if (t.has("reference") && t.has("references")) throw at.error(field, "has both 'reference' and 'references': give one");
        List<String> references = new ArrayList<>();
        if (t.has("reference")) {
            String r = text(t, field + ".reference", "reference", at, null);
            if (r == null || r.isBlank()) throw at.error(field + ".reference", t.get("reference") + ": must be a clip name or a .mid path");
            references.add(r);
        }
        if (t.has("references")) {
            JsonNode list = t.get("references");
            if (!list.isArray()) throw at.error(field + ".references", "must be a list of clip names");
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual() || list.get(i).asText().isBlank()) throw at.error(field + ".references[" + i + "]", "must be a clip name or a .mid path");
                references.add(list.get(i).asText());
            }
        }
        if (references.size() < kind.minReferences() || references.size() > kind.maxReferences()) {
            String allowed = kind.minReferences() == kind.maxReferences() ? Integer.toString(kind.minReferences())
                    : kind.minReferences() + "–" + kind.maxReferences();
            throw at.error(field + ".references", references.size() + " clip(s): '" + kind.key() + "' takes " + allowed);
        }
        double alpha = number(t, field + ".alpha", "alpha", at, FactorTransform.UNIT, kind == TransformKind.SLERP ? 0.5 : kind == TransformKind.SWAP ? 1 : 0);
        double x = number(t, field + ".x", "x", at, FactorTransform.UNIT, 0);
        double y = number(t, field + ".y", "y", at, FactorTransform.UNIT, 0);
        double temperature = number(t, field + ".temperature", "temperature", at, FactorTransform.TEMPERATURE, kind == TransformKind.SAMPLE ? 0.5 : 0);
        long seed = (long) number(t, field + ".seed", "seed", at, SEED, 0);
        Map<String, Double> attributes = new LinkedHashMap<>();
        JsonNode attrs = t.get("attributes");
        if (attrs != null) {
            object(attrs, field + ".attributes", at);
            for (Iterator<String> it = attrs.fieldNames(); it.hasNext(); ) {
                String a = it.next();
                attributes.put(a, number(attrs, field + ".attributes." + a, a, at, FactorTransform.ATTRIBUTE_AMOUNT, 0));
            }
        }
        return new FactorTransform(kind, references, alpha, x, y, temperature, seed, attributes);
    }

    private static OutputSettings output(JsonNode node, String field, Where at, OutputSettings defaults, int[] channels, int index) {
        object(node, field, at);
        allowOnly(node, field + ".", at, "channel", "program", "velocity", "register", "mute", "solo");
        if (node.has("channel")) channels[index] = integer(node, field + ".channel", "channel", at, CHANNEL);
        int program = node.has("program") ? integer(node, field + ".program", "program", at, OutputSettings.PROGRAM) : defaults.program();
        double velocity = number(node, field + ".velocity", "velocity", at, OutputSettings.VELOCITY, defaults.velocity());
        int low = defaults.low();
        int high = defaults.high();
        JsonNode reg = node.get("register");
        if (reg != null) {
            if (!reg.isArray() || reg.size() != 2 || !reg.get(0).isInt() || !reg.get(1).isInt()) {
                throw at.error(field + ".register", reg + ": allowed [low, high], MIDI notes 0–127");
            }
            low = reg.get(0).asInt();
            high = reg.get(1).asInt();
            if (!OutputSettings.PITCH.contains(low) || !OutputSettings.PITCH.contains(high) || high - low < OutputSettings.MIN_SPAN) {
                throw at.error(field + ".register", reg + ": allowed [low, high] within 0–127, at least "
                        + OutputSettings.MIN_SPAN + " semitones apart");
            }
        }
        return new OutputSettings(program, velocity, low, high);
    }

    // ---- field helpers: each names the field and what is allowed -----------------------------------

    private static void object(JsonNode node, String field, Where at) {
        if (!node.isObject()) throw at.error(field, "must be an object { … }");
    }

    private static void allowOnly(JsonNode node, String prefix, Where at, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) throw at.error(prefix + f, "is not a preset field here: allowed " + String.join(", ", allowed));
        }
    }

    private static String text(JsonNode node, String field, Where at, String fallback) {
        return text(node, field, field, at, fallback);
    }

    private static String text(JsonNode node, String field, String key, Where at, String fallback) {
        return text(node, field, key, at, fallback, null);
    }

    /** A text field; {@code allowed} (may be null) lists its values, so that a wrong type names them too. */
    private static String text(JsonNode node, String field, String key, Where at, String fallback, String allowed) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) return fallback;
        if (!v.isTextual()) throw at.error(field, v + ": must be text" + (allowed == null ? "" : ": allowed " + allowed));
        return v.asText();
    }

    private static int integer(JsonNode node, String field, Where at, Range range) {
        String key = field.substring(field.lastIndexOf('.') + 1);
        return integer(node, field, key, at, range);
    }

    private static int integer(JsonNode node, String field, String key, Where at, Range range) {
        JsonNode v = node.get(key);
        if (v == null || !v.isIntegralNumber() || !range.contains(v.asDouble())) {
            throw at.error(field, (v == null ? "is missing" : v.toString()) + ": allowed a whole number " + range);
        }
        return v.asInt();
    }

    private static double number(JsonNode node, String field, String key, Where at, Range range, double fallback) {
        JsonNode v = node.get(key);
        if (v == null) return fallback;
        if (!v.isNumber() || !range.contains(v.asDouble())) throw at.error(field, v + ": allowed " + range);
        return v.asDouble();
    }

    private static boolean bool(JsonNode v, String field, Where at) {
        if (!v.isBoolean()) throw at.error(field, v + ": allowed true or false");
        return v.asBoolean();
    }
}
