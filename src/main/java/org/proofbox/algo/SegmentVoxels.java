package org.proofbox.algo;

import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentIndex;

/**
 * Finding a voxel that belongs to a segment, to centre the views on it. A centroid or the middle
 * of the bounding box can fall outside a curved cell; this returns the segment's voxel closest to
 * the middle of its bounding box, searching only the index blocks that hold the segment.
 */
public final class SegmentVoxels {
    private SegmentVoxels() {}

    /** Box-local voxel of {@code slot} nearest its bounding-box centre, or null if the segment is empty. */
    public static Vec3 nearCentre(LabelVolume vol, SegmentIndex idx, int slot) {
        if (slot <= 0 || slot >= idx.slotCount() || idx.voxels(slot) == 0) return null;
        double cx = (idx.min(slot, 0) + idx.max(slot, 0)) / 2.0, cy = (idx.min(slot, 1) + idx.max(slot, 1)) / 2.0,
            cz = (idx.min(slot, 2) + idx.max(slot, 2)) / 2.0;
        int b = SegmentIndex.BLOCK, sx = vol.sizeX();
        Vec3 best = null;
        double bestD = Double.MAX_VALUE;
        var blocks = idx.blocksOf(slot);
        for (int k = 0; k < blocks.size(); k++) {
            int block = blocks.getInt(k);
            int bx = block % idx.blocksX(), by = (block / idx.blocksX()) % idx.blocksY(), bz = block / (idx.blocksX() * idx.blocksY());
            int x0 = bx * b, y0 = by * b, z0 = bz * b;
            // skip blocks that cannot beat the best so far
            double dx = Math.max(0, Math.max(x0 - cx, cx - (x0 + b - 1))), dy = Math.max(0, Math.max(y0 - cy, cy - (y0 + b - 1))),
                dz = Math.max(0, Math.max(z0 - cz, cz - (z0 + b - 1)));
            if (dx * dx + dy * dy + dz * dz >= bestD) continue;
            for (int z = z0; z < Math.min(z0 + b, vol.sizeZ()); z++) {
                LabelVolume.Slots st = vol.slots();
                char[] c = st.chars(z);
                int[] s = st.ints(z);
                int base = st.base(z);
                for (int y = y0; y < Math.min(y0 + b, vol.sizeY()); y++) {
                    int row = base + sx * y;
                    for (int x = x0; x < Math.min(x0 + b, sx); x++) {
                        if ((c != null ? c[row + x] : s[row + x]) != slot) continue;
                        double d = (x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz);
                        if (d < bestD) { bestD = d; best = new Vec3(x, y, z); }
                    }
                }
            }
        }
        return best;
    }
}
