package org.analogy.ui.view;

import java.util.List;
import java.util.function.Consumer;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

import org.analogy.ui.session.Endpoint;

/**
 * Input and output pickers. The lists follow hot-plugging (see {@link org.analogy.ui.session.DeviceWatcher});
 * choosing an entry asks the window to switch, which happens off the JavaFX thread.
 */
final class DeviceBar extends HBox {

    private final ComboBox<Endpoint> input = new ComboBox<>();
    private final ComboBox<Endpoint> output = new ComboBox<>();
    private boolean updating;

    DeviceBar(Consumer<Endpoint> inputChosen, Consumer<Endpoint> outputChosen, Runnable refresh) {
        getStyleClass().add("devices");
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);
        input.setId("input");
        output.setId("output");
        input.setPrefWidth(280);
        output.setPrefWidth(280);
        input.valueProperty().addListener((o, was, now) -> {
            if (!updating && now != null && !now.equals(was)) inputChosen.accept(now);
        });
        output.valueProperty().addListener((o, was, now) -> {
            if (!updating && now != null && !now.equals(was)) outputChosen.accept(now);
        });
        Button rescan = new Button("⟳");
        rescan.setId("rescan");
        rescan.setOnAction(e -> refresh.run());
        Label in = new Label("In");
        Label out = new Label("Out");
        in.getStyleClass().add("small");
        out.getStyleClass().add("small");
        getChildren().addAll(in, input, out, output, rescan);
    }

    /** New device lists; the current choices stay selected (shown even if just unplugged). */
    void devices(List<Endpoint> inputs, List<Endpoint> outputs, Endpoint currentIn, Endpoint currentOut) {
        updating = true;
        try {
            input.getItems().setAll(inputs);
            if (currentIn != null && !inputs.contains(currentIn)) input.getItems().add(0, currentIn);
            input.setValue(currentIn);
            output.getItems().setAll(outputs);
            if (currentOut != null && !outputs.contains(currentOut)) output.getItems().add(0, currentOut);
            output.setValue(currentOut);
        } finally {
            updating = false;
        }
    }

    void show(Endpoint in, Endpoint out) {
        updating = true;
        try {
            input.setValue(in);
            output.setValue(out);
        } finally {
            updating = false;
        }
    }
}
