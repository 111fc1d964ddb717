package org.analogy.train.accompaniment;

import ai.djl.ndarray.types.Shape;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Function;
import org.analogy.train.nn.NamedWeights;

/**
 * A training snapshot of either model in this package: its kind, sizes, settings (the schedule, serialised by
 * its owner), seed, batch size, where the run stands, weights and Adam moments. Enough to resume exactly and
 * to export. Written to a temporary file and renamed over the old one, so a crash never leaves a torn file.
 */
record RunCheckpoint(String kind, int[] sizes, byte[] settings, long seed, int batchSize,
                     long step, int epoch, int batchInEpoch, long trainedMillis,
                     Map<String, float[]> weights, Map<String, float[]> adamFirst, Map<String, float[]> adamSecond) {

    static final String FILE_NAME = "checkpoint.bin";
    private static final long MAGIC = 0x414E414C4143_0001L;   // "ANALAC", format 1

    static Path in(Path runDirectory) {
        return runDirectory.resolve(FILE_NAME);
    }

    void save(Path file, Map<String, Shape> layout) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 20))) {
            out.writeLong(MAGIC);
            out.writeUTF(kind);
            out.writeInt(sizes.length);
            for (int size : sizes) out.writeInt(size);
            out.writeInt(settings.length);
            out.write(settings);
            out.writeLong(seed);
            out.writeInt(batchSize);
            out.writeLong(step);
            out.writeInt(epoch);
            out.writeInt(batchInEpoch);
            out.writeLong(trainedMillis);
            NamedWeights.write(out, weights, layout);
            NamedWeights.write(out, adamFirst, layout);
            NamedWeights.write(out, adamSecond, layout);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a checkpoint of {@code expectedKind}; {@code layoutOf} gives the tensor layout for the stored sizes. */
    static RunCheckpoint load(Path file, String expectedKind, Function<int[], Map<String, Shape>> layoutOf) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readLong() != MAGIC) throw new IOException(file + " is not an accompaniment-package checkpoint (format 1)");
            String kind = in.readUTF();
            if (!kind.equals(expectedKind)) throw new IOException(file + " holds a " + kind + " checkpoint, not " + expectedKind);
            int[] sizes = new int[in.readInt()];
            for (int i = 0; i < sizes.length; i++) sizes[i] = in.readInt();
            byte[] settings = new byte[in.readInt()];
            in.readFully(settings);
            long seed = in.readLong();
            int batchSize = in.readInt();
            long step = in.readLong();
            int epoch = in.readInt();
            int batchInEpoch = in.readInt();
            long trainedMillis = in.readLong();
            Map<String, Shape> layout = layoutOf.apply(sizes);
            Map<String, float[]> weights = NamedWeights.read(in, layout);
            Map<String, float[]> first = NamedWeights.read(in, layout);
            Map<String, float[]> second = NamedWeights.read(in, layout);
            return new RunCheckpoint(kind, sizes, settings, seed, batchSize, step, epoch, batchInEpoch, trainedMillis, weights, first, second);
        }
    }
}
