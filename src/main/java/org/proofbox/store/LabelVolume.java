package org.proofbox.store;

import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;

/**
 * The segmentation of the box in memory: one {@code int[]} of slots per z-section, x fastest.
 * Sections make XY and XZ slices contiguous runs, keep every algorithm a plain array loop, allow
 * boxes beyond 2^31 voxels, and let edits touch one section without copying the volume. Ids are
 * resolved through {@link SegmentTable}. Coordinates here are box-local (0-based).
 */
public final class LabelVolume {
    private final Box3 box;
    private final int sx, sy, sz;
    private final int[][] planes;
    private final SegmentTable table;
    private final ElementType type;

    public LabelVolume(Box3 box, ElementType type, SegmentTable table) {
        this.box = box;
        this.type = type;
        this.sx = box.size().x();
        this.sy = box.size().y();
        this.sz = box.size().z();
        if ((long) sx * sy > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("section too large: " + sx + " x " + sy);
        this.planes = new int[sz][sx * sy];
        this.table = table;
    }

    public Box3 box() { return box; }
    public int sizeX() { return sx; }
    public int sizeY() { return sy; }
    public int sizeZ() { return sz; }
    public long voxelCount() { return (long) sx * sy * sz; }
    public SegmentTable table() { return table; }
    /** The element type of the layer the labels came from (bounds the ids that can be saved). */
    public ElementType type() { return type; }

    /** The live slot array of section {@code z} (x + sizeX * y). Writers must keep the index in step. */
    public int[] plane(int z) {
        return planes[z];
    }

    public int slotAt(int x, int y, int z) {
        return planes[z][x + sx * y];
    }

    public long idAt(int x, int y, int z) {
        return table.idOf(slotAt(x, y, z));
    }

    /** Sets a voxel's slot; low level — edits go through the edit layer, which also updates the index. */
    public void setSlot(int x, int y, int z, int slot) {
        planes[z][x + sx * y] = slot;
    }
}
