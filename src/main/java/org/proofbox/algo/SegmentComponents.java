package org.proofbox.algo;

import java.util.ArrayList;
import java.util.List;
import org.proofbox.model.Connectivity;
import org.proofbox.model.LongChunks;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentIndex;

/**
 * The connected pieces of one segment with their voxels, found inside its bounding box only (one
 * visited bit per voxel of the box, breadth-first, iterative). Largest first; equal sizes in scan
 * order of their first voxel, so the result is deterministic.
 */
public final class SegmentComponents {
    private SegmentComponents() {}

    /** Each piece as box-local linear voxel indices. */
    public static List<LongChunks> of(LabelVolume vol, SegmentIndex idx, int slot, Connectivity conn) {
        List<LongChunks> out = new ArrayList<>();
        if (slot <= 0 || idx.voxels(slot) == 0) return out;
        int x0 = idx.min(slot, 0), y0 = idx.min(slot, 1), z0 = idx.min(slot, 2);
        int x1 = idx.max(slot, 0) + 1, y1 = idx.max(slot, 1) + 1, z1 = idx.max(slot, 2) + 1;
        int wx = x1 - x0, wy = y1 - y0;
        int words = (int) (((long) wx * wy + 63) >>> 6);
        long[][] seen = new long[z1 - z0][]; // a bitmap per section, made when a piece reaches it (no one huge array: see LongChunks)
        int sx = vol.sizeX(), sy = vol.sizeY();
        int[][] offs = FloodFill.offsets(conn);
        LongChunks queue = new LongChunks();
        for (int z = z0; z < z1; z++) {
            LabelVolume.Slots st = vol.slots();
            char[] ac = st.chars(z);
            int[] a = st.ints(z);
            int base = st.base(z);
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    if ((ac != null ? ac[base + x + sx * y] : a[base + x + sx * y]) != slot) continue;
                    int k = (x - x0) + wx * (y - y0);
                    if (seen[z - z0] != null && (seen[z - z0][k >>> 6] & (1L << k)) != 0) continue;
                    mark(seen, words, z - z0, k);
                    LongChunks piece = new LongChunks();
                    queue = new LongChunks();
                    queue.add(x + (long) sx * (y + (long) sy * z));
                    for (int h = 0; h < queue.size(); h++) {
                        if ((h & 0xFFFF) == 0xFFFF) queue.release(h);
                        long v = queue.get(h);
                        piece.add(v);
                        int px = (int) (v % sx), py = (int) ((v / sx) % sy), pz = (int) (v / ((long) sx * sy));
                        for (int[] d : offs) {
                            int nx = px + d[0], ny = py + d[1], nz = pz + d[2];
                            if (nx < x0 || ny < y0 || nz < z0 || nx >= x1 || ny >= y1 || nz >= z1) continue;
                            int nk = (nx - x0) + wx * (ny - y0);
                            long[] sn = seen[nz - z0];
                            if ((sn != null && (sn[nk >>> 6] & (1L << nk)) != 0) || vol.slotAt(nx, ny, nz) != slot) continue;
                            mark(seen, words, nz - z0, nk);
                            queue.add(nx + (long) sx * (ny + (long) sy * nz));
                        }
                    }
                    out.add(piece);
                }
            }
        }
        out.sort((p, q) -> Integer.compare(q.size(), p.size())); // stable: equal sizes keep scan order
        return out;
    }

    private static void mark(long[][] seen, int words, int section, int k) {
        long[] s = seen[section];
        if (s == null) seen[section] = s = new long[words];
        s[k >>> 6] |= 1L << k;
    }
}
