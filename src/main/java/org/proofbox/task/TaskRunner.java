package org.proofbox.task;

import java.util.function.Consumer;

/**
 * The one way background work is started. The UI uses a thread-pool implementation; tests use
 * {@link SyncTaskRunner} so that results are there when the call returns.
 */
public interface TaskRunner {
    /** A unit of background work that reports progress and may be cancelled. */
    @FunctionalInterface
    interface Work<T> {
        T run(Progress progress) throws Exception;
    }

    /** Callbacks of a task; each is invoked on the runner's callback executor (the FX thread in the app). */
    interface Listener<T> {
        default void progress(double fraction, String message) {}
        void succeeded(T result);
        default void failed(Throwable error) {}
        default void cancelled() {}
    }

    <T> TaskHandle submit(String title, Work<T> work, Listener<T> listener);

    /** A submitted task. */
    interface TaskHandle {
        void cancel();
        boolean isDone();
    }

    static <T> Listener<T> onSuccess(Consumer<T> consumer) {
        return consumer::accept;
    }
}
