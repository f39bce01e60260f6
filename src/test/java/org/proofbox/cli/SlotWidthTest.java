package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.edit.LabelEditor;
import org.proofbox.edit.Operations;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.IndexBuilder;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.LoadedBox;
import org.proofbox.store.SegmentTable;
import org.proofbox.task.Progress;

/**
 * Issue 13 / decision 0006: slots are 2 bytes while a box has at most 65 535 segments and widen to
 * 4 bytes beyond. Both representations give the same check, fix and voxels; widening happens while
 * several threads load, or when an edit adds the 65 536th slot, without losing a voxel.
 */
class SlotWidthTest {
    @TempDir
    Path tmp;

    /** Runs {@code body} with every new label volume 4 bytes wide from the start. */
    static <T> T wide(Callable<T> body) throws Exception {
        System.setProperty("proofbox.wideSlots", "true");
        try {
            return body.call();
        } finally {
            System.clearProperty("proofbox.wideSlots");
        }
    }

    @Test
    void checkAndFixGiveTheSameResultsWithNarrowAndWideSlots() throws Exception {
        for (String name : new String[] {"gala_fib_train", "neuroproof_medulla_ts2"}) {
            String box = Shared.data(name).toString();
            CliTest.Result narrow = CliTest.run("check", box, "--json");
            CliTest.Result wide = wide(() -> CliTest.run("check", box, "--json"));
            assertEquals(1, narrow.code(), narrow.err()); // both real boxes have findings
            assertEquals(narrow.out(), wide.out(), name);
            assertTrue(narrow.out().length() > 1000);
        }
        // a synthetic box with planted splits, fixed in two copies
        SyntheticCells cells = SyntheticCells.generate(new Vec3(96, 80, 48), 400, 6, 11);
        Path a = write(tmp.resolve("a"), cells), b = write(tmp.resolve("b"), cells);
        CliTest.Result fa = CliTest.run("fix", a.toString(), "--split-disconnected", "--remove-fragments", "50");
        CliTest.Result fb = wide(() -> CliTest.run("fix", b.toString(), "--split-disconnected", "--remove-fragments", "50"));
        assertEquals(0, fa.code(), fa.err());
        assertEquals(fa.out().replace(a.toString(), "BOX"), fb.out().replace(b.toString(), "BOX"));
        assertTrue(fa.out().contains("split"), fa.out());
        LoadedBox la = LoadedBox.open(a, 2, Progress.NONE), lb = wide(() -> LoadedBox.open(b, 2, Progress.NONE));
        assertTrue(la.labels().isNarrow());
        assertFalse(lb.labels().isNarrow());
        assertSameIds(la.labels(), lb.labels());
        assertEquals(CliTest.run("check", a.toString(), "--json").out().replace(a.toString(), "BOX"),
            CliTest.run("check", b.toString(), "--json").out().replace(b.toString(), "BOX"));
    }

    /** 73 728 segments (two voxels each, uint64 ids counting down from 2^64 − 1): the loaders' threads widen mid-load. */
    @Test
    void aBoxOfMoreThan65535SegmentsWidensWhileLoading() throws Exception {
        Vec3 size = new Vec3(96, 96, 16);
        Box3 box = new Box3(new Vec3(64, 0, 32), size);
        ExportWriter.Layout l = new ExportWriter.Layout(new Vec3(16, 16, 16), 'F', "/", ZarrCodecs.zlib(1), false);
        Path dir = tmp.resolve("many");
        new ExportWriter(dir, "many", new VoxelSize(8, 8, 8, "nanometer"))
            .layer("segmentation", "segmentation", ElementType.UINT64, box, l, i -> id(i), -1L)
            .write();
        LoadedBox loaded = LoadedBox.open(dir, 2, Progress.NONE);
        LabelVolume v = loaded.labels();
        assertFalse(v.isNarrow(), "widened");
        assertEquals(size.volume() / 2 + 1, v.table().slotCount());
        for (int z = 0; z < size.z(); z++) for (int y = 0; y < size.y(); y++) for (int x = 0; x < size.x(); x++) {
            assertEquals(id(x + (long) size.x() * (y + (long) size.y() * z)), v.idAt(x, y, z), x + "," + y + "," + z);
        }
        for (int s = 1; s < v.table().slotCount(); s++) assertEquals(2, loaded.index().voxels(s));
        CliTest.Result narrowFirst = CliTest.run("check", dir.toString(), "--json");
        CliTest.Result wideFirst = wide(() -> CliTest.run("check", dir.toString(), "--json"));
        assertEquals(wideFirst.out(), narrowFirst.out());
        CliTest.Result info = CliTest.run("info", dir.toString(), "--json");
        assertTrue(info.out().contains("\"segmentCount\" : 73728") || info.out().contains("\"segmentCount\":73728"), info.out());
    }

