package org.analogy.engine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.analogy.engine.latent.Inpainter;
import org.analogy.engine.latent.LatentPredictorModel;
import org.analogy.engine.melody.MelodyLine;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.midi.FileTrack;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.repr.GridNote;

/**
 * {@code ./analogy inpaint}: replaces bars of a file's melody with what the latent predictor expects there from
 * the bars before and after them. Every other event of the file, the melody's notes outside the bars included, is
 * written back unchanged; only the melody track's notes that begin inside the bars are replaced.
 */
@Command(name = "inpaint", mixinStandardHelpOptions = true,
        description = {"Fills bars of a melody from both sides: the latent predictor continues the windows before the bars forwards and "
                + "the windows after them backwards, the two are blended and decoded under the file's harmony. Everything outside "
                + "the bars is kept as it was. Melodies must be in 4/4."})
final class InpaintCommand implements Callable<Integer> {

    /** The longest gap: 16 bars, beyond which a prediction from the edges means little. */
    static final int MAX_BARS = 16;

    @Option(names = "--in", required = true, paramLabel = "F.mid") Path in;
    @Option(names = "--bars", required = true, paramLabel = "FROM-TO", description = "The bars to replace, counted from 1, e.g. 9-12 (at most " + MAX_BARS + ").")
    String bars;
    @Option(names = "--out", required = true, paramLabel = "OUT.mid") Path out;
    @Option(names = "--track", paramLabel = "N|NAME", description = "The melody track (default: one named melody/lead/vocal, else the first with notes).")
    String track;
    @Option(names = "--method", defaultValue = "predict", paramLabel = "predict|predict-raw|interpolate",
            description = "predict (the latent predictor from both sides, each window's rhythm the nearest rhythm of the bars around), "
                    + "predict-raw (the predictor's latents as they are) or interpolate (the baseline: a straight line in latent space "
                    + "between the neighbouring windows) (default: ${DEFAULT-VALUE}).")
    String method;
    @Option(names = "--model", paramLabel = "DIR", description = "The melody model bundle (default: presets/models/melody).") Path model;
    @Option(names = "--latent-model", paramLabel = "DIR", description = "The latent predictor bundle (default: presets/models/latent).") Path latentModel;

    @Override
    public Integer call() throws Exception {
        int[] range = parseBars(bars);
        Inpainter.Method how = switch (method.toLowerCase(java.util.Locale.ROOT)) {
            case "predict" -> Inpainter.Method.PREDICT;
            case "predict-raw" -> Inpainter.Method.PREDICT_RAW;
            case "interpolate" -> Inpainter.Method.INTERPOLATE;
            default -> throw new IllegalArgumentException("--method " + method + ": allowed predict, predict-raw, interpolate");
        };
        MidiFileContent content = Reading.said(in);
        MelodyLine line = MelodyLine.of(content, track);
        FileTrack melodyTrack = MelodyLine.melodyTrack(content, track);
        int songBars = line.windows() * 2;
        if (range[1] >= songBars) {
            throw new IllegalArgumentException("--bars " + bars + ": the melody has " + songBars + " bars (counting from 1)");
        }
        List<GridNote> filled;
        try (MelodyModel melody = ModelStore.openMelody(model, MelodyModel.Device.CPU);
             LatentPredictorModel predictor = how != Inpainter.Method.INTERPOLATE
                     ? LatentPredictorModel.load(ModelBundle.load(latentModel != null ? latentModel : ModelStore.bundleDir("latent")), MelodyModel.Options.DEFAULT)
                     : null) {
            int velocity = (int) Math.round(line.melody().stream().mapToInt(GridNote::velocity).average().orElse(100));
            filled = new Inpainter(melody, predictor).fill(line.melody(), line.harmonyPerStep(), range[0], range[1], songBars, velocity, how);
        }
        Sequence sequence = MidiFiles.readSequence(in);
        int replaced = replace(sequence, melodyTrack, content.resolution(), range[0] * 16L, (range[1] + 1) * 16L, filled);
        // The file's own format (a type-0 file stays one track); type 2 is written as type 1.
        MidiSystem.write(sequence, content.format() == 0 ? 0 : 1, out.toFile());
        System.out.printf("inpaint: bars %d-%d of %s (track %s): %d notes replaced by %d (%s) → %s%n", range[0] + 1, range[1] + 1, in,
                melodyTrack.name().isEmpty() ? "#" + melodyTrack.index() : melodyTrack.name(), replaced, filled.size(), how.name().toLowerCase(), out);
        return 0;
    }

