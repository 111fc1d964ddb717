package org.analogy.train.melody;

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

/**
 * A training snapshot: model weights, Adam moments and where the run stands (step, epoch, batch within the
 * epoch, seed, batch size, schedule). Enough to resume exactly and to export.
 *
 * <p>Written to a temporary file and renamed over the old one, so a crash mid-write never leaves a torn
 * checkpoint behind.
 */
public record Checkpoint(MelodyVaeConfig config, TrainingSchedule schedule, long seed, int batchSize,
                         long step, int epoch, int batchInEpoch, long trainedMillis,
                         Map<String, float[]> weights, Map<String, float[]> adamFirst, Map<String, float[]> adamSecond) {

    public static final String FILE_NAME = "checkpoint.bin";
    private static final long MAGIC = 0x414E414C4D56_0001L;   // "ANALMV", format 1

    public static Path in(Path runDirectory) {
        return runDirectory.resolve(FILE_NAME);
    }

    public void save(Path file) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Map<String, Shape> layout = MelodyVaeWeights.layout(config);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 20))) {
            out.writeLong(MAGIC);
            out.writeInt(config.encoderHidden());
            out.writeInt(config.rhythmHidden());
            out.writeInt(config.melodyHidden());
            out.writeInt(config.pitchLatent());
            out.writeInt(config.rhythmLatent());
            schedule.write(out);
            out.writeLong(seed);
            out.writeInt(batchSize);
            out.writeLong(step);
            out.writeInt(epoch);
            out.writeInt(batchInEpoch);
            out.writeLong(trainedMillis);
            MelodyVaeWeights.write(out, weights, layout);
            out.writeBoolean(adamFirst != null);
            if (adamFirst != null) {
                MelodyVaeWeights.write(out, adamFirst, layout);
                MelodyVaeWeights.write(out, adamSecond, layout);
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Checkpoint load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readLong() != MAGIC) throw new IOException(file + " is not a melody model checkpoint (format 1)");
            MelodyVaeConfig config = new MelodyVaeConfig(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt());
            TrainingSchedule schedule = TrainingSchedule.read(in);
            long seed = in.readLong();
            int batchSize = in.readInt();
            long step = in.readLong();
            int epoch = in.readInt();
            int batchInEpoch = in.readInt();
            long trainedMillis = in.readLong();
            Map<String, Shape> layout = MelodyVaeWeights.layout(config);
            Map<String, float[]> weights = MelodyVaeWeights.read(in, layout);
            Map<String, float[]> first = null;
            Map<String, float[]> second = null;
            if (in.readBoolean()) {
                first = MelodyVaeWeights.read(in, layout);
                second = MelodyVaeWeights.read(in, layout);
            }
            return new Checkpoint(config, schedule, seed, batchSize, step, epoch, batchInEpoch, trainedMillis, weights, first, second);
        }
    }
}
