package org.proofbox.store;

import org.proofbox.model.HeapRegion;

/**
 * How many z-sections share one slab array of a volume. One array per section of a big box is
 * a young object (1–2 MiB) that every young collection copies while the box loads (pauses of
 * 200–500 ms measured for the raw of a 1024³ box), or a G1 humongous object just over half a
 * region that wastes the rest. A slab is humongous and takes whole regions.
 *
 * <p>Small, because the JVM zeroes a new array where no safepoint can interrupt it, so while one
 * slab is allocated every thread that reaches a safepoint — the window's at the next collection —
 * waits: in the app on a 2-core VM, 64 MiB slabs held every thread for 100–170 ms again and again
 * while a 1024³ box loaded, 32 MiB ones up to 150 ms, 8 MiB ones not measurably
 * (docs/BENCHMARKS.md). Not too small, because the array's header puts whole-region sizes out of
 * reach: power-of-two sections leave one section of each slab unused (a 1024² section of 2-byte
 * slots in 8 MiB slabs: 3 of 4 used, 0.67 GB of a 1024³ box's labels idle). So a slab is the
 * smallest of 8, 16, 32, 64 MiB (or whole G1 regions where they are bigger) that uses at least
 * 7/8 of its bytes.
 */
final class Slabs {
    /** The smallest slab (8 MiB, or one G1 region where regions are bigger: heaps of 32 GiB and more). */
    static final long MIN_BYTES = Math.max(1L << 23, Math.min(HeapRegion.BYTES, 1L << 30));
    /** The largest slab: 64 MiB, or the smallest where that is bigger. */
    static final long MAX_BYTES = Math.max(1L << 26, MIN_BYTES);
    /** Room for the array's header. */
    private static final long HEADER = 64;

    private Slabs() {}

    /** Sections per slab for sections of {@code sectionElements} elements of {@code elementBytes} bytes (at least 1). */
    static int sectionsPer(long sectionElements, int elementBytes) {
        long section = Math.max(1, sectionElements * elementBytes);
        long slab = MIN_BYTES;
        while (slab < MAX_BYTES && 8 * ((slab - HEADER) / section) * section < 7 * slab) slab *= 2;
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (slab - HEADER) / section));
    }
}
