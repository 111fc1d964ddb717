package org.analogy.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.analogy.engine.band.Band;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.Style;
import org.analogy.engine.time.Meter;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;
import org.analogy.engine.transform.TransformKind;

/**
 * The view-model over a real live engine (no outputs) and the shipped preset library: what the window sets
 * is what the engine's control snapshot gets, and what it shows is read back from it.
 */
class EngineControlsTest {

    private final LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(240), new EchoProcessor(), List.of());
    private Path userDir;
    private PresetLibrary library;
    private EngineControls controls;
    private AutoCloseable closeLater = () -> { };

    @BeforeEach
    void open() throws Exception {
        userDir = Files.createTempDirectory("analogy-ui-presets");
        library = TestPresets.library(userDir);
        controls = new EngineControls(engine, library, Band.standIns());
    }

    @AfterEach
    void close() throws Exception {
        controls.close();
        engine.close();
        closeLater.close();
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(10);
        }
    }

    private FactorTransform transform(Factor f) {
        return engine.controls().style().transform(f);
    }

    private void apply(String preset) throws Exception {
        assertThat(controls.applyPreset(preset).get(5, TimeUnit.SECONDS)).isEqualTo(preset);
    }

    @Test
    void echoSettingsGoIntoTheControlSnapshot() {
        controls.set("echo.transpose", 5.4);
        controls.set("echo.delay", 3.2);
        controls.set("output.velocity", 0.5);
        assertThat(engine.controls().echoTranspose()).isEqualTo(5);
        assertThat(engine.controls().echoDelayBars()).isEqualTo(4);
        assertThat(engine.controls().velocityScale()).isEqualTo(0.5);
        assertThat(controls.value("echo.transpose")).isEqualTo(5);
        assertThat(controls.lastProblem()).isNull();
        controls.set("nonsense", 1);
        assertThat(controls.lastProblem()).contains("nonsense");
    }

    @Test
    void presetsAreTheLibrarys_andABrokenOneCarriesTheEnginesReason() throws Exception {
        TestPresets.userPreset(userDir, "broken", TestPresets.BROKEN);
        List<PresetInfo> presets = controls.presets();
        assertThat(presets).extracting(PresetInfo::key).contains("ballad", "pop-xy", "bossa-nova", "broken");
        assertThat(presets.stream().filter(p -> p.factory()).count()).isGreaterThanOrEqualTo(12);
        PresetInfo ballad = presets.stream().filter(p -> p.key().equals("ballad")).findFirst().orElseThrow();
        assertThat(ballad.error()).isNull();
        assertThat(ballad.description()).isNotBlank();
        PresetInfo broken = presets.stream().filter(p -> p.key().equals("broken")).findFirst().orElseThrow();
        assertThat(broken.factory()).isFalse();
        String enginesReason = catchMessage(() -> library.find("broken"));
        assertThat(broken.error()).isEqualTo(enginesReason).contains("broken.json").contains("mode").contains("disco");

        // Applying it fails with the same words, and nothing changes.
        assertThatThrownBy(() -> controls.applyPreset("broken").get(5, TimeUnit.SECONDS)).hasRootCauseMessage(enginesReason);
        assertThat(controls.lastProblem()).isEqualTo(enginesReason);
        assertThat(engine.controls().style()).isSameAs(Style.DEFAULT);
        assertThat(controls.activePreset()).isNull();
    }

    private static String catchMessage(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (Throwable t) {
            return t.getMessage();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void aPresetChangesTheModeAndStyle_andItsFactorsBecomeAvailable() throws Exception {
        assertThat(controls.factors()).noneMatch(FactorSpec::available);
        apply("ballad");
        waitFor("the accompany mode runs", () -> engine.mode().equals("accompany"));
        assertThat(controls.mode()).isEqualTo("accompany");
        assertThat(controls.activePreset()).isEqualTo("ballad");
        assertThat(controls.chordSource()).startsWith("predicted");
        assertThat(controls.factors()).filteredOn(FactorSpec::available).extracting(FactorSpec::name).containsExactly("chord", "texture");
        assertThat(controls.source("texture")).isEqualTo("ballad-arpeggio");
        assertThat(controls.describe("texture")).isEqualTo("swap → ballad-arpeggio");
        assertThat(controls.factors().get(3).sources()).contains("live", "ballad-arpeggio", "bossa-nova").doesNotContain("rhythm-swung");
        assertThat(controls.value("texture.alpha")).isEqualTo(1);
    }

    @Test
    void factorControlsReplaceTheRunningStylesTransforms() throws Exception {
        apply("ballad");
        controls.set("texture.alpha", 0.4);
        assertThat(transform(Factor.TEXTURE)).isEqualTo(FactorTransform.slerp("ballad-arpeggio", 0.4));
        assertThat(controls.value("texture.alpha")).isEqualTo(0.4);

        controls.set("texture.freeze", 1);
        assertThat(transform(Factor.TEXTURE).kind()).isEqualTo(TransformKind.FREEZE);
        assertThat(controls.source("texture")).as("frozen, it still says where it came from").isEqualTo("ballad-arpeggio");
        controls.set("texture.freeze", 0);
        assertThat(transform(Factor.TEXTURE)).as("released, it goes back").isEqualTo(FactorTransform.slerp("ballad-arpeggio", 0.4));

        // Another clip keeps the slerp's α; it is read on the worker and swapped in with its clip.
        controls.setSource("texture", "bossa-nova");
        waitFor("bossa nova is the texture", () -> transform(Factor.TEXTURE).references().equals(List.of("bossa-nova")));
        assertThat(transform(Factor.TEXTURE)).isEqualTo(FactorTransform.slerp("bossa-nova", 0.4));
        assertThat(engine.controls().style().references(Factor.TEXTURE)).extracting(c -> c.name()).containsExactly("bossa-nova");

        // Temperature samples around the clip; live takes the performer's own.
        controls.setSource("texture", "live");
        assertThat(transform(Factor.TEXTURE)).isEqualTo(FactorTransform.LIVE);
        controls.set("texture.temperature", 0.7);
        assertThat(transform(Factor.TEXTURE).kind()).isEqualTo(TransformKind.SAMPLE);
        assertThat(transform(Factor.TEXTURE).temperature()).isEqualTo(0.7);

        // α needs a clip: refused, with the reason, and nothing changes.
        controls.setSource("chord", "live");
        controls.set("chord.alpha", 0.5);
        assertThat(controls.lastProblem()).contains("α").contains("clip");
        assertThat(transform(Factor.CHORD)).isEqualTo(FactorTransform.LIVE);
    }

    @Test
    void theXyPadMovesTheStylesXyTransform() throws Exception {
        assertThat(controls.xyPad().available()).isFalse();
        controls.set("xy.x", 0.9);
        assertThat(controls.lastProblem()).contains("no XY transform");

        apply("pop-xy");
        waitFor("accompany", () -> engine.mode().equals("accompany"));
        XyPadSpec pad = controls.xyPad();
        assertThat(pad.available()).isTrue();
        assertThat(pad.factor()).isEqualTo("texture");
        assertThat(pad.corners()).containsExactly("broken-chord-pop", "block-chords", "ballad-arpeggio", "sixteenth-pulse");
        assertThat(controls.value("xy.x")).isEqualTo(0.5);
        assertThat(controls.value("xy.y")).isEqualTo(0.0);
        controls.set("xy.x", 0.8);
        controls.set("xy.y", 0.25);
        assertThat(transform(Factor.TEXTURE).x()).isEqualTo(0.8);
        assertThat(transform(Factor.TEXTURE).y()).isEqualTo(0.25);
        assertThat(transform(Factor.TEXTURE).mixWeights()).containsExactly(new double[] {0, 0.15, 0.6, 0.05, 0.2}, org.assertj.core.data.Offset.offset(1e-9));

        // A corner replaced: the clip is loaded and the point stays where it was.
        controls.setCorner(3, "stride");
        waitFor("stride is the fourth corner", () -> transform(Factor.TEXTURE).references().get(3).equals("stride"));
        assertThat(transform(Factor.TEXTURE).x()).isEqualTo(0.8);
        assertThat(engine.controls().style().references(Factor.TEXTURE)).extracting(c -> c.name()).endsWith("stride");
    }

    @Test
    void choosingACornerOnAStyleWithoutAnXyTransformMakesOneOnTexture() throws Exception {
        apply("ballad");
        XyPadSpec pad = controls.xyPad();
        assertThat(pad.available()).isFalse();
        assertThat(pad.factor()).isEqualTo("texture");
        List<String> corners = new ArrayList<>(pad.corners());
        controls.setCorner(0, "stride");
        corners.set(0, "stride");
        waitFor("texture is on the pad", () -> transform(Factor.TEXTURE).kind() == TransformKind.XY);
        assertThat(transform(Factor.TEXTURE)).isEqualTo(FactorTransform.xy(corners, 0.5, 0.5));
        assertThat(engine.controls().style().references(Factor.TEXTURE)).extracting(c -> c.name()).containsExactlyElementsOf(corners);
        assertThat(controls.xyPad().available()).isTrue();
        assertThat(controls.source("texture")).isEqualTo(EngineControls.XY_SOURCE);
    }

    @Test
    void chordsComeFromTheModesChordInUse_withTheChartAhead() throws Exception {
        apply("pop-xy"); // chart C G Am F
        controls.play();
        waitFor("the mode plays to a chord", () -> !engine.chordInUse().isNone() && controls.chords().ahead().size() == 3);
        ChordView view = controls.chords();
        List<String> chart = List.of("C", "G", "Am", "F");
        int at = chart.indexOf(view.current().toSymbol());
        assertThat(at).as("the chord in use " + view.current() + " is on the chart").isNotNegative();
        assertThat(view.ahead()).extracting(c -> c.toSymbol())
                .containsExactly(chart.get((at + 1) % 4), chart.get((at + 2) % 4), chart.get((at + 3) % 4));
        assertThat(chart.get((int) (view.bar() % 4))).isEqualTo(view.current().toSymbol());
    }

    @Test
    void modesNeedingTheMelodyModelAreRefusedWithoutIt() throws Exception {
        controls.selectMode("restyle");
        assertThat(controls.lastProblem()).contains("melody model");
        assertThatThrownBy(() -> controls.applyPreset("restyle-swing").get(5, TimeUnit.SECONDS)).hasMessageContaining("melody model");
        controls.selectMode("accompany");
        waitFor("accompany", () -> engine.mode().equals("accompany"));
        assertThat(engine.controls().style().mode()).isEqualTo("accompany");
    }

    @Test
    void withTheMelodyModel_aRestylePresetRuns_andItsMelodyFactorsTakeClips() throws Exception {
        java.nio.file.Path bundle = org.analogy.engine.model.ModelStore.bundleDir("melody");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(bundle.resolve("manifest.json")),
                "no melody model bundle in " + bundle + ": the restyle binding is not checked");
        org.analogy.engine.melody.MelodyModel model = org.analogy.engine.model.ModelStore.openMelody(null, org.analogy.engine.melody.MelodyModel.Device.CPU);
        closeLater = model;
        Band melody = Band.builder().melody(model, org.analogy.engine.transform.AttributeOffsets.loadFromBundle(bundle)).build();
        controls.close();
        controls = new EngineControls(engine, library, melody);
        apply("restyle-swing");
        waitFor("restyle runs", () -> engine.mode().equals("restyle"));
        assertThat(controls.factors()).allMatch(FactorSpec::available);
        assertThat(controls.source("rhythm")).isEqualTo("rhythm-swung");
        assertThat(controls.factors().get(1).sources()).contains("rhythm-dotted", "rhythm-swung");

        // A melody factor's clip is encoded by the model on the worker, then swapped in.
        controls.setSource("rhythm", "rhythm-dotted");
        waitFor("the dotted rhythm", () -> transform(Factor.RHYTHM).equals(FactorTransform.swap("rhythm-dotted")));
        controls.set("rhythm.alpha", 0.5);
        assertThat(transform(Factor.RHYTHM)).isEqualTo(FactorTransform.slerp("rhythm-dotted", 0.5));
        assertThat(controls.lastProblem()).isNull();
    }

    @Test
    void transportCommandsReachTheEngine_andRefusalsAreShown() throws Exception {
        controls.setTempo(500);
        waitFor("300 BPM", () -> engine.timeline().bpm() == 300);
        controls.setCountInBars(2);
        assertThat(controls.transport().countInBars()).isEqualTo(2);
        controls.play();
        waitFor("running", () -> controls.transport().running());
        controls.setMeter(Meter.THREE_FOUR); // refused while playing
        waitFor("a refusal", () -> controls.lastProblem() != null);
        assertThat(controls.lastProblem()).contains("SET_METER");
        controls.stop();
        waitFor("stopped", () -> !controls.transport().running());
    }

    @Test
    void activityDeliversPlayedAndGeneratedNotesWithTheirVoices() throws Exception {
        controls.play();
        waitFor("past the downbeat", () -> engine.timeline().stepAt(System.nanoTime()) > 1);
        engine.inputHandler().channelMessage(System.nanoTime(), 0x90, 60, 100);
        engine.inputHandler().channelMessage(System.nanoTime(), 0x90, 64, 100);
        engine.inputHandler().channelMessage(System.nanoTime(), 0x90, 67, 100);
        Thread.sleep(100);
        for (int p : new int[] {60, 64, 67}) engine.inputHandler().channelMessage(System.nanoTime(), 0x80, p, 0);
        List<String> seen = new ArrayList<>();
        waitFor("the echo", () -> {
            controls.pollActivity((voice, nanos, step, status, d1, d2) -> {
                if ((status & 0xF0) == 0x90) seen.add(voice + " " + d1);
            });
            return seen.contains("MELODY 67");
        });
        assertThat(seen).containsSubsequence("INPUT 60", "INPUT 64", "INPUT 67").contains("MELODY 60", "MELODY 64");
        waitFor("the chord heard is C", () -> controls.chords().current().toSymbol().equals("C"));
        assertThat(controls.meters().eventsSent()).isGreaterThan(0);
    }
}
