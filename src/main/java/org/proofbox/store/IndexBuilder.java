package org.proofbox.store;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.List;
import org.proofbox.task.Cancelled;
import org.proofbox.task.Progress;

/**
 * Builds the {@link SegmentIndex} in one sequential pass over the sections. Each row is cut into
 * runs of equal slots: per voxel one load and one compare; per run the count and bounds of the
 * slot are updated in one compact record (one cache line) and, per index block the run touches, a
 * bit in the slot's mask for the current block row, so block lists need no hash set. Background
 * runs (slot 0) only count. With several threads each takes a slab of block layers and the partial
 * indexes are merged in order.
 */
public final class IndexBuilder {
    /** Per-slot record layout in {@code rec}: bounds, the block row its mask belongs to, spare. */
    private static final int MIN_X = 0, MAX_X = 1, MIN_Y = 2, MAX_Y = 3, MIN_Z = 4, MAX_Z = 5, ROW_TAG = 6, STRIDE = 8;

    private IndexBuilder() {}

    public static SegmentIndex build(LabelVolume vol, Progress progress) {
        return build(vol, 1, progress);
    }

    public static SegmentIndex build(LabelVolume vol, int threads, Progress progress) {
        int slots = vol.table().slotCount();
        SegmentIndex index = new SegmentIndex(vol, slots);
        int bz = index.blocksZ();
        int n = Math.max(1, Math.min(threads, bz));
        if (n == 1) {
            scan(vol, index, 0, bz, progress);
            return index;
        }
        List<java.util.concurrent.Callable<SegmentIndex>> jobs = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int from = bz * t / n, to = bz * (t + 1) / n;
            Progress p = t == 0 ? progress : progress.quiet();
            jobs.add(() -> {
                SegmentIndex part = new SegmentIndex(vol, slots);
                scan(vol, part, from, to, p);
                return part;
            });
        }
        for (SegmentIndex part : org.proofbox.task.Workers.all("proofbox-index", n, jobs)) merge(index, part); // slab order keeps block lists sorted
        return index;
    }

    private static void merge(SegmentIndex into, SegmentIndex part) {
        for (int s = 0; s < part.voxels.length; s++) {
            if (part.voxels[s] == 0) continue;
            into.voxels[s] += part.voxels[s];
            if (s == 0) continue;
            into.minX[s] = Math.min(into.minX[s], part.minX[s]);
            into.minY[s] = Math.min(into.minY[s], part.minY[s]);
            into.minZ[s] = Math.min(into.minZ[s], part.minZ[s]);
            into.maxX[s] = Math.max(into.maxX[s], part.maxX[s]);
            into.maxY[s] = Math.max(into.maxY[s], part.maxY[s]);
            into.maxZ[s] = Math.max(into.maxZ[s], part.maxZ[s]);
            if (into.blocks[s] == null) into.blocks[s] = part.blocks[s];
            else into.blocks[s].addAll(part.blocks[s]);
        }
    }

    /** Scans block layers {@code [bz0, bz1)} into {@code idx}. */
    private static void scan(LabelVolume vol, SegmentIndex idx, int bz0, int bz1, Progress progress) {
        final int sx = vol.sizeX(), sy = vol.sizeY(), sz = vol.sizeZ();
        final int shift = SegmentIndex.BLOCK_SHIFT, B = SegmentIndex.BLOCK;
        final int slots = idx.voxels.length;
        final long[] count = idx.voxels;
        final int[] rec = new int[slots * STRIDE];
        for (int s = 0; s < slots; s++) {
            int r = s * STRIDE;
            rec[r + MIN_X] = rec[r + MIN_Y] = rec[r + MIN_Z] = Integer.MAX_VALUE;
            rec[r + MAX_X] = rec[r + MAX_Y] = rec[r + MAX_Z] = -1;
            rec[r + ROW_TAG] = -1;
        }
        final int nbx = idx.blocksX(), nby = idx.blocksY();
        final int words = (nbx + 63) >>> 6;
        final long[] mask = new long[slots * words]; // blocks of the current block row that hold the slot
        final IntArrayList touched = new IntArrayList(); // slots seen in the current block row
        final IntArrayList[] blocks = idx.blocks;
        long background = 0;
        for (int bz = bz0; bz < bz1; bz++) {
            progress.checkCancelled();
            progress.report((double) (bz - bz0) / Math.max(1, bz1 - bz0), "indexing segments");
            int z0 = bz * B, z1 = Math.min(sz, z0 + B);
            for (int by = 0; by < nby; by++) {
                int rowTag = by + nby * bz;
                int y0 = by * B, y1 = Math.min(sy, y0 + B);
                for (int z = z0; z < z1; z++) {
                    final LabelVolume.Slots st = vol.slots();
                    final char[] cp = st.chars(z); // one of the two is null: runs are found in either, per run not per voxel
                    final int[] plane = st.ints(z);
                    final int zb = st.base(z);
                    for (int y = y0; y < y1; y++) {
                        int row = zb + sx * y;
                        int x = 0;
                        while (x < sx) {
                            int s, e = x + 1;
                            if (cp != null) {
                                s = cp[row + x];
                                while (e < sx && cp[row + e] == s) e++;
                            } else {
                                s = plane[row + x];
                                while (e < sx && plane[row + e] == s) e++;
                            }
                            if (s == 0) {
                                background += e - x;
                                x = e;
                                continue;
                            }
                            count[s] += e - x;
                            int r = s * STRIDE;
                            if (x < rec[r + MIN_X]) rec[r + MIN_X] = x;
                            if (e - 1 > rec[r + MAX_X]) rec[r + MAX_X] = e - 1;
                            if (y < rec[r + MIN_Y]) rec[r + MIN_Y] = y;
                            if (y > rec[r + MAX_Y]) rec[r + MAX_Y] = y;
                            if (z < rec[r + MIN_Z]) rec[r + MIN_Z] = z;
                            if (z > rec[r + MAX_Z]) rec[r + MAX_Z] = z;
                            int m = s * words;
                            if (rec[r + ROW_TAG] != rowTag) {
                                rec[r + ROW_TAG] = rowTag;
                                for (int w = 0; w < words; w++) mask[m + w] = 0;
                                touched.add(s);
                            }
                            for (int b = x >>> shift, bl = (e - 1) >>> shift; b <= bl; b++) mask[m + (b >>> 6)] |= 1L << b;
                            x = e;
                        }
                    }
                }
                // block row done: append its blocks, in increasing order, to each slot's list
                int base = nbx * (by + nby * bz);
                for (int i = 0, n = touched.size(); i < n; i++) {
                    int s = touched.getInt(i);
                    IntArrayList l = blocks[s];
                    if (l == null) blocks[s] = l = new IntArrayList(4);
                    for (int w = 0, m = s * words; w < words; w++) {
                        long bits = mask[m + w];
                        while (bits != 0) {
                            l.add(base + (w << 6) + Long.numberOfTrailingZeros(bits));
                            bits &= bits - 1;
                        }
                    }
                }
                touched.clear();
            }
        }
        count[0] += background;
        for (int s = 1; s < slots; s++) {
            if (count[s] == 0) continue;
            int r = s * STRIDE;
            idx.minX[s] = rec[r + MIN_X]; idx.maxX[s] = rec[r + MAX_X];
            idx.minY[s] = rec[r + MIN_Y]; idx.maxY[s] = rec[r + MAX_Y];
            idx.minZ[s] = rec[r + MIN_Z]; idx.maxZ[s] = rec[r + MAX_Z];
        }
        progress.report(1.0, "indexing segments");
    }
}
