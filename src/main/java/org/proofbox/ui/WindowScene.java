package org.proofbox.ui;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import org.proofbox.render.ViewerState;

/**
 * The window's scene: no larger than the screen (1280×720 laptops), one key map at scene level —
 * no focused table, list or tab takes the viewer's keys, text fields keep plain keys, Escape
 * gives the keys back to the viewer — and the actions' enablement refreshed as focus and the
 * selection change.
 */
final class WindowScene {
    private WindowScene() {}

    static Scene create(Parent root, ActionModel actions, Node viewer, ViewerState state) {
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(root, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight()));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean typing = ActionModel.isTextField(scene.getFocusOwner());
            if (typing && e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                viewer.requestFocus();
                e.consume();
                return;
            }
            actions.handle(e, typing);
        });
        scene.focusOwnerProperty().addListener((o, was, now) -> actions.refresh());
        state.addListener(c -> { if (c == ViewerState.Change.STYLE) actions.refresh(); }); // the selection enables split, delete, export mesh…
        return scene;
    }
}
