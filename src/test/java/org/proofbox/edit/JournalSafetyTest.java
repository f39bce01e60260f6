package org.proofbox.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.ExportException;
import org.proofbox.io.FileOps;
import org.proofbox.model.Connectivity;
import org.proofbox.model.ElementType;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/** The crash journal keeps every edit it was given, says when it cannot, and knows which save it follows. */
class JournalSafetyTest {
    private static Path journal(Path root) {
        return root.resolve(EditJournal.NAME);
    }

    /** An editor with a journal on a fresh load of {@code root}. */
    private record Session(LoadedBox box, LabelEditor ed, EditJournal journal) {
        static Session open(Path root) throws Exception {
            LoadedBox b = LoadedBox.open(root, 1, Progress.NONE);
            LabelEditor ed = new LabelEditor(b.labels(), b.index(), b.export().segmentationLayer().largestSegmentId().orElse(0L));
            return new Session(b, ed, new EditJournal(root, b.labels(), ExportSaver.savedState(root)));
        }

        /** A fresh box in {@code dir} with a session that has recovered (nothing) and journals. */
        static Session fresh(Path dir, ElementType t) throws Exception {
            Path root = CrashBoxes.zarr(dir.resolve("box"), t);
            Session s = open(root);
            s.recover(root);
            return s;
        }

        Path root() {
            return box.export().info().root();
        }

        /** Replays what the journal holds (as the app's Recover does) and starts journalling. */
        EditJournal.Contents recover(Path root) throws Exception {
            EditJournal.Contents c = EditJournal.read(root, box.labels(), ExportSaver.savedState(root));
            if (!c.isEmpty()) ed.apply(EditJournal.replay(ed, c.unsaved(), JournalSafetyTest.journal(root)));
            ed.addListener(journal);
            return c;
        }

        void stroke(int x, int radius, long id) {
            ed.apply(Operations.brush(ed, 2, x, 20, 12, radius, id == 0 ? 0 : ed.slotFor(id), false));
        }
    }

    @Test
    void aTornTailIsCutBeforeNewEditsAreAppended(@TempDir Path dir) throws Exception {
        Session s1 = Session.fresh(dir, ElementType.UINT32);
        Path root = s1.root();
        long a = CrashBoxes.base(ElementType.UINT32);
        s1.stroke(10, 3, a);
        s1.stroke(20, 2, 0);
        s1.stroke(30, 4, a + 1);
        s1.journal.close();
        long size = Files.size(journal(root)); // the crash tore the last record
        try (var ch = java.nio.channels.FileChannel.open(journal(root), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size - 7);
        }

        Session s2 = Session.open(root);
        EditJournal.Contents c2 = s2.recover(root);
        assertEquals(2, c2.unsaved().size());
        assertNotNull(c2.damage(), "the torn record is reported");
        assertTrue(c2.summary().startsWith("2 unsaved edits can be recovered"), c2.summary());
        s2.stroke(35, 2, a + 2); // two strokes, then the second crash
        s2.stroke(5, 1, 0);
        long[] expected = CrashBoxes.labels(s2.box);
        s2.journal.close();

        Session s3 = Session.open(root);
        EditJournal.Contents c3 = s3.recover(root);
        assertNull(c3.damage(), "the tail was cut before appending: " + c3.damage());
        assertEquals(4, c3.unsaved().size());
        assertArrayEquals(expected, CrashBoxes.labels(s3.box), "everything session 2 showed comes back");
    }

