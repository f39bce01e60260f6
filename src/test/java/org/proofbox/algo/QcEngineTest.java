package org.proofbox.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.proofbox.cli.SyntheticCells;
import org.proofbox.model.Check;
import org.proofbox.model.Finding;
import org.proofbox.model.QcParameters;
import org.proofbox.model.Severity;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.IndexBuilder;
import org.proofbox.store.LabelVolume;
import org.proofbox.task.Progress;

/** Every check on volumes with known defects, and clean boxes of both membrane styles that must give nothing. */
class QcEngineTest {
    static final VoxelSize NM10 = new VoxelSize(10, 10, 10, "nanometer");

    static QcReport check(LabelVolume v) {
        return QcEngine.run(v, IndexBuilder.build(v, Progress.NONE), NM10, QcParameters.defaults(), Progress.NONE);
    }

    static List<Finding> of(QcReport r, Check c) {
        return r.findings().stream().filter(f -> f.check() == c).collect(Collectors.toList());
    }

    static LabelVolume cells(boolean membranes, long seed) {
        SyntheticCells cells = SyntheticCells.generate(new Vec3(96, 96, 96), 64, 0, seed, membranes, 0.15);
        return Volumes.of(96, 96, 96, (x, y, z) -> cells.planes[z][x + 96 * y] & 0xFFFF_FFFFL);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void cleanBoxesOfEitherMembraneStyleHaveNoFindings(boolean membranes) {
        for (long seed = 1; seed <= 3; seed++) {
            QcReport r = check(cells(membranes, seed));
            assertEquals(membranes, r.gapStyle());
            assertEquals(List.of(), r.findings(), "seed " + seed);
        }
    }

    @Test
    void aFlatFaceExactlyAcrossASectionIsReportedAsTheDefinitionSays() {
        // unwarped Voronoi cells touching directly: some faces lie exactly in a section plane, and A ending
        // where B starts over the same footprint is what an id switch is; every such report is checked by brute force
        SyntheticCells cells = SyntheticCells.generate(new Vec3(96, 96, 96), 64, 0, 1, false, 0);
        LabelVolume v = Volumes.of(96, 96, 96, (x, y, z) -> cells.planes[z][x + 96 * y] & 0xFFFF_FFFFL);
        List<Finding> sw = check(v).findings();
        assertTrue(!sw.isEmpty());
        for (Finding f : sw) {
            assertEquals(Check.ID_SWITCH, f.check(), f.toString());
            int axis = f.axis() - 'x', s = f.section();
            long[] last = new long[1], first = new long[1], both = new long[1];
            int[] n = {96, 96, 96};
            int[] p = new int[3];
            boolean aEnds = true, bStarts = true;
            for (p[2] = 0; p[2] < 96; p[2]++) for (p[1] = 0; p[1] < 96; p[1]++) for (p[0] = 0; p[0] < 96; p[0]++) {
                long id = v.idAt(p[0], p[1], p[2]);
                if (id == f.segment() && p[axis] > s) aEnds = false;
                if (id == f.otherSegment() && p[axis] <= s) bStarts = false;
                if (p[axis] == s && id == f.segment()) {
                    last[0]++;
                    int[] q = p.clone();
                    q[axis]++;
                    if (v.idAt(q[0], q[1], q[2]) == f.otherSegment()) both[0]++;
                }
                if (p[axis] == s + 1 && id == f.otherSegment()) first[0]++;
            }
            assertTrue(aEnds && bStarts, f.toString());
            assertEquals(both[0], f.voxels());
            assertTrue(both[0] / (double) (last[0] + first[0] - both[0]) > 0.5, f.toString());
        }
    }

    @Test
    void plantedDefectsInAGapStyleBoxAreFoundExactly() {
        LabelVolume v = cells(true, 7);
        int sx = v.sizeX();
        // pick three big interior cells by their index bounding boxes
        var idx = IndexBuilder.build(v, Progress.NONE);
        List<Integer> big = new java.util.ArrayList<>();
        for (int s = 1; s < idx.slotCount(); s++) {
            if (idx.voxels(s) > 2500 && idx.min(s, 0) > 2 && idx.min(s, 1) > 2 && idx.min(s, 2) > 2
                && idx.max(s, 0) < sx - 3 && idx.max(s, 1) < v.sizeY() - 3 && idx.max(s, 2) < v.sizeZ() - 3) big.add(s);
        }
        assertTrue(big.size() >= 3, "need three interior cells, have " + big.size());
        int cut = big.get(0), host = big.get(1), donor = big.get(2);
        // 1. cut `cut` in two by clearing its middle z-section
        int zc = (idx.min(cut, 2) + idx.max(cut, 2)) / 2;
        long cleared = 0;
        for (int y = 0; y < v.sizeY(); y++) for (int x = 0; x < sx; x++) if (v.slotAt(x, y, zc) == cut) { v.setSlot(x, y, zc, 0); cleared++; }
        long below = 0;
        for (int z = 0; z < zc; z++) for (int y = 0; y < v.sizeY(); y++) for (int x = 0; x < sx; x++) if (v.slotAt(x, y, z) == cut) below++;
        long above = idx.voxels(cut) - cleared - below;
        // 2. a voxel of `donor` inside `host`, and 3. a 3x3x3 cavity in `host`
        Vec3 centre = centreOf(v, host);
        v.setSlot(centre.x(), centre.y(), centre.z(), donor);
        Vec3 cav = null;
        for (int dz = -6; dz <= 6 && cav == null; dz++) for (int dy = -6; dy <= 6 && cav == null; dy++) for (int dx = -6; dx <= 6 && cav == null; dx++) {
            Vec3 p = new Vec3(centre.x() + dx, centre.y() + dy, centre.z() + dz);
            if (Math.abs(dx) + Math.abs(dy) + Math.abs(dz) >= 6 && cubeOf(v, new Vec3(p.x() - 1, p.y() - 1, p.z() - 1), 5, host)) cav = p;
        }
        assertTrue(cav != null, "room for a cavity");
        for (int k = 0; k < 3; k++) for (int j = 0; j < 3; j++) for (int i = 0; i < 3; i++) v.setSlot(cav.x() + i, cav.y() + j, cav.z() + k, 0);

        QcReport r = check(v);
        long cutId = v.table().idOf(cut), hostId = v.table().idOf(host), donorId = v.table().idOf(donor);
        List<Finding> disc = of(r, Check.DISCONNECTED);
        assertEquals(2, disc.size(), disc.toString());
        Finding split = disc.stream().filter(f -> f.segment() == cutId).findFirst().orElseThrow();
        assertEquals(Math.min(below, above), split.voxels());
        Finding stray = disc.stream().filter(f -> f.segment() == donorId).findFirst().orElseThrow();
        assertEquals(1, stray.voxels());
        assertEquals(centre, stray.at());
        List<Finding> frags = of(r, Check.SMALL_FRAGMENT);
        assertEquals(1, frags.size(), frags.toString());
        assertEquals(donorId, frags.get(0).segment());
        List<Finding> holes = of(r, Check.HOLE);
        assertEquals(1, holes.size(), holes.toString());
        assertEquals(hostId, holes.get(0).segment());
        assertEquals(27, holes.get(0).voxels());
        assertEquals(cav, holes.get(0).at());
        assertEquals(null, holes.get(0).section());
        assertEquals(r.findings().size(), disc.size() + frags.size() + holes.size(), r.findings().toString());
    }

    private static Vec3 centreOf(LabelVolume v, int slot) {
        var idx = IndexBuilder.build(v, Progress.NONE);
        Vec3 best = null;
        int bestDepth = -1;
        for (int z = idx.min(slot, 2); z <= idx.max(slot, 2); z++) for (int y = idx.min(slot, 1); y <= idx.max(slot, 1); y++)
            for (int x = idx.min(slot, 0); x <= idx.max(slot, 0); x++) {
                int d = 0;
                while (cubeOf(v, new Vec3(x - d - 1, y - d - 1, z - d - 1), 2 * d + 3, slot)) d++;
                if (d > bestDepth) { bestDepth = d; best = new Vec3(x, y, z); }
            }
        return best;
    }

    private static boolean cubeOf(LabelVolume v, Vec3 p, int n, int slot) {
        for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) {
            int x = p.x() + i, y = p.y() + j, z = p.z() + k;
            if (x < 0 || y < 0 || z < 0 || x >= v.sizeX() || y >= v.sizeY() || z >= v.sizeZ() || v.slotAt(x, y, z) != slot) return false;
        }
        return true;
    }

