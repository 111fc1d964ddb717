package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void readsJackEndpointsWithAndWithoutAPattern() {
        assertThat(Backends.parse("jack")).isEqualTo(new Backends.Spec("jack", null, false));
        assertThat(Backends.parse("JACK:")).isEqualTo(new Backends.Spec("jack", null, false));
        assertThat(Backends.parse("jack:fluidsynth:.*")).isEqualTo(new Backends.Spec("jack", "fluidsynth:.*", false));
        assertThat(Backends.parse("jack-parts")).isEqualTo(new Backends.Spec("jack", null, true));
        assertThat(Backends.parse("jack-parts:a2j:.*")).isEqualTo(new Backends.Spec("jack", "a2j:.*", true));
    }

    @Test
    void readsPluginEndpointsWithTheirInstance() {
        assertThat(Backends.parse("plugin")).isEqualTo(new Backends.Spec("plugin", null, false));
        assertThat(Backends.parse("Plugin:3")).isEqualTo(new Backends.Spec("plugin", "3", false));
    }

    @Test
    void oneRunServesOnePluginInstance() {
        try (Backends backends = new Backends()) {
            // without analogy-native on the class path the first one is refused for that reason; the instance is taken
            assertThatThrownBy(() -> backends.connection(Backends.parse("plugin:1"))).hasMessageContaining("not available");
            assertThatThrownBy(() -> backends.connection(Backends.parse("plugin:2")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already serves plugin:1");
        }
    }

    @Test
    void leavesEverythingElseToDevicesAndFiles() {
        for (String word : List.of("synth", "none", "file:jack.mid", "Jackson Keys", "IAC Bus 1", "Plugin Keys")) {
            assertThat(Backends.parse(word)).as(word).isNull();
        }
        assertThat(Backends.parse(null)).isNull();
    }

    @Test
    void anOutputPerPartIsNoInput() {
        assertThatThrownBy(() -> Endpoints.resolveInput("jack-parts", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--out");
    }
}
