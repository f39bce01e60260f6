package org.proofbox.ui;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/** F1 / ?: every key of the window's actions and the mouse gestures, grouped by menu, in one window; Escape, F1 or ? closes it. */
final class ShortcutOverlay {
    private ShortcutOverlay() {}

    static GridPane table(ActionModel actions) {
        GridPane g = new GridPane();
        g.setId("shortcut-table");
        g.setHgap(18);
        g.setVgap(3);
        g.setPadding(new Insets(14));
        int row = 0;
        String group = null;
        for (String[] r : actions.shortcutRows()) {
            if (!r[0].equals(group)) {
                group = r[0];
                Label h = new Label(group);
                h.setStyle("-fx-font-weight: bold; -fx-padding: 8 0 2 0;");
                g.add(h, 0, row++, 2, 1);
            }
            Label k = new Label(r[1]);
            k.setStyle("-fx-font-family: monospace; -fx-text-fill: #1f4e79;");
            k.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // keys are never cut
            g.add(k, 0, row);
            g.add(new Label(r[2]), 1, row++);
        }
        Label m = new Label("Mouse");
        m.setStyle("-fx-font-weight: bold; -fx-padding: 8 0 2 0;");
        g.add(m, 0, row++, 2, 1);
        for (String[] r : WindowActions.MOUSE) {
            Label k = new Label(r[0]);
            k.setStyle("-fx-font-family: monospace; -fx-text-fill: #1f4e79;");
            g.add(k, 0, row);
            g.add(new Label(r[1]), 1, row++);
        }
        return g;
    }

    static Stage show(Stage owner, ActionModel actions) {
        Stage s = new Stage(StageStyle.UTILITY);
        s.initOwner(owner);
        s.initModality(Modality.NONE);
        s.setTitle("Proofbox — keyboard shortcuts and mouse");
        ScrollPane pane = new ScrollPane(table(actions));
        pane.setFitToWidth(true);
        Scene scene = new Scene(pane, 720, Math.min(860, owner.getHeight() > 0 ? owner.getHeight() - 40 : 800));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE || e.getCode() == KeyCode.F1 || "?".equals(e.getText())) {
                s.close();
                e.consume();
            }
        });
        s.setScene(scene);
        s.show();
        return s;
    }
}
