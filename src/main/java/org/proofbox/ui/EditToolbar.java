package org.proofbox.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The editing tool bar: tool buttons, brush size, "only empty", 3D fill, the active segment,
 * "new id", the read-only and journal banners, undo / redo / save. Its buttons run, enable and
 * explain themselves through the window's actions ({@link #bindActions}).
 */
final class EditToolbar {
    private final HBox bar = new HBox(6);
    private final ToggleGroup tools = new ToggleGroup();
    private final Label radiusLabel = new Label();
    final CheckBox onlyEmpty = new CheckBox("Only empty");
    final CheckBox fill3d = new CheckBox("3D fill");
    private final Label active = new Label("Active: —");
    private final Label banner = new Label();
    private final Label journalBanner = new Label();
    private final Button undo = new Button("Undo"), redo = new Button("Redo"), save = new Button("Save"), newId = new Button("New id (C)");

    EditToolbar(Consumer<EditController.Tool> toolChosen) {
        bar.setId("toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 6, 3, 6));
        for (EditController.Tool t : EditController.Tool.values()) {
            ToggleButton b = new ToggleButton(t.label);
            b.setId("tool-" + t.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(tools);
            b.setUserData(t);
            b.setFocusTraversable(false);
            if (t == EditController.Tool.MOVE) b.setSelected(true);
            bar.getChildren().add(b);
        }
        tools.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) { a.setSelected(true); return; }
            toolChosen.accept((EditController.Tool) b.getUserData());
        });
        onlyEmpty.setId("only-empty");
        fill3d.setId("fill-3d");
        active.setId("active-segment");
        banner.setId("readonly-banner");
        banner.setStyle("-fx-text-fill: white; -fx-background-color: #b00020; -fx-padding: 2 8 2 8; -fx-font-weight: bold;");
        banner.setMaxWidth(520);
        banner.setMinWidth(80);
        journalBanner.setId("journal-banner");
        journalBanner.setStyle("-fx-background-color: #a33; -fx-text-fill: white; -fx-padding: 2 6 2 6;");
        showBanner(banner, null, null);
        showBanner(journalBanner, null, null);
        for (var n : List.of(onlyEmpty, fill3d)) n.setFocusTraversable(false);
        save.setId("save");
        for (Button b : List.of(newId, undo, redo, save)) b.setFocusTraversable(false);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        bar.getChildren().addAll(radiusLabel, onlyEmpty, fill3d, active, newId, grow, banner, journalBanner, undo, redo, save);
        for (var n : bar.getChildren()) if (n != banner && n != grow && n instanceof javafx.scene.control.Control c) c.setMinWidth(Region.USE_PREF_SIZE);
        setEnabled(false);
    }

    HBox node() {
        return bar;
    }

    void bindActions(ActionModel actions) {
        for (var n : bar.getChildren()) {
            String id = n instanceof ToggleButton tb && tb.getUserData() instanceof EditController.Tool t ? "tool-" + t.name().toLowerCase(Locale.ROOT)
                : n == newId ? "new-id" : n == undo ? "undo" : n == redo ? "redo" : n == save ? "save" : null;
            if (id == null) continue;
            Action a = actions.get(id);
            n.disableProperty().bind(a.enabledProperty().not());
            if (n instanceof ButtonBase b) {
                if (!(n instanceof ToggleButton)) b.setOnAction(e -> a.fire(false));
                b.setTooltip(new Tooltip(a.withKeys() + (a.help.isEmpty() ? "" : "\n" + a.help)));
            }
        }
    }

    void select(EditController.Tool t) {
        for (var tg : tools.getToggles()) if (tg.getUserData() == t) tg.setSelected(true);
    }

    /** The controls not driven by an action (brush options) follow whether the box may change. */
    void setEnabled(boolean on) {
        for (var n : bar.getChildren()) if (n != banner && n != journalBanner && !n.disableProperty().isBound()) n.setDisable(!on);
    }

    void radius(int r) {
        radiusLabel.setText("Brush " + r + " (Shift+wheel)");
    }

    void active(String text) {
        active.setText(text);
    }

    /** Undo / redo tooltips name what they would undo or redo. */
    void history(String undoWhat, String redoWhat) {
        undo.setTooltip(new Tooltip(undoWhat != null ? "Undo " + undoWhat + " (Ctrl+Z)" : "Nothing to undo"));
        redo.setTooltip(new Tooltip(redoWhat != null ? "Redo " + redoWhat + " (Ctrl+Y)" : "Nothing to redo"));
    }

    EditSession.Banners banners() {
        return new EditSession.Banners() {
            @Override public void readOnly(String text, String tooltip) {
                showBanner(banner, text, tooltip);
            }

            @Override public void journalProblem(String text) { // null: no problem (a fresh session); the whole reason in the tooltip
                showBanner(journalBanner, text == null ? null : "Crash recovery is off — save soon", text);
            }
        };
    }

    /** Banners shrink (with an ellipsis) before they push the window wider than the screen; the tooltip says it all. */
    private static void showBanner(Label l, String text, String tooltip) {
        l.setMinWidth(0);
        l.setText(text == null ? "" : text);
        l.setTooltip(text == null ? null : new Tooltip(tooltip));
        l.setVisible(text != null);
        l.setManaged(text != null);
    }
}
