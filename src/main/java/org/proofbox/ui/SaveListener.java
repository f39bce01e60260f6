package org.proofbox.ui;

import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.proofbox.io.ExportException;
import org.proofbox.task.TaskRunner;

/**
 * The listener of a background save (in place, or as a new file): progress to the status line,
 * the saving flag cleared when it ends, a cancel said in the status line, a failure logged and
 * shown in a dialog. Subclasses say what success means.
 */
abstract class SaveListener<R> implements TaskRunner.Listener<R> {
    /** What the listener changes in the editing session. */
    interface Host {
        void saving(boolean on);
        void progress(TaskRunner.TaskHandle handle, double fraction);
        void status(String text);
        void changed();
        Stage owner();
    }

    private final Host host;
    private final TaskRunner.TaskHandle[] handle;
    private final String cancelledText, failedHeader, failedTail;

    SaveListener(Host host, TaskRunner.TaskHandle[] handle, String cancelledText, String failedHeader, String failedTail) {
        this.host = host;
        this.handle = handle;
        this.cancelledText = cancelledText;
        this.failedHeader = failedHeader;
        this.failedTail = failedTail;
    }

    @Override public void progress(double fraction, String message) {
        if (handle[0] != null) host.progress(handle[0], fraction);
    }

    /** The save finished: the status line's progress ends. */
    void ended() {
        host.saving(false);
        host.progress(null, 1.0);
    }

    @Override public void cancelled() {
        host.saving(false);
        host.progress(null, 0.0);
        host.status(cancelledText);
        host.changed();
    }

    @Override public void failed(Throwable error) {
        host.saving(false);
        host.progress(null, 0.0);
        host.changed();
        System.err.println("proofbox: save failed: " + error);
        Alert a = new Alert(Alert.AlertType.ERROR, (error instanceof ExportException ? error.getMessage() : error.toString()) + failedTail);
        a.setHeaderText(failedHeader);
        a.initOwner(host.owner());
        a.show();
    }
}
