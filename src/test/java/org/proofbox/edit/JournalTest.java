package org.proofbox.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.ExportException;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.Connectivity;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/** Unsaved edits survive a crash: the journal replays onto a fresh load; a torn last record is dropped; foreign changes are refused. */
class JournalTest {
    /** The test export opened for editing, its journal ({@code configure}d first) hearing every edit. */
    record Journaled(LoadedBox box, LabelEditor editor, EditJournal journal) {
        static Journaled open(Path root, java.util.function.Consumer<EditJournal> configure) throws Exception {
            LoadedBox box = LoadedBox.open(root, 1, Progress.NONE);
            LabelEditor ed = new LabelEditor(box.labels(), box.index(), 0xFFFF_FFF1L);
            EditJournal journal = new EditJournal(root, box.labels(), ExportSaver.savedState(root));
            configure.accept(journal);
            ed.addListener(journal);
            return new Journaled(box, ed, journal);
        }
    }

    static Path export(Path dir) throws Exception {
        new ExportWriter(dir, "j", new VoxelSize(10, 10, 10, "nanometer"))
            .layer("segmentation", "segmentation", ElementType.UINT32, new Box3(new Vec3(64, 0, 0), new Vec3(30, 20, 10)),
                ExportWriter.Layout.webknossos(ZarrCodecs.zlib(5)), i -> (i % 30) < 10 || (i % 30) > 20 ? 0xFFFF_FFF0L + (i % 30) / 15 : 0, 0xFFFF_FFF1L)
            .write();
        return dir;
    }

    @Test
    void unsavedEditsAreRecoveredAfterACrash(@TempDir Path dir) throws Exception {
        Path root = export(dir);
        Journaled j = Journaled.open(root, jr -> { });
        LoadedBox box = j.box();
        LabelEditor ed = j.editor();
        int fresh = ed.newSlot();
        ed.apply(Operations.brush(ed, 2, 15, 10, 5, 3, fresh, false));
        ed.apply(Operations.fill(ed, 0, 0, 0, fresh, Connectivity.SIX, 2));
        ed.apply(Operations.brush(ed, 2, 25, 5, 1, 2, 0, false));
        ed.undo();
        ed.apply(Operations.merge(ed, fresh, box.labels().table().findSlot(0xFFFF_FFF1L)));
        int[] expected = EditPropertyTest.snapshot(box.labels());
        long[] ids = box.labels().table().idsBySlot();
        j.journal().close(); // the app dies here, nothing saved

        LoadedBox again = LoadedBox.open(root, 1, Progress.NONE);
        LabelEditor ed2 = new LabelEditor(again.labels(), again.index(), 0xFFFF_FFF1L);
        List<EditJournal.Entry> entries = EditJournal.read(root, again.labels(), "").unsaved();
        assertEquals(5, entries.size());
        Edit recovered = EditJournal.replay(ed2, entries, root.resolve(EditJournal.NAME));
        ed2.apply(recovered);
        int[] got = EditPropertyTest.snapshot(again.labels());
        long[] ids2 = again.labels().table().idsBySlot();
        for (int i = 0; i < got.length; i++) assertEquals(ids[expected[i]], ids2[got[i]], "voxel " + i);
        assertTrue(recovered.description().startsWith("recovered 5 unsaved edits"));
        assertEquals(null, ed2.index().differenceTo(org.proofbox.store.IndexBuilder.build(again.labels(), Progress.NONE)));

        // a crash in the middle of writing the last record: it is dropped, the rest replays
        long size = Files.size(root.resolve(EditJournal.NAME));
        try (var ch = java.nio.channels.FileChannel.open(root.resolve(EditJournal.NAME), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size - 5);
        }
        EditJournal.Contents torn = EditJournal.read(root, LoadedBox.open(root, 1, Progress.NONE).labels(), "");
        assertEquals(4, torn.unsaved().size());
        assertTrue(torn.damage() != null && torn.summary().contains("4 unsaved edits can be recovered"), torn.summary());

        // labels changed outside since: refused, nothing applied
        LoadedBox other = LoadedBox.open(root, 1, Progress.NONE);
        other.labels().setSlot(25, 5, 1, 0); // held 0xFFFF_FFF1, which the journalled erase (and its undo) touched
        LabelEditor ed3 = new LabelEditor(other.labels(), other.index(), 0);
        ExportException e = assertThrows(ExportException.class, () -> EditJournal.replay(ed3, EditJournal.read(root, other.labels(), "").unsaved(), root.resolve(EditJournal.NAME)));
        assertTrue(e.getMessage().contains("changed since the journal"), e.getMessage());

        // a save clears it
        EditJournal j2 = new EditJournal(root, again.labels(), "");
        ExportSaver.Result r = ExportSaver.save(again, ed2, Progress.NONE);
        j2.saved(r.state());
        assertTrue(!Files.exists(root.resolve(EditJournal.NAME)));
        LoadedBox saved = LoadedBox.open(root, 1, Progress.NONE);
        int[] back = EditPropertyTest.snapshot(saved.labels());
        long[] ids3 = saved.labels().table().idsBySlot();
        for (int i = 0; i < back.length; i++) assertEquals(ids[expected[i]], ids3[back[i]], "saved voxel " + i);
    }

    /**
     * An edit too large for the journal (a 3D fill through every membrane of a 1024³ box changes
     * 10⁸ voxels: its record would pass 2 GiB) stops the journal like a failed write: the reviewer
     * is told once, what it holds stays a consistent prefix, later edits are not journalled.
     */
    @Test
    void anEditTooLargeForTheJournalStopsItAndSaysSo(@TempDir Path dir) throws Exception {
        Path root = export(dir);
        List<String> told = new java.util.ArrayList<>();
        Journaled j = Journaled.open(root, jr -> {
            jr.maxEditVoxels = 100;
            jr.setOnFailure(e -> told.add(e.getMessage()));
        });
        LabelEditor ed = j.editor();
        EditJournal journal = j.journal();
        int fresh = ed.newSlot();
        ed.apply(Operations.brush(ed, 2, 15, 10, 5, 3, fresh, false)); // 29 voxels: journalled
        Edit big = Operations.fill(ed, 0, 0, 0, fresh, Connectivity.SIX, -1); // the unlabelled space in 3D
        assertTrue(big.diff().size() > 100, "a fill of " + big.diff().size());
        ed.apply(big);
        ed.apply(Operations.brush(ed, 2, 25, 5, 1, 2, 0, false));
        assertEquals(List.of(String.format(java.util.Locale.ROOT, "an edit of %,d voxels is more than the journal takes (100)", big.diff().size())), told);
        assertTrue(journal.failure() != null);
        journal.close();
        EditJournal.Contents c = EditJournal.read(root, LoadedBox.open(root, 1, Progress.NONE).labels(), "");
        assertEquals(1, c.unsaved().size(), "only the edit before the big one");
        assertEquals(null, c.damage());
    }
}
