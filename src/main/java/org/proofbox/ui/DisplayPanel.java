package org.proofbox.ui;

import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.proofbox.render.Contrast;
import org.proofbox.render.SliceData;
import org.proofbox.render.ViewerState;
import org.proofbox.render.Visibility;

/** Display controls bound both ways to the viewer state's style: contrast, opacity, overlay, outlines, visibility. */
final class DisplayPanel extends VBox {
    private final ViewerState state;
    private final Slider contrastMin = new Slider(0, 255, 0), contrastMax = new Slider(0, 255, 255), opacity = new Slider(0, 1, 0.45);
    private final CheckBox overlay = new CheckBox("Show segmentation (3)"), outlines = new CheckBox("Outlines only"),
        context = new CheckBox("Hidden segments as faint outlines");
    private final ChoiceBox<Visibility> visibility = new ChoiceBox<>();
    private boolean syncing;

    DisplayPanel(ViewerState state, java.util.function.Supplier<SliceData> data) {
        this.state = state;
        setSpacing(6);
        Button auto = new Button("Auto");
        auto.setOnAction(e -> {
            SliceData d = data.get();
            if (d != null && d.raw() != null) state.setStyle(state.style().withContrast(Contrast.auto(Contrast.histogram(d.raw()))));
        });
        for (Slider s : new Slider[] {contrastMin, contrastMax, opacity}) s.valueProperty().addListener((o, a, b) -> fromControls());
        for (CheckBox c : new CheckBox[] {overlay, outlines, context}) c.selectedProperty().addListener((o, a, b) -> fromControls());
        visibility.getItems().setAll(Visibility.values());
        visibility.setConverter(new StringConverter<>() {
            @Override public String toString(Visibility v) { return v == null ? "" : v.label; }
            @Override public Visibility fromString(String s) { return null; }
        });
        visibility.valueProperty().addListener((o, a, b) -> fromControls());
        contrastMin.setId("contrast-min");
        contrastMax.setId("contrast-max");
        opacity.setId("opacity");
        overlay.setId("overlay");
        outlines.setId("outlines");
        visibility.setId("visibility");
        getChildren().addAll(new Label("Contrast min / max"), contrastMin, contrastMax, auto, new Label("Segmentation opacity"), opacity,
            overlay, outlines, new Label("Visibility (V)"), visibility, context);
        state.addListener(c -> { if (c == ViewerState.Change.STYLE || c == ViewerState.Change.DATA) sync(); });
        sync();
    }

    /** Style → controls, without feeding back. */
    private void sync() {
        syncing = true;
        var s = state.style();
        contrastMin.setValue(s.contrast().min());
        contrastMax.setValue(s.contrast().max());
        opacity.setValue(s.opacity());
        overlay.setSelected(s.overlay());
        outlines.setSelected(s.outlines());
        context.setSelected(s.contextOutlines());
        visibility.setValue(s.visibility());
        syncing = false;
    }

    private void fromControls() {
        if (syncing) return;
        int lo = (int) Math.round(contrastMin.getValue()), hi = (int) Math.round(contrastMax.getValue());
        if (hi <= lo) hi = Math.min(255, lo + 1);
        if (hi <= lo) lo = hi - 1;
        state.setStyle(state.style().withContrast(new Contrast(lo, hi)).withOpacity(opacity.getValue()).withOverlay(overlay.isSelected())
            .withOutlines(outlines.isSelected()).withContextOutlines(context.isSelected())
            .withVisibility(visibility.getValue() == null ? Visibility.ALL : visibility.getValue()));
    }
}
