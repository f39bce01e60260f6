package org.proofbox.algo;

import java.util.Arrays;

/**
 * Provisional labels of a raster scan with their equivalences: a union-find forest (path halving,
 * union to the smaller root so a root is always the earliest label of its set) plus, per label,
 * the slot it belongs to, its voxel count, its first voxel, border flags and the single adjacent
 * segment slot (or none / many), all merged into the roots by {@link #resolve()}.
 */
final class UnionFind {
    /** {@code adj} values: no adjacent segment seen yet, or more than one. */
    static final int NONE = 0, MANY = -1;
    static final byte BORDER_3D = 1, BORDER_2D = 2;

    int n;
    int[] parent;
    int[] slot;
    long[] size;
    long[] first;
    byte[] flags;
    int[] adj;

    UnionFind(int capacity) {
        capacity = Math.max(capacity, 16);
        parent = new int[capacity];
        slot = new int[capacity];
        size = new long[capacity];
        first = new long[capacity];
        flags = new byte[capacity];
        adj = new int[capacity];
    }

    int create(int s, long firstVoxel) {
        if (n == parent.length) grow();
        int l = n++;
        parent[l] = l;
        slot[l] = s;
        size[l] = 0;
        first[l] = firstVoxel;
        flags[l] = 0;
        adj[l] = NONE;
        return l;
    }

    private void grow() {
        int cap = parent.length * 2;
        parent = Arrays.copyOf(parent, cap);
        slot = Arrays.copyOf(slot, cap);
        size = Arrays.copyOf(size, cap);
        first = Arrays.copyOf(first, cap);
        flags = Arrays.copyOf(flags, cap);
        adj = Arrays.copyOf(adj, cap);
    }

    /**
     * Appends another forest's labels after this one's (label l there becomes l + the old
     * {@code n} here) and returns that offset. Appending slabs in scan order keeps every root the
     * earliest label of its set.
     */
    int append(UnionFind o) {
        int off = n;
        while (parent.length < n + o.n) grow();
        for (int l = 0; l < o.n; l++) parent[off + l] = o.parent[l] + off;
        System.arraycopy(o.slot, 0, slot, off, o.n);
        System.arraycopy(o.size, 0, size, off, o.n);
        System.arraycopy(o.first, 0, first, off, o.n);
        System.arraycopy(o.flags, 0, flags, off, o.n);
        System.arraycopy(o.adj, 0, adj, off, o.n);
        n += o.n;
        return off;
    }

    int find(int x) {
        int[] p = parent;
        while (p[x] != x) {
            p[x] = p[p[x]];
            x = p[x];
        }
        return x;
    }

    int union(int a, int b) {
        a = find(a);
        b = find(b);
        if (a < b) { parent[b] = a; return a; }
        if (b < a) { parent[a] = b; return b; }
        return a;
    }

    static int mergeAdj(int a, int b) {
        if (a == NONE) return b;
        if (b == NONE || a == b) return a;
        return MANY;
    }

    void addAdj(int label, int segmentSlot) {
        adj[label] = mergeAdj(adj[label], segmentSlot);
    }

    /** Folds every label's size, flags and adjacency into its root; afterwards only roots are meaningful. */
    void resolve() {
        for (int l = 0; l < n; l++) {
            int r = find(l);
            if (r == l) continue;
            size[r] += size[l];
            flags[r] |= flags[l];
            adj[r] = mergeAdj(adj[r], adj[l]);
        }
    }
}
