package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.analogy.engine.band.Band;

/**
 * The verbs that run the engine get their band from {@link Band#load} like every other entry point: the same
 * parts on the same bundles, and presets whose "predicted" chords are the band's own source.
 */
class ModeOptionsBandTest {

    @Test
    void liveAndAccompanyRendersPlayWithTheShippedAssembly() throws Exception {
        ModeOptions live = new ModeOptions();
        live.echoBars = 1; // picocli's default, as the verbs get it
        live.preferModel = true;
        live.preset = "ballad";
        try (Band expected = Band.load()) {
            ModeOptions.Setup setup = live.setup();
            try (Band band = setup.band()) {
                assertThat(band.describe()).isEqualTo(expected.describe());
                assertThat(band.newAccompanist().getClass()).isEqualTo(expected.newAccompanist().getClass());
                assertThat(band.predictedChords().predictor().getClass()).isEqualTo(expected.predictedChords().predictor().getClass());
                assertThat(setup.library().loader().predicted()).isSameAs(band.predictedChords());
                assertThat(setup.controls().style().chords()).as("ballad's chords are predicted, by the band's source")
                        .isSameAs(band.predictedChords());
            }
        }
    }

    @Test
    void echoAloneLoadsNoModel() throws Exception {
        ModeOptions echo = new ModeOptions();
        echo.echoBars = 1;
        echo.mode = "echo";
        try (Band band = echo.setup().band()) {
            assertThat(band.paths()).noneMatch(Band.PartPath::learned);
        }
    }
}
