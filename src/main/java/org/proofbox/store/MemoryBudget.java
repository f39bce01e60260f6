package org.proofbox.store;

import java.nio.file.Path;
import java.util.Locale;
import org.proofbox.io.ExportException;
import org.proofbox.model.Box3;

/**
 * Says before allocating whether a box fits in the Java heap: an estimate (labels at 2 bytes per
 * voxel, the edit bitmap, the index) compared with what the heap can still give, refused in one
 * line with both figures rather than an {@code OutOfMemoryError} halfway through reading.
 */
public final class MemoryBudget {
    private MemoryBudget() {}

    /**
     * Bytes the labels of {@code box} take in memory with their index and edit bitmap, as 2-byte
     * slots (a box of more than 65 535 segments widens to 4 and is checked again then).
     */
    public static long labelBytes(Box3 box) {
        long voxels = box.size().volume();
        return voxels * 2 + voxels / 8 + (1L << 20);
    }

    /** Throws, naming {@code file}, when {@code bytes} for {@code what} cannot fit in the heap that is left. */
    public static void require(long bytes, String what, Path file) throws ExportException {
        require(bytes, what, null, file);
    }

    /** As {@link #require(long, String, Path)}, the estimate's parts ({@code breakdown}) said after the total. */
    public static void require(long bytes, String what, String breakdown, Path file) throws ExportException {
        if (fits(bytes)) return;
        Runtime rt = Runtime.getRuntime();
        long free = free();
        long heap = (long) Math.ceil((rt.maxMemory() - free + bytes * 1.2) / (double) (1L << 30));
        long machine = physicalMemory();
        String advice;
        if (machine > 0 && heap * (1L << 30) > machine * 0.85) advice = "more than this machine's " + human(machine) + ": review a smaller box";
        else if (machine > 0 && heap * (1L << 30) <= machine * 0.7 && rt.maxMemory() < machine * 0.5) {
            advice = String.format(Locale.ROOT, "Java uses %.0f %% of this machine's %s; start it with -XX:MaxRAMPercentage=70 (as the README's command does) or review a smaller box",
                100.0 * rt.maxMemory() / machine, human(machine));
        } else advice = String.format(Locale.ROOT, "start it with a larger heap (java -Xmx%dg …) or review a smaller box", Math.max(2, heap));
        throw new ExportException(file, String.format(Locale.ROOT, "%s needs about %s of memory%s, but Java can give only %s more (90 %% of the %s left of %s): %s",
            what, human(bytes), breakdown == null ? "" : " (" + breakdown + ")", human((long) (free * 0.9)), human(free), human(rt.maxMemory()), advice));
    }

    /** What the heap can still give now, in bytes. */
    public static long free() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Whether {@code bytes} fit in 90 % of what the heap can still give (after a collection, if not at first). */
    public static boolean fits(long bytes) {
        if (bytes <= free() * 0.9) return true;
        System.gc();
        return bytes <= free() * 0.9;
    }

    /** The machine's memory in bytes, or 0 when the JVM does not say. */
    static long physicalMemory() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    public static String human(long bytes) {
        if (bytes >= 1L << 40) return String.format(Locale.ROOT, "%.1f TiB", bytes / (double) (1L << 40));
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        return String.format(Locale.ROOT, "%.0f MiB", Math.ceil(bytes / (double) (1L << 20)));
    }
}
