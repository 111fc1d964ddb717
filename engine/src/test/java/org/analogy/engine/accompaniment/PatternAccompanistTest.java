package org.analogy.engine.accompaniment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;

class PatternAccompanistTest {

    static final ReferenceClips CLIPS = new ReferenceClips(List.of(java.nio.file.Path.of("../presets/clips")));

    static ReferenceClip clip(String name) throws Exception {
        return CLIPS.load(name, null);
    }

    static Chord[] bars(String first, String second) {
        Chord[] out = new Chord[32];
        Arrays.fill(out, 0, 16, Chord.parseSymbol(first));
        Arrays.fill(out, 16, 32, Chord.parseSymbol(second));
        return out;
    }

    static Style texture(FactorTransform t, ReferenceClip... refs) {
        return Style.DEFAULT.withTransform(Factor.TEXTURE, t, List.of(refs));
    }

    static Set<Integer> pitchClasses(List<GridNote> notes) {
        return notes.stream().map(n -> n.pitch() % 12).collect(Collectors.toSet());
    }

    @Test
    void aReferenceTextureIsPlayedOverTheBarsChordKeepingItsRhythm() throws Exception {
        ReferenceClip alberti = clip("alberti-bass");
        List<GridNote> notes = new PatternAccompanist().accompany(bars("C", "Am"), List.of(),
                texture(FactorTransform.swap("alberti-bass"), alberti), 0);
        assertThat(pitchClasses(notes)).isSubsetOf(9, 0, 4).hasSize(3);
        List<Integer> clipOnsets = alberti.notes().stream().filter(n -> n.start() < 16).map(GridNote::start).sorted().toList();
        assertThat(notes.stream().map(GridNote::start).sorted().toList()).isEqualTo(clipOnsets);
        // the smallest root motion: C → A moves down a minor third, so the pattern stays in its register
        int clipLow = alberti.notes().stream().filter(n -> n.start() < 16).mapToInt(GridNote::pitch).min().orElseThrow();
        assertThat(notes.stream().mapToInt(GridNote::pitch).min().orElseThrow()).isEqualTo(clipLow - 3);
    }

    @Test
    void seventhsAndSlashBassesAreFollowed() throws Exception {
        ReferenceClip block = clip("block-chords");
        List<GridNote> g7 = new PatternAccompanist().accompany(bars("C", "G7"), List.of(), texture(FactorTransform.swap("block-chords"), block), 0);
        assertThat(pitchClasses(g7)).isSubsetOf(7, 11, 2, 5);
        List<GridNote> slash = new PatternAccompanist().accompany(bars("C", "C/E"), List.of(), texture(FactorTransform.swap("block-chords"), block), 0);
        GridNote lowest = slash.stream().filter(n -> n.start() == 0).min((a, b) -> a.pitch() - b.pitch()).orElseThrow();
        assertThat(lowest.pitch() % 12).isEqualTo(4);
    }

    @Test
    void noChordMeansSilence() throws Exception {
        Chord[] none = new Chord[32];
        Arrays.fill(none, Chord.NONE);
        assertThat(new PatternAccompanist().accompany(none, List.of(), texture(FactorTransform.swap("stride"), clip("stride")), 0)).isEmpty();
    }

    @Test
    void theXyPadCrossFadesTwoTexturesAndFreezeHoldsTheMix() throws Exception {
        List<String> names = List.of("stride", "sixteenth-pulse", "oom-pah", "block-chords");
        ReferenceClip[] refs = new ReferenceClip[4];
        for (int i = 0; i < 4; i++) refs[i] = clip(names.get(i));
        PatternAccompanist a = new PatternAccompanist();
        List<GridNote> left = a.accompany(bars("C", "F"), List.of(), texture(FactorTransform.xy(names, 0, 0), refs), 0);
        List<GridNote> right = a.accompany(bars("C", "F"), List.of(), texture(FactorTransform.xy(names, 1, 0), refs), 0);
        List<GridNote> middle = a.accompany(bars("C", "F"), List.of(), texture(FactorTransform.xy(names, 0.5, 0), refs), 0);
        Set<Integer> onsets = middle.stream().map(GridNote::start).collect(Collectors.toSet());
        assertThat(onsets).containsAll(left.stream().map(GridNote::start).toList()).containsAll(right.stream().map(GridNote::start).toList());
        assertThat(middle.stream().mapToInt(GridNote::velocity).max().orElseThrow())
                .isLessThan(left.stream().mapToInt(GridNote::velocity).max().orElseThrow());
        // freeze: the next bar (over other chords) keeps the middle mix even though the pad moved to a corner
        Style frozen = texture(FactorTransform.FROZEN, new ReferenceClip[0]);
        List<GridNote> held = a.accompany(bars("F", "G"), List.of(), frozen, 1);
        assertThat(held.stream().map(GridNote::start).collect(Collectors.toSet())).isEqualTo(
                a.accompany(bars("F", "G"), List.of(), texture(FactorTransform.xy(names, 0.5, 0), refs), 1).stream().map(GridNote::start).collect(Collectors.toSet()));
    }

    @Test
    void aChordReferenceReplacesTheHarmonyWhenTheTransformLeansToIt() throws Exception {
        ReferenceClip clip = clip("block-chords"); // C then F
        Style s = texture(FactorTransform.swap("block-chords"), clip)
                .withTransform(Factor.CHORD, FactorTransform.slerp("block-chords", 0.8), List.of(clip));
        List<GridNote> notes = new PatternAccompanist().accompany(bars("D", "D"), List.of(), s, 1);
        assertThat(pitchClasses(notes)).isSubsetOf(5, 9, 0); // F, the reference's second bar
    }

    @Test
    void theShippedClipsHaveTheirOwnHarmony() throws Exception {
        assertThat(clip("alberti-bass").chordPerStep().get(0)).isEqualTo(Chord.parseSymbol("C"));
        assertThat(clip("alberti-bass").chordPerStep().get(16)).isEqualTo(Chord.parseSymbol("F"));
        assertThat(new PresetLoader(CLIPS).clips()).isSameAs(CLIPS);
    }
}
