package org.proofbox.review;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.proofbox.io.ExportException;

/**
 * Writes the session file off the UI thread after every change. Saves coalesce: while one write
 * runs, newer snapshots replace each other and only the newest is written next, so the file on
 * disk is always a complete, recent session (each write is atomic).
 */
public final class SessionSaver implements AutoCloseable {
    private final Path file;
    private final Consumer<ExportException> onError;
    private final Thread thread;
    private byte[] pending;
    private boolean writing, closed;

    public SessionSaver(Path file, Consumer<ExportException> onError) {
        this.file = file;
        this.onError = onError;
        this.thread = new Thread(this::loop, "session-saver");
        thread.setDaemon(true);
        thread.start();
    }

    public Path file() {
        return file;
    }

    public synchronized void save(byte[] bytes) {
        pending = bytes;
        notifyAll();
    }

    /** Blocks until everything handed to {@link #save} is on disk. */
    public synchronized void flush() throws InterruptedException {
        while (pending != null || writing) wait();
    }

    private void loop() {
        while (true) {
            byte[] b;
            synchronized (this) {
                while (pending == null && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending == null) return;
                b = pending;
                pending = null;
                writing = true;
            }
            try {
                SessionFile.write(file, b);
            } catch (ExportException e) {
                onError.accept(e);
            } finally {
                synchronized (this) {
                    writing = false;
                    notifyAll();
                }
            }
        }
    }

    /** Writes what is pending, then stops. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
