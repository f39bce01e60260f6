package org.proofbox.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.proofbox.model.LongChunks;

/** The run-compressed diff reads back exactly what was added, in any order of access, and so does its inverse. */
class VoxelDiffTest {
    @Test
    void runsReadBackWhatWasAddedForwardsBackwardsAndAtRandom() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rnd.nextInt(3000);
            long[] vox = new long[n];
            int[] from = new int[n], to = new int[n];
            VoxelDiff d = new VoxelDiff();
            int f = 1, t = 2;
            for (int i = 0; i < n; i++) {
                if (rnd.nextInt(trial % 5 == 0 ? 2 : 200) == 0) { f = rnd.nextInt(5); t = f + 1 + rnd.nextInt(3); } // short and long runs
                vox[i] = rnd.nextLong() & 0xFFFF_FFFFFL;
                from[i] = f;
                to[i] = t;
                d.add(vox[i], f, t);
            }
            d.add(7, 3, 3); // no change: not added
            assertEquals(n, d.size());
            VoxelDiff inv = d.inverse();
            for (int pass = 0; pass < 3; pass++) {
                for (int k = 0; k < n; k++) {
                    int i = pass == 0 ? k : pass == 1 ? n - 1 - k : rnd.nextInt(n);
                    assertEquals(vox[i], d.voxel(i));
                    assertEquals(from[i], d.before(i), "trial " + trial + " voxel " + i);
                    assertEquals(to[i], d.after(i));
                    int j = n - 1 - i;
                    assertEquals(vox[i], inv.voxel(j));
                    assertEquals(to[i], inv.before(j));
                    assertEquals(from[i], inv.after(j));
                }
            }
        }
    }

    @Test
    void aFillsVoxelListBecomesTheDiffWithoutACopy() {
        LongChunks l = new LongChunks();
        int n = 3 * LongChunks.CHUNK + 5; // four chunks
        for (long v = 0; v < 3L * n; v += 3) l.add(v);
        VoxelDiff d = VoxelDiff.of(l, 4, 9);
        assertEquals(n, d.size());
        for (int i = 0; i < d.size(); i++) {
            assertEquals(3L * i, d.voxel(i));
            assertEquals(4, d.before(i));
            assertEquals(9, d.after(i));
        }
        VoxelDiff inv = d.inverse();
        assertEquals(3L * (n - 1), inv.voxel(0));
        assertEquals(9, inv.before(0));
        assertEquals(4, inv.after(0));
        assertTrue(d.bytes() <= l.bytes() + 200 && l.bytes() < 8L * (n + 1) + 200 + 8L * LongChunks.CHUNK, "8 bytes a voxel and a run: " + d.bytes());
        LongChunks two = new LongChunks();
        two.add(1);
        two.add(2);
        assertTrue(VoxelDiff.of(two, 5, 5).isEmpty(), "from = to: no change");
        // the bounding box the large-edit question names: voxels of a 40 × 30 × 20 box, checked by hand
        VoxelDiff b = new VoxelDiff();
        int[][] at = {{3, 7, 2}, {39, 0, 5}, {10, 29, 19}, {0, 15, 0}};
        for (int[] v : at) b.add(v[0] + 40L * (v[1] + 30L * v[2]), 1, 2);
        assertTrue(java.util.Arrays.equals(new int[] {0, 0, 0, 39, 29, 19}, b.bounds(40, 30)), java.util.Arrays.toString(b.bounds(40, 30)));
        assertTrue(new VoxelDiff().bounds(40, 30) == null);
    }
}
