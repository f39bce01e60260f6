package org.proofbox.ui;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.proofbox.task.TaskRunner;

/**
 * The window's status bar: the last message, the hover read-out, and the progress of the running
 * background task (opening, checking, saving) with a Cancel button that stops that task.
 */
final class StatusLine {
    private final Label status = new Label("Ready");
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Cancel");
    private final HBox bar;
    private TaskRunner.TaskHandle running;

    StatusLine(Label hover) {
        status.setId("status");
        progress.setId("task-progress");
        cancel.setId("task-cancel");
        progress.setVisible(false);
        cancel.setVisible(false);
        cancel.setOnAction(e -> { if (running != null) running.cancel(); });
        bar = new HBox(12, status, hover, progress, cancel);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        hover.setMinWidth(360);
        bar.setPadding(new Insets(4, 8, 4, 8));
    }

    Node node() {
        return bar;
    }

    void text(String text) {
        status.setText(text);
    }

    /** A task started: indeterminate progress until it reports; Cancel stops {@code h} (null: no cancel yet). */
    void busy(String text, TaskRunner.TaskHandle h) {
        status.setText(text);
        progress.setProgress(-1);
        progress.setVisible(true);
        cancelWith(h);
    }

    void cancelWith(TaskRunner.TaskHandle h) {
        if (h != null && h.isDone()) return; // finished already (the synchronous runner of tests)
        running = h;
        cancel.setVisible(h != null); // a big edit being applied cannot stop halfway: no Cancel for it
    }

    /** The task's progress; {@code message} replaces the status text when not null. */
    void progress(double fraction, String message) {
        progress.setProgress(fraction);
        progress.setVisible(true);
        if (message != null) status.setText(message);
    }

    void done() {
        running = null;
        progress.setVisible(false);
        cancel.setVisible(false);
    }
}
