package org.proofbox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.Export;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;

/** The memory plan's parts for each use, on an export with coarse mags (sizes rounded up per axis). */
class MemoryPlanTest {
    @Test
    void partsFollowTheUseAndTheMags(@TempDir Path dir) throws Exception {
        Box3 box = new Box3(Vec3.ZERO, new Vec3(50, 30, 9));
        ExportWriter.Layout l = ExportWriter.Layout.webknossos(ZarrCodecs.zlib(1));
        new ExportWriter(dir, "m", new VoxelSize(1, 1, 1, "nanometer"))
            .layer("color", "color", ElementType.UINT8, box, l, i -> 7, null)
            .mag("color", new Vec3(2, 2, 1), ElementType.UINT8, box, l, i -> 7)
            .layer("segmentation", "segmentation", ElementType.UINT32, box, l, i -> 1, null)
            .mag("segmentation", new Vec3(4, 4, 2), ElementType.UINT32, box, l, i -> 1)
            .write();
        Export e = Export.open(dir);
        long v = 50L * 30 * 9;
        long labels = 2 * v + v / 8 + (1 << 20); // 2-byte slots
        long raw = v + 25L * 15 * 9; // mag 1 and mag 2-2-1
        long coarseLabels = 2L * 13 * 8 * 5; // mag 4-4-2: ceil(50/4) × ceil(30/4) × ceil(9/2)
        long check = (long) (v * MemoryPlan.CHECK_BYTES_PER_VOXEL);
        assertEquals(new MemoryPlan(labels, 0, 0, 32L << 20), MemoryPlan.of(e, box, MemoryPlan.Use.LABELS));
        assertEquals(new MemoryPlan(labels, 0, check, 32L << 20), MemoryPlan.of(e, box, MemoryPlan.Use.CHECK));
        assertEquals(new MemoryPlan(labels, raw + coarseLabels, check, v / 4 + (64L << 20)), MemoryPlan.of(e, box, MemoryPlan.Use.REVIEW));
    }
}
