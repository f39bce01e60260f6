package org.proofbox.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.proofbox.model.Box3;
import org.proofbox.model.Connectivity;
import org.proofbox.model.ElementType;
import org.proofbox.model.LongChunks;
import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentTable;

/**
 * The flood reaches exactly the voxels a brute-force fixpoint reaches (grow a mask by sweeping the
 * whole box until nothing changes), for every connectivity, 2D and 3D limits, and floods of more
 * than one chunk of the lists it keeps.
 */
class FloodFillTest {
    @Test
    void reachesWhatAFixpointReaches() {
        Random r = new Random(5);
        for (int trial = 0; trial < 30; trial++) {
            int sx = 8 + r.nextInt(40), sy = 8 + r.nextInt(30), sz = 2 + r.nextInt(12);
            LabelVolume v = new LabelVolume(new Box3(Vec3.ZERO, new Vec3(sx, sy, sz)), ElementType.UINT32, new SegmentTable());
            int slots = 2 + r.nextInt(2); // few slots: big connected regions with holes and walls
            for (int z = 0; z < sz; z++) for (int y = 0; y < sy; y++) for (int x = 0; x < sx; x++) v.setSlot(x, y, z, r.nextInt(10) < 7 ? 0 : r.nextInt(slots));
            check(v, r, Connectivity.values()[trial % 3], trial % 2 == 0 ? -1 : trial / 2 % 3);
        }
    }

    @Test
    void floodsOfManyChunks() {
        int sx = 100, sy = 90, sz = Math.max(40, 2 * LongChunks.CHUNK / (sx * sy) + 2); // over two chunks of voxels, a wall with one gap: the flood goes around it
        LabelVolume v = new LabelVolume(new Box3(Vec3.ZERO, new Vec3(sx, sy, sz)), ElementType.UINT32, new SegmentTable());
        for (int z = 0; z < sz; z++) for (int y = 0; y < sy; y++) if (y != 45 || z != 20) v.setSlot(50, y, z, 1);
        check(v, new Random(1), Connectivity.SIX, -1);
        check(v, new Random(2), Connectivity.TWENTY_SIX, 2);
    }

    @Test
    void aSegmentsPiecesAreWhatAFixpointReachesFromEachOfThem() {
        Random r = new Random(9);
        for (int trial = 0; trial < 20; trial++) {
            int sx = 6 + r.nextInt(30), sy = 6 + r.nextInt(20), sz = 2 + r.nextInt(10);
            LabelVolume v = new LabelVolume(new Box3(Vec3.ZERO, new Vec3(sx, sy, sz)), ElementType.UINT32, new SegmentTable());
            int seg = v.table().slotOf(4_000_000_007L); // an id above 2^31
            for (int z = 0; z < sz; z++) for (int y = 0; y < sy; y++) for (int x = 0; x < sx; x++) v.setSlot(x, y, z, r.nextInt(3) == 0 ? seg : 0);
            Connectivity conn = Connectivity.values()[trial % 3];
            var pieces = SegmentComponents.of(v, org.proofbox.store.IndexBuilder.build(v, org.proofbox.task.Progress.NONE), seg, conn);
            int[] all = {0, 0, 0}, end = {sx, sy, sz};
            long total = 0;
            for (int k = 0; k < pieces.size(); k++) {
                long[] got = pieces.get(k).toArray();
                long first = got[0]; // each piece starts at its seed
                Arrays.sort(got);
                int x = (int) (first % sx), y = (int) (first / sx % sy), z = (int) (first / ((long) sx * sy));
                assertArrayEquals(fixpoint(v, x, y, z, conn, all, end), got, conn + " piece " + k);
                if (k > 0) org.junit.jupiter.api.Assertions.assertTrue(got.length <= pieces.get(k - 1).size(), "largest first");
                total += got.length;
            }
            long ones = 0;
            for (int z = 0; z < sz; z++) for (int y = 0; y < sy; y++) for (int x = 0; x < sx; x++) if (v.slotAt(x, y, z) == seg) ones++;
            org.junit.jupiter.api.Assertions.assertEquals(ones, total, "every voxel of the segment in exactly one piece");
        }
    }

    private static void check(LabelVolume v, Random r, Connectivity conn, int axis) {
        int sx = v.sizeX(), sy = v.sizeY(), sz = v.sizeZ();
        int x = r.nextInt(sx), y = r.nextInt(sy), z = r.nextInt(sz);
        int[] lo = {0, 0, 0}, hi = {sx, sy, sz}, c = {x, y, z};
        if (axis >= 0) {
            lo[axis] = c[axis];
            hi[axis] = c[axis] + 1;
        }
        long[] got = FloodFill.fill(v, x, y, z, conn, lo, hi).toArray();
        Arrays.sort(got);
        assertArrayEquals(fixpoint(v, x, y, z, conn, lo, hi), got, conn + " axis " + axis + " from " + x + "," + y + "," + z);
    }

    /** Grows a mask from the seed by sweeping the limiting box until a sweep adds nothing. */
    private static long[] fixpoint(LabelVolume v, int x0, int y0, int z0, Connectivity conn, int[] lo, int[] hi) {
        int sx = v.sizeX(), sy = v.sizeY(), sz = v.sizeZ(), slot = v.slotAt(x0, y0, z0);
        boolean[] in = new boolean[sx * sy * sz];
        in[x0 + sx * (y0 + sy * z0)] = true;
        int n = sx * sy * sz;
        for (int pass = 0, quiet = 0; quiet < 2; pass++) { // forwards and backwards, until neither adds a voxel
            boolean grew = false;
            for (int j = 0; j < n; j++) {
                int i = pass % 2 == 0 ? j : n - 1 - j, x = i % sx, y = i / sx % sy, z = i / (sx * sy);
                if (x < lo[0] || y < lo[1] || z < lo[2] || x >= hi[0] || y >= hi[1] || z >= hi[2]) continue;
                if (in[i] || v.slotAt(x, y, z) != slot) continue;
                for (int dz = -1; dz <= 1 && !in[i]; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                    int d = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                    if (d == 0 || d > (conn == Connectivity.SIX ? 1 : conn == Connectivity.EIGHTEEN ? 2 : 3)) continue;
                    int nx = x + dx, ny = y + dy, nz = z + dz;
                    if (nx < lo[0] || ny < lo[1] || nz < lo[2] || nx >= hi[0] || ny >= hi[1] || nz >= hi[2]) continue;
                    if (in[nx + sx * (ny + sy * nz)]) {
                        in[i] = true;
                        grew = true;
                    }
                }
            }
            quiet = grew ? 0 : quiet + 1;
        }
        return java.util.stream.IntStream.range(0, in.length).filter(i -> in[i]).asLongStream().toArray();
    }
}
