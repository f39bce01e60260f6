package org.proofbox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.Export;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.task.Progress;

/**
 * Issue 13, first frame at once: a box loaded with a preview hands out its labels and raw when
 * exactly the chunks through the three middle planes are read (every voxel of those planes holds
 * its value, the chunks off the planes are still empty), then finishes into the same volumes: the
 * result equals a plain load voxel for voxel, with the same index. Expected values come from the
 * functions the export was written with.
 */
class PreviewLoadTest {
    static final int SX = 45, SY = 38, SZ = 21, C = 8;

    static long id(int x, int y, int z) {
        int cell = x / 7 + 10 * (y / 6) + 100 * (z / 5);
        return cell % 9 == 0 ? 0 : 4_000_000_000L + cell; // uint32 above 2^31, some unlabelled
    }

    static int grey(int x, int y, int z) {
        return (x * 7 + y * 13 + z * 29) & 0xFF;
    }

    @Test
    void theMiddlePlanesComeFirstAndTheRestCompletesTheSameVolumes(@TempDir Path dir) throws Exception {
        Box3 box = new Box3(new Vec3(64, 32, 16), new Vec3(SX, SY, SZ));
        ExportWriter.Layout layout = new ExportWriter.Layout(new Vec3(C, C, C), 'F', "/", ZarrCodecs.zlib(1), false);
        new ExportWriter(dir, "p", new VoxelSize(4, 4, 30, "nanometer"))
            .layer("color", "color", ElementType.UINT8, box, layout, i -> grey((int) (i % SX), (int) (i / SX % SY), (int) (i / SX / SY)), null)
            .layer("segmentation", "segmentation", ElementType.UINT32, box, layout, i -> id((int) (i % SX), (int) (i / SX % SY), (int) (i / SX / SY)), null)
            .write();
        List<LoadedBox.Preview> previews = new ArrayList<>();
        List<String> wrongAtPreview = new ArrayList<>();
        int[] emptyOffPlanes = {0};
        LoadedBox b = LoadedBox.load(Export.open(dir), 2, Progress.NONE, MemoryPlan.Use.REVIEW, pv -> {
            previews.add(pv);
            Vec3 c = pv.centre();
            assertEquals(new Vec3(SX / 2, SY / 2, SZ / 2), c);
            for (int z = 0; z < SZ; z++) for (int y = 0; y < SY; y++) for (int x = 0; x < SX; x++) {
                boolean onPlane = x == c.x() || y == c.y() || z == c.z();
                boolean inPlaneChunk = x / C == c.x() / C || y / C == c.y() / C || z / C == c.z() / C;
                long got = pv.labels().idAt(x, y, z);
                int raw = pv.raw().valueAt(x, y, z);
                if (onPlane && (got != id(x, y, z) || raw != grey(x, y, z))) wrongAtPreview.add(x + "," + y + "," + z);
                if (!inPlaneChunk) {
                    assertEquals(0, got, "a chunk off the planes is not read before the preview");
                    if (raw == 0 && grey(x, y, z) != 0) emptyOffPlanes[0]++;
                }
            }
        });
        assertEquals(1, previews.size());
        assertEquals(List.of(), wrongAtPreview);
        assertTrue(emptyOffPlanes[0] > 1000, "most of the box is read after the preview: " + emptyOffPlanes[0]);
        LoadedBox.Preview pv = previews.get(0);
        assertTrue(!pv.whole(), "the middle planes of the box's own mag");
        assertTrue(pv.labels() == b.labels(), "the rest is read into the volume the preview showed");
        LoadedBox plain = LoadedBox.load(Export.open(dir), 1, Progress.NONE);
        for (int z = 0; z < SZ; z++) for (int y = 0; y < SY; y++) for (int x = 0; x < SX; x++) {
            assertEquals(id(x, y, z), b.labels().idAt(x, y, z));
            assertEquals(grey(x, y, z), pv.raw().valueAt(x, y, z));
        }
        // slots are numbered in reading order, so compare the index by id: counts, bounding boxes
        assertEquals(plain.index().segments(), b.index().segments());
        assertTrue(b.index().segmentCount() > 100, "a box of many segments: " + b.index().segmentCount());
    }

