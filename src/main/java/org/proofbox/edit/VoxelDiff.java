package org.proofbox.edit;

import java.util.Arrays;
import org.proofbox.model.LongChunks;

/**
 * A sparse change of labels: for each changed voxel its box-local linear index
 * ({@code x + sx * (y + sy * z)}) and its slot before and after. Voxels are added in runs that
 * share their before and after slots — a fill, a delete, a merge or a split piece is one run — so
 * memory is 8 bytes per changed voxel plus 12 per run, nothing for the rest of the box (a 3D fill
 * of 10⁸ voxels: 0.9 GB, where a before and after per voxel took 1.8 GB more). Slots, not ids,
 * because every id of the box has one and slots are never reused, so a diff stays valid for the
 * life of the volume. The indices are kept in {@link LongChunks}: a diff of 10⁸ voxels grows
 * without ever copying itself or allocating one huge array (which stops the window while the JVM
 * zeroes it).
 */
public final class VoxelDiff {
    private LongChunks index = new LongChunks();
    private int n;
    private int[] runAt = new int[4], runFrom = new int[4], runTo = new int[4]; // run r: voxels [runAt[r], runAt[r + 1] or n)
    private int runs;
    private int hint; // the run last looked up: reads go forwards (apply) or backwards (undo)
    private boolean reversed; // a view of another diff's arrays: read from the end, before and after swapped

    public VoxelDiff() {}

    /**
     * Every voxel of {@code voxels} going from {@code from} to {@code to}, taking over the list
     * (no copy: it must not be used afterwards).
     */
    public static VoxelDiff of(LongChunks voxels, int from, int to) {
        VoxelDiff d = new VoxelDiff();
        if (from == to || voxels.isEmpty()) return d;
        d.index = voxels;
        d.n = voxels.size();
        d.runFrom[0] = from;
        d.runTo[0] = to;
        d.runs = 1;
        return d;
    }

    public void add(long voxel, int from, int to) {
        if (reversed) throw new IllegalStateException("an inverse is a view: it does not grow");
        if (from == to) return;
        if (runs == 0 || runFrom[runs - 1] != from || runTo[runs - 1] != to) {
            if (runs == runAt.length) {
                runAt = Arrays.copyOf(runAt, runs * 2);
                runFrom = Arrays.copyOf(runFrom, runs * 2);
                runTo = Arrays.copyOf(runTo, runs * 2);
            }
            runAt[runs] = n;
            runFrom[runs] = from;
            runTo[runs] = to;
            runs++;
        }
        index.add(voxel);
        n++;
    }

    public int size() { return n; }
    public long voxel(int i) { return index.get(reversed ? n - 1 - i : i); }
    public int before(int i) { return reversed ? runTo[run(n - 1 - i)] : runFrom[run(i)]; }
    public int after(int i) { return reversed ? runFrom[run(n - 1 - i)] : runTo[run(i)]; }

    /** The run holding voxel i (of the stored order). */
    private int run(int i) {
        int h = hint;
        if (h < runs && runAt[h] <= i && (h + 1 == runs || i < runAt[h + 1])) return h;
        if (h + 1 < runs && runAt[h + 1] <= i && (h + 2 == runs || i < runAt[h + 2])) return hint = h + 1; // the next, forwards
        if (h > 0 && h - 1 < runs && runAt[h - 1] <= i && i < runAt[h]) return hint = h - 1; // the previous, backwards
        int lo = 0, hi = runs - 1;
        while (lo < hi) { // the last run starting at or before i
            int mid = (lo + hi + 1) >>> 1;
            if (runAt[mid] <= i) lo = mid; else hi = mid - 1;
        }
        return hint = lo;
    }

    public boolean isEmpty() {
        return n == 0;
    }

    /**
     * The diff that undoes this one: same voxels, before and after swapped, in reverse order — a
     * view over this diff's arrays, so undoing an edit of 10⁸ voxels needs no second copy. This
     * diff must not grow afterwards (a diff in the history never does).
     */
    public VoxelDiff inverse() {
        VoxelDiff d = new VoxelDiff();
        d.index = index;
        d.n = n;
        d.runAt = runAt;
        d.runFrom = runFrom;
        d.runTo = runTo;
        d.runs = runs;
        d.reversed = !reversed;
        return d;
    }

    private int[] bounds; // cached: {min x, y, z, max x, y, z}
    private int boundsSx = -1, boundsSy = -1;

    /**
     * The box-local bounding box of the changed voxels, {min x, y, z, max x, y, z} (a box of
     * {@code sx} by {@code sy} voxels per section), or null when empty. Kept once computed: a
     * worker computes it for a big edit (10⁸ voxels take seconds) before the window asks about it.
     */
    public int[] bounds(int sx, int sy) {
        if (n == 0) return null;
        if (bounds != null && boundsSx == sx && boundsSy == sy) return bounds.clone();
        int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        long plane = (long) sx * sy;
        for (int i = 0; i < n; i++) {
            long v = index.get(i);
            int z = (int) (v / plane), rem = (int) (v - z * plane), y = rem / sx, x = rem - y * sx;
            if (x < b[0]) b[0] = x;
            if (x > b[3]) b[3] = x;
            if (y < b[1]) b[1] = y;
            if (y > b[4]) b[4] = y;
            if (z < b[2]) b[2] = z;
            if (z > b[5]) b[5] = z;
        }
        bounds = b;
        boundsSx = sx;
        boundsSy = sy;
        return b.clone();
    }

    /** Bytes held, for the undo history's memory figure. */
    public long bytes() {
        return index.bytes() + 12L * runAt.length + 48;
    }
}