    @Test
    void aTunnelIsATwoDimensionalHoleInEverySectionClosedAboveAndBelow() {
        long id = 0xFFFF_FFF0L; // above 2^31
        LabelVolume v = Volumes.of(20, 20, 10, (x, y, z) -> x >= 2 && x < 18 && y >= 2 && y < 18 && !(x == 10 && y == 10) ? id : 0);
        List<Finding> holes = of(check(v), Check.HOLE);
        assertEquals(10, holes.size(), holes.toString());
        for (Finding f : holes) {
            assertEquals(id, f.segment());
            assertEquals(new Vec3(10, 10, f.section()), f.at());
            assertEquals(f.section() == 0 || f.section() == 9 ? Severity.WARNING : Severity.ERROR, f.severity(), f.toString());
        }
    }

    @Test
    void aMembraneCutTangentiallyIsNotAHole() {
        // cell 6 below with a bump up into cell 5; unlabelled membranes by the +x/+y/+z rule
        Volumes.IdAt cell = (x, y, z) -> z < 5 || (z < 7 && Math.abs(x - 10) <= 2 && Math.abs(y - 10) <= 2) ? 6 : 5;
        LabelVolume v = Volumes.of(20, 20, 12, (x, y, z) -> {
            long c = cell.id(x, y, z);
            boolean m = (x + 1 < 20 && cell.id(x + 1, y, z) != c) || (y + 1 < 20 && cell.id(x, y + 1, z) != c) || (z + 1 < 12 && cell.id(x, y, z + 1) != c);
            return m ? 0 : c;
        });
        ComponentScan.Result raw = ComponentScan.run(v, org.proofbox.model.Connectivity.TWENTY_SIX, Progress.NONE);
        assertTrue(raw.holes().stream().anyMatch(h -> !h.is3D() && h.section() == 6), "the cap is a pocket in section 6: " + raw.holes());
        assertEquals(List.of(), of(check(v), Check.HOLE));
    }

