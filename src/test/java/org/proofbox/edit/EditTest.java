package org.proofbox.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.proofbox.algo.Volumes;
import org.proofbox.model.Box3;
import org.proofbox.model.Connectivity;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.store.IndexBuilder;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentTable;
import org.proofbox.task.Progress;

/** Every tool and segment operation on small volumes with exactly known results; ids above 2^31. */
class EditTest {
    static final long A = 0xFFFF_FFF0L, B = 0xFFFF_FFF1L;

    static LabelVolume uint32(int sx, int sy, int sz, Volumes.IdAt f) {
        LabelVolume v = new LabelVolume(new Box3(Vec3.ZERO, new Vec3(sx, sy, sz)), ElementType.UINT32, new SegmentTable());
        for (int z = 0; z < sz; z++) for (int y = 0; y < sy; y++) for (int x = 0; x < sx; x++) v.setSlot(x, y, z, v.table().slotOf(f.id(x, y, z)));
        return v;
    }

    static LabelEditor editor(LabelVolume v, long declared) {
        return new LabelEditor(v, IndexBuilder.build(v, Progress.NONE), declared);
    }

    static void assertIndexRecounted(LabelEditor ed) {
        assertNull(ed.index().differenceTo(IndexBuilder.build(ed.volume(), Progress.NONE)));
    }

    static long count(LabelVolume v, long id) {
        long n = 0;
        for (int z = 0; z < v.sizeZ(); z++) for (int y = 0; y < v.sizeY(); y++) for (int x = 0; x < v.sizeX(); x++) if (v.idAt(x, y, z) == id) n++;
        return n;
    }

    @Test
    void brushPaintsARoundDiscInTheSectionAndOnlyIntoEmptyWhenAsked() {
        LabelVolume v = uint32(20, 20, 5, (x, y, z) -> x >= 10 && z == 2 ? B : 0);
        LabelEditor ed = editor(v, 0);
        int a = ed.slotFor(A);
        ed.apply(Operations.brush(ed, 2, 10, 10, 2, 2, a, true)); // only empty: the half at x >= 10 is B
        for (int y = 5; y < 15; y++) for (int x = 5; x < 15; x++) {
            int du = x - 10, dv = y - 10;
            boolean disc = du * du + dv * dv <= 6;
            assertEquals(disc && x < 10 ? A : x >= 10 ? B : 0L, v.idAt(x, y, 2), x + "," + y);
        }
        assertEquals(0, v.idAt(10, 10, 1));
        ed.apply(Operations.brush(ed, 2, 10, 10, 2, 2, a, false)); // overwrite: the whole disc (21 voxels)
        assertEquals(21, count(v, A));
        Edit erase = Operations.brush(ed, 0, 3, 10, 2, 1, 0, false); // a disc in the YZ plane at x = 3, where nothing is labelled
        assertEquals("erased 0 voxels", erase.description());
        assertTrue(erase.diff().isEmpty());
        ed.apply(Operations.brush(ed, 0, 10, 10, 2, 1, 0, false));
        assertEquals(0, v.idAt(10, 10, 2));
        assertEquals(0, v.idAt(10, 11, 2));
        assertEquals(0, v.idAt(10, 10, 3));
        assertEquals(A, v.idAt(9, 10, 2));
        assertIndexRecounted(ed);
    }

    @Test
    void fillIn2DStaysInTheSectionAnd3DFollowsConnectivity() {
        // a diagonal staircase of B: connected at 26 (and 18), not at 6
        LabelVolume v = uint32(8, 8, 8, (x, y, z) -> x == y && y == z ? B : 0);
        LabelEditor ed = editor(v, 0);
        int a = ed.slotFor(A);
        ed.apply(Operations.fill(ed, 3, 3, 3, a, Connectivity.SIX, -1));
        assertEquals(1, count(v, A));
        ed.undo();
        ed.apply(Operations.fill(ed, 3, 3, 3, a, Connectivity.TWENTY_SIX, -1));
        assertEquals(8, count(v, A));
        assertEquals("3D fill: 8 voxels of 4294967281 became 4294967280", ed.undoDescription());
        ed.undo();
        // 2D fill of the background in section z = 0: everything but (0,0,0), not the other sections
        ed.apply(Operations.fill(ed, 5, 1, 0, a, Connectivity.SIX, 2));
        assertEquals(63, count(v, A));
        for (int z = 1; z < 8; z++) assertEquals(0, v.idAt(5, 1, z));
        assertIndexRecounted(ed);
    }

    @Test
    void splitGivesEveryPieceButTheLargestANewIdAboveTheDeclaredLargest() {
        // A: a 3x3x3 cube, a 2x2x2 cube and a single voxel, apart
        LabelVolume v = uint32(12, 6, 6, (x, y, z) -> (x < 3 && y < 3 && z < 3) || (x >= 5 && x < 7 && y < 2 && z < 2) || (x == 10 && y == 4 && z == 4) ? A : 0);
        LabelEditor ed = editor(v, 0xFFFF_FFF5L);
        Edit e = Operations.splitDisconnected(ed, v.table().findSlot(A), Connectivity.TWENTY_SIX);
        ed.apply(e);
        assertEquals(List.of(0xFFFF_FFF6L, 0xFFFF_FFF7L), e.newIds());
        assertEquals("segment 4294967280 split into 4294967280, 4294967286, 4294967287", e.description());
        assertEquals(27, count(v, A));
        assertEquals(8, count(v, 0xFFFF_FFF6L));
        assertEquals(0xFFFF_FFF7L, v.idAt(10, 4, 4));
        assertIndexRecounted(ed);
        ed.undo();
        assertEquals(36, count(v, A));
        assertIndexRecounted(ed);
        ed.redo();
        assertEquals(1, count(v, 0xFFFF_FFF7L));
        // ids are never handed out twice, even after undo
        ed.undo();
        assertEquals(0xFFFF_FFF8L, ed.nextFreeId());
    }

