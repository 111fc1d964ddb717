package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The installation options of {@code live}: OSC off unless asked, loopback unless another address is named. */
class LiveOptionsTest {

    private static LiveCommand parse(String... args) {
        LiveCommand live = new LiveCommand();
        new CommandLine(live).parseArgs(args);
        return live;
    }

    @Test
    void oscIsOffByDefault() {
        LiveCommand live = parse();
        assertThat(live.oscPort).isNull();
        assertThat(live.unattended).isFalse();
    }

    @Test
    void oscBindsLoopbackUnlessAnotherAddressIsNamed() {
        assertThat(parse("--osc", "9000").oscBind).isEqualTo("127.0.0.1");
        LiveCommand everywhere = parse("--osc", "9000", "--osc-bind", "0.0.0.0");
        assertThat(everywhere.oscPort).isEqualTo(9000);
        assertThat(everywhere.oscBind).isEqualTo("0.0.0.0");
    }

    @Test
    void unattendedHasAHealthLineEveryMinute() {
        LiveCommand live = parse("--unattended");
        assertThat(live.unattended).isTrue();
        assertThat(live.healthSeconds).isEqualTo(60.0);
    }
}