    @Test
    void idSwitchAndAreaStep() {
        // column A (x<12) switches to id B from z=10 on; column 60 loses 7 of its 10 rows to 61 from z=10 on;
        // the columns are apart (x = 12, 13 unlabelled) so that no face between them looks like a switch
        long a = 1L << 63, b = (1L << 63) + 1; // ids beyond 2^63
        LabelVolume v = Volumes.of(24, 10, 20, (x, y, z) -> x < 12 ? (z < 10 ? a : b) : x < 14 ? 0 : (z >= 10 && y >= 3 ? 61 : 60));
        QcReport r = check(v);
        List<Finding> sw = of(r, Check.ID_SWITCH);
        Finding s1 = sw.stream().filter(f -> f.otherSegment() != null).findFirst().orElseThrow();
        assertEquals(a, s1.segment());
        assertEquals(b, s1.otherSegment());
        assertEquals('z', s1.axis());
        assertEquals(9, s1.section());
        assertEquals(120, s1.voxels());
        Finding step = sw.stream().filter(f -> f.otherSegment() == null).findFirst().orElseThrow();
        assertEquals(60L, step.segment());
        assertEquals(10, step.section());
        assertEquals(2, sw.size(), sw.toString());
    }

    @Test
    void coverageGapAndUnlabelledVoxelsInATouchingBox() {
        // ids 1 | 2 touch at x = 15; a 12^3 block straddling the interface is unlabelled
        LabelVolume v = Volumes.of(30, 30, 30, (x, y, z) -> x >= 9 && x < 21 && y >= 9 && y < 21 && z >= 9 && z < 21 ? 0 : x < 15 ? 1 : 2);
        QcReport r = check(v);
        assertEquals(false, r.gapStyle());
        List<Finding> cov = of(r, Check.COVERAGE_GAP);
        assertEquals(1, cov.size());
        assertEquals(64, cov.get(0).voxels(), "12^3 eroded by 4 voxels (40 nm at 10 nm) on every side");
        assertEquals(new Vec3(13, 13, 13), cov.get(0).at());
        List<Finding> mem = of(r, Check.MEMBRANE_STYLE);
        assertEquals(1, mem.size());
        assertEquals(1728, mem.get(0).voxels());
        assertEquals(null, mem.get(0).segment());
        QcParameters extracellular = new QcParameters(QcParameters.defaults().connectivity(), 100, 0.5, 3, 100, 20, 40, true);
        assertEquals(List.of(), of(QcEngine.run(v, IndexBuilder.build(v, Progress.NONE), NM10, extracellular, Progress.NONE), Check.COVERAGE_GAP));
    }

