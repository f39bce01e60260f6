package org.proofbox.algo.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.IndexBuilder;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentIndex;
import org.proofbox.store.SegmentTable;
import org.proofbox.task.Progress;

/** Surfaces of exactly known shapes: closed, oriented, the right topology, volume and place. */
class SegmentMesherTest {
    static final long ID = 0xFFFF_FF00L; // above 2^31

    interface Shape {
        boolean in(int x, int y, int z);
    }

    record Box(LabelVolume vol, SegmentIndex idx, int slot, long voxels) {}

    static Box box(int sx, int sy, int sz, Vec3 topLeft, Shape s) {
        LabelVolume v = new LabelVolume(new Box3(topLeft, new Vec3(sx, sy, sz)), ElementType.UINT32, new SegmentTable());
        int slot = v.table().slotOf(ID), other = v.table().slotOf(7);
        long n = 0;
        for (int z = 0; z < sz; z++) for (int y = 0; y < sy; y++) for (int x = 0; x < sx; x++) {
            boolean in = s.in(x, y, z);
            v.setSlot(x, y, z, in ? slot : other); // the rest is another segment: only this id is meshed
            if (in) n++;
        }
        return new Box(v, IndexBuilder.build(v, Progress.NONE), slot, n);
    }

    static List<SurfaceMesh> mesh(Box b, VoxelSize vs) {
        return SegmentMesher.mesh(b.vol(), b.idx(), b.slot(), vs, Progress.NONE);
    }

    static void assertWithinBox(SurfaceMesh m, Box b, VoxelSize vs) {
        var i = b.idx();
        Vec3 tl = b.vol().box().topLeft();
        float[] bb = m.bounds();
        double[] size = {vs.x(), vs.y(), vs.z()};
        int[] tlv = {tl.x(), tl.y(), tl.z()};
        for (int k = 0; k < 3; k++) {
            double lo = (tlv[k] + i.min(b.slot(), k)) * size[k], hi = (tlv[k] + i.max(b.slot(), k) + 1) * size[k];
            assertTrue(bb[k] >= lo - size[k] * m.factor() && bb[3 + k] <= hi + size[k] * m.factor(), "axis " + k + ": " + bb[k] + ".." + bb[3 + k] + " vs " + lo + ".." + hi);
        }
    }

    @Test
    void ballsOfSeveralSizesAndAnisotropiesAreClosedSpheresOfTheirVolume() {
        for (VoxelSize vs : List.of(new VoxelSize(10, 10, 10, "nanometer"), new VoxelSize(11.24, 11.24, 28, "nanometer"), new VoxelSize(4, 4, 40, "nanometer"))) {
            for (double rNm : new double[] {120, 250, 600}) {
                double rx = rNm / vs.x(), ry = rNm / vs.y(), rz = rNm / vs.z();
                int sx = (int) (2 * rx) + 6, sy = (int) (2 * ry) + 6, sz = (int) (2 * rz) + 6;
                double cx = sx / 2.0 + 0.3, cy = sy / 2.0 - 0.2, cz = sz / 2.0 + 0.1;
                Box b = box(sx, sy, sz, new Vec3(1000, -50, 7), (x, y, z) -> sq((x + 0.5 - cx) / rx) + sq((y + 0.5 - cy) / ry) + sq((z + 0.5 - cz) / rz) <= 1);
                List<SurfaceMesh> ms = mesh(b, vs);
                String what = "r " + rNm + " nm at " + vs.x() + "×" + vs.y() + "×" + vs.z();
                assertEquals(1, ms.size(), what);
                SurfaceMesh m = ms.get(0);
                assertTrue(m.closedAndOriented(), what);
                assertEquals(2, m.eulerCharacteristic(), what);
                assertEquals(ID, m.id());
                assertEquals(b.voxels(), m.voxels());
                double expected = b.voxels() * vs.x() * vs.y() * vs.z();
                double err = Math.abs(m.volume() - expected) / expected;
                assertTrue(err < (Math.min(rx, Math.min(ry, rz)) < 4 ? 0.12 : 0.05), what + ": volume " + m.volume() + " vs voxels " + expected + " (" + err + ")");
                assertWithinBox(m, b, vs);
            }
        }
    }

    static double sq(double v) {
        return v * v;
    }

    @Test
    void aSolidTorusHasEulerCharacteristicZeroAndAHollowBallTwoShells() {
        VoxelSize vs = new VoxelSize(10, 10, 10, "nanometer");
        Box torus = box(60, 60, 24, Vec3.ZERO, (x, y, z) -> {
            double d = Math.hypot(x + 0.5 - 30, y + 0.5 - 30) - 18;
            return d * d + sq(z + 0.5 - 12) <= 36;
        });
        SurfaceMesh t = mesh(torus, vs).get(0);
        assertTrue(t.closedAndOriented());
        assertEquals(0, t.eulerCharacteristic());
        Box hollow = box(40, 40, 40, Vec3.ZERO, (x, y, z) -> {
            double r = Math.sqrt(sq(x + 0.5 - 20) + sq(y + 0.5 - 20) + sq(z + 0.5 - 20));
            return r <= 16 && r > 8;
        });
        List<SurfaceMesh> h = mesh(hollow, vs);
        assertEquals(1, h.size(), "a ball with a cavity is one piece");
        assertTrue(h.get(0).closedAndOriented());
        assertEquals(4, h.get(0).eulerCharacteristic(), "two spheres: outside and the cavity");
        double expected = hollow.voxels() * 1000.0;
        assertTrue(Math.abs(h.get(0).volume() - expected) / expected < 0.06, "the cavity's surface faces inwards: " + h.get(0).volume() + " vs " + expected);
    }

