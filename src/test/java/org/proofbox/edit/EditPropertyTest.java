package org.proofbox.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.proofbox.model.Connectivity;
import org.proofbox.store.IndexBuilder;
import org.proofbox.store.LabelVolume;
import org.proofbox.task.Progress;

/**
 * Thousands of random edits, undos and redos: after every step the incrementally kept index equals
 * a full recount, and undoing everything gives back the original labels and index.
 */
class EditPropertyTest {
    @Test
    void randomEditUndoRedoSequencesKeepTheIndexExactAndUndoToTheOriginal() {
        for (int seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            long base = seed % 2 == 0 ? 0xFFFF_FF00L : 1; // uint32 ids above 2^31 in half the runs
            LabelVolume v = EditTest.uint32(24 + seed, 20, 12, (x, y, z) -> {
                int cell = (x / 6) + 4 * (y / 7) + 16 * (z / 5);
                return (x % 6 == 0 || r.nextInt(40) == 0) ? 0 : base + cell % 9;
            });
            int[] original = snapshot(v);
            LabelEditor ed = EditTest.editor(v, 0);
            var originalIndex = IndexBuilder.build(v, Progress.NONE);
            int steps = 400;
            for (int i = 0; i < steps; i++) {
                int op = r.nextInt(10);
                int x = r.nextInt(v.sizeX()), y = r.nextInt(v.sizeY()), z = r.nextInt(v.sizeZ());
                int slots = v.table().slotCount();
                int slot = r.nextInt(slots);
                switch (op) {
                    case 0, 1 -> ed.apply(Operations.brush(ed, r.nextInt(3), x, y, z, r.nextInt(4), r.nextInt(4) == 0 ? 0 : slot, r.nextBoolean()));
                    case 2 -> ed.apply(Operations.fill(ed, x, y, z, slot, r.nextBoolean() ? Connectivity.SIX : Connectivity.TWENTY_SIX, r.nextInt(4) - 1));
                    case 3 -> ed.apply(Operations.merge(ed, 1 + r.nextInt(slots - 1), 1 + r.nextInt(slots - 1)));
                    case 4 -> { if (r.nextInt(3) == 0) ed.apply(Operations.delete(ed, 1 + r.nextInt(slots - 1))); }
                    case 5 -> ed.apply(Operations.splitDisconnected(ed, 1 + r.nextInt(slots - 1), r.nextBoolean() ? Connectivity.SIX : Connectivity.TWENTY_SIX));
                    case 6 -> ed.apply(Operations.brush(ed, 2, x, y, z, 0, ed.newSlot(), false));
                    case 7, 8 -> ed.undo();
                    default -> ed.redo();
                }
                assertNull(ed.index().differenceTo(IndexBuilder.build(v, Progress.NONE)), "seed " + seed + " step " + i + " op " + op);
            }
            while (ed.canUndo()) ed.undo();
            assertArrayEquals(original, snapshot(v), "seed " + seed);
            assertNull(ed.index().differenceTo(originalIndex));
        }
    }

    @Test
    void fillHolesAndIslandsUndoExactly() {
        Random r = new Random(9);
        LabelVolume v = EditTest.uint32(30, 30, 10, (x, y, z) -> r.nextInt(12) == 0 ? 0 : (r.nextInt(50) == 0 ? 3 : 1 + (x / 10)));
        int[] original = snapshot(v);
        LabelEditor ed = EditTest.editor(v, 0);
        for (int round = 0; round < 3; round++) {
            ed.apply(Operations.fillHoles(ed, -1, round % 2 == 0, Connectivity.TWENTY_SIX, Progress.NONE));
            assertNull(ed.index().differenceTo(IndexBuilder.build(v, Progress.NONE)));
            ed.apply(Operations.removeIslands(ed, 5, Connectivity.SIX, round != 1, Progress.NONE));
            assertNull(ed.index().differenceTo(IndexBuilder.build(v, Progress.NONE)));
        }
        while (ed.canUndo()) ed.undo();
        assertArrayEquals(original, snapshot(v));
    }

    static int[] snapshot(LabelVolume v) {
        int[] out = new int[(int) v.voxelCount()];
        int i = 0;
        for (int z = 0; z < v.sizeZ(); z++) for (int y = 0; y < v.sizeY(); y++) for (int x = 0; x < v.sizeX(); x++) out[i++] = v.slotAt(x, y, z);
        return out;
    }
}
