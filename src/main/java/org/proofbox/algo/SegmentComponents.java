package org.proofbox.algo;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.List;
import org.proofbox.model.Connectivity;
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
    public static List<LongArrayList> of(LabelVolume vol, SegmentIndex idx, int slot, Connectivity conn) {
        List<LongArrayList> out = new ArrayList<>();
        if (slot <= 0 || idx.voxels(slot) == 0) return out;
        int x0 = idx.min(slot, 0), y0 = idx.min(slot, 1), z0 = idx.min(slot, 2);
        int x1 = idx.max(slot, 0) + 1, y1 = idx.max(slot, 1) + 1, z1 = idx.max(slot, 2) + 1;
        int wx = x1 - x0, wy = y1 - y0;
        long[] seen = new long[(int) (((long) wx * wy * (z1 - z0) + 63) >>> 6)];
        int sx = vol.sizeX(), sy = vol.sizeY();
        int[][] offs = FloodFill.offsets(conn);
        LongArrayList queue = new LongArrayList();
        for (int z = z0; z < z1; z++) {
            LabelVolume.Slots st = vol.slots();
            char[] ac = st.chars(z);
            int[] a = st.ints(z);
            int base = st.base(z);
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    if ((ac != null ? ac[base + x + sx * y] : a[base + x + sx * y]) != slot) continue;
                    long k = (x - x0) + (long) wx * ((y - y0) + (long) wy * (z - z0));
                    if ((seen[(int) (k >>> 6)] & (1L << k)) != 0) continue;
                    seen[(int) (k >>> 6)] |= 1L << k;
                    LongArrayList piece = new LongArrayList();
                    queue.clear();
                    queue.add(x + (long) sx * (y + (long) sy * z));
                    for (int h = 0; h < queue.size(); h++) {
                        long v = queue.getLong(h);
                        piece.add(v);
                        int px = (int) (v % sx), py = (int) ((v / sx) % sy), pz = (int) (v / ((long) sx * sy));
                        for (int[] d : offs) {
                            int nx = px + d[0], ny = py + d[1], nz = pz + d[2];
                            if (nx < x0 || ny < y0 || nz < z0 || nx >= x1 || ny >= y1 || nz >= z1) continue;
                            long nk = (nx - x0) + (long) wx * ((ny - y0) + (long) wy * (nz - z0));
                            if ((seen[(int) (nk >>> 6)] & (1L << nk)) != 0 || vol.slotAt(nx, ny, nz) != slot) continue;
                            seen[(int) (nk >>> 6)] |= 1L << nk;
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
}
