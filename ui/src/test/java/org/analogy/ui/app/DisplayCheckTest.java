package org.analogy.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DisplayCheckTest {

    @Test
    void linuxNeedsADisplay() {
        assertThat(DisplayCheck.whyNot("Linux", Map.of(), null)).isEqualTo("no display: DISPLAY is not set");
        assertThat(DisplayCheck.whyNot("Linux", Map.of("DISPLAY", ":0"), null)).isNull();
        assertThat(DisplayCheck.whyNot("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"), null)).isNull();
        assertThat(DisplayCheck.whyNot("Mac OS X", Map.of(), null)).isNull();
        assertThat(DisplayCheck.whyNot("Mac OS X", Map.of(), "true")).contains("analogy.headless");
    }

    @Test
    void theSurfaceIsFoundByTheLauncher() {
        assertThat(java.util.ServiceLoader.load(org.analogy.engine.control.ControlSurfaceProvider.class).stream()
                .map(p -> p.type().getName())).contains(PerformanceSurface.class.getName());
    }
}
