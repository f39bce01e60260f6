package org.proofbox.algo;

import java.util.ArrayList;
import java.util.List;
import org.proofbox.model.Connectivity;
import org.proofbox.model.LongChunks;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentIndex;

/**
 * The connected pieces of one segment with their voxels, found inside its bounding box only by
 * the flood by runs ({@link FloodFill.Spans}: one visited bit per voxel of the sections reached). Largest first; equal sizes in scan
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
        int sx = vol.sizeX();
        var spans = new FloodFill.Spans(vol, conn, new int[] {x0, y0, z0}, new int[] {x1, y1, z1}, org.proofbox.task.Progress.NONE); // the flood by runs, inside the bounding box
        for (int z = z0; z < z1; z++) {
            LabelVolume.Slots st = vol.slots();
            char[] ac = st.chars(z);
            int[] a = st.ints(z);
            int base = st.base(z);
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    if ((ac != null ? ac[base + x + sx * y] : a[base + x + sx * y]) != slot || spans.isSeen(x, y, z)) continue;
                    out.add(spans.from(x, y, z)); // a piece, from its first voxel in scan order
                }
            }
        }
        out.sort((p, q) -> Integer.compare(q.size(), p.size())); // stable: equal sizes keep scan order
        return out;
    }
}
