package org.proofbox.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.proofbox.io.AnnotationZip;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.model.QcParameters;
import org.proofbox.store.LoadedBox;
import org.proofbox.store.MemoryPlan;
import org.proofbox.task.Cancelled;
import org.proofbox.task.Progress;

/**
 * A project: the boxes of a folder, each checked ({@link BoxCheck}, several side by side while
 * their estimated memory fits the heap, a box that fails named and the others going on), and the
 * {@link Consistency} report over them. Used by {@code check BOX BOX…} and the app's project list.
 */
public final class Project {
    private Project() {}

    /** Whether {@code p} is a folder of boxes rather than an export itself. */
    public static boolean isProjectFolder(Path p) {
        return Files.isDirectory(p) && !Files.exists(p.resolve("datasource-properties.json")) && !org.proofbox.io.Cutout.handles(p);
    }

    /** The exports (folders with datasource-properties.json) and annotation zips in {@code folder}, by name. */
    public static List<Path> boxesIn(Path folder) throws ExportException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.sorted().forEach(c -> {
                if (Files.isRegularFile(c.resolve("datasource-properties.json"))) out.add(c);
                else if (Files.isRegularFile(c) && c.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) out.add(c);
            });
        } catch (IOException e) {
            throw new ExportException(folder, "cannot list the project folder: " + e.getMessage(), e);
        }
        if (out.isEmpty()) throw new ExportException(folder, "holds no exports (folders with datasource-properties.json) or annotation zips");
        return out;
    }

    /** An export folder, or an annotation zip (its first volume and box). */
    public static Export open(Path p) throws ExportException {
        if (org.proofbox.io.Cutout.handles(p)) return Export.open(p);
        if (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) return AnnotationZip.open(p, null, null);
        return Export.open(p);
    }

    /** Told about each box while it is loaded (e.g. to write its own report with crops); runs on the box's worker. */
    public interface BoxHook {
        void checked(int index, LoadedBox box, org.proofbox.algo.QcReport report) throws ExportException;
    }

    public static ObjectNode check(List<Path> boxes, QcParameters p, Integer jobs, Progress progress, Consumer<Consistency.Failed> failed) {
        return check(boxes, p, jobs, progress, failed, null);
    }

    /**
     * As the app's Project tab checks: each box as its review does — with its saved session's
     * thresholds, else {@code fresh}, as an instance annotation when it looks like one — so a
     * project of nuclei boxes is not judged for coverage and membranes.
     */
    public static ObjectNode checkAsReviewed(List<Path> boxes, QcParameters fresh, Progress progress, Consumer<Consistency.Failed> failed) {
        return check(boxes, fresh, null, progress, failed, null, ReviewSetup::parametersFor);
    }

    /**
     * Checks every box and returns the project report; {@code failed} hears each box that could
     * not be checked (as it happens). {@code jobs}: boxes side by side (null: one per core).
     * {@code hook} (null: none) sees each box while it is loaded, with its views' memory planned.
     */
    public static ObjectNode check(List<Path> boxes, QcParameters p, Integer jobs, Progress progress, Consumer<Consistency.Failed> failed, BoxHook hook) {
        return check(boxes, p, jobs, progress, failed, hook, (box, given) -> given);
    }

    private static ObjectNode check(List<Path> boxes, QcParameters p, Integer jobs, Progress progress, Consumer<Consistency.Failed> failed, BoxHook hook,
                                    java.util.function.BiFunction<LoadedBox, QcParameters, QcParameters> choose) {
        int cores = Runtime.getRuntime().availableProcessors();
        int n = Math.max(1, Math.min(boxes.size(), jobs != null ? jobs : cores));
        int threads = Math.max(1, cores / n);
        int budget = (int) Math.max(1, Runtime.getRuntime().maxMemory() * 0.9 / (1 << 20)); // MiB
        Semaphore memory = new Semaphore(budget, true);
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "project-check");
            t.setDaemon(true);
            return t;
        });
        List<Future<Object>> results = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            Path b = boxes.get(i);
            int index = i;
            results.add(pool.submit(() -> {
                Object r = checkOne(index, b, p, choose, threads, memory, budget, progress, hook);
                progress.report(done.incrementAndGet() / (double) boxes.size(), "checked " + b.getFileName());
                return r;
            }));
        }
        pool.shutdown();
        List<JsonNode> ok = new ArrayList<>();
        List<Consistency.Failed> bad = new ArrayList<>();
        try {
            for (int i = 0; i < boxes.size(); i++) {
                Object r;
                try {
                    r = results.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof Cancelled cancelled) throw cancelled;
                    r = new Consistency.Failed(boxes.get(i).toString(), boxes.get(i) + ": " + c);
                }
                if (r instanceof Consistency.Failed f) {
                    bad.add(f);
                    failed.accept(f);
                } else {
                    ok.add((JsonNode) r);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } finally {
            pool.shutdownNow();
        }
        return Consistency.report(ok, bad, Consistency.Rules.defaults());
    }

    /** One box's check JSON, or a {@link Consistency.Failed} naming what went wrong. */
    private static Object checkOne(int index, Path path, QcParameters p, java.util.function.BiFunction<LoadedBox, QcParameters, QcParameters> choose,
                                   int threads, Semaphore memory, int budget, Progress progress, BoxHook hook) throws InterruptedException {
        MemoryPlan.Use use = hook == null ? MemoryPlan.Use.CHECK : MemoryPlan.Use.CHECK_WITH_VIEWS;
        progress.checkCancelled();
        try {
            Export export = open(path);
            var seg = export.segmentationLayer();
            var mag1 = seg.finestMag().orElse(null);
            long estimate = mag1 == null ? 0 : MemoryPlan.of(export, export.open(seg, mag1).region(), use).total();
            int need = (int) Math.min(budget, Math.max(1, estimate >> 20));
            memory.acquire(need);
            try {
                progress.checkCancelled();
                LoadedBox box = LoadedBox.load(export, threads, Progress.NONE, use);
                var report = BoxCheck.check(box, choose.apply(box, p), threads);
                if (hook != null) hook.checked(index, box, report);
                return BoxCheck.json(box, report);
            } finally {
                memory.release(need);
            }
        } catch (ExportException e) {
            return new Consistency.Failed(path.toString(), e.getMessage());
        } catch (OutOfMemoryError e) {
            return new Consistency.Failed(path.toString(), path + ": not enough memory to check it beside the others (try one box at a time)");
        }
    }

    /**
     * The share of a box's segments its saved session has decided (approved, needs a fix or
     * skipped), 0 without a session; {@code segments}: how many the box has.
     */
    public static double reviewed(Path box, int segments) {
        if (segments <= 0) return 1;
        Path file = SessionFile.locate(box);
        if (!Files.isRegularFile(file)) return 0;
        try {
            long decided = SessionFile.read(file).verdicts().values().stream().filter(v -> v != org.proofbox.model.Verdict.UNREVIEWED).count();
            return Math.min(1, decided / (double) segments);
        } catch (ExportException e) {
            return 0;
        }
    }
}