    @Test
    void piecesComeOutLargestFirstWithTheirExactVolumes() {
        VoxelSize vs = new VoxelSize(8, 8, 30, "nanometer");
        Box two = box(50, 30, 12, Vec3.ZERO, (x, y, z) -> z >= 2 && z < 10 && y >= 5 && y < 25 && ((x >= 3 && x < 20) || (x >= 30 && x < 36)));
        List<SurfaceMesh> ms = mesh(two, vs);
        assertEquals(2, ms.size());
        assertEquals(17L * 20 * 8, ms.get(0).voxels());
        assertEquals(6L * 20 * 8, ms.get(1).voxels());
        assertEquals(0, ms.get(0).piece());
        assertEquals(2, ms.get(1).pieces());
        for (SurfaceMesh m : ms) {
            assertTrue(m.closedAndOriented());
            assertEquals(2, m.eulerCharacteristic());
            // a box of a×b×c voxels: faces lie on the voxels' faces, each edge is cut by a 45° chamfer (1/8 voxel per voxel
            // of its length but the two end ones) and each corner by a tetrahedron (5/48 voxel lost)
            int a = m.piece() == 0 ? 17 : 6, bb = 20, c = 8;
            double lost = 4.0 * ((a - 1) + (bb - 1) + (c - 1)) / 8 + 8 * 5.0 / 48;
            assertEquals((a * bb * c - lost) * vs.x() * vs.y() * vs.z(), m.volume(), 1e-6 * m.volume());
        }
    }

    @Test
    void randomLabelsAlwaysGiveClosedOrientedSurfaces() {
        Random r = new Random(20261202);
        VoxelSize vs = new VoxelSize(5, 7, 11, "nanometer");
        for (int round = 0; round < 40; round++) {
            double density = 0.2 + 0.6 * r.nextDouble();
            long seed = r.nextLong();
            Random cells = new Random(seed);
            boolean[] in = new boolean[12 * 11 * 10];
            for (int i = 0; i < in.length; i++) in[i] = cells.nextDouble() < density;
            Box b = box(12, 11, 10, Vec3.ZERO, (x, y, z) -> in[x + 12 * (y + 11 * z)]);
            long total = 0;
            List<SurfaceMesh> ms = mesh(b, vs);
            var pieces = org.proofbox.algo.SegmentComponents.of(b.vol(), b.idx(), b.slot(), org.proofbox.model.Connectivity.TWENTY_SIX); // breadth-first, independent
            assertEquals(pieces.size(), ms.size(), "seed " + seed);
            for (int i = 0; i < ms.size(); i++) assertEquals(pieces.get(i).size(), ms.get(i).voxels(), "seed " + seed + " piece " + i);
            for (SurfaceMesh m : ms) {
                assertTrue(m.closedAndOriented(), "seed " + seed);
                assertTrue(m.volume() > 0, "seed " + seed);
                assertEquals(0, m.eulerCharacteristic() % 2, "seed " + seed);
                total += m.voxels();
            }
            assertEquals(b.voxels(), total, "every voxel in one piece");
        }
    }

    @Test
    void aLargeSegmentIsMeshedCoarserAndStaysClosed() {
        VoxelSize vs = new VoxelSize(10, 10, 10, "nanometer");
        Box b = box(40, 40, 40, Vec3.ZERO, (x, y, z) -> sq(x + 0.5 - 20) + sq(y + 0.5 - 20) + sq(z + 0.5 - 20) <= 18 * 18);
        List<SurfaceMesh> ms = SegmentMesher.mesh(b.vol(), b.idx(), b.slot(), vs, 2, Progress.NONE);
        assertEquals(1, ms.size());
        assertEquals(2, ms.get(0).factor());
        assertTrue(ms.get(0).closedAndOriented());
        assertEquals(2, ms.get(0).eulerCharacteristic());
        assertEquals(b.voxels(), ms.get(0).voxels(), "voxels are still counted at full resolution");
        assertWithinBox(ms.get(0), b, vs);
        assertEquals(1, SegmentMesher.factorFor(250, 250, 250));
        assertEquals(2, SegmentMesher.factorFor(400, 400, 200));
        assertEquals(4, SegmentMesher.factorFor(1024, 1024, 1024));
    }

    /** A segment whose surface passes the triangle budget is meshed in blocks twice as large until it does not. */
    @org.junit.jupiter.api.Test
    void aSurfaceOverTheTriangleBudgetIsMeshedCoarser() {
        // a 3D lattice of thin walls (every 4th plane along each axis): a large surface in a small box
        Box b = box(48, 48, 48, Vec3.ZERO, (x, y, z) -> x % 4 == 0 || y % 4 == 0 || z % 4 == 0);
        VoxelSize vs = new VoxelSize(1, 1, 1, "nanometer");
        long full = 0;
        for (SurfaceMesh m : mesh(b, vs)) full += m.triangleCount();
        assertEquals(1, mesh(b, vs).get(0).factor());
        long budget = full / 3;
        List<SurfaceMesh> coarse = SegmentMesher.meshWithin(b.vol(), b.idx(), b.slot(), vs, budget, Progress.NONE);
        long tri = 0;
        for (SurfaceMesh m : coarse) tri += m.triangleCount();
        assertTrue(tri <= budget, tri + " triangles over a budget of " + budget + " (full: " + full + ")");
        assertTrue(coarse.get(0).factor() >= 2, "meshed in " + coarse.get(0).factor() + "³ blocks");
    }
}
