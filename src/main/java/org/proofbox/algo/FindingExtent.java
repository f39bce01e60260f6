package org.proofbox.algo;

import org.proofbox.model.Box3;
import org.proofbox.model.Check;
import org.proofbox.model.Connectivity;
import org.proofbox.model.Finding;
import org.proofbox.model.LongChunks;
import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;

/**
 * Where a finding lies, to show it with its context: the piece, hole or gap it names, flooded
 * from its voxel (a 2D hole within its section), as a bounding box, and the voxel of it nearest
 * the middle of that box (a centroid may fall outside a curved piece). Findings that are not a
 * region (an id switch, a contact) give their voxel alone. Global mag-1 coordinates.
 */
public final class FindingExtent {
    /** The region's bounding box and a voxel of it near its middle. */
    public record Extent(Box3 box, Vec3 centre, long voxels) {}

    private FindingExtent() {}

    public static Extent of(LabelVolume vol, Finding f, Connectivity segmentConnectivity) {
        Vec3 tl = vol.box().topLeft();
        Vec3 at = f.at();
        int x = at.x() - tl.x(), y = at.y() - tl.y(), z = at.z() - tl.z();
        boolean region = f.check() == Check.DISCONNECTED || f.check() == Check.SMALL_FRAGMENT || f.check() == Check.HOLE || f.check() == Check.COVERAGE_GAP;
        if (!region || !vol.box().contains(at.x(), at.y(), at.z())) return new Extent(new Box3(at, new Vec3(1, 1, 1)), at, 1);
        int[] lo = {0, 0, 0}, hi = {vol.sizeX(), vol.sizeY(), vol.sizeZ()};
        if (f.axis() != null && f.section() != null) { // a hole in one section
            int a = f.axis() == 'x' ? 0 : f.axis() == 'y' ? 1 : 2;
            int s = f.section() - tl.get(a);
            lo[a] = s;
            hi[a] = s + 1;
        }
        // pieces of a segment are connected as the check counted them; holes and gaps are background, 6-connected
        Connectivity conn = f.check() == Check.HOLE || f.check() == Check.COVERAGE_GAP ? Connectivity.SIX : segmentConnectivity;
        LongChunks voxels = FloodFill.fill(vol, x, y, z, conn, lo, hi);
        int sx = vol.sizeX(), sy = vol.sizeY();
        int[] min = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, max = {-1, -1, -1};
        for (int i = 0; i < voxels.size(); i++) {
            long v = voxels.get(i);
            int[] p = {(int) (v % sx), (int) (v / sx % sy), (int) (v / ((long) sx * sy))};
            for (int a = 0; a < 3; a++) {
                min[a] = Math.min(min[a], p[a]);
                max[a] = Math.max(max[a], p[a]);
            }
        }
        double[] mid = {(min[0] + max[0]) / 2.0, (min[1] + max[1]) / 2.0, (min[2] + max[2]) / 2.0};
        long best = voxels.get(0);
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < voxels.size(); i++) {
            long v = voxels.get(i);
            double dx = v % sx - mid[0], dy = v / sx % sy - mid[1], dz = v / ((long) sx * sy) - mid[2];
            double d = dx * dx + dy * dy + dz * dz;
            if (d < bestD) {
                bestD = d;
                best = v;
            }
        }
        Vec3 centre = new Vec3((int) (best % sx), (int) (best / sx % sy), (int) (best / ((long) sx * sy))).plus(tl);
        Box3 box = new Box3(new Vec3(min[0], min[1], min[2]).plus(tl), new Vec3(max[0] - min[0] + 1, max[1] - min[1] + 1, max[2] - min[2] + 1));
        return new Extent(box, centre, voxels.size());
    }

    /**
     * {@code region} grown to at least {@code minSize} voxels along each axis around its middle,
     * kept inside {@code bounds}: enough context to see a one-voxel defect among its neighbours.
     */
    public static Box3 withContext(Box3 region, int minSize, Box3 bounds) {
        int[] start = new int[3], size = new int[3];
        for (int a = 0; a < 3; a++) {
            int n = Math.min(bounds.size().get(a), Math.max(minSize, region.size().get(a)));
            int s = region.topLeft().get(a) + region.size().get(a) / 2 - n / 2;
            s = Math.max(bounds.topLeft().get(a), Math.min(bounds.end().get(a) - n, s));
            start[a] = s;
            size[a] = n;
        }
        return new Box3(Vec3.of(start), Vec3.of(size));
    }
}
