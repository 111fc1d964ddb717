package org.analogy.train.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.analogy.engine.accompaniment.Accompanist;
import org.analogy.engine.accompaniment.PatternAccompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.chords.ChartChords;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordChart;
import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.AccompanyProcessor;
import org.analogy.engine.render.PerformanceInput;
import org.analogy.engine.render.VirtualSession;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.Style;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.train.data.Pop909Song;

/**
 * Accompany mode on real melodies: each song's melody is played into the engine in virtual time (the same
 * stages as live), the accompaniment comes back, and every accompaniment onset is checked against the
 * song's annotated chord at that step. The chord-tone ratio is the share of onsets (over annotated chords)
 * whose pitch class belongs to the chord.
 */
public final class AccompanyEvaluation {

    /**
     * Onsets counted and how many were chord tones; {@code songs} evaluated (4/4 throughout); bars whose
     * generation failed or was late ({@code misses}) and of those, how many were covered by the bar before.
     */
    public record Result(int songs, long onsets, long chordTones, long bars, long misses, long covered) {
        public double ratio() {
            return onsets == 0 ? Double.NaN : chordTones / (double) onsets;
        }
    }

    /** Where the chords come from in a run. */
    public enum Chords { ANNOTATED_CHART, PREDICTED }

    private AccompanyEvaluation() {}

    /** The pattern accompanist (no learned model), with {@code predicted} shared by every song. */
    public static Result evaluate(List<Pop909Song> songs, Style style, Chords chords, ChordSource predicted) {
        return evaluate(songs, style, chords, () -> predicted, PatternAccompanist::new);
    }

    /**
     * Every song rendered in accompany mode with a fresh accompanist from {@code accompanists} and, for
     * {@link Chords#PREDICTED}, a fresh chord source from {@code predicted} (a learned predictor follows one
     * performance from its first bar).
     */
    public static Result evaluate(List<Pop909Song> songs, Style style, Chords chords, Supplier<ChordSource> predicted,
                                  Supplier<Accompanist> accompanists) {
        int used = 0;
        long onsets = 0;
        long tones = 0;
        long bars = 0;
        long covered = 0;
        long misses = 0;
        for (Pop909Song song : songs) {
            int[] run = longestFourFourRun(song.bars());
            if (run[1] < MIN_BARS) continue;
            int offset = song.bars().get(run[0]).startStep();
            int length = run[1] * 16;
            List<Chord> annotated = song.chordPerStep();
            ChordSource source = chords == Chords.PREDICTED ? predicted.get() : chart(annotated, offset, run[1]);
            Collector out = new Collector();
            EngineConfig config = EngineConfig.defaults().withBpm(100).withMeter(Meter.FOUR_FOUR)
                    .withControls(ControlSnapshot.DEFAULT.withStyle(style.withMode("accompany").withChords(source)));
            Band band = Band.builder().accompaniment(accompanists).build();
            VirtualSession session = new VirtualSession(config, new AccompanyProcessor(band), List.of(out));
            session.play(performance(song.melody(), offset, length), 0);
            Timeline stopped = session.timeline();
            Timeline t = new Timeline(stopped.anchorNanos(), stopped.anchorStep(), stopped.nanosPerStep(), stopped.meter(), true);
            for (long[] on : out.onsets) {
                int step = (int) Math.round(t.stepAt(on[0])) + offset;
                if (step < 0 || step >= annotated.size()) continue;
                Chord c = annotated.get(step);
                if (c.isNone()) continue;
                onsets++;
                if (c.contains((int) (on[1] % 12))) tones++;
            }
            bars += run[1];
            covered += session.metrics().coveredBars.get();
            misses += session.metrics().deadlineMisses.get();
            used++;
        }
        return new Result(used, onsets, tones, bars, misses, covered);
    }

    /** Songs are played from their longest stretch of consecutive 4/4 bars, when it is at least this long. */
    static final int MIN_BARS = 16;

    /** {first bar, bar count} of the longest run of back-to-back 4/4 bars. */
    static int[] longestFourFourRun(List<Pop909Song.Bar> bars) {
        int bestStart = 0;
        int best = 0;
        int start = 0;
        for (int i = 0; i < bars.size(); i++) {
            boolean continues = i > start && bars.get(i).startStep() == bars.get(i - 1).startStep() + 16;
            if (!bars.get(i).isFourFour()) {
                start = i + 1;
                continue;
            }
            if (i > start && !continues) start = i;
            if (i - start + 1 > best) {
                best = i - start + 1;
                bestStart = start;
            }
        }
        return new int[] {bestStart, best};
    }

    /** The annotated chords as a chart: the chords at each half bar (one chord when both halves agree). */
    static ChartChords chart(List<Chord> perStep, int offset, int bars) {
        List<List<Chord>> chart = new ArrayList<>();
        for (int b = 0; b < bars; b++) {
            int at = offset + b * 16;
            Chord first = at < perStep.size() ? perStep.get(at) : Chord.NONE;
            Chord second = at + 8 < perStep.size() ? perStep.get(at + 8) : first;
            chart.add(first.equals(second) ? List.of(first) : List.of(first, second));
        }
        return new ChartChords(ChordChart.ofBarLists(chart), "annotated chords");
    }

    /** The melody as a performance from its first bar line: onsets on the grid, released just before their end. */
    static PerformanceInput performance(List<GridNote> melody, int offset, int length) {
        List<PerformanceInput.Message> messages = new ArrayList<>();
        for (GridNote n : melody) {
            int start = n.start() - offset;
            if (start < 0 || start >= length) continue;
            messages.add(new PerformanceInput.Message(start, 0x90, n.pitch(), Math.max(1, n.velocity())));
            messages.add(new PerformanceInput.Message(start + n.duration() - 0.1, 0x80, n.pitch(), 0));
        }
        messages.sort((a, b) -> Double.compare(a.step(), b.step()));
        return new PerformanceInput(Meter.FOUR_FOUR, 100, messages, List.of());
    }

    /** Keeps the accompaniment's note-ons: {nanos, pitch}. */
    private static final class Collector implements MidiOutput {
        final List<long[]> onsets = new ArrayList<>();

        @Override
        public String name() {
            return "evaluation";
        }

        @Override
        public void send(long nanos, int status, int data1, int data2) {
            if ((status & 0xF0) == 0x90 && data2 > 0 && (status & 0x0F) == 1) onsets.add(new long[] {nanos, data1});
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public void close() {}
    }
}
