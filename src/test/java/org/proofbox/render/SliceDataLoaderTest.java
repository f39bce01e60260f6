package org.proofbox.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/** An export with mags 1 and 2-2-1 in both layers: the viewports get every level, and zoomed out they read mag 2. */
class SliceDataLoaderTest {
    static final Box3 BOX = new Box3(new Vec3(64, 32, 8), new Vec3(40, 30, 12));
    static final long BASE = 0xF000_0000L; // uint32 ids above 2^31

    @Test
    void everyMagOfBothLayersIsLoadedAndPicked(@TempDir Path dir) throws Exception {
        VoxelSize vs = new VoxelSize(5, 5, 20, "nanometer");
        ExportWriter.Layout layout = new ExportWriter.Layout(new Vec3(16, 16, 4), 'C', ".", ZarrCodecs.zlib(5), true);
        int sx = BOX.size().x(), sy = BOX.size().y();
        // mag 1: id by 10-voxel column in x; mag 2-2-1: the same cells (x / 5 columns), raw 200 everywhere
        new ExportWriter(dir, "mags", vs)
            .layer("color", "color", ElementType.UINT8, BOX, layout, i -> (i % sx + (i / sx) % sy) & 0xFF, null)
            .mag("color", new Vec3(2, 2, 1), ElementType.UINT8, BOX, layout, i -> 200)
            .layer("segmentation", "segmentation", ElementType.UINT32, BOX, layout, i -> BASE + (i % sx) / 10, BASE + 3)
            .mag("segmentation", new Vec3(2, 2, 1), ElementType.UINT32, BOX, layout, i -> BASE + (i % 20) / 5)
            .write();
        LoadedBox box = LoadedBox.open(dir, 2, Progress.NONE);
        SliceData data = SliceDataLoader.load(box, 2, Progress.NONE);
        assertEquals(2, data.rawLevels().size());
        assertEquals(new Box3(new Vec3(32, 16, 8), new Vec3(20, 15, 12)), data.rawLevels().get(1).volume().box());
        assertEquals(2, data.labelLevels().size());
        assertEquals(box.labels().table(), data.labelLevels().get(1).volume().table());
        SliceRenderer r = new SliceRenderer();
        Palette p = new Palette(DisplayStyle.DEFAULT, box.labels().table());
        int[] argb = new int[40 * 30];
        r.render(new SliceGeometry(Plane.XY, 40, 30, 84, 47, 10, 5, vs), data, p, argb); // 5 nm/px: mag 1, 1 px per voxel
        assertEquals(0, r.rawLevel());
        assertEquals(0, r.labelLevel());
        assertEquals((7 + 4) & 0xFF, r.greys()[4 * 40 + 7]);
        r.render(new SliceGeometry(Plane.XY, 20, 15, 84, 47, 10, 10, vs), data, p, argb); // 10 nm/px: mag 2
        assertEquals(1, r.rawLevel());
        assertEquals(1, r.labelLevel());
        for (int i = 0; i < 20 * 15; i++) assertEquals(200, r.greys()[i]);
        for (int x = 0; x < 20; x++) assertEquals(BASE + x / 5, box.labels().table().idOf(r.slots()[3 * 20 + x]));
        data.dropCoarseLabels();
        r.render(new SliceGeometry(Plane.XY, 20, 15, 84, 47, 10, 10, vs), data, p, argb);
        assertEquals(0, r.labelLevel());
        assertTrue(r.rawLevel() == 1);
    }
}
