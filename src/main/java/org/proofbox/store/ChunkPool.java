package org.proofbox.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.proofbox.io.ExportException;
import org.proofbox.task.Cancelled;
import org.proofbox.task.Progress;

/**
 * Runs a per-chunk job over the chunks of a box on a few threads. Each thread gets its own worker
 * (for per-thread caches); the first failure stops the rest and is rethrown as it was.
 */
final class ChunkPool {
    /** Handles one chunk; one instance per thread. */
    interface Worker {
        void accept(BoxChunks.Part part) throws ExportException;
    }

    private ChunkPool() {}

    static void run(List<BoxChunks.Part> parts, int threads, Progress progress, String what, Supplier<Worker> workers)
            throws ExportException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.Callable<Void> loop = () -> {
            Worker w = workers.get();
            int i;
            while (!stop.get() && (i = next.getAndIncrement()) < parts.size()) {
                if (progress.isCancelled()) {
                    stop.set(true);
                    throw new Cancelled();
                }
                w.accept(parts.get(i));
                int d = done.incrementAndGet();
                progress.report((double) d / parts.size(), what + ": chunk " + d + " of " + parts.size());
            }
            return null;
        };
        int n = Math.max(1, Math.min(threads, parts.size()));
        if (n == 1) {
            try {
                loop.call();
            } catch (ExportException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "proofbox-chunks");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < n; t++) futures.add(pool.submit(loop));
            for (Future<Void> f : futures) f.get();
        } catch (ExecutionException e) {
            stop.set(true);
            Throwable cause = e.getCause();
            if (cause instanceof ExportException ee) throw ee;
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error er) throw er;
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            stop.set(true);
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } finally {
            pool.shutdownNow();
        }
    }
}