    private static long id(long i) {
        return -1L - i / 2; // 0xFFFF_FFFF_FFFF_FFFF, …FFFE, … : two neighbours along x share one
    }

    /** An edit that needs the 65 536th slot widens the volume; undo keeps it wide and restores the voxels. */
    @Test
    void anEditBeyondTwoBytesWidensTheVolumeAndUndoRestoresIt() {
        int sx = 256, sy = 256;
        LabelVolume v = new LabelVolume(new Box3(Vec3.ZERO, new Vec3(sx, sy, 2)), ElementType.UINT32, new SegmentTable());
        for (int y = 0; y < sy; y++) for (int x = 0; x < sx; x++) {
            int i = x + sx * y;
            v.setSlot(x, y, 0, v.table().slotOf(i == 0 ? 0 : 0x8000_0000L + i)); // 65 535 segments of one voxel: slots 1 … 65 535
        }
        assertTrue(v.isNarrow());
        assertEquals(LabelVolume.NARROW_SLOTS, v.table().slotCount());
        LabelVolume.Slots before = v.slots();
        LabelEditor ed = new LabelEditor(v, IndexBuilder.build(v, Progress.NONE), 0);
        int fresh = ed.slotFor(0xFFFF_FFFFL);
        assertEquals(LabelVolume.NARROW_SLOTS, fresh);
        ed.apply(Operations.brush(ed, 2, 100, 100, 1, 3, fresh, false)); // a disc in section 1
        assertFalse(v.isNarrow());
        assertEquals(0xFFFF_FFFFL, v.idAt(100, 100, 1));
        assertEquals(0x8000_0000L + 100 + sx * 100, v.idAt(100, 100, 0));
        assertEquals(0, before.get(1, 100 + sx * 100), "a snapshot taken before still reads what it read");
        assertNull(ed.index().differenceTo(IndexBuilder.build(v, Progress.NONE)));
        ed.undo();
        assertEquals(0, v.idAt(100, 100, 1));
        for (int y = 0; y < sy; y++) for (int x = 0; x < sx; x++) {
            int i = x + sx * y;
            assertEquals(i == 0 ? 0 : 0x8000_0000L + i, v.idAt(x, y, 0));
        }
        assertNull(ed.index().differenceTo(IndexBuilder.build(v, Progress.NONE)));
    }

    private static Path write(Path dir, SyntheticCells cells) throws Exception {
        Vec3 s = cells.shape;
        Box3 box = new Box3(Vec3.ZERO, s);
        ExportWriter.Layout l = ExportWriter.Layout.webknossos(ZarrCodecs.zlib(1));
        new ExportWriter(dir, "cells", new VoxelSize(8, 8, 8, "nanometer"))
            .layer("segmentation", "segmentation", ElementType.UINT32, box, l,
                i -> cells.planes[(int) (i / ((long) s.x() * s.y()))][(int) (i % ((long) s.x() * s.y()))] & 0xFFFF_FFFFL, null)
            .write();
        return dir;
    }

    private static void assertSameIds(LabelVolume a, LabelVolume b) {
        assertEquals(a.box(), b.box());
        for (int z = 0; z < a.sizeZ(); z++) for (int y = 0; y < a.sizeY(); y++) for (int x = 0; x < a.sizeX(); x++) {
            if (a.idAt(x, y, z) != b.idAt(x, y, z)) throw new AssertionError("voxel " + x + "," + y + "," + z + ": " + a.idAt(x, y, z) + " vs " + b.idAt(x, y, z));
        }
    }
}
