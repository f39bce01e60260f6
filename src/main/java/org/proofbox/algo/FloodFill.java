package org.proofbox.algo;

import org.proofbox.model.Connectivity;
import org.proofbox.model.LongChunks;
import org.proofbox.store.LabelVolume;
import org.proofbox.task.Progress;

/**
 * Iterative flood fill over voxels holding one slot: from a seed, every voxel reachable through
 * neighbours (6, 18 or 26) with the same slot, limited to a box (the whole label box for a 3D
 * fill, one section for a 2D fill) — no arbitrary size cap. Returns the voxels as box-local linear
 * indices {@code x + sx * (y + sy * z)}, run after run along x. A visited bitmap per section of
 * the limiting box, made when the flood first reaches the section, keeps memory at one bit per
 * voxel of the sections it reached plus the queue of seeds. Lists and bitmaps come in small pieces ({@link LongChunks}): a flood of
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
        return new Spans(vol, conn, lo, hi, progress).from(x, y, z);
    }

    /**
     * The flood by runs along x: a seed grows into its whole run of the slot (left and right,
     * inside the limit), and each neighbouring row — y ± 1 and z ± 1, and the four rows diagonal
     * to it for 18 and 26 neighbours — is scanned over the run (one voxel wider where the
     * connectivity reaches diagonally in x) for new seeds. Memory is read row by row, in order,
     * instead of one voxel and its neighbours at a time all over the box: a 10⁸-voxel fill of a
     * 1024³ box touched 2 GB of labels at random before. One {@code Spans} floods from several
     * seeds in turn (a segment's pieces, {@link SegmentComponents}): what one flood reached is
     * not reached again.
     */
    static final class Spans {
        private final LabelVolume.Slots st;
        private final int sx, sy, lo0, lo1, lo2, hi0, hi1, hi2, wx, words;
        private final long[][] seen; // a bitmap per section of the limiting box, made when the flood reaches it
        private final int[][] rows; // neighbouring rows {dy, dz, widen}
        private final Progress progress;
        private LongChunks out, queue;
        private int slot;

        Spans(LabelVolume vol, Connectivity conn, int[] lo, int[] hi, Progress progress) {
            this.st = vol.slots();
            this.sx = vol.sizeX();
            this.sy = vol.sizeY();
            this.lo0 = lo[0]; this.lo1 = lo[1]; this.lo2 = lo[2];
            this.hi0 = hi[0]; this.hi1 = hi[1]; this.hi2 = hi[2];
            this.wx = hi0 - lo0;
            this.words = (int) (((long) wx * (hi1 - lo1) + 63) >>> 6);
            this.seen = new long[hi2 - lo2][];
            this.progress = progress;
            int reach = conn == Connectivity.SIX ? 1 : conn == Connectivity.EIGHTEEN ? 2 : 3;
            java.util.List<int[]> r = new java.util.ArrayList<>();
            for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) {
                int d = Math.abs(dy) + Math.abs(dz);
                if (d == 0 || d > reach) continue;
                r.add(new int[] {dy, dz, d + 1 <= reach ? 1 : 0}); // x ± 1 too when one more step is still a neighbour
            }
            this.rows = r.toArray(new int[0][]);
        }

        /** Every voxel connected to (x, y, z) with its slot that no earlier flood of this one reached. */
        LongChunks from(int x, int y, int z) {
            slot = slotAt(x, y, z);
            out = new LongChunks();
            queue = new LongChunks();
            queue.add(pack(x, y, z));
            long filled = 0, nextCheck = 1 << 16;
            for (int head = 0; head < queue.size(); head++) {
                if ((head & 0xFFFF) == 0xFFFF) queue.release(head); // the processed head of the queue
                long p = queue.get(head);
                int px = (int) (p & 0x1FFFFF), py = (int) ((p >>> 21) & 0x1FFFFF), pz = (int) (p >>> 42);
                if (isSeen(px, py, pz)) continue;
                int x0 = px, x1 = px;
                while (x0 > lo0 && !isSeen(x0 - 1, py, pz) && slotAt(x0 - 1, py, pz) == slot) x0--;
                while (x1 + 1 < hi0 && !isSeen(x1 + 1, py, pz) && slotAt(x1 + 1, py, pz) == slot) x1++;
                long row = (long) sx * (py + (long) sy * pz);
                for (int i = x0; i <= x1; i++) {
                    mark(i, py, pz);
                    out.add(row + i);
                }
                filled += x1 - x0 + 1;
                if (filled >= nextCheck) {
                    progress.checkCancelled();
                    nextCheck = filled + (1 << 16);
                }
                for (int[] r : rows) {
                    int ny = py + r[0], nz = pz + r[1];
                    if (ny < lo1 || ny >= hi1 || nz < lo2 || nz >= hi2) continue;
                    seeds(Math.max(lo0, x0 - r[2]), Math.min(hi0 - 1, x1 + r[2]), ny, nz);
                }
            }
            return out;
        }

        /** A seed at the start of every run of the slot, not yet filled, among x0..x1 of row (y, z). */
        private void seeds(int x0, int x1, int y, int z) {
            char[] c = st.chars(z);
            int[] a = st.ints(z);
            int base = st.base(z) + sx * y;
            boolean inRun = false;
            for (int x = x0; x <= x1; x++) {
                boolean match = (c != null ? c[base + x] : a[base + x]) == slot && !isSeen(x, y, z);
                if (match && !inRun) queue.add(pack(x, y, z));
                inRun = match;
            }
        }

        private int slotAt(int x, int y, int z) {
            return st.get(z, x + sx * y);
        }

        boolean isSeen(int x, int y, int z) {
            long[] s = seen[z - lo2];
            if (s == null) return false;
            int k = (x - lo0) + wx * (y - lo1);
            return (s[k >>> 6] & (1L << k)) != 0;
        }

        private void mark(int x, int y, int z) {
            long[] s = seen[z - lo2];
            if (s == null) seen[z - lo2] = s = new long[words];
            int k = (x - lo0) + wx * (y - lo1);
            s[k >>> 6] |= 1L << k;
        }
    }

    private static long pack(int x, int y, int z) {
        return x | ((long) y << 21) | ((long) z << 42);
    }
}
