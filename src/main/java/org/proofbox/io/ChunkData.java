package org.proofbox.io;

import org.proofbox.model.Vec3;

/**
 * The voxels of one decoded chunk (first channel), x fastest, then y, then z, over the full chunk
 * shape. Types up to 32 bits are held in {@code ints} (unsigned types zero-extended, uint32 as raw
 * bits), 64-bit types in {@code longs}. A chunk missing from the store has neither and stands for
 * {@code fill} everywhere.
 */
public final class ChunkData {
    public final Vec3 size;
    public final int[] ints;
    public final long[] longs;
    public final long fill;

    private ChunkData(Vec3 size, int[] ints, long[] longs, long fill) {
        this.size = size;
        this.ints = ints;
        this.longs = longs;
        this.fill = fill;
    }

    public static ChunkData ofInts(Vec3 size, int[] values) {
        return new ChunkData(size, values, null, 0);
    }

    public static ChunkData ofLongs(Vec3 size, long[] values) {
        return new ChunkData(size, null, values, 0);
    }

    public static ChunkData missing(Vec3 size, long fill) {
        return new ChunkData(size, null, null, fill);
    }

    public boolean isMissing() {
        return ints == null && longs == null;
    }

    /** The raw bits of voxel {@code i} (x + sx * (y + sy * z)) as a long; uint32 zero-extended. */
    public long bits(int i, boolean unsigned32) {
        if (longs != null) return longs[i];
        if (ints != null) return unsigned32 ? ints[i] & 0xFFFF_FFFFL : ints[i];
        return fill;
    }
}
