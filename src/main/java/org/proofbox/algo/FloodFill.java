package org.proofbox.algo;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import org.proofbox.model.Connectivity;
import org.proofbox.store.LabelVolume;
import org.proofbox.task.Progress;

/**
 * Iterative flood fill over voxels holding one slot: from a seed, every voxel reachable through
 * neighbours (6, 18 or 26) with the same slot, limited to a box (the whole label box for a 3D
 * fill, one section for a 2D fill) — no arbitrary size cap. Returns the voxels as box-local linear
 * indices {@code x + sx * (y + sy * z)}. A visited bitmap over the limiting box keeps memory at
 * one bit per voxel of that box plus the queue.
 */
public final class FloodFill {
    private FloodFill() {}

    /**
     * @param lo inclusive lower corner of the limiting box (box-local)
     * @param hi exclusive upper corner
     */
    public static LongArrayList fill(LabelVolume vol, int x, int y, int z, Connectivity conn, int[] lo, int[] hi) {
        return fill(vol, x, y, z, conn, lo, hi, Progress.NONE);
    }

    /** As above, cancellable (checked every 65 536 voxels filled). */
    public static LongArrayList fill(LabelVolume vol, int x, int y, int z, Connectivity conn, int[] lo, int[] hi, Progress progress) {
        int sx = vol.sizeX(), sy = vol.sizeY();
        int slot = vol.slotAt(x, y, z);
        int wx = hi[0] - lo[0], wy = hi[1] - lo[1], wz = hi[2] - lo[2];
        long[] seen = new long[(int) (((long) wx * wy * wz + 63) >>> 6)];
        LongArrayList out = new LongArrayList();
        LongArrayList queue = new LongArrayList();
        queue.add(pack(x, y, z));
        mark(seen, (x - lo[0]) + (long) wx * ((y - lo[1]) + (long) wy * (z - lo[2])));
        int[][] offsets = offsets(conn);
        for (int head = 0; head < queue.size(); head++) {
            if ((head & 0xFFFF) == 0xFFFF) progress.checkCancelled();
            long p = queue.getLong(head);
            int px = (int) (p & 0x1FFFFF), py = (int) ((p >>> 21) & 0x1FFFFF), pz = (int) (p >>> 42);
            out.add(px + (long) sx * (py + (long) sy * pz));
            for (int[] d : offsets) {
                int nx = px + d[0], ny = py + d[1], nz = pz + d[2];
                if (nx < lo[0] || ny < lo[1] || nz < lo[2] || nx >= hi[0] || ny >= hi[1] || nz >= hi[2]) continue;
                long k = (nx - lo[0]) + (long) wx * ((ny - lo[1]) + (long) wy * (nz - lo[2]));
                if ((seen[(int) (k >>> 6)] & (1L << k)) != 0) continue;
                if (vol.slotAt(nx, ny, nz) != slot) continue;
                mark(seen, k);
                queue.add(pack(nx, ny, nz));
            }
            if (head > 1 << 20 && head > queue.size() / 2) { // drop the processed head of a long queue
                queue.removeElements(0, head + 1);
                head = -1;
            }
        }
        return out;
    }

    private static void mark(long[] seen, long k) {
        seen[(int) (k >>> 6)] |= 1L << k;
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
