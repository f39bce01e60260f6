package org.proofbox.store;

/**
 * How many z-sections share one slab array of a volume. One array per section of a big box is
 * a young object (1–2 MiB) that every young collection copies while the box loads (pauses of
 * 200–500 ms measured for the raw of a 1024³ box), or a G1 humongous object just over half a
 * region that wastes the rest. A slab of {@value #BYTES} bytes less room for the array's header is
 * humongous, fills its regions whole (a header past a power of two would take a region more), and
 * is allocated in tens of milliseconds — the JVM zeroes it where no safepoint can interrupt it,
 * so a bigger one stops every thread, the window's too, for longer (256 MiB: ~0.5 s here).
 */
final class Slabs {
    /** Bytes of one slab at most (64 MiB). */
    static final int BYTES = 1 << 26;

    private Slabs() {}

    /** Sections per slab for sections of {@code sectionElements} elements of {@code elementBytes} bytes (at least 1). */
    static int sectionsPer(long sectionElements, int elementBytes) {
        return (int) Math.max(1, (BYTES - 64) / Math.max(1, sectionElements * elementBytes));
    }
}
