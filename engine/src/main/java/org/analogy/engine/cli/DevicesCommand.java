package org.analogy.engine.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import org.analogy.engine.midi.MidiDevices;
import org.analogy.engine.midi.MidiPort;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"Lists MIDI inputs and outputs. Choose one with --in/--out and any part of its name "
                + "(case-insensitive), e.g. --in keystation --out \"IAC Bus 1\"."})
final class DevicesCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        MidiDevices devices = MidiDevices.system();
        System.out.println("Inputs:");
        if (devices.inputs().isEmpty()) System.out.println("  (none) — use --in demo or --in file:PATH.mid");
        for (MidiPort p : devices.inputs()) System.out.println("  " + p);
        System.out.println("Outputs:");
        for (MidiPort p : devices.outputs()) System.out.println("  " + p);
        System.out.println("  synth (the JDK's built-in synthesizer; the default)");
        System.out.println("  none  (no sound; the recording is still made)");
        return 0;
    }
}
