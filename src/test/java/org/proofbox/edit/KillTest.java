package org.proofbox.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.ExportLock;
import org.proofbox.model.ElementType;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * Real {@code fix} processes: killed with SIGKILL at random points of their save, run against a
 * lock another process holds, and read by a {@code check}-style load while they save.
 */
class KillTest {
    /** A {@code proofbox fix --split-disconnected} process on {@code export}, tracing its file operations on stderr. */
    static Process fix(Path export) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx512m", "org.proofbox.cli.Cli",
            "fix", export.toString(), "--split-disconnected");
        pb.environment().put("PROOFBOX_TRACE_FILE_OPS", "1");
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** Reads the child's stderr until the {@code k}-th file operation is announced (then returns true), or to its end (false); the rest in {@code rest}. */
    static boolean waitForOp(Process p, int k, List<String> lines) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream()));
        String l;
        while ((l = r.readLine()) != null) {
            lines.add(l);
            if (l.startsWith("file-op " + k + " ")) return true;
        }
        return false;
    }

    @Test
    void killedAtRandomPointsOfItsSaveTheExportIsOldOrNew(@TempDir Path dir) throws Exception {
        Path base = CrashBoxes.zarr(dir.resolve("base"), ElementType.UINT32);
        Map<String, String> oldFiles = SaveFaultTest.files(base);
        Path clean = dir.resolve("clean");
        CrashBoxes.copy(base, clean);
        Process p0 = fix(clean);
        List<String> trace = new ArrayList<>();
        waitForOp(p0, -1, trace);
        assertEquals(0, p0.waitFor(), String.join("\n", trace));
        int ops = (int) trace.stream().filter(s -> s.startsWith("file-op ")).count();
        assertTrue(ops > 40, ops + " file operations");
        Map<String, String> newFiles = SaveFaultTest.files(clean);
        long[] oldLabels = CrashBoxes.labels(LoadedBox.open(base, 1, Progress.NONE));
        long[] newLabels = CrashBoxes.labels(LoadedBox.open(clean, 1, Progress.NONE));

        Random rnd = new Random(20261202);
        List<Path> runs = new ArrayList<>();
        int old = 0, fresh = 0;
        for (int i = 0; i < 32; i++) {
            int k = 1 + rnd.nextInt(ops);
            Path c = dir.resolve("kill" + i);
            CrashBoxes.copy(base, c);
            Process p = fix(c);
            List<String> lines = new ArrayList<>();
            boolean reached = waitForOp(p, k, lines);
            p.destroyForcibly(); // SIGKILL, while the child goes on with its next operations
            p.waitFor(10, TimeUnit.SECONDS);
            assertTrue(reached, "operation " + k + " announced");
            LoadedBox again = LoadedBox.open(c, 1, Progress.NONE); // recovery: finishes or undoes the save
            Map<String, String> now = SaveFaultTest.files(c);
            boolean isOld = now.equals(oldFiles), isNew = now.equals(newFiles);
            assertTrue(isOld || isNew, "killed after operation " + k + " of " + ops + " (" + lines.get(lines.size() - 1) + "): a mix; differs from old in "
                + SaveFaultTest.diff(now, oldFiles) + ", from new in " + SaveFaultTest.diff(now, newFiles) + "; recovery: " + again.export().recovered());
            assertArrayEquals(isOld ? oldLabels : newLabels, CrashBoxes.labels(again));
            assertEquals(List.of(), CrashBoxes.leftovers(c));
            if (isOld) old++; else fresh++;
            runs.add(c);
        }
        assertTrue(old > 0 && fresh > 0, "kills before and after the commit point: old " + old + ", new " + fresh);
        List<String> v = NumpyReader.classify(runs, base, clean);
        for (int i = 0; i < runs.size(); i++) assertTrue(!v.get(i).startsWith("mixed"), runs.get(i) + ": " + v.get(i));
        // a re-run of fix gives the uninterrupted result
        for (Path c : runs.subList(0, 8)) {
            Process p = fix(c);
            waitForOp(p, -1, new ArrayList<>());
            assertEquals(0, p.waitFor());
            assertEquals(newFiles, SaveFaultTest.files(c), c.toString());
        }
    }

    @Test
    void aSecondWriterIsRefusedAndToldWhoHoldsTheExport(@TempDir Path dir) throws Exception {
        Path c = CrashBoxes.zarr(dir.resolve("box"), ElementType.UINT32);
        Map<String, String> before = SaveFaultTest.files(c);
        try (ExportLock held = ExportLock.tryWriter(c, "the lock test")) {
            assertTrue(held != null);
            Process p = fix(c);
            List<String> lines = new ArrayList<>();
            waitForOp(p, -1, lines);
            assertEquals(2, p.waitFor());
            assertEquals(1, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(0).contains("open for writing by the lock test (process " + ProcessHandle.current().pid()), lines.get(0));
            assertTrue(lines.get(0).contains(c.toString()), "names the export");
        }
        assertEquals(before, SaveFaultTest.files(c), "nothing written");
        // released: the next writer goes ahead
        Process p = fix(c);
        waitForOp(p, -1, new ArrayList<>());
        assertEquals(0, p.waitFor());
    }

    @Test
    void aReadDuringASaveSeesTheOldOrTheNewLabels(@TempDir Path dir) throws Exception {
        Path base = CrashBoxes.zarr(dir.resolve("base"), ElementType.UINT32);
        long[] oldLabels = CrashBoxes.labels(LoadedBox.open(base, 1, Progress.NONE));
        Path clean = dir.resolve("clean");
        CrashBoxes.copy(base, clean);
        LoadedBox cb = LoadedBox.open(clean, 1, Progress.NONE);
        ExportSaver.save(cb, CrashBoxes.split(cb), Progress.NONE);
        long[] newLabels = CrashBoxes.labels(LoadedBox.open(clean, 1, Progress.NONE));
        Random rnd = new Random(7);
        int old = 0, fresh = 0;
        for (int i = 0; i < 8; i++) {
            Path c = dir.resolve("read" + i);
            CrashBoxes.copy(base, c);
            Process p = fix(c);
            List<String> lines = new ArrayList<>();
            int k = 1 + rnd.nextInt(60);
            waitForOp(p, k, lines);
            // read while the child goes on saving; keep draining its trace so it never blocks
            CompletableFuture<Void> drain = CompletableFuture.runAsync(() -> {
                try {
                    waitForOp(p, -1, new ArrayList<>());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long[] got = CrashBoxes.labels(LoadedBox.open(c, 1, Progress.NONE));
            boolean isOld = java.util.Arrays.equals(got, oldLabels), isNew = java.util.Arrays.equals(got, newLabels);
            assertTrue(isOld || isNew, "read during operation " + k + ": a mix");
            if (isOld) old++; else fresh++;
            drain.get(30, TimeUnit.SECONDS);
            assertEquals(0, p.waitFor());
        }
        assertTrue(old + fresh == 8);
        assertTrue(Files.exists(base));
    }
}
