package org.proofbox.algo;

import org.proofbox.model.Connectivity;
import org.proofbox.model.LongChunks;
import org.proofbox.store.LabelVolume;
import org.proofbox.task.Progress;

/**
 * Iterative flood fill over voxels holding one slot: from a seed, every voxel reachable through
 * neighbours (6, 18 or 26) with the same slot, limited to a box (the whole label box for a 3D
 * fill, one section for a 2D fill) — no arbitrary size cap. Returns the voxels as box-local linear
 * indices {@code x + sx * (y + sy * z)}. A visited bitmap per section of the limiting box, made
 * when the flood first reaches the section, keeps memory at one bit per voxel of the sections it
 * reached plus the queue. Lists and bitmaps come in small pieces ({@link LongChunks}): a flood of
 * 10⁸ voxels never allocates one big array, which would stop every thread, the window's too,
 * while the JVM zeroes it.
 */
public final class FloodFill {
    private FloodFill() {}

    /**
     * @param lo inclusive lower corner of the limiting box (box-local)
     * @param hi exclusive upper corner
     */
    public static LongChunks fill(LabelVolume vol, int x, int y, int z, Connectivity conn, int[] lo, int[] hi) {
        return fill(vol, x, y, z, conn, lo, hi, Progress.NONE);
    }

    /** As above, cancellable (checked every 65 536 voxels filled). */
    public static LongChunks fill(LabelVolume vol, int x, int y, int z, Connectivity conn, int[] lo, int[] hi, Progress progress) {
        int sx = vol.sizeX(), sy = vol.sizeY();
        int slot = vol.slotAt(x, y, z);
        int wx = hi[0] - lo[0], wy = hi[1] - lo[1], wz = hi[2] - lo[2];
        int words = (int) (((long) wx * wy + 63) >>> 6);
        long[][] seen = new long[wz][]; // a bitmap per section of the limiting box, made when the flood reaches it
        LongChunks out = new LongChunks(), queue = new LongChunks();
        queue.add(pack(x, y, z));
        mark(seen, words, z - lo[2], (x - lo[0]) + wx * (y - lo[1]));
        int[][] offsets = offsets(conn);
        for (int head = 0; head < queue.size(); head++) {
            if ((head & 0xFFFF) == 0xFFFF) {
                progress.checkCancelled();
                queue.release(head); // the processed head of the queue
            }
            long p = queue.get(head);
            int px = (int) (p & 0x1FFFFF), py = (int) ((p >>> 21) & 0x1FFFFF), pz = (int) (p >>> 42);
            out.add(px + (long) sx * (py + (long) sy * pz));
            for (int[] d : offsets) {
                int nx = px + d[0], ny = py + d[1], nz = pz + d[2];
                if (nx < lo[0] || ny < lo[1] || nz < lo[2] || nx >= hi[0] || ny >= hi[1] || nz >= hi[2]) continue;
                long[] s = seen[nz - lo[2]];
                int k = (nx - lo[0]) + wx * (ny - lo[1]);
                if (s != null && (s[k >>> 6] & (1L << k)) != 0) continue;
                if (vol.slotAt(nx, ny, nz) != slot) continue;
                mark(seen, words, nz - lo[2], k);
                queue.add(pack(nx, ny, nz));
            }
        }
        return out;
    }

    private static void mark(long[][] seen, int words, int section, int k) {
        long[] s = seen[section];
        if (s == null) seen[section] = s = new long[words];
        s[k >>> 6] |= 1L << k;
    }

    private static long pack(int x, int y, int z) {
        return x | ((long) y << 21) | ((long) z << 42);
    }

    static int[][] offsets(Connectivity conn) {
        java.util.List<int[]> l = new java.util.ArrayList<>();
        for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
            int d = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
            if (d == 0 || (conn == Connectivity.SIX && d > 1) || (conn == Connectivity.EIGHTEEN && d > 2)) continue;
            l.add(new int[] {dx, dy, dz});
        }
        return l.toArray(new int[0][]);
    }
}