    @Test
    void directContactInAGapStyleBox() {
        // two slabs separated by an unlabelled membrane plane at x = 10, except a 5x5 window where they touch
        LabelVolume v = Volumes.of(21, 20, 20, (x, y, z) -> {
            if (x == 10) return y >= 5 && y < 10 && z >= 5 && z < 10 ? (long) 7 : 0;
            return x < 10 ? 7 : 8;
        });
        QcReport r = check(v);
        assertTrue(r.gapStyle());
        List<Finding> mem = of(r, Check.MEMBRANE_STYLE);
        assertEquals(1, mem.size(), mem.toString());
        assertEquals(7L, mem.get(0).segment());
        assertEquals(8L, mem.get(0).otherSegment());
        assertEquals(25, mem.get(0).voxels());
    }

    /**
     * Loader threads number slots in the order they meet ids, so one box gets other slots from run
     * to run: the report (findings with their segment pairs, segments, convexities) must not
     * change. The real neuroproof labels copied with their ids registered in reverse order, checked
     * dense and as instances.
     */
    @Test
    void theReportDoesNotDependOnTheOrderSlotsWereGiven() throws Exception {
        LabelVolume a = org.proofbox.store.LoadedBox.open(org.proofbox.Shared.data("neuroproof_medulla_ts2"), 2, Progress.NONE).labels();
        LabelVolume b = new LabelVolume(a.box(), a.type(), new org.proofbox.store.SegmentTable());
        long[] ids = a.table().idsBySlot();
        for (int s = ids.length - 1; s >= 1; s--) b.table().slotOf(ids[s]);
        for (int z = 0; z < a.sizeZ(); z++) for (int y = 0; y < a.sizeY(); y++) for (int x = 0; x < a.sizeX(); x++) {
            b.setSlot(x, y, z, b.table().slotOf(a.idAt(x, y, z)));
        }
        assertTrue(a.table().findSlot(ids[1]) != b.table().findSlot(ids[1]), "other slots for the same ids");
        for (QcParameters p : List.of(QcParameters.defaults(), QcParameters.defaults().withInstance(true))) {
            QcReport ra = QcEngine.run(a, IndexBuilder.build(a, Progress.NONE), NM10, p, 2, Progress.NONE);
            QcReport rb = QcEngine.run(b, IndexBuilder.build(b, Progress.NONE), NM10, p, 2, Progress.NONE);
            assertTrue(ra.findings().size() > 10, ra.findings().size() + " findings");
            assertEquals(ra.findings(), rb.findings(), "instance " + p.instance());
            assertEquals(ra.segments().stream().map(QcReport.SegmentSummary::toString).sorted().toList(),
                rb.segments().stream().map(QcReport.SegmentSummary::toString).sorted().toList());
        }
    }
}
