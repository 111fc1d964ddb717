package org.analogy.ui.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.analogy.engine.cli.Endpoints;
import org.analogy.engine.input.FilePlayer;
import org.analogy.engine.midi.MidiDevices;
import org.analogy.engine.midi.MidiPort;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.output.SynthOutput;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.BarProcessor;

/**
 * A performance as the window runs it: one live engine for the whole session, whose input and output
 * can be changed while it plays. Opening and closing devices can take a while (and may fail), so it
 * happens on a worker thread; the JavaFX thread only starts the change and is told how it went.
 */
public final class LiveSession implements AutoCloseable {

    /** Lists the devices; a seam so tests can run without the system's MIDI. */
    public interface DeviceLister {
        List<MidiPort> list();
    }

    private final LiveEngine engine;
    private final OutputSwitch output = new OutputSwitch();
    private final DeviceLister devices;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "analogy-ui-devices");
        t.setDaemon(true);
        return t;
    });
    private volatile AutoCloseable source = () -> { };
    /** Null until the first choice has been made. */
    private volatile Endpoint input;
    private volatile Endpoint outputEndpoint;
    private volatile long takeStartNanos = Long.MIN_VALUE;
    private volatile long takeEndNanos = Long.MIN_VALUE;

    public LiveSession(EngineConfig config, BarProcessor processor) {
        this(config, processor, () -> MidiDevices.system().list());
    }

    public LiveSession(EngineConfig config, BarProcessor processor, DeviceLister devices) {
        this.devices = devices;
        this.engine = new LiveEngine(config, processor, List.of(output));
    }

    public LiveEngine engine() {
        return engine;
    }

    // ---- devices ---------------------------------------------------------------------------------

    /** What the input picker offers: controllers first, then the demo and nothing. */
    public List<Endpoint> inputs() {
        List<Endpoint> out = new ArrayList<>();
        for (MidiPort p : devices.list()) if (p.kind() == MidiPort.Kind.PORT && p.isInput()) out.add(Endpoint.device(p.name()));
        out.add(Endpoint.DEMO);
        out.add(Endpoint.NONE);
        return out;
    }

    /** What the output picker offers: the built-in synthesizer, device ports, nothing. */
    public List<Endpoint> outputs() {
        List<Endpoint> out = new ArrayList<>();
        out.add(Endpoint.SYNTH);
        for (MidiPort p : devices.list()) if (p.kind() == MidiPort.Kind.PORT && p.isOutput()) out.add(Endpoint.device(p.name()));
        out.add(Endpoint.NONE);
        return out;
    }

    /** True when at least one controller is attached. */
    public boolean hasController(List<Endpoint> inputs) {
        return inputs.stream().anyMatch(e -> e.kind() == Endpoint.Kind.DEVICE);
    }

    /** The input in use; null until the first one is chosen. */
    public Endpoint input() {
        return input;
    }

    /** The output in use; null until the first one is chosen. */
    public Endpoint output() {
        return outputEndpoint;
    }

    /** Plays from another source from now on; the old one lets go of every key it held first. */
    public CompletableFuture<Endpoint> useInput(Endpoint next) {
        return CompletableFuture.supplyAsync(() -> {
            AutoCloseable opened = open(next);
            AutoCloseable previous = source;
            source = opened;
            input = next;
            closeQuietly(previous);
            return next;
        }, worker);
    }

    /**
     * Sends to another output from now on. Everything sounding on the old one is released first (a panic
     * through the engine), so no note is left hanging on a device that no longer hears from us.
     */
    public CompletableFuture<Endpoint> useOutput(Endpoint next) {
        return CompletableFuture.supplyAsync(() -> {
            MidiOutput opened = openOutput(next);
            if (output.target() != null) {
                engine.panic();
                sleep(60); // the panic travels through the pipeline to the scheduler before the switch
            }
            MidiOutput previous = output.swap(opened);
            outputEndpoint = next;
            if (previous != null) previous.close();
            return next;
        }, worker);
    }

    private AutoCloseable open(Endpoint e) {
        try {
            return switch (e.kind()) {
                case NONE, SYNTH -> () -> { };
                case DEMO -> new FilePlayer(Endpoints.demo().performance(), engine.inputHandler(), engine::timeline, true).start();
                case DEVICE -> Endpoints.connect(new Endpoints.DeviceInput(MidiDevices.system().chooseInput(e.name())),
                        engine.inputHandler(), 0xFFFF);
            };
        } catch (Exception ex) {
            throw new IllegalStateException("cannot open input " + e.name() + ": " + ex.getMessage(), ex);
        }
    }

    private MidiOutput openOutput(Endpoint e) {
        try {
            return switch (e.kind()) {
                case NONE, DEMO -> null;
                case SYNTH -> SynthOutput.open();
                case DEVICE -> {
                    MidiDevices system = MidiDevices.system();
                    yield system.openOutput(system.chooseOutput(e.name()));
                }
            };
        } catch (Exception ex) {
            throw new IllegalStateException("cannot open output " + e.name() + ": " + ex.getMessage(), ex);
        }
    }

    // ---- recording -------------------------------------------------------------------------------

    /** Starts a take: what is played and generated from now on, until {@link #stopTake()}. */
    public void startTake() {
        takeStartNanos = System.nanoTime();
        takeEndNanos = Long.MIN_VALUE;
    }

    public void stopTake() {
        if (isRecording()) takeEndNanos = System.nanoTime();
    }

    public boolean isRecording() {
        return takeStartNanos != Long.MIN_VALUE && takeEndNanos == Long.MIN_VALUE;
    }

    public boolean hasTake() {
        return takeStartNanos != Long.MIN_VALUE;
    }

    /** Writes the current or last take (up to now if still recording) as a MIDI file, off the JavaFX thread. */
    public CompletableFuture<Path> saveTake(Path file) {
        long from = takeStartNanos;
        long to = isRecording() ? System.nanoTime() : takeEndNanos;
        if (from == Long.MIN_VALUE) return CompletableFuture.failedFuture(new IllegalStateException("nothing recorded yet: press Record first"));
        return CompletableFuture.supplyAsync(() -> {
            try {
                engine.recorder().save(file, from, to);
                return file;
            } catch (Exception ex) {
                throw new IllegalStateException("could not write " + file + ": " + ex.getMessage(), ex);
            }
        }, worker);
    }

    // ---- end -------------------------------------------------------------------------------------

    /** Releases the input's keys, stops the engine (every sounding note released) and closes the output. */
    @Override
    public void close() {
        closeQuietly(source);
        engine.close();
        output.close();
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a device that vanished cannot be closed any further
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
