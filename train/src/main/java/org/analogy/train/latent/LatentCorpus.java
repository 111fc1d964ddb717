package org.analogy.train.latent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.latent.LatentFeatures;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.repr.GridNote;
import org.analogy.train.data.Pop909Song;

/**
 * Songs as the latent predictor sees them: runs of consecutive 4/4 bars (a bar of another length, or a gap in
 * the grid, ends a run), and for every bar b but the last the 2-bar window b..b+1 encoded by the shipped melody
 * encoder into z_pitch and z_rhythm (posterior means). Every window is kept, silent ones too: rests are part
 * of a phrase. Encoding runs through ONNX Runtime in batches, once; the result is cached in a file keyed by the
 * encoder's checksum, so training, export and evaluation read the same latents.
 */
public final class LatentCorpus {

    private static final int MAGIC = 0x4C41544E;   // "LATN"
    private static final int BATCH = 256;
    private static final int STEPS = MelodyTokens.WINDOW_STEPS;
    private static final int BAR_STEPS = MelodyTokens.STEPS_PER_BAR;

    /**
     * One run of {@code bars} bars. {@code z[w * zSize …]} is window w (bars w, w+1; {@code bars - 1} windows),
     * pitch then rhythm; {@code stepChroma[(bar * 16 + step) * 12 + pc]} is 1 where the step's chord has pc;
     * {@code windowTokens[w * 32 …]} the window's melody tokens as the encoder saw them.
     */
    public record Run(String songId, int shift, int bars, float[] z, byte[] stepChroma, byte[] windowTokens) {
        public int windows() {
            return bars - 1;
        }

        /** Bars b and b+1's mean chroma ({@link LatentFeatures#barChroma}): 24 values; bars past the end count as no chord. */
        public float[] windowChroma(int b) {
            float[] out = new float[LatentFeatures.WINDOW_CHROMA];
            for (int k = 0; k < 2; k++) {
                int bar = b + k;
                if (bar < 0 || bar >= bars) continue;
                for (int step = 0; step < BAR_STEPS; step++) {
                    int row = (bar * BAR_STEPS + step) * 12;
                    for (int pc = 0; pc < 12; pc++) out[k * 12 + pc] += stepChroma[row + pc] / (float) BAR_STEPS;
                }
            }
            return out;
        }

        /** The per-step chroma of window w as the melody model takes it: {@code [32 * 12]}. */
        public float[] windowStepChroma(int w) {
            float[] out = new float[STEPS * 12];
            for (int i = 0; i < out.length; i++) out[i] = stepChroma[w * BAR_STEPS * 12 + i];
            return out;
        }

        public int[] tokens(int w) {
            int[] out = new int[STEPS];
            for (int i = 0; i < STEPS; i++) out[i] = windowTokens[w * STEPS + i] & 0xFF;
            return out;
        }
    }

    private final int zPitch;
    private final int zRhythm;
    private final List<Run> runs;

    private LatentCorpus(int zPitch, int zRhythm, List<Run> runs) {
        this.zPitch = zPitch;
        this.zRhythm = zRhythm;
        this.runs = runs;
    }

    public int zPitch() {
        return zPitch;
    }

    public int zRhythm() {
        return zRhythm;
    }

    public int zSize() {
        return zPitch + zRhythm;
    }

    public List<Run> runs() {
        return runs;
    }

    public List<Run> runs(int shift) {
        return runs.stream().filter(r -> r.shift() == shift).toList();
    }

    public int windows() {
        return runs.stream().mapToInt(Run::windows).sum();
    }

    /**
     * The corpus of {@code songs} transposed by each of {@code shifts}, from {@code cache} when it was written by
     * this encoder for this name, else encoded with {@code melodyBundle}'s encoder and written there.
     */
    public static LatentCorpus load(ModelBundle melodyBundle, List<Pop909Song> songs, int[] shifts, Path cache) throws Exception {
        String key = melodyBundle.manifest().path("files").path("encoder").path("sha256").asText() + " shifts " + java.util.Arrays.toString(shifts)
                + " songs " + songs.size() + " " + (songs.isEmpty() ? "" : songs.get(0).id() + "…" + songs.get(songs.size() - 1).id());
        if (Files.isRegularFile(cache)) {
            LatentCorpus cached = read(cache, key);
            if (cached != null) return cached;
        }
        LatentCorpus corpus = encode(melodyBundle, songs, shifts);
        write(corpus, cache, key);
        return corpus;
    }

    /** Runs of consecutive 4/4 bars: {@code [first bar index, bar count]} into {@code song.bars()}. */
    static List<int[]> runsOf(Pop909Song song) {
        List<int[]> out = new ArrayList<>();
        List<Pop909Song.Bar> bars = song.bars();
        int first = -1;
        for (int k = 0; k <= bars.size(); k++) {
            boolean continues = k < bars.size() && bars.get(k).isFourFour()
                    && (first >= 0 && bars.get(k).startStep() == bars.get(k - 1).startStep() + BAR_STEPS);
            if (continues) continue;
            if (first >= 0 && k - first >= 2) out.add(new int[]{first, k - first});
            first = k < bars.size() && bars.get(k).isFourFour() ? k : -1;
        }
        return out;
    }

