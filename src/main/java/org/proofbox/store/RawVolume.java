package org.proofbox.store;

import org.proofbox.model.Box3;

/**
 * The raw EM (color layer) of the box at one mag, 8 bits per voxel, z-sections x fastest,
 * consecutive sections sharing slab arrays as the labels do ({@link Slabs}): section z lives in
 * {@link #slab(int)} from {@link #base(int)}, voxel (x, y) at {@code base(z) + x + sizeX · y}.
 * Coordinates local to {@code box} (in that mag's voxels).
 */
public final class RawVolume {
    private final Box3 box;
    private final int sx, sectionLen, perSlab;
    private final byte[][] slabs;

    public RawVolume(Box3 box) {
        this.box = box;
        this.sx = box.size().x();
        int sz = box.size().z();
        this.sectionLen = sx * box.size().y();
        this.perSlab = Slabs.sectionsPer(sectionLen, 1);
        this.slabs = new byte[(sz + perSlab - 1) / perSlab][];
        for (int i = 0; i < slabs.length; i++) slabs[i] = new byte[Math.min(perSlab, sz - i * perSlab) * sectionLen];
    }

    public Box3 box() { return box; }
    public int sizeX() { return sx; }
    public int sizeY() { return box.size().y(); }
    public int sizeZ() { return box.size().z(); }

    /** The array holding section z (from {@link #base(int)} on). */
    public byte[] slab(int z) {
        return slabs[z / perSlab];
    }

    /** Index of voxel (0, 0, z) in {@link #slab(int) slab(z)}. */
    public int base(int z) {
        return (z % perSlab) * sectionLen;
    }

    /** Grey value 0..255 at a box-local voxel. */
    public int valueAt(int x, int y, int z) {
        return slabs[z / perSlab][base(z) + x + sx * y] & 0xFF;
    }

    /** Sets a box-local voxel's grey value (the low 8 bits of {@code value}). */
    public void set(int x, int y, int z, int value) {
        slabs[z / perSlab][base(z) + x + sx * y] = (byte) value;
    }
}
