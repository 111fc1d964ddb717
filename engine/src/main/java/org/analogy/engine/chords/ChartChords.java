package org.analogy.engine.chords;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.midi.FileGrid;
import org.analogy.engine.midi.FileNote;
import org.analogy.engine.midi.FileTrack;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.repr.GridNote;

/** Chords from a chart that follows the bar position (bar 0 is the first downbeat), repeating when it ends. */
public final class ChartChords implements ChordSource {

    private final ChordChart chart;
    private final String origin;

    public ChartChords(ChordChart chart, String origin) {
        this.chart = chart;
        this.origin = origin;
    }

    public static ChartChords parse(String chart) {
        return new ChartChords(ChordChart.parse(chart), "chart");
    }

    /**
     * The chords of a MIDI file: its track named "chords" when it has one (a chord track), else all its
     * pitched notes, recognised per half bar.
     */
    public static ChartChords fromFile(Path file) throws IOException, MidiFileException {
        return fromContent(MidiFiles.read(file), "chords from " + file.getFileName());
    }

    /** As {@link #fromFile}, for a file already read; {@code origin} names it in {@link #describe()}. */
    public static ChartChords fromContent(MidiFileContent content, String origin) throws MidiFileException {
        List<FileNote> notes = content.track("chords").map(FileTrack::notes).filter(n -> !n.isEmpty()).orElse(content.allNotes());
        List<GridNote> grid = FileGrid.notes(content, notes);
        int end = FileGrid.end(grid);
        if (grid.isEmpty()) throw new MidiFileException(content.source() + ": no pitched notes to take chords from");
        int stepsPerBar = 16;
        int bars = Math.max(1, (end + stepsPerBar - 1) / stepsPerBar);
        List<Chord> halves = ChordRecognizer.recognizeSpans(grid, bars * stepsPerBar, stepsPerBar / 2);
        List<List<Chord>> perBar = new ArrayList<>();
        Chord last = Chord.NONE;
        for (int b = 0; b < bars; b++) {
            List<Chord> bar = new ArrayList<>();
            for (int h = 0; h < 2; h++) {
                Chord c = halves.get(b * 2 + h);
                if (c.isNone()) c = last; // a rest or a single line keeps the harmony going
                bar.add(c);
                last = c;
            }
            perBar.add(bar.get(0).equals(bar.get(1)) ? List.of(bar.get(0)) : bar);
        }
        return new ChartChords(ChordChart.ofBarLists(perBar), origin);
    }

    public ChordChart chart() {
        return chart;
    }

    @Override
    public Chord[] chords(BarWindow window, long fromBar, int bars) {
        int spb = window.stepsPerBar();
        return chart.perStep(fromBar * spb, bars * spb, spb).toArray(Chord[]::new);
    }

    @Override
    public String describe() {
        // The bar count is said, so a chart is never re-barred without a word ("C G |" is one bar, "C G" two).
        return origin + ": " + chart + " (" + chart.bars() + (chart.bars() == 1 ? " bar)" : " bars)");
    }
}
