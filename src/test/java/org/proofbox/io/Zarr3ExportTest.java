package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.edit.ExportSaver;
import org.proofbox.edit.LabelEditor;
import org.proofbox.edit.Operations;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/** A Zarr3 export laid out as WEBKNOSSOS's Python client writes it (sharded, transpose F, zstd): opened, edited, saved in place, read back. */
class Zarr3ExportTest {
    @Test
    void openEditSaveReopen(@TempDir Path root) throws Exception {
        Vec3 shape = new Vec3(70, 50, 40); // absolute array; the box is (6, 4, 2) + (60, 40, 30)
        Path seg = root.resolve("segmentation/1");
        Files.createDirectories(seg);
        Zarr3RoundTripTest.create(seg, ElementType.UINT64, new Zarr3RoundTripTest.Config("wk", "default /",
            c -> c.withSharding(new int[] {1, 16, 16, 8}, in -> in.withTranspose(new int[] {3, 2, 1, 0}).withBytes("LITTLE").withZstd(3)), true, true), shape);
        long big = 0x9000_0000_0000_0001L; // beyond 2^63
        Zarr3Array a = Zarr3Array.open(seg);
        Vec3 g = a.chunkGrid(), cs = a.chunkShape();
        for (int cz = 0; cz < g.z(); cz++) for (int cy = 0; cy < g.y(); cy++) for (int cx = 0; cx < g.x(); cx++) {
            long[] v = new long[(int) cs.volume()];
            for (int k = 0; k < cs.z(); k++) for (int j = 0; j < cs.y(); j++) for (int i = 0; i < cs.x(); i++) {
                int x = cx * cs.x() + i;
                v[i + cs.x() * (j + cs.y() * k)] = x < 30 ? big : x == 30 ? 0 : 5;
            }
            a.writeChunk(cx, cy, cz, ChunkData.ofLongs(cs, v), org.proofbox.io.FileWrites.DIRECT);
        }
        Files.writeString(root.resolve("datasource-properties.json"), """
            {"id": {"name": "z3", "team": ""}, "scale": [11.24, 11.24, 28],
             "dataLayers": [{"name": "segmentation", "category": "segmentation", "dataFormat": "zarr3", "elementClass": "uint64",
               "boundingBox": {"topLeft": [6, 4, 2], "width": 60, "height": 40, "depth": 30}, "largestSegmentId": 5,
               "mags": [{"mag": [1, 1, 1], "path": "./segmentation/1"}], "numChannels": 1}]}""");
        LoadedBox box = LoadedBox.open(root, 2, Progress.NONE);
        assertEquals(24L * 40 * 30, box.index().voxels(box.labels().table().findSlot(big)));
        assertEquals(35L * 40 * 30, box.index().voxels(box.labels().table().findSlot(5)));
        LabelEditor ed = new LabelEditor(box.labels(), box.index(), 5);
        int s = ed.newSlot();
        assertEquals(big + 1, box.labels().table().idOf(s), "the next id above the largest present (unsigned)");
        ed.apply(Operations.brush(ed, 2, 40, 20, 10, 2, s, false));
        ExportSaver.Result r = ExportSaver.save(box, ed, Progress.NONE);
        assertTrue(r.chunksWritten() >= 1);
        LoadedBox again = LoadedBox.open(root, 2, Progress.NONE);
        assertEquals(big + 1, again.labels().idAt(40, 20, 10));
        assertEquals(big + 1, again.labels().idAt(42, 20, 10));
        assertEquals(5L, again.labels().idAt(43, 20, 10));
        assertEquals(box.index().voxels(s), again.index().voxels(again.labels().table().findSlot(big + 1)));
        assertEquals(big + 1, again.export().segmentationLayer().largestSegmentId().orElseThrow());
        // voxels outside the box (x < 6) kept their values
        assertEquals(big, Zarr3Array.open(seg).readChunk(0, 0, 0).bits(0, true));
    }
}
