package org.proofbox.task;

/** Runs work on the caller's thread; the test double of {@link ExecutorTaskRunner}. */
public final class SyncTaskRunner implements TaskRunner {
    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Listener<T> listener) {
        boolean[] cancelled = {false};
        Progress progress = new Progress() {
            @Override public void report(double fraction, String message) { listener.progress(fraction, message); }
            @Override public boolean isCancelled() { return cancelled[0]; }
        };
        try {
            listener.succeeded(work.run(progress));
        } catch (Cancelled c) {
            listener.cancelled();
        } catch (Exception | Error e) {
            listener.failed(e);
        }
        return new TaskHandle() {
            @Override public void cancel() { cancelled[0] = true; }
            @Override public boolean isDone() { return true; }
        };
    }
}
