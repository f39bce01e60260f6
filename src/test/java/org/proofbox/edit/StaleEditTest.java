package org.proofbox.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.proofbox.model.Connectivity;
import org.proofbox.store.LabelVolume;

/** An edit that no longer fits the labels is refused whole: not one voxel, no undo step, no journal record, no "changed" mark. */
class StaleEditTest {
    static final long A = EditTest.A, B = EditTest.B;

    @Test
    void aMergeComputedBeforeAnotherEditIsRefusedWhole() {
        LabelVolume v = EditTest.uint32(30, 20, 6, (x, y, z) -> x < 10 ? A : x < 20 ? B : 0);
        LabelEditor ed = EditTest.editor(v, 0);
        List<String> journalled = new ArrayList<>();
        ed.addListener((d, diff, touched, undo) -> journalled.add(d));
        int a = v.table().findSlot(A), b = v.table().findSlot(B);
        Edit merge = Operations.merge(ed, a, b); // computed in the background ...
        ed.apply(Operations.brush(ed, 2, 15, 10, 3, 2, 0, false)); // ... while the reviewer erased inside B
        int[] before = EditPropertyTest.snapshot(v);
        List<Long> changedBefore = new ArrayList<>();
        ed.changedVoxels().forEachSet(changedBefore::add);
        String undoBefore = ed.undoDescription();
        StaleEditException e = assertThrows(StaleEditException.class, () -> ed.apply(merge));
        assertTrue(e.getMessage().contains("labels changed while") && e.getMessage().contains("nothing was changed"), e.getMessage());
        assertArrayEquals(before, EditPropertyTest.snapshot(v), "not one voxel of the merge");
        List<Long> changedAfter = new ArrayList<>();
        ed.changedVoxels().forEachSet(changedAfter::add);
        assertEquals(changedBefore, changedAfter, "no voxel marked changed for the save");
        assertEquals(undoBefore, ed.undoDescription(), "no undo step");
        assertEquals(1, journalled.size(), "only the brush stroke was journalled");
        EditTest.assertIndexRecounted(ed);
        ed.apply(Operations.merge(ed, a, b)); // computed anew: goes through
        assertEquals(0, EditTest.count(v, B));
    }

    @Test
    void aDiffWhoseBeforeDoesNotMatchEveryVoxelChangesNothing() {
        LabelVolume v = EditTest.uint32(16, 16, 4, (x, y, z) -> x < 8 ? A : B);
        LabelEditor ed = EditTest.editor(v, 0);
        int a = v.table().findSlot(A), b = v.table().findSlot(B);
        VoxelDiff d = new VoxelDiff();
        for (int x = 0; x < 16; x++) d.add(x + 16L * 5, a, b); // the second half of the row holds B, not A
        int[] before = EditPropertyTest.snapshot(v);
        assertThrows(StaleEditException.class, () -> ed.apply(new Edit("hand-made", d, List.of())));
        assertArrayEquals(before, EditPropertyTest.snapshot(v));
        assertFalse(ed.hasUnsavedChanges());
        assertFalse(ed.canUndo());
        EditTest.assertIndexRecounted(ed);
    }

    @Test
    void newIdsDoNotGrowTheIndexUntilAnEditUsesThem() {
        LabelVolume v = EditTest.uint32(24, 10, 4, (x, y, z) -> x < 5 || (x > 10 && x < 15) ? A : 0);
        LabelEditor ed = EditTest.editor(v, 0);
        int slots = ed.index().slotCount();
        Edit split = Operations.splitDisconnected(ed, v.table().findSlot(A), Connectivity.TWENTY_SIX); // allocates an id, as in the background
        assertEquals(slots, ed.index().slotCount(), "the index arrays readers use are not replaced by the computation");
        assertEquals(List.of(A + 1), split.newIds());
        ed.apply(split);
        assertTrue(ed.index().slotCount() > slots);
        assertEquals(4L * 10 * 4, ed.index().voxels(v.table().findSlot(A + 1)));
        EditTest.assertIndexRecounted(ed);
    }

    @Test
    void anInverseReadsTheDiffBackwardsWithBeforeAndAfterSwapped() {
        VoxelDiff d = new VoxelDiff();
        d.add(5, 1, 2);
        d.add(9, 3, 4);
        d.add(2, 2, 7);
        VoxelDiff inv = d.inverse();
        long[] voxels = new long[3];
        int[] before = new int[3], after = new int[3];
        for (int i = 0; i < 3; i++) { voxels[i] = inv.voxel(i); before[i] = inv.before(i); after[i] = inv.after(i); }
        assertArrayEquals(new long[] {2, 9, 5}, voxels);
        assertArrayEquals(new int[] {7, 4, 2}, before);
        assertArrayEquals(new int[] {2, 3, 1}, after);
        VoxelDiff back = inv.inverse();
        for (int i = 0; i < 3; i++) assertEquals(d.voxel(i) + "/" + d.before(i) + "/" + d.after(i), back.voxel(i) + "/" + back.before(i) + "/" + back.after(i));
        assertThrows(IllegalStateException.class, () -> inv.add(1, 1, 2), "a view of the history's diff never grows");
    }
}