    /**
     * A big box with coarse mags is first shown whole at the finest mag both layers have (here
     * 4-4-2: the segmentation has no 2-2-1), in the slots of the box, and the views keep those
     * volumes instead of reading that mag again.
     */
    @Test
    void aBigBoxIsFirstShownWholeAtACoarseMagThatTheViewsKeep(@TempDir Path dir) throws Exception {
        Box3 box = new Box3(new Vec3(64, 32, 16), new Vec3(SX, SY, SZ));
        ExportWriter.Layout layout = new ExportWriter.Layout(new Vec3(C, C, C), 'F', "/", ZarrCodecs.zlib(1), false);
        Vec3 m2 = new Vec3(2, 2, 1), m4 = new Vec3(4, 4, 2);
        new ExportWriter(dir, "p", new VoxelSize(4, 4, 30, "nanometer"))
            .layer("color", "color", ElementType.UINT8, box, layout, i -> grey((int) (i % SX), (int) (i / SX % SY), (int) (i / SX / SY)), null)
            .mag("color", m2, ElementType.UINT8, box, layout, coarse(box, m2, true))
            .mag("color", m4, ElementType.UINT8, box, layout, coarse(box, m4, true))
            .layer("segmentation", "segmentation", ElementType.UINT32, box, layout, i -> id((int) (i % SX), (int) (i / SX % SY), (int) (i / SX / SY)), null)
            .mag("segmentation", m4, ElementType.UINT32, box, layout, coarse(box, m4, false))
            .write();
        List<LoadedBox.Preview> previews = new ArrayList<>();
        System.setProperty("proofbox.coarsePreviewFrom", "1");
        LoadedBox b;
        try {
            b = LoadedBox.load(Export.open(dir), 2, Progress.NONE, MemoryPlan.Use.REVIEW, previews::add);
        } finally {
            System.clearProperty("proofbox.coarsePreviewFrom");
        }
        assertEquals(2, previews.size(), "first the coarse mag, then mag 1's middle planes");
        LoadedBox.Preview first = previews.get(0);
        assertEquals(m4, first.export().workMag());
        assertTrue(first.whole() && !previews.get(1).whole(), "the coarse mag is the whole box; the middle planes are not");
        Box3 cb = first.labels().box(); // the layer box at 4-4-2: 64/4, 32/4, 16/2 → end rounded up
        assertEquals(new Box3(new Vec3(16, 8, 8), new Vec3(28 - 16, 18 - 8, 19 - 8)), cb);
        for (int z = 0; z < cb.size().z(); z++) for (int y = 0; y < cb.size().y(); y++) for (int x = 0; x < cb.size().x(); x++) {
            int gx = (cb.topLeft().x() + x) * 4 - 64, gy = (cb.topLeft().y() + y) * 4 - 32, gz = (cb.topLeft().z() + z) * 2 - 16;
            assertEquals(id(gx, gy, gz), first.labels().idAt(x, y, z), x + "," + y + "," + z);
            assertEquals(grey(gx, gy, gz), first.raw().valueAt(x, y, z));
        }
        assertTrue(first.labels().table() == b.labels().table(), "one table: a slot means one id at every mag");
        assertTrue(previews.get(1).labels() == b.labels());
        var data = org.proofbox.render.SliceDataLoader.load(b, 2, Progress.NONE, previews);
        var level = data.labelLevels().stream().filter(l -> l.mag().equals(m4)).findFirst().orElseThrow();
        assertTrue(level.volume() == first.labels(), "the views keep the preview's labels");
        assertTrue(data.rawLevels().stream().anyMatch(l -> l.mag().equals(m4) && l.volume() == first.raw()), "and its raw");
        assertTrue(data.rawLevels().stream().anyMatch(l -> l.mag().equals(m2)), "other mags are read as before");
    }

    /** Values of a coarse mag's voxel i: the mag-1 voxel at its corner (the layer box starts on the mag's grid here). */
    private static java.util.function.LongUnaryOperator coarse(Box3 box, Vec3 m, boolean raw) {
        int cx0 = box.topLeft().x() / m.x(), cy0 = box.topLeft().y() / m.y(), cz0 = box.topLeft().z() / m.z();
        int nx = (box.end().x() + m.x() - 1) / m.x() - cx0, ny = (box.end().y() + m.y() - 1) / m.y() - cy0;
        return i -> {
            int x = (int) (i % nx), y = (int) (i / nx % ny), z = (int) (i / nx / ny);
            int gx = (cx0 + x) * m.x() - box.topLeft().x(), gy = (cy0 + y) * m.y() - box.topLeft().y(), gz = (cz0 + z) * m.z() - box.topLeft().z();
            return raw ? grey(gx, gy, gz) : id(gx, gy, gz);
        };
    }
}
