package org.analogy.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.ui.learn.Mapping;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsLayoutDevicesMappingsAndPresets() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("sub/window.json"));
        Settings s = store.load();
        assertThat(s.x).isNaN();
        assertThat(store.problem()).isNull();
        s.x = 12;
        s.width = 1000;
        s.input = "device:Keystation";
        s.output = "synth";
        s.mappings = List.of(new Mapping("transport.tempo", Mapping.Type.CC, 0, 74));
        Settings.Preset p = new Settings.Preset();
        p.mode = "echo";
        p.values.put("echo.transpose", 7.0);
        s.presets.put("fifths", p);
        store.save(s);

        Settings back = store.load();
        assertThat(back.x).isEqualTo(12);
        assertThat(back.y).isNaN();
        assertThat(back.width).isEqualTo(1000);
        assertThat(back.input).isEqualTo("device:Keystation");
        assertThat(back.mappings).containsExactly(new Mapping("transport.tempo", Mapping.Type.CC, 0, 74));
        assertThat(back.presets.get("fifths").values).containsEntry("echo.transpose", 7.0);
    }

    @Test
    void aBrokenFileGivesTheDefaultsAndSaysWhy() throws Exception {
        Path file = dir.resolve("window.json");
        Files.writeString(file, "{ \"bpm\": \"fast\", ");
        SettingsStore store = new SettingsStore(file);
        Settings s = store.load();
        assertThat(s.bpm).isEqualTo(120);
        assertThat(store.problem()).contains(file.toString()).contains("using the defaults");

        Files.writeString(file, "{ \"mappings\": [ { \"target\": \"x\", \"type\": \"CC\", \"channel\": 20, \"number\": 1 } ] }");
        store.load();
        assertThat(store.problem()).contains("channel 21");
    }
}
