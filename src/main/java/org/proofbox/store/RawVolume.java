package org.proofbox.store;

import org.proofbox.model.Box3;

/**
 * The raw EM (color layer) of the box at one mag, 8 bits per voxel, one {@code byte[]} per
 * z-section, x fastest; coordinates local to {@code box} (in that mag's voxels).
 */
public final class RawVolume {
    private final Box3 box;
    private final int sx;
    private final byte[][] planes;

    public RawVolume(Box3 box) {
        this.box = box;
        this.sx = box.size().x();
        this.planes = new byte[box.size().z()][sx * box.size().y()];
    }

    public Box3 box() { return box; }
    public int sizeX() { return sx; }
    public int sizeY() { return box.size().y(); }
    public int sizeZ() { return box.size().z(); }

    public byte[] plane(int z) {
        return planes[z];
    }

    /** Grey value 0..255 at a box-local voxel. */
    public int valueAt(int x, int y, int z) {
        return planes[z][x + sx * y] & 0xFF;
    }
}
