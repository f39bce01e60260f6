package org.proofbox.store;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntList;
import java.util.ArrayList;
import java.util.Arrays;
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
    long[] voxels;
    int[] minX, minY, minZ, maxX, maxY, maxZ;
    IntArrayList[] blocks;
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
        out.sort((a, b) -> SegmentIds.compare(a.id(), b.id())); // no boxed ids: 46 000 segments sorted in milliseconds
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

    // ---- incremental updates (the edit layer keeps the index equal to a full recount) ----

    /** Grows the per-slot arrays for slots allocated after the index was built (new ids from edits). */
    public void ensureSlots(int slots) {
        int old = voxels.length;
        if (slots <= old) return;
        int n = Math.max(slots, old + old / 2 + 16);
        voxels = Arrays.copyOf(voxels, n);
        minX = grow(minX, n, Integer.MAX_VALUE); minY = grow(minY, n, Integer.MAX_VALUE); minZ = grow(minZ, n, Integer.MAX_VALUE);
        maxX = grow(maxX, n, -1); maxY = grow(maxY, n, -1); maxZ = grow(maxZ, n, -1);
        blocks = Arrays.copyOf(blocks, n);
    }

    private static int[] grow(int[] a, int n, int fill) {
        int old = a.length;
        int[] b = Arrays.copyOf(a, n);
        Arrays.fill(b, old, n, fill);
        return b;
    }

    public int blockOf(int x, int y, int z) {
        return (x >> BLOCK_SHIFT) + blocksX * ((y >> BLOCK_SHIFT) + blocksY * (z >> BLOCK_SHIFT));
    }

    /** Adds {@code delta} to the voxel count of a slot. */
    public void addCount(int slot, long delta) {
        voxels[slot] += delta;
    }

    /** A voxel joined {@code slot}: its bounding box and block list grow to include it (counts are separate). */
    public void gained(int slot, int x, int y, int z) {
        if (slot == 0) return;
        if (x < minX[slot]) minX[slot] = x;
        if (y < minY[slot]) minY[slot] = y;
        if (z < minZ[slot]) minZ[slot] = z;
        if (x > maxX[slot]) maxX[slot] = x;
        if (y > maxY[slot]) maxY[slot] = y;
        if (z > maxZ[slot]) maxZ[slot] = z;
        int b = blockOf(x, y, z);
        IntArrayList list = blocks[slot];
        if (list == null) blocks[slot] = list = new IntArrayList();
        int i = java.util.Arrays.binarySearch(list.elements(), 0, list.size(), b);
        if (i < 0) list.add(-i - 1, b);
    }

    /**
     * Recomputes the bounding box and block list of a slot that lost voxels, scanning only its
     * current blocks (a slot never gains a block without {@link #gained}).
     */
    public void recompute(int slot) {
        if (slot == 0) return;
        minX[slot] = minY[slot] = minZ[slot] = Integer.MAX_VALUE;
        maxX[slot] = maxY[slot] = maxZ[slot] = -1;
        IntArrayList old = blocks[slot];
        if (old == null || voxels[slot] == 0) {
            blocks[slot] = null;
            return;
        }
        IntArrayList keep = new IntArrayList(old.size());
        int sx = volume.sizeX(), sy = volume.sizeY(), sz = volume.sizeZ();
        for (int k = 0; k < old.size(); k++) {
            int b = old.getInt(k);
            int bx = b % blocksX, by = (b / blocksX) % blocksY, bz = b / (blocksX * blocksY);
            int x0 = bx << BLOCK_SHIFT, y0 = by << BLOCK_SHIFT, z0 = bz << BLOCK_SHIFT;
            int x1 = Math.min(sx, x0 + BLOCK), y1 = Math.min(sy, y0 + BLOCK), z1 = Math.min(sz, z0 + BLOCK);
            boolean any = false;
            for (int z = z0; z < z1; z++) {
                LabelVolume.Slots st = volume.slots();
                char[] c = st.chars(z);
                int[] a = st.ints(z);
                int base = st.base(z);
                for (int y = y0; y < y1; y++) {
                    int row = base + y * sx;
                    for (int x = x0; x < x1; x++) {
                        if ((c != null ? c[row + x] : a[row + x]) != slot) continue;
                        any = true;
                        if (x < minX[slot]) minX[slot] = x;
                        if (x > maxX[slot]) maxX[slot] = x;
                        if (y < minY[slot]) minY[slot] = y;
                        if (y > maxY[slot]) maxY[slot] = y;
                        if (z < minZ[slot]) minZ[slot] = z;
                        if (z > maxZ[slot]) maxZ[slot] = z;
                    }
                }
            }
            if (any) keep.add(b);
        }
        blocks[slot] = keep.isEmpty() ? null : keep;
    }

    /** Whether two indexes of the same volume agree on every count, bounding box and block list (for tests and checks). */
    public String differenceTo(SegmentIndex o) {
        int n = Math.max(voxels.length, o.voxels.length);
        for (int s = 0; s < n; s++) {
            long a = voxels(s), b = o.voxels(s);
            if (a != b) return "slot " + s + ": " + a + " voxels vs " + b;
            if (s == 0 || a == 0) {
                if (s > 0 && (!blocksOf(s).isEmpty() || !o.blocksOf(s).isEmpty())) return "slot " + s + " is empty but has blocks";
                continue;
            }
            for (int axis = 0; axis < 3; axis++) {
                if (min(s, axis) != o.min(s, axis) || max(s, axis) != o.max(s, axis)) return "slot " + s + ": bounds differ along axis " + axis;
            }
            if (!blocksOf(s).equals(o.blocksOf(s))) return "slot " + s + ": blocks " + blocksOf(s) + " vs " + o.blocksOf(s);
        }
        return null;
    }

    public int blocksX() { return blocksX; }
    public int blocksY() { return blocksY; }
    public int blocksZ() { return blocksZ; }
}