    @Test
    void everySingleByteCorruptionIsDetected(@TempDir Path dir) throws Exception {
        Session s = Session.fresh(dir, ElementType.UINT64);
        Path root = s.root();
        long a = CrashBoxes.base(ElementType.UINT64);
        s.stroke(10, 1, a);
        s.stroke(20, 0, 0);
        s.journal.saveBegins("some-state");
        s.stroke(30, 1, a + 3);
        s.journal.close();
        byte[] good = Files.readAllBytes(journal(root));
        var labels = s.box.labels();
        EditJournal.Contents intact = EditJournal.read(root, labels, "");
        assertEquals(3, intact.unsaved().size());
        assertNull(intact.damage());
        int detected = 0, checked = 0;
        for (int i = 0; i < good.length; i++) {
            for (int mask : new int[] {0x01, 0x10, 0x80, 0xFF}) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) mask;
                Files.write(journal(root), bad);
                checked++;
                try {
                    EditJournal.Contents c = EditJournal.read(root, labels, "");
                    assertNotNull(c.damage(), "byte " + i + " ^ " + mask + " went unnoticed");
                    assertTrue(c.unsaved().size() < 3 || c.savedEdits() > 0);
                    detected++;
                } catch (ExportException e) {
                    assertTrue(i < 40, "only a damaged header is refused whole (byte " + i + "): " + e.getMessage());
                    detected++;
                }
            }
        }
        assertEquals(checked, detected);
        assertEquals(good.length * 4, checked);
    }

    @Test
    void aSaveThatCommittedBeforeTheJournalWentReplaysOnlyLaterEdits(@TempDir Path dir) throws Exception {
        Session s = Session.fresh(dir, ElementType.UINT32);
        Path root = s.root();
        long a = CrashBoxes.base(ElementType.UINT32);
        s.stroke(10, 3, a);
        s.stroke(22, 2, a + 1);
        // the save commits, then the app dies before it removes the journal
        ExportSaver.save(s.box, s.ed, FileOps.REAL, s.journal::saveBegins, Progress.NONE);
        s.stroke(40, 2, 0); // an edit after the save
        long[] expected = CrashBoxes.labels(s.box);
        s.journal.close();

        Session again = Session.open(root);
        EditJournal.Contents c = again.recover(root);
        assertEquals(1, c.unsaved().size(), "the two saved edits are not replayed twice");
        assertEquals(2, c.savedEdits());
        assertArrayEquals(expected, CrashBoxes.labels(again.box));
    }

    @Test
    void aSaveThatFailedAfterItsMarkerReplaysEverything(@TempDir Path dir) throws Exception {
        Session s = Session.fresh(dir, ElementType.UINT32);
        Path root = s.root();
        long a = CrashBoxes.base(ElementType.UINT32);
        s.stroke(10, 3, a);
        s.stroke(22, 2, a + 1);
        FileOps failing = FileOps.observed(FileOps.REAL, (op, target) -> { // fails the commit record's rename
            if (op.equals("rename") && target.getFileName().toString().equals("COMMIT")) {
                throw new java.nio.file.FileSystemException(target.toString(), null, "Input/output error");
            }
        });
        try {
            ExportSaver.save(s.box, s.ed, failing, s.journal::saveBegins, Progress.NONE);
        } catch (ExportException expected) {
            assertTrue(expected.getMessage().contains("Input/output error"), expected.getMessage());
        }
        long[] expected = CrashBoxes.labels(s.box);
        s.journal.close();
        Session again = Session.open(root);
        EditJournal.Contents c = again.recover(root);
        assertEquals(2, c.unsaved().size());
        assertArrayEquals(expected, CrashBoxes.labels(again.box));
    }

    @Test
    void aJournalThatCannotBeWrittenSaysSoOnceAndEditingGoesOn(@TempDir Path dir) throws Exception {
        Path root = CrashBoxes.zarr(dir.resolve("box"), ElementType.UINT32);
        Files.createDirectory(journal(root)); // the journal cannot be opened as a file
        Session s = Session.open(root);
        List<IOException> told = new ArrayList<>();
        s.journal.setOnFailure(told::add);
        s.ed.addListener(s.journal);
        long a = CrashBoxes.base(ElementType.UINT32);
        s.stroke(10, 2, a);
        s.stroke(20, 2, a);
        assertEquals(1, told.size(), "told once");
        assertNotNull(s.journal.failure());
        assertEquals(a, s.box.labels().idAt(10, 20, 12), "the edit applied");
        assertTrue(s.ed.canUndo());
        s.ed.apply(Operations.fill(s.ed, 0, 0, 0, s.ed.slotFor(a), Connectivity.SIX, 2));
    }
}
