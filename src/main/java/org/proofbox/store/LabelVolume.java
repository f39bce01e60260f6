package org.proofbox.store;

import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;

/**
 * The segmentation of the box in memory: slots of z-sections, x fastest, section after section.
 * Sections make XY and XZ slices contiguous runs and keep every algorithm a plain array loop.
 * Consecutive sections share large "slab" arrays (up to {@link #SLAB_INTS} ints): one array per
 * section would be a G1 humongous object just over half a heap region each and waste up to a
 * region per section (2× the memory with 2 MiB regions). Section z lives in {@code slab(z)} from
 * index {@code base(z)}. Boxes beyond 2^31 voxels span several slabs. Ids are resolved through
 * {@link SegmentTable}. Coordinates here are box-local (0-based).
 */
public final class LabelVolume {
    private final Box3 box;
    private final int sx, sy, sz;
    /** Most ints in one slab (256 MiB). */
    public static final int SLAB_INTS = 1 << 26;
    private final int[][] slabs;
    private final int perSlab;
    private final int sectionInts;
    private final SegmentTable table;
    private final ElementType type;

    public LabelVolume(Box3 box, ElementType type, SegmentTable table) {
        this.box = box;
        this.type = type;
        this.sx = box.size().x();
        this.sy = box.size().y();
        this.sz = box.size().z();
        if ((long) sx * sy > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("section too large: " + sx + " x " + sy);
        this.sectionInts = sx * sy;
        this.perSlab = Math.max(1, SLAB_INTS / Math.max(1, sectionInts));
        int n = (sz + perSlab - 1) / perSlab;
        this.slabs = new int[n][];
        for (int i = 0; i < n; i++) slabs[i] = new int[Math.min(perSlab, sz - i * perSlab) * sectionInts];
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

    /** The live array holding section {@code z}; voxel (x, y) is at {@code base(z) + x + sizeX * y}. Writers must keep the index in step. */
    public int[] slab(int z) {
        return slabs[z / perSlab];
    }

    /** Index of voxel (0, 0, z) in {@link #slab(int)}. */
    public int base(int z) {
        return (z % perSlab) * sectionInts;
    }

    public int slotAt(int x, int y, int z) {
        return slabs[z / perSlab][(z % perSlab) * sectionInts + x + sx * y];
    }

    public long idAt(int x, int y, int z) {
        return table.idOf(slotAt(x, y, z));
    }

    /** Sets a voxel's slot; low level — edits go through the edit layer, which also updates the index. */
    public void setSlot(int x, int y, int z, int slot) {
        slabs[z / perSlab][(z % perSlab) * sectionInts + x + sx * y] = slot;
    }
}
