package org.proofbox.algo;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentIndex;
import org.proofbox.task.Progress;

/**
 * Cross-sections of every segment along x, y and z, for the id-switch check: segment A ending at
 * a section while B starts at the next one over the same footprint (IoU of the two sections), and
 * a segment whose cross-section area jumps by a large factor between adjacent sections. One pass
 * over runs; areas are kept per segment only within its bounding box.
 *
 * <p>A jump is a step: the area is steady over the two sections before it and over the two after
 * it (each pair within {@value #STEADY}×), and the two sections either side of it differ by the
 * jump factor. Geometry ramps instead — a thin sliver before a face almost parallel to the sections
 * grows over several sections — so it is not mistaken for an id switch.
 */
public final class SectionScan {
    /** A ends at {@code section} along {@code axis} and B starts at the next section; box-local coordinates. */
    public record Switch(int slotA, int slotB, int axis, int section, long overlap, double iou, Vec3 at) {}

    /** Area of {@code slot} goes from {@code before} (section - 1) to {@code after} (section) along {@code axis}. */
    public record Jump(int slot, int axis, int section, long before, long after, Vec3 at) {}

    public record Result(List<Switch> switches, List<Jump> jumps) {}

    /** Two adjacent sections are steady when their areas differ by at most this factor. */
    public static final double STEADY = 1.5;

    private SectionScan() {}

    public static Result run(LabelVolume vol, SegmentIndex idx, double minIoU, double jumpFactor, int jumpMinArea, Progress progress) {
        return run(vol, idx, minIoU, jumpFactor, new int[] {jumpMinArea, jumpMinArea, jumpMinArea}, progress);
    }

