package org.proofbox.model;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * One bit per voxel of a box (linear index, x fastest), in pages of {@value #PAGE_BITS} bits made
 * when a bit in them is first set: the editor's "changed since the last save" map. One array for
 * the whole box (128 MiB for 1024³) was allocated when the box opened — zeroed by the JVM where no
 * safepoint can interrupt it, a stop of every thread, the window's too, of up to 0.3 s measured
 * (docs/BENCHMARKS.md) — and held whether or not anything was edited. Not thread-safe.
 */
public final class VoxelBits {
    /** Bits per page (2²³: 1 MiB of longs). */
    public static final int PAGE_BITS = 1 << 23;
    private static final int PAGE_WORDS = PAGE_BITS >>> 6;

    private final long size;
    private final long[][] pages;

    /** Bits for {@code size} voxels, all clear. */
    public VoxelBits(long size) {
        if (size < 0) throw new IllegalArgumentException("negative size " + size);
        this.size = size;
        long n = (size + PAGE_BITS - 1) / PAGE_BITS;
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many voxels: " + size);
        this.pages = new long[(int) n][];
    }

    public long size() {
        return size;
    }

    public void set(long v) {
        check(v);
        int p = (int) (v / PAGE_BITS);
        long[] page = pages[p];
        if (page == null) page = pages[p] = new long[PAGE_WORDS];
        int bit = (int) (v - (long) p * PAGE_BITS);
        page[bit >>> 6] |= 1L << bit;
    }

    public boolean get(long v) {
        check(v);
        int p = (int) (v / PAGE_BITS);
        long[] page = pages[p];
        int bit = (int) (v - (long) p * PAGE_BITS);
        return page != null && (page[bit >>> 6] & (1L << bit)) != 0;
    }

    /** All bits clear again; the pages are dropped. */
    public void clear() {
        Arrays.fill(pages, null);
    }

    /** Number of set bits. */
    public long count() {
        long n = 0;
        for (long[] page : pages) if (page != null) for (long w : page) n += Long.bitCount(w);
        return n;
    }

    /** Calls {@code f} with every set bit's index, ascending. */
    public void forEachSet(LongConsumer f) {
        for (int p = 0; p < pages.length; p++) {
            long[] page = pages[p];
            if (page == null) continue;
            long base = (long) p * PAGE_BITS;
            for (int w = 0; w < page.length; w++) {
                long bits = page[w];
                while (bits != 0) {
                    int b = Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    f.accept(base + ((long) w << 6) + b);
                }
            }
        }
    }

    /** Bytes the pages hold. */
    public long bytes() {
        long n = 0;
        for (long[] page : pages) if (page != null) n += 8L * page.length + 16;
        return n + 8L * pages.length;
    }

    private void check(long v) {
        if (v < 0 || v >= size) throw new IndexOutOfBoundsException("voxel " + v + " outside 0 … " + (size - 1));
    }
}
