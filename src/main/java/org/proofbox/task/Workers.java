package org.proofbox.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Parallel parts of one algorithm (slabs of a scan, independent scans): runs the jobs on a pool
 * of daemon threads made for the call, returns their results in job order, rethrows a job's
 * runtime exception as it is and turns interruption into {@link Cancelled}. Long-lived
 * background work goes through the {@link TaskRunner} instead.
 */
public final class Workers {
    private Workers() {}

    public static <T> List<T> all(String name, int threads, List<Callable<T>> jobs) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, jobs.size())), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> j : jobs) futures.add(pool.submit(j));
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) out.add(f.get());
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } finally {
            pool.shutdownNow();
        }
    }
}
