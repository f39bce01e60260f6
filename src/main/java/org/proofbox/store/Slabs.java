package org.proofbox.store;

import org.proofbox.model.HeapRegion;

/**
 * How many z-sections share one slab array of a volume. One array per section of a big box is
 * a young object (1–2 MiB) that every young collection copies while the box loads (pauses of
 * 200–500 ms measured for the raw of a 1024³ box), or a G1 humongous object just over half a
 * region that wastes the rest. A slab of {@link #BYTES} bytes less room for the array's header is
 * humongous and fills its regions whole (a header past a power of two would take a region more).
 *
 * <p>Why not bigger: the JVM zeroes a new array where no safepoint can interrupt it, so while one
 * slab is allocated every thread that reaches a safepoint — the window's at the next collection —
 * waits. Measured on a 2-core VM with transparent huge pages (docs/BENCHMARKS.md): 64 MiB arrays
 * took 52–290 ms each (0.2–1.2 GB/s: the heap grown for them in pieces the kernel backs slowly),
 * 8 MiB ones ~1 ms (worst 30 ms); without huge pages 8 MiB take ~30 ms, 64 MiB ~290 ms.
 */
final class Slabs {
    /** Bytes of one slab at most: 8 MiB, or one G1 region where regions are bigger (heaps of 32 GiB and more). */
    static final int BYTES = (int) Math.max(1 << 23, Math.min(HeapRegion.BYTES, 1 << 30));

    private Slabs() {}

    /** Sections per slab for sections of {@code sectionElements} elements of {@code elementBytes} bytes (at least 1). */
    static int sectionsPer(long sectionElements, int elementBytes) {
        return (int) Math.max(1, (BYTES - 64) / Math.max(1, sectionElements * elementBytes));
    }
}