    static LatentCorpus encode(ModelBundle bundle, List<Pop909Song> songs, int[] shifts) throws Exception {
        int zPitch = bundle.requireInt("/latents/pitch");
        int zRhythm = bundle.requireInt("/latents/rhythm");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<Run> runs = new ArrayList<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            try (OrtSession encoder = bundle.openSession(env, "encoder", options)) {
                for (int shift : shifts) {
                    for (Pop909Song song : songs) {
                        List<GridNote> melody = transposed(song.melody(), shift);
                        for (int[] span : runsOf(song)) {
                            int start = song.bars().get(span[0]).startStep();
                            int bars = span[1];
                            byte[] chroma = new byte[bars * BAR_STEPS * 12];
                            List<Chord> chords = song.chords(start, bars * BAR_STEPS);
                            float[] c = ChordFeatures.chroma(chords.stream().map(ch -> ch.transposed(shift)).toList());
                            for (int i = 0; i < c.length; i++) chroma[i] = (byte) (c[i] > 0.5f ? 1 : 0);
                            byte[] tokens = new byte[(bars - 1) * STEPS];
                            for (int w = 0; w < bars - 1; w++) {
                                int[] t = MelodyTokens.encodeWindow(melody, start + w * BAR_STEPS);
                                for (int i = 0; i < STEPS; i++) tokens[w * STEPS + i] = (byte) t[i];
                            }
                            Run run = new Run(song.id(), shift, bars, new float[(bars - 1) * (zPitch + zRhythm)], chroma, tokens);
                            encodeRun(env, encoder, run, zPitch, zRhythm);
                            runs.add(run);
                        }
                    }
                }
            }
        }
        return new LatentCorpus(zPitch, zRhythm, List.copyOf(runs));
    }

    private static void encodeRun(OrtEnvironment env, OrtSession encoder, Run run, int zPitch, int zRhythm) throws OrtException {
        int z = zPitch + zRhythm;
        for (int from = 0; from < run.windows(); from += BATCH) {
            int n = Math.min(BATCH, run.windows() - from);
            long[] tokens = new long[n * STEPS];
            float[] chroma = new float[n * STEPS * 12];
            for (int i = 0; i < n; i++) {
                int[] t = run.tokens(from + i);
                for (int s = 0; s < STEPS; s++) tokens[i * STEPS + s] = t[s];
                System.arraycopy(run.windowStepChroma(from + i), 0, chroma, i * STEPS * 12, STEPS * 12);
            }
            try (OnnxTensor tt = OnnxTensor.createTensor(env, LongBuffer.wrap(tokens), new long[]{n, STEPS});
                 OnnxTensor ct = OnnxTensor.createTensor(env, FloatBuffer.wrap(chroma), new long[]{n, STEPS, 12});
                 OrtSession.Result r = encoder.run(Map.of("tokens", tt, "chroma", ct))) {
                FloatBuffer pitch = ((OnnxTensor) r.get("z_pitch").orElseThrow()).getFloatBuffer();
                FloatBuffer rhythm = ((OnnxTensor) r.get("z_rhythm").orElseThrow()).getFloatBuffer();
                for (int i = 0; i < n; i++) {
                    pitch.get(i * zPitch, run.z(), (from + i) * z, zPitch);
                    rhythm.get(i * zRhythm, run.z(), (from + i) * z + zPitch, zRhythm);
                }
            }
        }
    }

    /** Notes moved by {@code semitones}; a pitch pushed out of 0–127 moves by octaves back inside. */
    static List<GridNote> transposed(List<GridNote> notes, int semitones) {
        if (semitones == 0) return notes;
        List<GridNote> out = new ArrayList<>(notes.size());
        for (GridNote n : notes) {
            int p = n.pitch() + semitones;
            while (p < 0) p += 12;
            while (p > 127) p -= 12;
            out.add(new GridNote(p, n.velocity(), n.start(), n.duration()));
        }
        return out;
    }

    private static void write(LatentCorpus corpus, Path file, String key) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeUTF(key);
            out.writeInt(corpus.zPitch);
            out.writeInt(corpus.zRhythm);
            out.writeInt(corpus.runs.size());
            for (Run r : corpus.runs) {
                out.writeUTF(r.songId());
                out.writeInt(r.shift());
                out.writeInt(r.bars());
                for (float v : r.z()) out.writeFloat(v);
                out.write(r.stepChroma());
                out.write(r.windowTokens());
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The cached corpus, or null when the file was written by another encoder. */
    private static LatentCorpus read(Path file, String key) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || !in.readUTF().equals(key)) return null;
            int zPitch = in.readInt();
            int zRhythm = in.readInt();
            int count = in.readInt();
            List<Run> runs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String id = in.readUTF();
                int shift = in.readInt();
                int bars = in.readInt();
                float[] z = new float[(bars - 1) * (zPitch + zRhythm)];
                for (int k = 0; k < z.length; k++) z[k] = in.readFloat();
                byte[] chroma = new byte[bars * BAR_STEPS * 12];
                in.readFully(chroma);
                byte[] tokens = new byte[(bars - 1) * STEPS];
                in.readFully(tokens);
                runs.add(new Run(id, shift, bars, z, chroma, tokens));
            }
            return new LatentCorpus(zPitch, zRhythm, List.copyOf(runs));
        }
    }

    /** A corpus built in memory (tests). */
    static LatentCorpus of(int zPitch, int zRhythm, List<Run> runs) {
        return new LatentCorpus(zPitch, zRhythm, List.copyOf(runs));
    }
}
