package org.analogy.train.run;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import ai.djl.ndarray.types.Shape;

/**
 * Checkpoints written before the trainers shared one format, read into a {@link Checkpoint}:
 *
 * <ul>
 *   <li>melody format 1 ("ANALMV"): five config ints, the schedule's 52 bytes, the run's position, weights and
 *       (optionally) Adam moments. No invocations were recorded.</li>
 *   <li>accompaniment-package format 1 ("ANALAC"), used by the accompaniment model and the chord predictor: kind,
 *       sizes, a settings block, position, weights and Adam moments. The accompaniment's settings were its
 *       schedule (40 bytes) followed by its invocations joined by " ; "; the predictor's were its one command
 *       only (its learning rate and run length were not stored, so such a file exports but cannot resume).</li>
 * </ul>
 */
final class LegacyCheckpoints {

    static final long MELODY_FORMAT_1 = 0x414E414C4D56_0001L;
    static final long PACKAGE_FORMAT_1 = 0x414E414C4143_0001L;
    /** Bytes of the schedules as format 1 wrote them (their fields in order; the same bytes the models read now). */
    static final int MELODY_SCHEDULE_BYTES = 4 + 8 + 4 + 4 + 8 + 8 + 8 + 4 + 4;
    static final int ACCOMPANIMENT_SCHEDULE_BYTES = 4 + 8 + 4 + 4 + 8 + 4 + 4 + 4;

    private LegacyCheckpoints() {
    }

    static boolean knows(long magic) {
        return magic == MELODY_FORMAT_1 || magic == PACKAGE_FORMAT_1;
    }

    static Checkpoint read(long magic, DataInputStream in, Path file, String expectedKind,
                           Function<int[], Map<String, Shape>> layoutOf) throws IOException {
        String kind;
        int[] sizes;
        byte[] settings;
        List<String> commands;
        if (magic == MELODY_FORMAT_1) {
            kind = "melody";
            Checkpoint.requireKind(file, kind, expectedKind);
            sizes = new int[]{in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt()};
            settings = new byte[MELODY_SCHEDULE_BYTES];
            in.readFully(settings);
            commands = List.of();
        } else {
            kind = in.readUTF();
            Checkpoint.requireKind(file, kind, expectedKind);
            sizes = new int[Checkpoint.bounded(in.readInt(), Checkpoint.MAX_SIZES, file, "sizes")];
            for (int i = 0; i < sizes.length; i++) sizes[i] = in.readInt();
            byte[] block = new byte[Checkpoint.bounded(in.readInt(), Checkpoint.MAX_SETTINGS, file, "settings bytes")];
            in.readFully(block);
            int own = kind.equals("accompaniment") ? Math.min(ACCOMPANIMENT_SCHEDULE_BYTES, block.length) : 0;
            settings = Arrays.copyOf(block, own);
            DataInputStream rest = new DataInputStream(new ByteArrayInputStream(block, own, block.length - own));
            String joined = rest.available() > 0 ? rest.readUTF() : "";
            commands = joined.isEmpty() ? List.of() : List.of(joined.split(" ; "));
        }
        // Format 1 of the melody flagged its Adam moments; the package format always held them.
        return Checkpoint.readRest(in, file, kind, sizes, settings, commands, Checkpoint.layout(layoutOf, sizes, file), magic == MELODY_FORMAT_1);
    }
}
