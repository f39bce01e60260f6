package org.proofbox.ui;

import javafx.application.Platform;
import org.proofbox.task.ExecutorTaskRunner;
import org.proofbox.task.TaskRunner;

/** The app's task runner: background pool, callbacks on the FX thread. */
final class FxTaskRunner {
    private FxTaskRunner() {}

    static TaskRunner create() {
        return new ExecutorTaskRunner(2, Platform::runLater);
    }
}
