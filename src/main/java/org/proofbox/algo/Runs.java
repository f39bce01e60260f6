package org.proofbox.algo;

import java.util.Arrays;

/**
 * One z-section cut into runs of equal slots along x, row by row: the unit the component scan
 * works on, so that per-voxel work is a single compare. Arrays grow as needed and are reused.
 */
final class Runs {
    int n;
    int[] start, end, slot, label;
    final int[] rowFirst; // runs of row y are [rowFirst[y], rowFirst[y + 1])

    Runs(int sx, int sy) {
        int cap = Math.max(64, sx * sy / 8);
        start = new int[cap];
        end = new int[cap];
        slot = new int[cap];
        label = new int[cap];
        rowFirst = new int[sy + 1];
    }

    /** The runs of a section of 4-byte slots. */
    void build(int[] plane, int zb, int sx, int sy) {
        build(null, plane, zb, sx, sy);
    }

    /** The runs of a section held as 2-byte slots ({@code chars}) or 4-byte ones ({@code plane}; the other null). */
    void build(char[] chars, int[] plane, int zb, int sx, int sy) {
        int k = 0;
        for (int y = 0; y < sy; y++) {
            rowFirst[y] = k;
            int base = zb + y * sx;
            if (k + sx > start.length) grow(k + sx);
            int[] st = start, en = end, sl = slot;
            int x = 0;
            while (x < sx) {
                int s, e = x + 1;
                if (chars != null) { // per run, not per voxel
                    s = chars[base + x];
                    while (e < sx && chars[base + e] == s) e++;
                } else {
                    s = plane[base + x];
                    while (e < sx && plane[base + e] == s) e++;
                }
                st[k] = x;
                en[k] = e;
                sl[k] = s;
                k++;
                x = e;
            }
        }
        rowFirst[sy] = k;
        n = k;
    }

    /** An independent copy (the scan reuses its two Runs; a parallel scan keeps each slab's first section). */
    Runs copy() {
        Runs c = new Runs(1, rowFirst.length - 1);
        c.n = n;
        c.start = Arrays.copyOf(start, n);
        c.end = Arrays.copyOf(end, n);
        c.slot = Arrays.copyOf(slot, n);
        c.label = Arrays.copyOf(label, n);
        System.arraycopy(rowFirst, 0, c.rowFirst, 0, rowFirst.length);
        return c;
    }

    private void grow(int need) {
        int cap = Math.max(need, start.length * 2);
        start = Arrays.copyOf(start, cap);
        end = Arrays.copyOf(end, cap);
        slot = Arrays.copyOf(slot, cap);
        label = Arrays.copyOf(label, cap);
    }
}
