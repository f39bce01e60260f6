package org.proofbox.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.proofbox.io.ExportException;
import org.proofbox.io.ExportLock;
import org.proofbox.io.FileOps;
import org.proofbox.model.ElementType;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * A fault at every single file operation of a real save (disk full from there on, one EIO, an
 * unwritable target): the save reports it, and after reopening the export is byte for byte the
 * old state or the new one (mag 1, the coarse mag and the properties together; checked again
 * with the independent numpy reader), nothing of the save is left behind, and saving again gives
 * the uninterrupted result.
 */
class SaveFaultTest {
    enum Fault { DISK_FULL, EIO, UNWRITABLE }

    /** Real operations, with {@code fault} injected from operation number {@code at} (1-based) on; {@link #n} counts them. */
    static final class Faults implements FileOps.Observer {
        final int at;
        final Fault fault;
        int n;
        Path bad; // the unwritable file

        Faults(int at, Fault fault) {
            this.at = at;
            this.fault = fault;
        }

        FileOps ops() {
            return FileOps.observed(FileOps.REAL, this);
        }

        @Override
        public void before(String op, Path p) throws IOException {
            n++;
            boolean needsSpace = op.equals("write") || op.equals("link") || op.equals("mkdirs");
            if (fault == Fault.UNWRITABLE && bad != null && bad.equals(p)) throw new FileSystemException(p.toString(), null, "Operation not permitted");
            if (n < at) return;
            switch (fault) {
                case DISK_FULL -> {
                    if (needsSpace) throw new FileSystemException(p.toString(), null, "No space left on device");
                }
                case EIO -> {
                    if (n == at) throw new FileSystemException(p.toString(), null, "Input/output error");
                }
                case UNWRITABLE -> {
                    if (n == at) {
                        bad = p;
                        throw new FileSystemException(p.toString(), null, "Operation not permitted");
                    }
                }
            }
        }
    }

    /** Every file of an export but the lock file, with its bytes (the save marker's content is the random state id: only its presence counts). */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!Files.isRegularFile(p)) continue;
                String rel = root.relativize(p).toString();
                if (rel.equals(ExportLock.NAME)) continue;
                m.put(rel, rel.equals(ExportSaver.MARKER) ? "marker" : Arrays.toString(Files.readAllBytes(p)));
            }
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aFaultAtAnyOperationLeavesTheOldOrTheNewState(Fault fault, @TempDir Path dir) throws Exception {
        ElementType t = fault == Fault.EIO ? ElementType.UINT64 : ElementType.UINT32;
        Path base = CrashBoxes.zarr(dir.resolve("base"), t);
        Map<String, String> oldFiles = files(base);
        long[] oldLabels = CrashBoxes.labels(LoadedBox.open(base, 1, Progress.NONE));

        // the uninterrupted save, counted
        Path clean = dir.resolve("clean");
        CrashBoxes.copy(base, clean);
        LoadedBox cb = LoadedBox.open(clean, 1, Progress.NONE);
        LabelEditor ced = CrashBoxes.split(cb);
        Faults counter = new Faults(Integer.MAX_VALUE, fault);
        ExportSaver.save(cb, ced, counter.ops(), s -> { }, Progress.NONE);
        int ops = counter.n;
        Map<String, String> newFiles = files(clean);
        long[] newLabels = CrashBoxes.labels(LoadedBox.open(clean, 1, Progress.NONE));
        assertTrue(ops > 40, "a save of many files: " + ops + " operations");
        assertTrue(!Arrays.equals(oldLabels, newLabels));

        int sawOld = 0, sawNew = 0;
        List<Path> runs = new ArrayList<>();
        for (int at = 1; at <= ops; at++) {
            Path c = dir.resolve("at" + at);
            CrashBoxes.copy(base, c);
            LoadedBox box = LoadedBox.open(c, 1, Progress.NONE);
            LabelEditor ed = CrashBoxes.split(box);
            boolean failed = false;
            try {
                ExportSaver.save(box, ed, new Faults(at, fault).ops(), s -> { }, Progress.NONE);
            } catch (ExportException e) {
                failed = true;
                assertTrue(e.getMessage().contains("the save failed"), e.getMessage());
                assertTrue(ed.hasUnsavedChanges(), "a failed save leaves the edits unsaved");
            }
            // reopening (with the real file system) finishes or undoes what is left
            LoadedBox again = LoadedBox.open(c, 1, Progress.NONE);
            Map<String, String> now = files(c);
            boolean isOld = now.equals(oldFiles), isNew = now.equals(newFiles);
            assertTrue(isOld || isNew, "fault " + fault + " at operation " + at + " of " + ops + ": the export is a mix; differs from old in "
                + diff(now, oldFiles) + ", from new in " + diff(now, newFiles));
            assertArrayEquals(isOld ? oldLabels : newLabels, CrashBoxes.labels(again));
            if (!failed) assertTrue(isNew, "a save that reported success holds the new state (operation " + at + ")");
            assertEquals(List.of(), CrashBoxes.leftovers(c), "nothing of the save is left after reopening");
            if (isOld) sawOld++; else sawNew++;
            runs.add(c);
        }
        assertTrue(sawOld > 0 && (fault == Fault.DISK_FULL || sawNew > 0), "old " + sawOld + ", new " + sawNew);

        // the independent reader agrees, voxel by voxel
        List<String> verdicts = NumpyReader.classify(runs, base, clean);
        for (int i = 0; i < runs.size(); i++) assertTrue(!verdicts.get(i).equals("mixed"), runs.get(i) + ": " + verdicts.get(i));

        // and saving again gives the uninterrupted result
        for (Path c : runs) {
            LoadedBox box = LoadedBox.open(c, 1, Progress.NONE);
            LabelEditor ed = CrashBoxes.split(box);
            if (ed.hasUnsavedChanges()) ExportSaver.save(box, ed, Progress.NONE);
            assertEquals(newFiles, files(c), c.toString());
        }
    }

    static Set<String> diff(Map<String, String> a, Map<String, String> b) {
        Set<String> out = new HashSet<>();
        for (String k : a.keySet()) if (!a.get(k).equals(b.get(k))) out.add(k);
        for (String k : b.keySet()) if (!a.containsKey(k)) out.add(k);
        return out;
    }
}
