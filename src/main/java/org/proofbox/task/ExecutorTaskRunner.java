package org.proofbox.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs work on a small pool of daemon threads and delivers callbacks through {@code callbacks}
 * (Platform::runLater in the app). Progress reports are throttled so the UI thread is not flooded.
 */
public final class ExecutorTaskRunner implements TaskRunner, AutoCloseable {
    private final ExecutorService pool;
    private final Executor callbacks;

    public ExecutorTaskRunner(int threads, Executor callbacks) {
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "proofbox-task");
            t.setDaemon(true);
            return t;
        });
        this.callbacks = callbacks;
    }

    @Override
    public <T> TaskHandle submit(String title, Work<T> work, Listener<T> listener) {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong lastReport = new AtomicLong();
        Progress progress = new Progress() {
            @Override
            public void report(double fraction, String message) {
                long now = System.nanoTime();
                long last = lastReport.get();
                if (now - last < 30_000_000L && fraction < 1.0) return;
                if (!lastReport.compareAndSet(last, now)) return;
                callbacks.execute(() -> listener.progress(fraction, message));
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get() || Thread.currentThread().isInterrupted();
            }
        };
        pool.execute(() -> {
            try {
                T result = work.run(progress);
                done.set(true);
                if (cancelled.get()) callbacks.execute(listener::cancelled);
                else callbacks.execute(() -> listener.succeeded(result));
            } catch (Cancelled c) {
                done.set(true);
                callbacks.execute(listener::cancelled);
            } catch (Throwable e) {
                done.set(true);
                log(title, e);
                callbacks.execute(() -> listener.failed(e));
            }
        });
        return new TaskHandle() {
            @Override public void cancel() { cancelled.set(true); }
            @Override public boolean isDone() { return done.get(); }
        };
    }

    /**
     * Every failure of a background task also goes to stderr (the app shows it too): one line for
     * a checked exception (a problem with the input or the disk, which names the file), the stack
     * trace for anything unexpected (runtime exceptions and errors such as OutOfMemoryError).
     */
    static void log(String title, Throwable e) {
        boolean unexpected = e instanceof RuntimeException || e instanceof Error;
        System.err.println("proofbox: background task \"" + title + "\" failed: " + (unexpected ? String.valueOf(e) : e.getMessage()));
        if (unexpected) e.printStackTrace();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
