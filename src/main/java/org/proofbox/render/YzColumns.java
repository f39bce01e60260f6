package org.proofbox.render;

import org.proofbox.store.LabelVolume;
import org.proofbox.store.RawVolume;

/**
 * The values a YZ view shows, gathered for a few neighbouring x at once and kept. A YZ slice
 * reads one voxel per cache line (rows cross sections), so the cost of a slice is its memory
 * latency; the neighbours' values sit in the same cache lines and come almost free. Scrolling
 * through YZ slices one at a time then gathers a block of x ahead once and spreads the kept table
 * on the other frames, as fast as an XY slice; a jump to another slice gathers that column alone
 * (docs/BENCHMARKS.md).
 *
 * <p>Kept while the source (a {@link RawVolume}, or a {@link LabelVolume.Slots} snapshot — a
 * widening makes a new one), its version (bumped by {@link SliceData#changed} on edits), the
 * view's rows and sections and the block are the same. Data still being read is not kept.
 * Not thread-safe: one per renderer.
 */
final class YzColumns {
    /** At most this many neighbouring x per block, and at most this many values kept. */
    static final int BLOCK = 8;
    static final int MAX_VALUES = 1 << 22;

    private Object source;
    private long version;
    private int x0 = -1, width, nr, nz, lastX = Integer.MIN_VALUE;
    private int[] rowsKey = new int[0], zKey = new int[0];
    private int[] vals = new int[0]; // labels: [(k * nr + row) * width + (x - x0)]: a block's values of one voxel side by side
    private byte[] greys = new byte[0]; // the EM, the same way

    int[] values() {
        return vals;
    }

    byte[] greys() {
        return greys;
    }

    /** Values of one (section, row) entry lie this far apart; column x's value is at {@code entry * stride() + lane(x)}. */
    int stride() {
        return width;
    }

    int lane(int x) {
        return x - x0;
    }

    /** Makes column x's table of the EM (section k, row i: entry {@code k * nr + i}) available. */
    void raw(RawVolume vol, int x, int[] rows, int r0, int r1, int[] zs, int nz, boolean keep) {
        int sx = vol.sizeX(), nr = r1 - r0;
        if (hit(vol, 0, x, rows, r0, r1, zs, nz, keep)) return;
        int bw = begin(vol, 0, x, sx, rows, r0, r1, zs, nz, keep), a = x0;
        if (greys.length < bw * nr * nz) greys = new byte[Math.max(1, bw * nr * nz)];
        for (int k = 0, o = 0; k < nz; k++) {
            byte[] p = vol.slab(zs[k]);
            int b = vol.base(zs[k]) + a;
            if (bw == 1) for (int row = 0; row < nr; row++) greys[o++] = p[b + sx * rows[r0 + row]];
            else for (int row = 0; row < nr; row++, o += bw) System.arraycopy(p, b + sx * rows[r0 + row], greys, o, bw);
        }
    }

    /** As {@link #raw}, for the labels' slots ({@code version}: the data's, which edits bump). */
    void labels(LabelVolume.Slots st, long version, int sx, int x, int[] rows, int r0, int r1, int[] zs, int nz, boolean keep) {
        int nr = r1 - r0;
        if (hit(st, version, x, rows, r0, r1, zs, nz, keep)) return;
        int bw = begin(st, version, x, sx, rows, r0, r1, zs, nz, keep);
        for (int k = 0, o = 0; k < nz; k++) {
            int z = zs[k], base = st.base(z) + x0;
            char[] c = st.chars(z);
            int[] a = st.ints(z);
            if (bw == 1 && c != null) for (int row = 0; row < nr; row++) vals[o++] = c[base + sx * rows[r0 + row]];
            else if (bw == 1) for (int row = 0; row < nr; row++) vals[o++] = a[base + sx * rows[r0 + row]];
            else for (int row = 0; row < nr; row++) {
                int b = base + sx * rows[r0 + row];
                if (c != null) for (int i = 0; i < bw; i++) vals[o++] = c[b + i];
                else for (int i = 0; i < bw; i++) vals[o++] = a[b + i];
            }
        }
    }

    private boolean hit(Object src, long ver, int x, int[] rows, int r0, int r1, int[] zs, int nz, boolean keep) {
        boolean same = keep && src == source && ver == version && r1 - r0 == nr && nz == this.nz;
        for (int i = 0; same && i < nr; i++) same = rowsKey[i] == rows[r0 + i];
        for (int k = 0; same && k < nz; k++) same = zKey[k] == zs[k];
        boolean scrolling = same && Math.abs(x - lastX) == 1;
        int from = lastX;
        lastX = x;
        if (same && x >= x0 && x < x0 + width) return true;
        direction = scrolling ? Integer.signum(x - from) : 0;
        return false;
    }

    private int direction; // of the scroll that missed: the block reaches ahead of it

    /**
     * Sets the key for the columns to gather — a block ahead of x when the view scrolls one slice
     * at a time, x alone when it jumps (a block costs more than one column to gather) — and sizes
     * the table; returns the block's width.
     */
    private int begin(Object src, long ver, int x, int sx, int[] rows, int r0, int r1, int[] zs, int nz, boolean keep) {
        int nr = r1 - r0, per = Math.max(1, nr * nz);
        int block = keep && direction != 0 ? Math.max(1, Math.min(BLOCK, MAX_VALUES / per)) : 1;
        x0 = direction < 0 ? Math.max(0, x - block + 1) : x;
        width = Math.min(block, sx - x0);
        if (!(src instanceof RawVolume) && vals.length < width * per) vals = new int[width * per];
        this.nr = nr;
        this.nz = nz;
        if (rowsKey.length < nr) rowsKey = new int[Math.max(nr, 2 * rowsKey.length)];
        if (zKey.length < nz) zKey = new int[Math.max(nz, 2 * zKey.length)];
        System.arraycopy(rows, r0, rowsKey, 0, nr);
        System.arraycopy(zs, 0, zKey, 0, nz);
        source = keep ? src : null;
        version = ver;
        return width;
    }
}
