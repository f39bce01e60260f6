package org.proofbox.edit;

import java.util.Arrays;

/**
 * A sparse change of labels: for each changed voxel its box-local linear index
 * ({@code x + sx * (y + sy * z)}) and its slot before and after. Memory is 16 bytes per changed
 * voxel, nothing for the rest of the box. Slots, not ids, because every id of the box has one and
 * slots are never reused, so a diff stays valid for the life of the volume.
 */
public final class VoxelDiff {
    private long[] index = new long[16];
    private int[] before = new int[16], after = new int[16];
    private int n;
    private boolean reversed; // a view of another diff's arrays: read from the end, before and after swapped

    public void add(long voxel, int from, int to) {
        if (reversed) throw new IllegalStateException("an inverse is a view: it does not grow");
        if (from == to) return;
        if (n == index.length) {
            int cap = n * 2;
            index = Arrays.copyOf(index, cap);
            before = Arrays.copyOf(before, cap);
            after = Arrays.copyOf(after, cap);
        }
        index[n] = voxel;
        before[n] = from;
        after[n] = to;
        n++;
    }

    public int size() { return n; }
    public long voxel(int i) { return index[reversed ? n - 1 - i : i]; }
    public int before(int i) { return reversed ? after[n - 1 - i] : before[i]; }
    public int after(int i) { return reversed ? before[n - 1 - i] : after[i]; }

    public boolean isEmpty() {
        return n == 0;
    }

    /**
     * The diff that undoes this one: same voxels, before and after swapped, in reverse order — a
     * view over this diff's arrays, so undoing an edit of 10⁸ voxels needs no second 1.6 GB. This
     * diff must not grow afterwards (a diff in the history never does).
     */
    public VoxelDiff inverse() {
        VoxelDiff d = new VoxelDiff();
        d.index = index;
        d.before = before;
        d.after = after;
        d.n = n;
        d.reversed = !reversed;
        return d;
    }

    /** Bytes held, for the undo history's memory figure. */
    public long bytes() {
        return 16L * index.length + 32;
    }
}
