package org.proofbox.model;

import java.lang.management.ManagementFactory;

/**
 * The G1 collector's heap region size, which decides what a big array costs: an array of more than
 * half a region is "humongous" — placed in the old generation at once, never copied by a young
 * collection — and takes whole regions. {@link LongChunks} and the label and raw slabs are sized
 * from it.
 */
public final class HeapRegion {
    /** Bytes of one G1 heap region, or 0 when the JVM runs another collector (or does not say). */
    public static final long BYTES = regionBytes();

    private HeapRegion() {}

    private static long regionBytes() {
        try {
            var vm = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (vm != null && Boolean.parseBoolean(vm.getVMOption("UseG1GC").getValue())) {
                long region = Long.parseLong(vm.getVMOption("G1HeapRegionSize").getValue());
                if (region >= 1 << 20 && region <= 1 << 30) return region;
            }
        } catch (RuntimeException | LinkageError e) {
            // not HotSpot, or no management module
        }
        return 0;
    }
}