    /** "9-12" → {8, 11} (0-based, inclusive); a single bar "9" → {8, 8}. */
    static int[] parseBars(String text) {
        String[] parts = text.trim().split("-", -1);
        try {
            int from = Integer.parseInt(parts[0].trim());
            int to = parts.length == 1 ? from : Integer.parseInt(parts[1].trim());
            if (parts.length > 2 || from < 1 || to < from) throw new NumberFormatException();
            if (to - from + 1 > MAX_BARS) throw new IllegalArgumentException("--bars " + text + ": at most " + MAX_BARS + " bars at once");
            return new int[]{from - 1, to - 1};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--bars " + text + ": give FROM-TO, bars counted from 1 with FROM ≤ TO, e.g. 9-12");
        }
    }

    /**
     * Removes the track's notes whose note-on lies in [fromStep, toStep) (with their note-offs) and adds {@code notes}
     * on the channel of the first note removed (else the track's first note, else 0); returns how many were removed.
     */
    static int replace(Sequence sequence, FileTrack fileTrack, int resolution, long fromStep, long toStep, List<GridNote> notes) throws Exception {
        Track track = sequence.getTracks()[fileTrack.index()];
        long fromTick = fromStep * resolution / 4;
        long toTick = toStep * resolution / 4;
        List<MidiEvent> remove = new ArrayList<>();
        int channel = -1;
        int firstChannel = -1;
        for (int i = 0; i < track.size(); i++) {
            MidiEvent e = track.get(i);
            if (!(e.getMessage() instanceof ShortMessage on) || on.getCommand() != ShortMessage.NOTE_ON || on.getData2() == 0) continue;
            if (firstChannel < 0) firstChannel = on.getChannel();
            if (e.getTick() < fromTick || e.getTick() >= toTick) continue;
            if (channel < 0) channel = on.getChannel();
            remove.add(e);
            MidiEvent off = noteOff(track, i, on.getChannel(), on.getData1());
            if (off != null) remove.add(off);
        }
        for (MidiEvent e : remove) track.remove(e);
        int ch = channel >= 0 ? channel : Math.max(0, firstChannel);
        for (GridNote n : notes) {
            track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, ch, n.pitch(), n.velocity()), n.start() * (long) resolution / 4));
            track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, ch, n.pitch(), 0), n.end() * (long) resolution / 4));
        }
        return (int) remove.stream().filter(e -> ((ShortMessage) e.getMessage()).getCommand() == ShortMessage.NOTE_ON
                && ((ShortMessage) e.getMessage()).getData2() > 0).count();
    }

    /** The first note-off (or note-on at velocity 0) of this key after event {@code from}. */
    private static MidiEvent noteOff(Track track, int from, int channel, int pitch) {
        for (int j = from + 1; j < track.size(); j++) {
            if (!(track.get(j).getMessage() instanceof ShortMessage m) || m.getChannel() != channel || m.getData1() != pitch) continue;
            if (m.getCommand() == ShortMessage.NOTE_OFF || (m.getCommand() == ShortMessage.NOTE_ON && m.getData2() == 0)) return track.get(j);
            if (m.getCommand() == ShortMessage.NOTE_ON) return null;   // struck again before it was released
        }
        return null;
    }
}
