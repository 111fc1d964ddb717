package org.analogy.train.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.analogy.engine.accompaniment.Accompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.AccompanyProcessor;
import org.analogy.engine.render.VirtualSession;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.Style;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.train.data.Pop909Song;
import org.analogy.train.eval.HarmonyMeasures.Count;

/**
 * Online harmony on real melodies: each song's melody (its longest run of at least 16 back-to-back 4/4 bars)
 * is played into the engine in accompany mode in virtual time, the chords the band decides are recorded step
 * by step as the accompaniment is written (so bar decisions and mid-bar revisions count as played), and the
 * accompaniment comes back as notes. {@link HarmonyMeasures} turns that into the figures.
 *
 * <p>Cold start: the 4 bars from the one where the melody comes in (songs open with intros the band has no
 * melody to follow in).
 *
 * <p>Recovery: the same song again with the melody from its middle bar on transposed by +5, then +6
 * semitones; NiC of each bar after the change (pooled over songs) against the 8 bars before it.
 */
final class HarmonyEvaluation {

    static final int BEFORE_BARS = 8;
    static final int AFTER_BARS = 12;
    static final int COLD_BARS = 4;
    static final int[] MODULATIONS = {5, 6};

    /** The figures of one system over all songs. */
    record Totals(int songs, long bars, Count nic, Count strong, Count clash, Count chordTone, Count cold,
                  double labelEntropy, double durationEntropy, int[] recovery, long misses, double medianDecisionMillis) {
    }

    private HarmonyEvaluation() {}

    /**
     * One system over the songs: {@code chords} null for the annotated chords (the human reference: the melody
     * is measured against the annotations themselves, the accompaniment is played from them as a chart),
     * else a fresh chord source per run.
     */
    static Totals evaluate(List<Pop909Song> songs, Style style, Supplier<ChordSource> chords, Supplier<Accompanist> accompanists) {
        Count nic = Count.ZERO, strong = Count.ZERO, clash = Count.ZERO, tones = Count.ZERO, cold = Count.ZERO;
        double labelH = 0, durationH = 0;
        int used = 0;
        long bars = 0, misses = 0;
        List<Long> decisionNanos = new ArrayList<>();
        Count[] before = new Count[MODULATIONS.length];
        Count[][] after = new Count[MODULATIONS.length][AFTER_BARS];
        for (Count[] a : after) Arrays.fill(a, Count.ZERO);
        Arrays.fill(before, Count.ZERO);
        for (Pop909Song song : songs) {
            int[] run = AccompanyEvaluation.longestFourFourRun(song.bars());
            if (run[1] < AccompanyEvaluation.MIN_BARS) continue;
            int offset = song.bars().get(run[0]).startStep();
            int steps = run[1] * HarmonyMeasures.STEPS_PER_BAR;
            List<GridNote> melody = relative(song.melody(), offset, steps);
            Chord[] annotated = new Chord[steps];
            for (int s = 0; s < steps; s++) annotated[s] = offset + s < song.chordPerStep().size() ? song.chordPerStep().get(offset + s) : Chord.NONE;
            ChordSource source = chords == null ? AccompanyEvaluation.chart(song.chordPerStep(), offset, run[1]) : chords.get();
            Run r = play(melody, steps, source, style, accompanists);
            Chord[] played = chords == null ? annotated : r.played;
            nic = nic.plus(HarmonyMeasures.noteInChord(melody, played, 0, steps, false));
            strong = strong.plus(HarmonyMeasures.noteInChord(melody, played, 0, steps, true));
            int entry = firstMelodyBar(melody) * HarmonyMeasures.STEPS_PER_BAR;
            cold = cold.plus(HarmonyMeasures.noteInChord(melody, played, entry, entry + COLD_BARS * HarmonyMeasures.STEPS_PER_BAR, false));
            clash = clash.plus(HarmonyMeasures.clashes(melody, r.accompaniment, steps));
            tones = tones.plus(HarmonyMeasures.chordTones(r.accompaniment, annotated));
            double[] h = HarmonyMeasures.entropies(played);
            labelH += h[0];
            durationH += h[1];
            bars += run[1];
            misses += r.misses;
            decisionNanos.addAll(r.decisionNanos);
            used++;
            if (chords == null) continue; // the annotations would move with the melody: nothing to recover from
            int change = run[1] / 2;
            for (int m = 0; m < MODULATIONS.length; m++) {
                List<GridNote> moved = transposedFrom(melody, change * HarmonyMeasures.STEPS_PER_BAR, MODULATIONS[m]);
                Run t = play(moved, steps, chords.get(), style, accompanists);
                Count[] perBar = HarmonyMeasures.noteInChordPerBar(moved, t.played, run[1]);
                for (int b = Math.max(0, change - BEFORE_BARS); b < change; b++) before[m] = before[m].plus(perBar[b]);
                for (int j = 0; j < AFTER_BARS && change + j < run[1]; j++) after[m][j] = after[m][j].plus(perBar[change + j]);
            }
        }
        int[] recovery = new int[MODULATIONS.length];
        for (int m = 0; m < MODULATIONS.length; m++) {
            recovery[m] = chords == null ? 0 : HarmonyMeasures.recoveryBars(before[m], after[m]);
        }
        decisionNanos.sort(null);
        double median = decisionNanos.isEmpty() ? Double.NaN : decisionNanos.get(decisionNanos.size() / 2) / 1e6;
        return new Totals(used, bars, nic, strong, clash, tones, cold, used == 0 ? 0 : labelH / used,
                used == 0 ? 0 : durationH / used, recovery, misses, median);
    }

