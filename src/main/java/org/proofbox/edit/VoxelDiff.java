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

    public void add(long voxel, int from, int to) {
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
    public long voxel(int i) { return index[i]; }
    public int before(int i) { return before[i]; }
    public int after(int i) { return after[i]; }

    public boolean isEmpty() {
        return n == 0;
    }

    /** The diff that undoes this one: same voxels, before and after swapped, in reverse order. */
    public VoxelDiff inverse() {
        VoxelDiff d = new VoxelDiff();
        d.index = new long[Math.max(1, n)];
        d.before = new int[Math.max(1, n)];
        d.after = new int[Math.max(1, n)];
        for (int i = 0; i < n; i++) {
            int j = n - 1 - i;
            d.index[i] = index[j];
            d.before[i] = after[j];
            d.after[i] = before[j];
        }
        d.n = n;
        return d;
    }

    /** Bytes held, for the undo history's memory figure. */
    public long bytes() {
        return 16L * index.length + 32;
    }
}
