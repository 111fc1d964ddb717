package org.analogy.engine.accompaniment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;

/** The learned-model path of accompaniment, on a model that shows what it was given. */
class LatentAccompanistTest {

    /** Chord latent = root of the window's second bar; texture latent = onset count; decode writes them back as notes. */
    static final class EchoingModel implements AccompanimentCodec {
        int textureEncodes;
        final List<float[]> decoded = new ArrayList<>();

        public int chordLatentSize() { return 2; }

        public int textureLatentSize() { return 2; }

        public float[] encodeChord(Chord[] chords) {
            return new float[] {chords[16].root(), 1};
        }

        public float[] encodeTexture(int[][] roll) {
            textureEncodes++;
            int onsets = 0;
            for (int[] step : roll) for (int d : step) if (d > 0) onsets++;
            return new float[] {onsets, 1};
        }

        public List<GridNote> decode(float[] chord, float[] texture) {
            decoded.add(new float[] {chord[0], texture[0]});
            List<GridNote> out = new ArrayList<>();
            for (int i = 0; i < Math.round(texture[0]); i++) out.add(new GridNote(48 + Math.round(chord[0]), 80, (i * 4) % 32, 2));
            return out;
        }
    }

    static Chord[] window(String first, String second) {
        Chord[] c = new Chord[32];
        Arrays.fill(c, 0, 16, Chord.parseSymbol(first));
        Arrays.fill(c, 16, 32, Chord.parseSymbol(second));
        return c;
    }

    static ReferenceClip clip(int notes) {
        List<GridNote> n = new ArrayList<>();
        for (int i = 0; i < notes; i++) n.add(new GridNote(60, 80, i, 1));
        return new ReferenceClip("clip" + notes, "sha-" + notes, n, Arrays.asList(window("C", "F")));
    }

    @Test
    void theTextureComesFromTheReferenceAndTheSecondBarIsReturned() throws Exception {
        EchoingModel model = new EchoingModel();
        LatentAccompanist a = new LatentAccompanist(model, AttributeOffsets.NONE);
        ReferenceClip twelve = clip(12);
        Style style = Style.DEFAULT.withTransform(Factor.TEXTURE, FactorTransform.swap("clip12"), List.of(twelve));
        List<GridNote> notes = a.accompany(window("C", "G"), List.of(new GridNote(60, 80, 0, 4)), style, 3);
        assertThat(model.decoded.get(0)).containsExactly(7, 12);
        // notes 4..7 of the 12 fall in the second bar (steps 16–28), shifted to the bar's start
        assertThat(notes).extracting(GridNote::start).containsExactly(0, 4, 8, 12);
        assertThat(notes).allSatisfy(n -> assertThat(n.pitch()).isEqualTo(55));
        a.accompany(window("G", "A"), List.of(), style, 4);
        assertThat(model.textureEncodes).as("the reference once (cached by checksum); a swap never reads the live texture").isEqualTo(1);
        a.accompany(window("A", "C"), List.of(new GridNote(60, 80, 0, 4)), Style.DEFAULT, 5);
        assertThat(model.textureEncodes).as("live reads it").isEqualTo(2);
    }

    @Test
    void freezeHoldsTheTextureWhileTheChordsMove() throws Exception {
        EchoingModel model = new EchoingModel();
        LatentAccompanist a = new LatentAccompanist(model, AttributeOffsets.NONE);
        a.accompany(window("C", "D"), List.of(new GridNote(60, 80, 0, 4), new GridNote(64, 80, 4, 4)), Style.DEFAULT, 0);
        Style frozen = Style.DEFAULT.withTransform(Factor.TEXTURE, FactorTransform.FROZEN, List.of());
        a.accompany(window("D", "E"), List.of(), frozen, 1);
        assertThat(model.decoded.get(1)).containsExactly(4, 2);
    }

    @Test
    void notesTakeTheTextureSourcesVelocityAndAFreezeKeepsIt() throws Exception {
        LatentAccompanist a = new LatentAccompanist(new EchoingModel(), AttributeOffsets.NONE);
        List<GridNote> soft = new ArrayList<>();
        for (int i = 0; i < 8; i++) soft.add(new GridNote(60, 40, i * 4, 2));
        ReferenceClip loud = new ReferenceClip("loud", "sha-loud", List.of(new GridNote(60, 100, 0, 4), new GridNote(64, 120, 4, 4)),
                Arrays.asList(window("C", "F")));
        Style half = Style.DEFAULT.withTransform(Factor.TEXTURE, FactorTransform.slerp("loud", 0.5), List.of(loud));
        List<GridNote> mixed = a.accompany(window("C", "G"), soft, half, 1);
        assertThat(mixed).isNotEmpty().allSatisfy(n -> assertThat(n.velocity()).isEqualTo(75)); // (40 + 110) / 2
        Style frozen = Style.DEFAULT.withTransform(Factor.TEXTURE, FactorTransform.FROZEN, List.of());
        assertThat(a.accompany(window("G", "C"), List.of(), frozen, 2)).allSatisfy(n -> assertThat(n.velocity()).isEqualTo(75));
        assertThat(LatentAccompanist.velocity(Style.DEFAULT, List.of())).as("nothing to go by").isEqualTo(LatentAccompanist.DEFAULT_VELOCITY);
    }

    @Test
    void referencesPreparedOnceServeEveryAccompanistOfTheModel() throws Exception {
        EchoingModel model = new EchoingModel();
        ReferenceLatents shared = new ReferenceLatents(model);
        ReferenceClip twelve = clip(12);
        Style style = Style.DEFAULT.withTransform(Factor.TEXTURE, FactorTransform.swap("clip12"), List.of(twelve));
        shared.prepare(style);
        assertThat(model.textureEncodes).isEqualTo(1);
        new LatentAccompanist(model, AttributeOffsets.NONE, shared).accompany(window("C", "G"), List.of(), style, 0);
        new LatentAccompanist(model, AttributeOffsets.NONE, shared).accompany(window("G", "C"), List.of(), style, 1);
        assertThat(model.textureEncodes).as("a new mode's accompanist finds the reference encoded").isEqualTo(1);
        assertThat(model.decoded).extracting(z -> z[1]).containsExactly(12f, 12f);
    }

    @Test
    void attributeDirectionsMustFitTheModel() {
        AttributeOffsets wrong = AttributeOffsets.of(Map.of(Factor.TEXTURE, Map.of("density", new float[] {1, 2, 3})));
        assertThatThrownBy(() -> new LatentAccompanist(new EchoingModel(), wrong)).hasMessageContaining("texture latent has 2");
    }
}