    /** The chords played at each step, the accompaniment's notes, bars not generated in time, and the time of each chord decision. */
    record Run(Chord[] played, List<GridNote> accompaniment, long misses, List<Long> decisionNanos) {}

    static Run play(List<GridNote> melody, int steps, ChordSource chords, Style style, Supplier<Accompanist> accompanists) {
        RecordedChords recorded = new RecordedChords(chords, steps);
        NoteCollector out = new NoteCollector();
        EngineConfig config = EngineConfig.defaults().withBpm(100).withMeter(Meter.FOUR_FOUR)
                .withControls(ControlSnapshot.DEFAULT.withStyle(style.withMode("accompany").withChords(recorded)));
        Band band = Band.builder().accompaniment(accompanists).build();
        VirtualSession session = new VirtualSession(config, new AccompanyProcessor(band), List.of(out));
        session.play(AccompanyEvaluation.performance(melody, 0, steps), 0);
        Timeline stopped = session.timeline();
        Timeline t = new Timeline(stopped.anchorNanos(), stopped.anchorStep(), stopped.nanosPerStep(), stopped.meter(), true);
        return new Run(recorded.played, out.notes(t), session.metrics().deadlineMisses.get(), recorded.decisionNanos);
    }

    /** The bar of the melody's first note (0 without melody): where the performer comes in. */
    static int firstMelodyBar(List<GridNote> melody) {
        int first = Integer.MAX_VALUE;
        for (GridNote n : melody) first = Math.min(first, n.start());
        return first == Integer.MAX_VALUE ? 0 : Math.floorDiv(first, HarmonyMeasures.STEPS_PER_BAR);
    }

    static List<GridNote> relative(List<GridNote> notes, int offset, int steps) {
        List<GridNote> out = new ArrayList<>();
        for (GridNote n : notes) {
            if (n.start() >= offset && n.start() < offset + steps) out.add(n.shifted(-offset));
        }
        return out;
    }

    /** The melody with every note from {@code fromStep} on moved by {@code semitones} (kept within MIDI's range). */
    static List<GridNote> transposedFrom(List<GridNote> melody, int fromStep, int semitones) {
        List<GridNote> out = new ArrayList<>();
        for (GridNote n : melody) {
            if (n.start() < fromStep) {
                out.add(n);
                continue;
            }
            int pitch = n.pitch() + semitones;
            while (pitch > 127) pitch -= 12;
            out.add(new GridNote(pitch, n.velocity(), n.start(), n.duration()));
        }
        return out;
    }

    /**
     * A chord source that remembers, step by step, the chords the accompaniment was written to: for a bar's
     * window the target bar, for a revision the bar playing from the revision step on (later answers win).
     */
    static final class RecordedChords implements ChordSource {
        private final ChordSource source;
        final Chord[] played;
        final List<Long> decisionNanos = new ArrayList<>();

        RecordedChords(ChordSource source, int steps) {
            this.source = source;
            this.played = new Chord[steps];
            Arrays.fill(played, Chord.NONE);
        }

        @Override
        public Chord[] chords(BarWindow window, long fromBar, int bars) {
            long started = System.nanoTime();
            Chord[] out = source.chords(window, fromBar, bars);
            decisionNanos.add(System.nanoTime() - started);
            int spb = window.stepsPerBar();
            long bar = window.isRevision() ? window.targetBar() - 1 : window.targetBar();
            if (bar >= fromBar && bar < fromBar + bars) {
                long first = window.isRevision() ? (long) Math.ceil(window.reviseFromStep()) : bar * spb;
                for (long s = first; s < (bar + 1) * spb; s++) {
                    if (s >= 0 && s < played.length) played[(int) s] = out[(int) (s - fromBar * spb)];
                }
            }
            return out;
        }

        @Override
        public boolean isMelody(int pitch) {
            return source.isMelody(pitch);
        }

        @Override
        public int splitPoint() {
            return source.splitPoint();
        }

        @Override
        public boolean decidesWithinBars() {
            return source.decidesWithinBars();
        }

        @Override
        public boolean redecidesAt(long bar, int stepInBar) {
            return source.redecidesAt(bar, stepInBar);
        }

        @Override
        public String describe() {
            return source.describe();
        }
    }

    /** The accompaniment channel's notes with the times they sounded. */
    private static final class NoteCollector implements MidiOutput {
        private final List<long[]> events = new ArrayList<>(); // {nanos, on ? 1 : 0, pitch, velocity}

        @Override
        public String name() {
            return "harmony evaluation";
        }

        @Override
        public void send(long nanos, int status, int data1, int data2) {
            if ((status & 0x0F) != 1) return;
            int command = status & 0xF0;
            if (command == 0x90 && data2 > 0) events.add(new long[] {nanos, 1, data1, data2});
            else if (command == 0x80 || command == 0x90) events.add(new long[] {nanos, 0, data1, 0});
        }

        List<GridNote> notes(Timeline t) {
            List<GridNote> out = new ArrayList<>();
            Map<Integer, long[]> open = new HashMap<>();
            for (long[] e : events) {
                int pitch = (int) e[2];
                long[] started = open.remove(pitch);
                if (started != null) out.add(note(t, started, e[0]));
                if (e[1] == 1) open.put(pitch, e);
            }
            for (long[] started : open.values()) out.add(note(t, started, started[0] + (long) (t.nanosPerStep() * 4)));
            return out;
        }

        private static GridNote note(Timeline t, long[] on, long offNanos) {
            int start = (int) Math.round(t.stepAt(on[0]));
            int end = (int) Math.round(t.stepAt(offNanos));
            return new GridNote((int) on[2], (int) Math.max(1, on[3]), start, Math.max(1, end - start));
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public void close() {}
    }
}
