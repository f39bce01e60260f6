package org.proofbox.store;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Vec3;

/**
 * Per-slot statistics of a {@link LabelVolume}: voxel count, inclusive bounding box (box-local)
 * and the sorted list of index blocks (cubes of {@link #BLOCK}³ voxels) that contain the segment,
 * so that walkthrough and edits visit only the blocks of one segment. Built by {@link IndexBuilder}.
 */
public final class SegmentIndex {
    /** Edge of an index block in voxels (a power of two). */
    public static final int BLOCK_SHIFT = 5;
    public static final int BLOCK = 1 << BLOCK_SHIFT;

    private final LabelVolume volume;
    final long[] voxels;
    final int[] minX, minY, minZ, maxX, maxY, maxZ;
    final IntArrayList[] blocks;
    private final int blocksX, blocksY, blocksZ;

    SegmentIndex(LabelVolume volume, int slots) {
        this.volume = volume;
        voxels = new long[slots];
        minX = new int[slots]; minY = new int[slots]; minZ = new int[slots];
        maxX = new int[slots]; maxY = new int[slots]; maxZ = new int[slots];
        Arrays.fill(minX, Integer.MAX_VALUE); Arrays.fill(minY, Integer.MAX_VALUE); Arrays.fill(minZ, Integer.MAX_VALUE);
        Arrays.fill(maxX, -1); Arrays.fill(maxY, -1); Arrays.fill(maxZ, -1);
        blocks = new IntArrayList[slots];
        blocksX = (volume.sizeX() + BLOCK - 1) >> BLOCK_SHIFT;
        blocksY = (volume.sizeY() + BLOCK - 1) >> BLOCK_SHIFT;
        blocksZ = (volume.sizeZ() + BLOCK - 1) >> BLOCK_SHIFT;
    }

    public LabelVolume volume() {
        return volume;
    }

    public int slotCount() {
        return voxels.length;
    }

    public long voxels(int slot) {
        return slot < voxels.length ? voxels[slot] : 0;
    }

    /** Non-zero ids with at least one voxel. */
    public int segmentCount() {
        int n = 0;
        for (int s = 1; s < voxels.length; s++) if (voxels[s] > 0) n++;
        return n;
    }

    public long labelledVoxels() {
        return volume.voxelCount() - voxels(0);
    }

    /** The largest non-zero id present (unsigned order), or 0 if the box is empty. */
    public long largestId() {
        long[] ids = volume.table().idsBySlot();
        long max = 0;
        for (int s = 1; s < voxels.length; s++) if (voxels[s] > 0) max = SegmentIds.max(max, ids[s]);
        return max;
    }

    /** Statistics of one slot in global mag-1 coordinates, or null if it has no voxels. */
    public SegmentStats stats(int slot) {
        if (voxels(slot) == 0) return null;
        Vec3 o = volume.box().topLeft();
        return new SegmentStats(volume.table().idOf(slot), voxels[slot],
            new Vec3(o.x() + minX[slot], o.y() + minY[slot], o.z() + minZ[slot]),
            new Vec3(o.x() + maxX[slot], o.y() + maxY[slot], o.z() + maxZ[slot]));
    }

    /** All non-zero segments, ordered by id (unsigned). */
    public List<SegmentStats> segments() {
        List<SegmentStats> out = new ArrayList<>();
        for (int s = 1; s < voxels.length; s++) {
            SegmentStats st = stats(s);
            if (st != null) out.add(st);
        }
        out.sort(Comparator.comparing(SegmentStats::id, SegmentIds::compare));
        return out;
    }

    /** Sorted block numbers ({@code bx + blocksX * (by + blocksY * bz)}) that hold the slot. */
    public IntList blocksOf(int slot) {
        IntArrayList b = slot < blocks.length ? blocks[slot] : null;
        return b == null ? IntArrayList.of() : b;
    }

    /** Inclusive box-local bounds of a slot along {@code axis} (0 = x, 1 = y, 2 = z); meaningless for empty slots. */
    public int min(int slot, int axis) {
        return axis == 0 ? minX[slot] : axis == 1 ? minY[slot] : minZ[slot];
    }

    public int max(int slot, int axis) {
        return axis == 0 ? maxX[slot] : axis == 1 ? maxY[slot] : maxZ[slot];
    }

    public int blocksX() { return blocksX; }
    public int blocksY() { return blocksY; }
    public int blocksZ() { return blocksZ; }
}
