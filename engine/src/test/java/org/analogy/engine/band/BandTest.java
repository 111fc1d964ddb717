package org.analogy.engine.band;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.accompaniment.PatternAccompanist;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;

/**
 * The band as one assembly: which bundle's attributes each factor offers, the references prepared with a preset,
 * which path each part is on, and what a bundle that is there but broken does.
 */
class BandTest {

    @Test
    void withoutBundlesEveryPartIsItsStandInAndSaysSo(@TempDir Path models) throws Exception {
        try (Band band = Band.load(Band.Sources.in(models), Band.OnBrokenBundle.FAIL)) {
            assertThat(band.hasMelodyModel()).isFalse();
            assertThat(band.hasAccompanimentModel()).isFalse();
            assertThat(band.hasPredictor()).isFalse();
            assertThat(band.paths()).extracting(Band.PartPath::part).containsExactly(Band.Part.values());
            assertThat(band.path(Band.Part.CHORDS).line()).isEqualTo("chords: harmony follower (no learned predictor at " + models.resolve("predictor") + ")");
            assertThat(band.problems()).isEmpty();
            // the one predicted source: the presets' and the default style's are the same object
            assertThat(band.presetLibrary(models.resolve("user")).loader().predicted()).isSameAs(band.predictedChords());
            assertThat(band.defaultStyle().chords()).isSameAs(band.predictedChords());
            assertThat(band.newPredictedChords()).isNotSameAs(band.predictedChords());
        }
    }

    @Test
    void aBrokenBundleIsAnErrorNamingTheFileOrInTheWindowItsStandInWithTheProblem(@TempDir Path models) throws Exception {
        Path accompaniment = Files.createDirectories(models.resolve("accompaniment"));
        Files.writeString(accompaniment.resolve("manifest.json"), "{ not json");
        assertThatThrownBy(() -> Band.load(Band.Sources.in(models), Band.OnBrokenBundle.FAIL))
                .hasMessageContaining(accompaniment.resolve("manifest.json").toString());
        try (Band band = Band.load(Band.Sources.in(models), Band.OnBrokenBundle.USE_STAND_IN)) {
            assertThat(band.hasAccompanimentModel()).isFalse();
            assertThat(band.problems()).singleElement().asString()
                    .startsWith("accompaniment: reference textures re-voiced to the chords — ").contains("manifest.json");
        }
    }

    @Test
    void aDirectoryGivenForAPartMustHoldABundle(@TempDir Path models) {
        assertThatThrownBy(() -> Band.load(Band.Sources.in(models).withPredictor(models.resolve("nowhere")), Band.OnBrokenBundle.USE_STAND_IN))
                .hasMessageContaining("nowhere");
    }

    @Test
    void theShippedBundlesLoadAsLearnedParts() throws Exception {
        Path shipped = ModelStore.bundleDir("accompaniment").getParent();
        for (String part : List.of("melody", "accompaniment", "predictor", "drums")) {
            Assumptions.assumeTrue(Files.isRegularFile(shipped.resolve(part).resolve("manifest.json")),
                    "skipped: no " + part + " bundle installed at " + shipped.resolve(part));
        }
        try (Band band = Band.load()) {
            assertThat(band.paths()).allSatisfy(p -> assertThat(p.learned()).as(p.line()).isTrue());
            assertThat(band.path(Band.Part.DRUMS).line()).startsWith("drums: learned groove model (presets/models/drums");
            assertThat(band.path(Band.Part.CHORDS).line()).startsWith("chords: harmony follower with the learned next-bar predictor (presets/models/predictor");
            assertThat(band.predictedChords().describe()).contains("learned");
        }
    }

    @Test
    void melodyFactorsTakeTheMelodyBundlesAttributesAndAccompanimentFactorsTheirs() throws Exception {
        AttributeOffsets melody = AttributeOffsets.of(Map.of(Factor.RHYTHM, Map.of("density", new float[] {1})));
        AttributeOffsets accompaniment = AttributeOffsets.of(Map.of(Factor.TEXTURE, Map.of("register", new float[] {1}, "syncopation", new float[] {1})));
        List<Style> prepared = new ArrayList<>();
        Band i = Band.builder().melody(null, melody).accompaniment(PatternAccompanist::new, prepared::add, accompaniment).build();
        assertThat(i.attributeNames(Factor.RHYTHM)).containsExactly("density");
        assertThat(i.attributeNames(Factor.PITCH)).isEmpty();
        assertThat(i.attributeNames(Factor.TEXTURE)).containsExactlyInAnyOrder("register", "syncopation");
        assertThat(i.attributeNames(Factor.CHORD)).isEmpty();
        i.prepare(Style.DEFAULT);
        assertThat(prepared).containsExactly(Style.DEFAULT);
        assertThat(Band.standIns().attributeNames(Factor.TEXTURE)).isEmpty();
    }
}
