package org.proofbox.store;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.proofbox.task.Cancelled;
import org.proofbox.task.Progress;

/**
 * Builds the {@link SegmentIndex} in one pass over the sections. The pass walks index blocks and,
 * inside them, runs of equal slots along x, so the per-voxel work is one load and one compare;
 * counts, bounds and block membership are updated once per run. With several threads each takes
 * a slab of block layers and the partial indexes are merged.
 */
public final class IndexBuilder {
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
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "proofbox-index");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SegmentIndex>> parts = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                int from = bz * t / n, to = bz * (t + 1) / n;
                Progress p = t == 0 ? progress : new Progress() {
                    @Override public void report(double f, String m) {}
                    @Override public boolean isCancelled() { return progress.isCancelled(); }
                };
                parts.add(pool.submit(() -> {
                    SegmentIndex part = new SegmentIndex(vol, slots);
                    scan(vol, part, from, to, p);
                    return part;
                }));
            }
            for (Future<SegmentIndex> f : parts) merge(index, f.get()); // slab order keeps block lists sorted
            return index;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void merge(SegmentIndex into, SegmentIndex part) {
        for (int s = 0; s < part.voxels.length; s++) {
            if (part.voxels[s] == 0) continue;
            into.voxels[s] += part.voxels[s];
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
        final int B = SegmentIndex.BLOCK;
        final long[] count = idx.voxels;
        final int[] minX = idx.minX, minY = idx.minY, minZ = idx.minZ, maxX = idx.maxX, maxY = idx.maxY, maxZ = idx.maxZ;
        final IntArrayList[] blocks = idx.blocks;
        final int[] stamp = new int[count.length]; // block number + 1 at which the slot was last recorded
        final int nbx = idx.blocksX(), nby = idx.blocksY();
        for (int bz = bz0; bz < bz1; bz++) {
            progress.checkCancelled();
            progress.report((double) (bz - bz0) / Math.max(1, bz1 - bz0), "indexing segments");
            int z0 = bz * B, z1 = Math.min(sz, z0 + B);
            for (int by = 0; by < nby; by++) {
                int y0 = by * B, y1 = Math.min(sy, y0 + B);
                for (int bx = 0; bx < nbx; bx++) {
                    int x0 = bx * B, x1 = Math.min(sx, x0 + B);
                    int blockTag = bx + nbx * (by + nby * bz) + 1;
                    for (int z = z0; z < z1; z++) {
                        int[] plane = vol.plane(z);
                        for (int y = y0; y < y1; y++) {
                            int row = sx * y;
                            int x = x0;
                            while (x < x1) {
                                int s = plane[row + x];
                                int e = x + 1;
                                while (e < x1 && plane[row + e] == s) e++;
                                count[s] += e - x;
                                if (stamp[s] != blockTag) {
                                    stamp[s] = blockTag;
                                    IntArrayList l = blocks[s];
                                    if (l == null) blocks[s] = l = new IntArrayList(4);
                                    l.add(blockTag - 1);
                                }
                                if (x < minX[s]) minX[s] = x;
                                if (e - 1 > maxX[s]) maxX[s] = e - 1;
                                if (y < minY[s]) minY[s] = y;
                                if (y > maxY[s]) maxY[s] = y;
                                if (z < minZ[s]) minZ[s] = z;
                                if (z > maxZ[s]) maxZ[s] = z;
                                x = e;
                            }
                        }
                    }
                }
            }
        }
        progress.report(1.0, "indexing segments");
    }
}
