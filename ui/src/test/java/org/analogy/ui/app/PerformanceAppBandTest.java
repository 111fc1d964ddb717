package org.analogy.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.band.Band;
import org.analogy.ui.settings.Settings;

/**
 * The window plays with the same assembly as the command line ({@link Band#load}: same parts, same classes, same
 * bundles), and its first run opens on a learned accompany preset.
 */
class PerformanceAppBandTest {

    @Test
    void theWindowsBandIsTheCommandLinesBand() throws Exception {
        List<String> problems = new ArrayList<>();
        try (Band window = PerformanceApp.loadBand(problems::add); Band cli = Band.load()) {
            assertThat(problems).isEmpty();
            assertThat(window.describe()).isEqualTo(cli.describe());
            assertThat(window.hasMelodyModel()).isEqualTo(cli.hasMelodyModel());
            assertThat(window.newAccompanist().getClass()).isEqualTo(cli.newAccompanist().getClass());
            assertThat(window.predictedChords().predictor().getClass()).isEqualTo(cli.predictedChords().predictor().getClass());
            assertThat(window.melodyCodec() == null ? null : window.melodyCodec().getClass())
                    .isEqualTo(cli.melodyCodec() == null ? null : cli.melodyCodec().getClass());
        }
    }

    @Test
    void theFirstRunOpensOnTheBalladAccompanyPreset() {
        Settings fresh = new Settings();
        assertThat(fresh.mode).isEqualTo("accompany");
        assertThat(fresh.preset).isEqualTo("ballad");
    }
}