    /** As above, with the area from which jumps and switches are judged given per axis (sections across x, y, z). */
    public static Result run(LabelVolume vol, SegmentIndex idx, double minIoU, double jumpFactor, int[] jumpMinArea, Progress progress) {
        final int sx = vol.sizeX(), sy = vol.sizeY(), sz = vol.sizeZ();
        final int slots = idx.slotCount();
        final int[] minX = new int[slots], minY = new int[slots], minZ = new int[slots];
        final int[] maxX = new int[slots], maxY = new int[slots], maxZ = new int[slots];
        final int[] offX = new int[slots + 1], offY = new int[slots + 1], offZ = new int[slots + 1];
        for (int s = 0; s < slots; s++) {
            boolean present = s > 0 && idx.voxels(s) > 0;
            minX[s] = present ? idx.min(s, 0) : Integer.MAX_VALUE; maxX[s] = present ? idx.max(s, 0) : -2;
            minY[s] = present ? idx.min(s, 1) : Integer.MAX_VALUE; maxY[s] = present ? idx.max(s, 1) : -2;
            minZ[s] = present ? idx.min(s, 2) : Integer.MAX_VALUE; maxZ[s] = present ? idx.max(s, 2) : -2;
            offX[s + 1] = offX[s] + (present ? maxX[s] - minX[s] + 2 : 0); // +1 for the difference array's end
            offY[s + 1] = offY[s] + (present ? maxY[s] - minY[s] + 1 : 0);
            offZ[s + 1] = offZ[s] + (present ? maxZ[s] - minZ[s] + 1 : 0);
        }
        final long[] areaX = new long[offX[slots]], areaY = new long[offY[slots]], areaZ = new long[offZ[slots]];
        final Long2LongOpenHashMap[] overlap = {new Long2LongOpenHashMap(), new Long2LongOpenHashMap(), new Long2LongOpenHashMap()};
        final Long2LongOpenHashMap[] where = {new Long2LongOpenHashMap(), new Long2LongOpenHashMap(), new Long2LongOpenHashMap()};
        final int[] bufA = new int[sx * sy], bufB = new int[sx * sy];
        LabelVolume.Plane cur = sz > 0 ? vol.section(0, bufA) : null;
        for (int z = 0; z < sz; z++) {
            if ((z & 7) == 0) {
                progress.checkCancelled();
                progress.report((double) z / sz, "section profiles");
            }
            final LabelVolume.Plane nxt = z + 1 < sz ? vol.section(z + 1, cur.a() == bufA ? bufB : bufA) : null;
            final int[] plane = cur.a();
            final int zb = cur.base();
            final int[] next = nxt != null ? nxt.a() : null;
            final int nb = nxt != null ? nxt.base() : 0;
            for (int y = 0; y < sy; y++) {
                final int row = zb + y * sx;
                final int nrow = nb + y * sx;
                int x = 0;
                while (x < sx) {
                    final int s = plane[row + x];
                    int e = x + 1;
                    while (e < sx && plane[row + e] == s) e++;
                    if (s != 0) {
                        int len = e - x;
                        areaZ[offZ[s] + z - minZ[s]] += len;
                        areaY[offY[s] + y - minY[s]] += len;
                        areaX[offX[s] + x - minX[s]] += 1;
                        areaX[offX[s] + e - minX[s]] -= 1;
                        if (z == maxZ[s] && next != null) {
                            for (int i = x; i < e; i++) {
                                int t = next[nrow + i];
                                if (t != 0 && t != s && minZ[t] == z + 1) count(overlap[2], where[2], s, t, i, y, z);
                            }
                        }
                        if (y == maxY[s] && y + 1 < sy) {
                            for (int i = x; i < e; i++) {
                                int t = plane[row + sx + i];
                                if (t != 0 && t != s && minY[t] == y + 1) count(overlap[1], where[1], s, t, i, y, z);
                            }
                        }
                        if (e - 1 == maxX[s] && e < sx) {
                            int t = plane[row + e];
                            if (t != 0 && minX[t] == e) count(overlap[0], where[0], s, t, e - 1, y, z);
                        }
                    }
                    x = e;
                }
            }
            cur = nxt;
        }
        for (int s = 1; s < slots; s++) { // difference array → areas per x section
            long run = 0;
            for (int i = offX[s]; i < offX[s + 1]; i++) { run += areaX[i]; areaX[i] = run; }
        }
        List<Switch> switches = new ArrayList<>();
        long[][] areas = {areaX, areaY, areaZ};
        int[][] offs = {offX, offY, offZ};
        int[][] mins = {minX, minY, minZ};
        int[][] maxs = {maxX, maxY, maxZ};
        for (int axis = 0; axis < 3; axis++) {
            for (var entry : overlap[axis].long2LongEntrySet()) {
                int a = (int) (entry.getLongKey() >>> 32), b = (int) entry.getLongKey();
                long ov = entry.getLongValue();
                long lastA = areas[axis][offs[axis][a] + maxs[axis][a] - mins[axis][a]];
                long firstB = areas[axis][offs[axis][b]];
                double iou = (double) ov / (lastA + firstB - ov);
                if (iou > minIoU && ov >= jumpMinArea[axis]) { // small shared faces of touching cells are geometry
                    switches.add(new Switch(a, b, axis, maxs[axis][a], ov, iou, ComponentScan.unpack(where[axis].get(entry.getLongKey()))));
                }
            }
        }
        List<Jump> jumps = new ArrayList<>();
        for (int s = 1; s < slots; s++) {
            if (idx.voxels(s) == 0) continue;
            for (int axis = 0; axis < 3; axis++) {
                int off = offs[axis][s], lo = mins[axis][s], hi = maxs[axis][s];
                double worst = 0;
                int at = -1;
                for (int k = lo + 2; k + 1 <= hi; k++) { // step between sections k-1 and k
                    long a1 = areas[axis][off + k - 2 - lo], a2 = areas[axis][off + k - 1 - lo];
                    long b1 = areas[axis][off + k - lo], b2 = areas[axis][off + k + 1 - lo];
                    if (!steady(a1, a2) || !steady(b1, b2)) continue;
                    double small = Math.min(a2, b1), big = Math.max(a2, b1); // the step itself, between adjacent sections
                    if (big >= jumpMinArea[axis] && big >= jumpFactor * small && big / small > worst) {
                        worst = (double) big / small;
                        at = k;
                    }
                }
                if (at >= 0) {
                    long before = areas[axis][off + at - 1 - lo], after = areas[axis][off + at - lo];
                    Vec3 v = findVoxel(vol, s, axis, before > after ? at - 1 : at, idx);
                    jumps.add(new Jump(s, axis, at, before, after, v));
                }
            }
        }
        progress.report(1, "section profiles");
        return new Result(switches, jumps);
    }

    private static boolean steady(long a, long b) {
        return a > 0 && b > 0 && Math.max(a, b) <= STEADY * Math.min(a, b);
    }

    private static void count(Long2LongOpenHashMap overlap, Long2LongOpenHashMap where, int a, int b, int x, int y, int z) {
        long key = ((long) a << 32) | b;
        if (overlap.addTo(key, 1) == 0) where.put(key, ComponentScan.pack(x, y, z));
    }

    /** A voxel of {@code slot} in section {@code coord} along {@code axis}, searched within its bounding box. */
    static Vec3 findVoxel(LabelVolume vol, int slot, int axis, int coord, SegmentIndex idx) {
        int x0 = idx.min(slot, 0), x1 = idx.max(slot, 0), y0 = idx.min(slot, 1), y1 = idx.max(slot, 1), z0 = idx.min(slot, 2), z1 = idx.max(slot, 2);
        if (axis == 0) { x0 = coord; x1 = coord; }
        if (axis == 1) { y0 = coord; y1 = coord; }
        if (axis == 2) { z0 = coord; z1 = coord; }
        for (int z = z0; z <= z1; z++) {
            for (int y = y0; y <= y1; y++) for (int x = x0; x <= x1; x++) if (vol.slotAt(x, y, z) == slot) return new Vec3(x, y, z);
        }
        return new Vec3(x0, y0, z0);
    }
}
