package org.proofbox.algo.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.proofbox.Shared;
import org.proofbox.algo.SegmentComponents;
import org.proofbox.model.Connectivity;
import org.proofbox.model.SegmentStats;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/** Surfaces of real ground truth: the largest segments of both datasets, neuroproof's 24-piece one among them. */
class RealMeshTest {
    @Test
    void realSegmentsGiveClosedSurfacesPerPiece() throws Exception {
        for (String name : List.of("neuroproof_medulla_ts2", "gala_fib_train")) {
            LoadedBox box = LoadedBox.open(Shared.data(name), 2, Progress.NONE);
            var idx = box.index();
            var vs = box.export().info().voxelSize();
            List<SegmentStats> segs = new ArrayList<>(idx.segments());
            segs.sort((a, b) -> Long.compare(b.voxels(), a.voxels()));
            int maxPieces = 0;
            for (SegmentStats s : segs.subList(0, 6)) {
                int slot = box.labels().table().findSlot(s.id());
                List<SurfaceMesh> ms = SegmentMesher.mesh(box.labels(), idx, slot, vs, Progress.NONE);
                List<org.proofbox.model.LongChunks> pieces = SegmentComponents.of(box.labels(), idx, slot, Connectivity.TWENTY_SIX); // the QC's own pieces
                String what = name + " segment " + s.id();
                assertEquals(pieces.size(), ms.size(), what + ": one mesh per piece");
                maxPieces = Math.max(maxPieces, ms.size());
                for (int i = 0; i < ms.size(); i++) {
                    SurfaceMesh m = ms.get(i);
                    assertEquals(pieces.get(i).size(), m.voxels(), what + " piece " + i);
                    assertTrue(m.closedAndOriented(), what + " piece " + i);
                    assertEquals(0, m.eulerCharacteristic() % 2, what + " piece " + i);
                    double voxelVolume = m.voxels() * vs.x() * vs.y() * vs.z();
                    if (m.voxels() > 1000) assertEquals(voxelVolume, m.volume(), 0.15 * voxelVolume, what + " piece " + i);
                    float[] b = m.bounds();
                    var tl = box.labels().box().topLeft();
                    assertTrue(b[0] >= (tl.x() + idx.min(slot, 0)) * vs.x() - vs.x() && b[3] <= (tl.x() + idx.max(slot, 0) + 1) * vs.x() + vs.x(), what);
                    assertTrue(b[2] >= (tl.z() + idx.min(slot, 2)) * vs.z() - vs.z() && b[5] <= (tl.z() + idx.max(slot, 2) + 1) * vs.z() + vs.z(), what);
                }
            }
            if (name.startsWith("neuroproof")) {
                int slot = box.labels().table().findSlot(135478);
                List<SurfaceMesh> ms = SegmentMesher.mesh(box.labels(), idx, slot, vs, Progress.NONE);
                assertEquals(24, ms.size(), "the 24-piece segment");
                long sum = 0;
                for (SurfaceMesh m : ms) {
                    assertTrue(m.closedAndOriented());
                    sum += m.voxels();
                }
                assertEquals(idx.voxels(slot), sum);
            }
        }
    }
}
