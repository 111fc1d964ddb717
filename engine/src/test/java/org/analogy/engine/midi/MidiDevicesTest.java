package org.analogy.engine.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.sound.midi.ShortMessage;
import org.analogy.engine.output.ReceiverOutput;
import org.junit.jupiter.api.Test;

class MidiDevicesTest {

    private final FakeMidiDevice keyboard = new FakeMidiDevice("KeyStep 37 MIDI", true, true, false);
    private final FakeMidiDevice port1 = new FakeMidiDevice("Port 1", false, true, false);
    private final FakeMidiDevice port10 = new FakeMidiDevice("Port 10", false, true, false);
    private final FakeMidiDevice busy = new FakeMidiDevice("Busy Interface", true, true, true);
    private final MidiDevices devices = new MidiDevices(FakeMidiDevice.sourceOf(keyboard, port1, port10, busy));

    @Test
    void listsPortsWithDirections() {
        assertThat(devices.list()).extracting(MidiPort::toString).containsExactly(
                "KeyStep 37 MIDI (port, in/out)", "Port 1 (port, out)", "Port 10 (port, out)", "Busy Interface (port, in/out)");
        assertThat(devices.inputs()).extracting(MidiPort::name).containsExactly("KeyStep 37 MIDI", "Busy Interface");
        assertThat(devices.outputs()).hasSize(4);
    }

    @Test
    void choosesByCaseInsensitiveSubstring() throws Exception {
        assertThat(devices.chooseInput("keystep").name()).isEqualTo("KeyStep 37 MIDI");
        assertThat(devices.chooseOutput("  KEYSTEP ").name()).isEqualTo("KeyStep 37 MIDI");
    }

    @Test
    void aWholeNamePrefersItsPortOverLongerNames() throws Exception {
        assertThat(devices.chooseOutput("port 1").name()).isEqualTo("Port 1");
        assertThat(devices.chooseOutput("port 10").name()).isEqualTo("Port 10");
    }

    @Test
    void noMatchListsWhatExists() {
        assertThatThrownBy(() -> devices.chooseInput("launchkey")).isInstanceOf(MidiPortException.class)
                .hasMessageContaining("no MIDI input matches 'launchkey'")
                .hasMessageContaining("KeyStep 37 MIDI (port, in/out)").hasMessageContaining("Busy Interface")
                .hasMessageNotContaining("Port 10");
    }

    @Test
    void severalMatchesListThem() {
        assertThatThrownBy(() -> devices.chooseOutput("port")).isInstanceOf(MidiPortException.class)
                .hasMessageContaining("matches several MIDI outputs").hasMessageContaining("Port 1 (port, out)")
                .hasMessageContaining("Port 10 (port, out)");
    }

    @Test
    void inputDeliversIntoTheGivenReceiverUntilClosed() throws Exception {
        RecordingHandler handler = new RecordingHandler();
        MidiByteParser parser = new MidiByteParser(handler);
        long[] clock = {1_000};
        MidiInputConnection input = devices.openInput(devices.chooseInput("keystep"), new ParsingReceiver(parser, () -> clock[0]++));

        keyboard.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 100));
        keyboard.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 0));
        assertThat(handler.events).containsExactly("90 60 100", "80 60 0");
        assertThat(handler.times).containsExactly(1_000L, 1_001L);
        assertThat(keyboard.isOpenNow()).isTrue();

        input.close();
        keyboard.play(new ShortMessage(ShortMessage.NOTE_ON, 0, 62, 100));
        assertThat(handler.events).hasSize(2);
        assertThat(keyboard.transmitterClosed).isTrue();
        assertThat(keyboard.isOpenNow()).isFalse();
    }

    @Test
    void outputSendsThroughTheDeviceAndClosesIt() throws Exception {
        ReceiverOutput output = devices.openOutput(devices.chooseOutput("port 1"));
        output.send(0, 0x91, 60, 100);
        output.send(0, 0xC1, 5, 0);
        assertThat(port1.received).extracting(m -> ((ShortMessage) m).getCommand()).containsExactly(0x90, 0xC0);
        assertThat(port1.receivedTimestamps).containsOnly(-1L);
        assertThat(output.name()).isEqualTo("Port 1");

        output.close();
        assertThat(port1.isOpenNow()).isFalse();
        assertThat(output.isAvailable()).isFalse();
    }

    @Test
    void deviceThatFailsToOpenIsAClearError() {
        assertThatThrownBy(() -> devices.openInput(devices.chooseInput("busy"), new ParsingReceiver(new MidiByteParser(new RecordingHandler()))))
                .isInstanceOf(MidiPortException.class).hasMessageContaining("Busy Interface").hasMessageContaining("device is busy");
    }

    @Test
    void theJdkDevicesOfThisMachineAreListedWithTheirKinds() {
        List<MidiPort> ports = MidiDevices.system().list();
        assertThat(ports).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(MidiPort.Kind.SOFTWARE_SYNTHESIZER);
            assertThat(p.isOutput()).isTrue();
            assertThat(p.isInput()).isFalse();
        });
        assertThat(ports).filteredOn(p -> p.kind() == MidiPort.Kind.SEQUENCER).allSatisfy(p -> assertThat(p.isOutput()).isTrue());
    }

    @Test
    void gervillCanBeChosenButTheSequencerNever() throws Exception {
        MidiDevices system = MidiDevices.system();
        assertThat(system.chooseOutput("gervill").kind()).isEqualTo(MidiPort.Kind.SOFTWARE_SYNTHESIZER);
        assertThatThrownBy(() -> system.chooseOutput("real time sequencer")).isInstanceOf(MidiPortException.class)
                .hasMessageContaining("Gervill");
    }

    @Test
    void openingGervillEitherWorksOrSaysWhyNot() {
        MidiDevices system = MidiDevices.system();
        try (ReceiverOutput output = system.openOutput(system.chooseOutput("gervill"))) {
            output.send(0, 0x90, 60, 1); // a machine with a sound card: it plays
            assertThat(output.isAvailable()).isTrue();
        } catch (MidiPortException e) { // no audio line, as on the build machines
            assertThat(e.getMessage()).startsWith("cannot open MIDI output 'Gervill'");
        }
    }
}
