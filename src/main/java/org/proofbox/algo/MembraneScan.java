package org.proofbox.algo;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;
import org.proofbox.task.Progress;

/**
 * How membranes are drawn in the box, and where two segments touch directly. Along x, every
 * boundary between two segments is either a direct contact (A next to B) or a thin unlabelled gap
 * (A, 1–{@value #MAX_GAP} zeros, B); the majority decides the box's style. Direct contacts are
 * counted as voxel faces along all three axes and summed per pair of segments.
 */
public final class MembraneScan {
    /** Thickest unlabelled run still taken for a membrane when deciding the style. */
    public static final int MAX_GAP = 3;

    /** Segments {@code slotA} < {@code slotB} share {@code faces} voxel faces; {@code at} is a voxel of A on the contact. */
    public record Contact(int slotA, int slotB, long faces, Vec3 at) {}

    /** {@code gapStyle}: membranes are unlabelled gaps; the counts are boundary events along x. */
    public record Result(boolean gapStyle, long directX, long gapX, List<Contact> contacts) {}

    private MembraneScan() {}

    public static Result run(LabelVolume vol, Progress progress) {
        final int sx = vol.sizeX(), sy = vol.sizeY(), sz = vol.sizeZ();
        final Long2LongOpenHashMap faces = new Long2LongOpenHashMap();
        final Long2LongOpenHashMap where = new Long2LongOpenHashMap();
        long directX = 0, gapX = 0;
        final int[] bufA = new int[sx * sy], bufB = new int[sx * sy];
        LabelVolume.Plane cur = sz > 0 ? vol.section(0, bufA) : null;
        for (int z = 0; z < sz; z++) {
            if ((z & 7) == 0) {
                progress.checkCancelled();
                progress.report((double) z / sz, "membranes");
            }
            final LabelVolume.Plane nxt = z + 1 < sz ? vol.section(z + 1, cur.a() == bufA ? bufB : bufA) : null;
            final int[] plane = cur.a();
            final int zb = cur.base();
            final int[] next = nxt != null ? nxt.a() : null;
            final int nb = nxt != null ? nxt.base() : 0;
            for (int y = 0; y < sy; y++) {
                final int row = zb + y * sx;
                // along x: runs
                int prevSlot = 0, prevEnd = -1, gapLen = 0; // last segment run and the zeros after it
                int x = 0;
                while (x < sx) {
                    int s = plane[row + x];
                    int e = x + 1;
                    while (e < sx && plane[row + e] == s) e++;
                    if (s == 0) {
                        gapLen = prevSlot != 0 && prevEnd == x ? e - x : MAX_GAP + 1;
                    } else {
                        if (prevSlot != 0 && prevSlot != s) {
                            if (prevEnd == x) {
                                directX++;
                                add(faces, where, prevSlot, s, x - 1, y, z, 1);
                            } else if (gapLen <= MAX_GAP && prevEnd + gapLen == x) {
                                gapX++;
                            }
                        }
                        prevSlot = s;
                        prevEnd = e;
                        gapLen = 0;
                    }
                    x = e;
                }
                // along y and z: compare with the row below and the section above, aggregating equal pairs
                if (y + 1 < sy) scanPairs(plane, row, plane, row + sx, sx, y, z, faces, where);
                if (next != null) scanPairs(plane, row, next, nb + y * sx, sx, y, z, faces, where);
            }
            cur = nxt;
        }
        boolean gapStyle = gapX > directX;
        List<Contact> contacts = new ArrayList<>();
        for (var e : faces.long2LongEntrySet()) {
            int a = (int) (e.getLongKey() >>> 32), b = (int) e.getLongKey();
            contacts.add(new Contact(a, b, e.getLongValue(), ComponentScan.unpack(where.get(e.getLongKey()))));
        }
        progress.report(1, "membranes");
        return new Result(gapStyle, directX, gapX, contacts);
    }

    private static void scanPairs(int[] p, int rowP, int[] q, int rowQ, int sx, int y, int z, Long2LongOpenHashMap faces,
                                  Long2LongOpenHashMap where) {
        int lastA = 0, lastB = 0, runStart = 0, runLen = 0;
        for (int x = 0; x < sx; x++) {
            int a = p[rowP + x], b = q[rowQ + x];
            if (a == b || a == 0 || b == 0) continue;
            if (a == lastA && b == lastB && runStart + runLen == x) {
                runLen++;
                continue;
            }
            if (runLen > 0) add(faces, where, lastA, lastB, runStart, y, z, runLen);
            lastA = a;
            lastB = b;
            runStart = x;
            runLen = 1;
        }
        if (runLen > 0) add(faces, where, lastA, lastB, runStart, y, z, runLen);
    }

    private static void add(Long2LongOpenHashMap faces, Long2LongOpenHashMap where, int a, int b, int x, int y, int z, long n) {
        long key = a < b ? ((long) a << 32) | b : ((long) b << 32) | a;
        if (faces.addTo(key, n) == 0) where.put(key, ComponentScan.pack(x, y, z));
    }
}
