package org.analogy.train.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import ai.djl.ndarray.types.Shape;

import org.analogy.train.nn.NamedWeights;

/**
 * A training snapshot of any model trained here: its kind, sizes, settings (its schedule, serialised by the
 * model), the invocations that made it, seed, batch size, where the run stands (step, epoch, batch within the
 * epoch, minutes trained), weights and Adam moments. Enough to resume exactly and to export.
 *
 * <p>Written to a temporary file and renamed over the old one, so a crash mid-write never leaves a torn
 * checkpoint. Every length in the header is bounded, so a damaged or foreign file is refused with a message
 * instead of an attempt to allocate gigabytes. Files written by the earlier per-package trainers load too
 * ({@link LegacyCheckpoints}).
 */
public record Checkpoint(String kind, int[] sizes, byte[] settings, List<String> commands, long seed, int batchSize,
                         long step, int epoch, int batchInEpoch, long trainedMillis,
                         Map<String, float[]> weights, Map<String, float[]> adamFirst, Map<String, float[]> adamSecond) {

    public static final String FILE_NAME = "checkpoint.bin";
    /** "ANALRN", format 2 (format 1 was written per package: {@link LegacyCheckpoints}). */
    static final long MAGIC = 0x414E414C524EL << 16 | 0x0002L;
    static final int MAX_KIND = 64;
    static final int MAX_SIZES = 64;
    static final int MAX_SETTINGS = 1 << 16;
    static final int MAX_COMMANDS = 10_000;

    public Checkpoint {
        sizes = sizes.clone();
        settings = settings.clone();
        commands = List.copyOf(commands);
        if ((adamFirst == null) != (adamSecond == null)) throw new IllegalArgumentException("Adam needs both moments or neither");
    }

    /** Writes a model's settings block (its schedule) with {@code writer}. */
    public static byte[] settings(SettingsWriter writer) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);   // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** The settings block to read back what {@link #settings(SettingsWriter)} wrote. */
    public DataInputStream settingsIn() {
        return new DataInputStream(new java.io.ByteArrayInputStream(settings));
    }

    public interface SettingsWriter {
        void write(DataOutputStream out) throws IOException;
    }

    public static Path in(Path runDirectory) {
        return runDirectory.resolve(FILE_NAME);
    }

    /** The invocations joined as they are shown in a bundle's manifest: first launch, then each resume. */
    public String commandLine() {
        return String.join(" ; ", commands);
    }

    public void save(Path file, Map<String, Shape> layout) throws IOException {
        if (kind.length() > MAX_KIND || sizes.length > MAX_SIZES || settings.length > MAX_SETTINGS || commands.size() > MAX_COMMANDS) {
            throw new IllegalArgumentException("checkpoint header over its bounds: kind " + kind.length() + ", sizes " + sizes.length
                    + ", settings " + settings.length + " bytes, commands " + commands.size());
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 20))) {
            out.writeLong(MAGIC);
            out.writeUTF(kind);
            out.writeInt(sizes.length);
            for (int size : sizes) out.writeInt(size);
            out.writeInt(settings.length);
            out.write(settings);
            out.writeInt(commands.size());
            for (String command : commands) out.writeUTF(command);
            out.writeLong(seed);
            out.writeInt(batchSize);
            out.writeLong(step);
            out.writeInt(epoch);
            out.writeInt(batchInEpoch);
            out.writeLong(trainedMillis);
            NamedWeights.write(out, weights, layout);
            out.writeBoolean(adamFirst != null);
            if (adamFirst != null) {
                NamedWeights.write(out, adamFirst, layout);
                NamedWeights.write(out, adamSecond, layout);
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a checkpoint of {@code expectedKind}; {@code layoutOf} gives the tensor layout for the stored sizes
     * (and may refuse sizes that make no model).
     */
    public static Checkpoint load(Path file, String expectedKind, Function<int[], Map<String, Shape>> layoutOf) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            long magic = in.readLong();
            Checkpoint checkpoint;
            if (magic == MAGIC) checkpoint = read(in, file, expectedKind, layoutOf);
            else if (LegacyCheckpoints.knows(magic)) checkpoint = LegacyCheckpoints.read(magic, in, file, expectedKind, layoutOf);
            else throw new IOException(file + " is not a training checkpoint of this project");
            return checkpoint;
        } catch (EOFException e) {
            throw new IOException(file + " ends early: a truncated checkpoint", e);
        }
    }

    private static Checkpoint read(DataInputStream in, Path file, String expectedKind,
                                   Function<int[], Map<String, Shape>> layoutOf) throws IOException {
        String kind = in.readUTF();
        requireKind(file, kind, expectedKind);
        int[] sizes = new int[bounded(in.readInt(), MAX_SIZES, file, "sizes")];
        for (int i = 0; i < sizes.length; i++) sizes[i] = in.readInt();
        byte[] settings = new byte[bounded(in.readInt(), MAX_SETTINGS, file, "settings bytes")];
        in.readFully(settings);
        List<String> commands = new ArrayList<>();
        int count = bounded(in.readInt(), MAX_COMMANDS, file, "commands");
        for (int i = 0; i < count; i++) commands.add(in.readUTF());
        return readRest(in, file, kind, sizes, settings, commands, layout(layoutOf, sizes, file), true);
    }

    /** What follows the header, the same in every format: position, weights and (when present) Adam moments. */
    static Checkpoint readRest(DataInputStream in, Path file, String kind, int[] sizes, byte[] settings, List<String> commands,
                               Map<String, Shape> layout, boolean adamFlagged) throws IOException {
        long seed = in.readLong();
        int batchSize = in.readInt();
        long step = in.readLong();
        int epoch = in.readInt();
        int batchInEpoch = in.readInt();
        long trainedMillis = in.readLong();
        Map<String, float[]> weights = NamedWeights.read(in, layout);
        Map<String, float[]> first = null, second = null;
        if (!adamFlagged || in.readBoolean()) {
            first = NamedWeights.read(in, layout);
            second = NamedWeights.read(in, layout);
        }
        return new Checkpoint(kind, sizes, settings, commands, seed, batchSize, step, epoch, batchInEpoch, trainedMillis, weights, first, second);
    }

    static void requireKind(Path file, String kind, String expectedKind) throws IOException {
        if (!kind.equals(expectedKind)) throw new IOException(file + " holds a " + kind + " checkpoint, not " + expectedKind);
    }

    static int bounded(int value, int max, Path file, String what) throws IOException {
        if (value < 0 || value > max) throw new IOException(file + ": " + value + " " + what + " in the header (at most " + max + "): not a valid checkpoint");
        return value;
    }

    static Map<String, Shape> layout(Function<int[], Map<String, Shape>> layoutOf, int[] sizes, Path file) throws IOException {
        try {
            return layoutOf.apply(sizes);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
