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
}
