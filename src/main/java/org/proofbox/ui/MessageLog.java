package org.proofbox.ui;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.ListView;

/** Every message the window gave (operations with their voxel counts and new ids, saves, errors), newest last, with the time: nothing vanishes with the status line. */
final class MessageLog extends ListView<String> {
    static final int MAX = 2000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    MessageLog() {
        setId("message-log");
        setFocusTraversable(false);
        setPlaceholder(new javafx.scene.control.Label("Messages appear here"));
    }

    void log(String text) {
        if (text == null || text.isBlank()) return;
        if (!getItems().isEmpty() && getItems().get(getItems().size() - 1).endsWith("  " + text)) return; // the same message again
        getItems().add(LocalTime.now().format(TIME) + "  " + text);
        if (getItems().size() > MAX) getItems().remove(0, getItems().size() - MAX);
        scrollTo(getItems().size() - 1);
    }

    /** A failure the reviewer must see: on stderr, in the log, and in a dialog over {@code owner}. */
    void error(javafx.stage.Window owner, String header, Throwable error) {
        String message = error instanceof org.proofbox.io.ExportException ? error.getMessage() : "Unexpected error: " + error;
        System.err.println("proofbox: " + header + ": " + message);
        log(header + ": " + message);
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR, message);
        alert.setHeaderText(header);
        alert.initOwner(owner);
        alert.show();
    }
}
