package org.proofbox.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;
import org.proofbox.task.Progress;

/**
 * CoverageScan against the definition, computed by brute force: a background voxel survives if
 * every voxel of the box within (rx, ry, rz) of it is background (outside the box counts as
 * background); each 6-connected piece of survivors is one gap (its size and first voxel in scan
 * order). Random blobs of background in labelled boxes, several radii, empty sections between.
 */
class CoverageScanTest {
    @Test
    void gapsAreTheSixConnectedPiecesOfTheErodedBackground() {
        Random rnd = new Random(13);
        int withGaps = 0;
        for (int trial = 0; trial < 30; trial++) {
            int sx = 8 + rnd.nextInt(20), sy = 8 + rnd.nextInt(20), sz = 4 + rnd.nextInt(16);
            int[] r = {1 + rnd.nextInt(3), 1 + rnd.nextInt(3), 1 + rnd.nextInt(2)};
            // labelled everywhere but a few background boxes and thin random membranes
            int boxes = 1 + rnd.nextInt(4);
            int[][] bg = new int[boxes][6];
            for (int[] b : bg) {
                b[0] = rnd.nextInt(sx); b[1] = rnd.nextInt(sy); b[2] = rnd.nextInt(sz);
                b[3] = b[0] + 3 + rnd.nextInt(12); b[4] = b[1] + 3 + rnd.nextInt(12); b[5] = b[2] + 2 + rnd.nextInt(8);
            }
            long seed = rnd.nextLong();
            LabelVolume v = Volumes.of(sx, sy, sz, (x, y, z) -> {
                for (int[] b : bg) if (x >= b[0] && x < b[3] && y >= b[1] && y < b[4] && z >= b[2] && z < b[5]) return 0;
                long h = (x * 73856093L) ^ (y * 19349663L) ^ (z * 83492791L) ^ seed;
                return (h & 15) == 0 ? 0 : 1 + (x / 5 + y / 7) % 3; // scattered membrane voxels
            });
            if (trial % 2 == 1) v = wide(v); // the 4-byte slots read the same
            List<CoverageScan.Gap> got = CoverageScan.run(v, r, Progress.NONE);
            List<CoverageScan.Gap> want = bruteForce(v, r);
            assertEquals(want, got, "trial " + trial + " size " + sx + "×" + sy + "×" + sz + " r " + java.util.Arrays.toString(r));
            if (!want.isEmpty()) withGaps++;
        }
        assertTrue(withGaps >= 8, "the random boxes must hold gaps: " + withGaps);
    }

    static LabelVolume wide(LabelVolume v) {
        LabelVolume w = new LabelVolume(v.box(), v.type(), v.table(), true);
        for (int z = 0; z < v.sizeZ(); z++) for (int y = 0; y < v.sizeY(); y++) for (int x = 0; x < v.sizeX(); x++) w.setSlot(x, y, z, v.slotAt(x, y, z));
        assertTrue(!w.isNarrow());
        return w;
    }

    private static List<CoverageScan.Gap> bruteForce(LabelVolume v, int[] r) {
        int sx = v.sizeX(), sy = v.sizeY(), sz = v.sizeZ();
        boolean[] keep = new boolean[sx * sy * sz];
        for (int z = 0; z < sz; z++) for (int y = 0; y < sy; y++) for (int x = 0; x < sx; x++) {
            boolean ok = true;
            for (int c = Math.max(0, z - r[2]); ok && c <= Math.min(sz - 1, z + r[2]); c++)
                for (int b = Math.max(0, y - r[1]); ok && b <= Math.min(sy - 1, y + r[1]); b++)
                    for (int a = Math.max(0, x - r[0]); ok && a <= Math.min(sx - 1, x + r[0]); a++) ok = v.slotAt(a, b, c) == 0;
            keep[x + sx * (y + sy * z)] = ok;
        }
        List<CoverageScan.Gap> out = new ArrayList<>();
        boolean[] seen = new boolean[keep.length];
        int[][] nb = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
        for (int i = 0; i < keep.length; i++) {
            if (!keep[i] || seen[i]) continue;
            long n = 0;
            ArrayDeque<Integer> q = new ArrayDeque<>();
            q.add(i);
            seen[i] = true;
            while (!q.isEmpty()) {
                int k = q.poll();
                n++;
                int x = k % sx, y = (k / sx) % sy, z = k / (sx * sy);
                for (int[] d : nb) {
                    int a = x + d[0], b = y + d[1], c = z + d[2];
                    if (a < 0 || b < 0 || c < 0 || a >= sx || b >= sy || c >= sz) continue;
                    int j = a + sx * (b + sy * c);
                    if (keep[j] && !seen[j]) { seen[j] = true; q.add(j); }
                }
            }
            out.add(new CoverageScan.Gap(n, new Vec3(i % sx, (i / sx) % sy, i / (sx * sy))));
        }
        return out;
    }
}