    @Test
    void aFullUint32BoxHasNoFreeId() {
        LabelVolume v = uint32(4, 4, 4, (x, y, z) -> x == 0 ? 0xFFFF_FFFFL : 5);
        LabelEditor ed = editor(v, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, ed::newSlot);
        assertTrue(e.getMessage().contains("4294967295") && e.getMessage().contains("uint32"), e.getMessage());
        LabelVolume wide = Volumes.of(4, 4, 4, (x, y, z) -> x == 0 ? 0xFFFF_FFFFL : 5); // uint64 has room
        assertEquals(0x1_0000_0000L, editor(wide, 0).nextFreeId());
    }

    @Test
    void mergeDeleteAndFillHoles() {
        // A with a 1-voxel cavity at (3,3,3) and a 2D hole (a tunnel) at x=6,y=3 through z; B beside
        LabelVolume v = uint32(10, 7, 7, (x, y, z) -> {
            if (x == 9) return B;
            if (x >= 1 && x <= 7 && y >= 1 && y <= 5 && z >= 1 && z <= 5) return (x == 3 && y == 3 && z == 3) || (x == 6 && y == 3) ? 0 : A;
            return 0;
        });
        LabelEditor ed = editor(v, 0);
        int a = v.table().findSlot(A), b = v.table().findSlot(B);
        Edit holes3d = Operations.fillHoles(ed, a, false, Connectivity.TWENTY_SIX, Progress.NONE);
        assertEquals(1, holes3d.diff().size());
        Edit holes = Operations.fillHoles(ed, a, true, Connectivity.TWENTY_SIX, Progress.NONE);
        assertEquals(1 + 5, holes.diff().size(), holes.description()); // the cavity and the tunnel in sections z = 1..5
        ed.apply(holes);
        assertEquals(A, v.idAt(3, 3, 3));
        assertEquals(A, v.idAt(6, 3, 2));
        assertEquals(0, v.idAt(6, 3, 0));
        ed.apply(Operations.merge(ed, a, b));
        assertEquals(0, count(v, B));
        assertEquals(7 * 5 * 5 + 7 * 7, count(v, A));
        assertEquals("segment 4294967281 merged into 4294967280 (49 voxels)", ed.undoDescription());
        ed.apply(Operations.delete(ed, a));
        assertEquals(0, count(v, A));
        assertEquals(0, ed.index().voxels(a));
        assertIndexRecounted(ed);
        while (ed.canUndo()) ed.undo();
        assertEquals(49, count(v, B));
        assertIndexRecounted(ed);
    }

    @Test
    void smallIslandsGoToTheNeighbourTheyTouchMostOrToZero() {
        // A big block with one B voxel inside (an island of B), and a lone C voxel in the background away from the border
        long c = 77;
        LabelVolume v = uint32(12, 8, 8, (x, y, z) -> x == 9 && y == 4 && z == 4 ? c : x < 6 && y < 6 && z < 6 ? (x == 2 && y == 2 && z == 2 ? B : A) : 0);
        LabelEditor ed = editor(v, 0);
        Edit merged = Operations.removeIslands(ed, 10, Connectivity.TWENTY_SIX, true, Progress.NONE);
        ed.apply(merged);
        assertEquals(A, v.idAt(2, 2, 2));
        assertEquals(0, v.idAt(9, 4, 4), "no labelled neighbour: unlabelled");
        assertEquals("removed 2 islands under 10 voxels (2 voxels, merged into their neighbours)", merged.description());
        ed.undo();
        ed.apply(Operations.removeIslands(ed, 10, Connectivity.TWENTY_SIX, false, Progress.NONE));
        assertEquals(0, v.idAt(2, 2, 2));
        assertIndexRecounted(ed);
    }

    @Test
    void undoMemoryIsProportionalToTheVoxelsChanged() {
        LabelVolume v = uint32(64, 64, 64, (x, y, z) -> 1);
        LabelEditor ed = editor(v, 0);
        int a = ed.slotFor(A);
        ed.apply(Operations.brush(ed, 2, 30, 30, 30, 0, a, false));
        assertTrue(ed.historyBytes() < 1024, ed.historyBytes() + " bytes for one voxel");
        ed.apply(Operations.brush(ed, 2, 30, 30, 31, 10, a, false));
        assertTrue(ed.historyBytes() < 400 * 16 * 2 + 2048, ed.historyBytes() + " bytes for ~330 voxels");
        assertTrue(ed.hasUnsavedChanges());
        ed.markSaved();
        assertTrue(!ed.hasUnsavedChanges());
        ed.undo();
        assertTrue(ed.hasUnsavedChanges());
        ed.redo();
        assertTrue(!ed.hasUnsavedChanges());
    }

    /** An edit whose diff cannot fit in the heap that is left is refused in one line, before it is built. */
    @Test
    void anEditTooLargeForTheHeapIsRefusedBeforeItIsBuilt() {
        Operations.roomFor(1000, "3D fill"); // fits
        long voxels = Runtime.getRuntime().maxMemory() / 4; // its diff alone (8 bytes a voxel) is twice the heap
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> Operations.roomFor(voxels, "3D fill"));
        assertTrue(e.getMessage().startsWith(String.format(java.util.Locale.ROOT, "the 3D fill reached %,d voxels and would need about", voxels)), e.getMessage());
        assertTrue(e.getMessage().contains("fill a smaller region"), e.getMessage());
    }
}
