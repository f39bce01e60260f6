package org.proofbox.algo;

import java.util.ArrayList;
import java.util.List;
import org.proofbox.model.Connectivity;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LabelVolume;
import org.proofbox.task.Progress;

/**
 * Unlabelled regions too thick to be membrane. The background is eroded by a box of radius
 * {@code maxMembraneNm} (per axis, in voxels of that axis' size): what survives lies farther than
 * that from every label along some axis-aligned box, i.e. a part of the box nobody annotated.
 * Each connected piece of the survivors is one gap. Outside the box counts as background, so a
 * region open to the border is judged by its thickness inside the box.
 */
public final class CoverageScan {
    /** A thick unlabelled region: {@code voxels} is the size of its core (the part beyond membrane distance). */
    public record Gap(long voxels, Vec3 at) {}

    private CoverageScan() {}

    public static int[] radius(VoxelSize vs, double maxMembraneNm) {
        return new int[] {Math.max(1, (int) Math.round(maxMembraneNm / vs.x())), Math.max(1, (int) Math.round(maxMembraneNm / vs.y())),
            Math.max(1, (int) Math.round(maxMembraneNm / vs.z()))};
    }

    public static List<Gap> run(LabelVolume vol, int[] r, Progress progress) {
        final int sx = vol.sizeX(), sy = vol.sizeY(), sz = vol.sizeZ(), n = sx * sy;
        final int rx = r[0], ry = r[1], rz = r[2];
        final LabelVolume.Slots slots = vol.slots();
        final Rows[] eroded = new Rows[sz]; // per section, after x and y: null = nothing survived
        final Rows xRows = new Rows(sy);
        final int[] emptyBefore = new int[sy + 1];
        for (int z = 0; z < sz; z++) {
            if ((z & 7) == 0) {
                progress.checkCancelled();
                progress.report(0.8 * z / sz, "coverage");
            }
            final char[] c = slots.chars(z); // the slots as they are, 2 or 4 bytes: no copy of the section
            final int[] w = slots.ints(z);
            final int zb = slots.base(z);
            // x: a background run keeps its voxels at least rx from both ends (or from a box edge, which is open)
            xRows.clear();
            for (int y = 0; y < sy; y++) {
                int src = zb + y * sx, x = 0;
                while (x < sx) {
                    if (c != null) { while (x < sx && c[src + x] != 0) x++; } else { while (x < sx && w[src + x] != 0) x++; }
                    if (x == sx) break;
                    int e = x + 1;
                    if (c != null) { while (e < sx && c[src + e] == 0) e++; } else { while (e < sx && w[src + e] == 0) e++; }
                    int a = x == 0 ? 0 : x + rx, b = e == sx ? sx : e - rx;
                    if (a < b) xRows.add(a, b);
                    x = e;
                }
                xRows.endRow();
            }
            // y: a voxel stays if it stayed in every row within ry (inside the section)
            for (int y = 0; y < sy; y++) emptyBefore[y + 1] = emptyBefore[y] + (xRows.isEmpty(y) ? 1 : 0);
            Rows out = null;
            for (int y = 0; y < sy; y++) {
                int lo = Math.max(0, y - ry), hi = Math.min(sy - 1, y + ry);
                if (emptyBefore[hi + 1] - emptyBefore[lo] == 0) {
                    if (out == null) { out = new Rows(sy); for (int k = 0; k < y; k++) out.endRow(); }
                    out.intersection(xRows, lo, hi);
                }
                if (out != null) out.endRow();
            }
            eroded[z] = out == null || out.total() == 0 ? null : out;
        }
        // z: the same over the sections; survivors become a mask only where there are any
        final byte[][] mask = new byte[sz][];
        boolean any = false;
        Rows one = new Rows(1);
        for (int z = 0; z < sz; z++) {
            int lo = Math.max(0, z - rz), hi = Math.min(sz - 1, z + rz);
            boolean all = true;
            for (int k = lo; k <= hi && all; k++) all = eroded[k] != null;
            if (!all) continue;
            byte[] m = null;
            for (int y = 0; y < sy; y++) {
                one.clear();
                one.intersectionAcross(eroded, lo, hi, y);
                for (int i = 0; i < one.count(0); i++) {
                    if (m == null) m = new byte[n];
                    java.util.Arrays.fill(m, y * sx + one.start(0, i), y * sx + one.end(0, i), (byte) 1);
                }
            }
            mask[z] = m;
            any |= m != null;
        }
        if (!any) { // the usual case of a dense box: no thick unlabelled region at all
            progress.report(1, "coverage");
            return List.of();
        }
        final int[] buf = new int[n];
        ComponentScan.Result res = ComponentScan.run(new ComponentScan.Sections() {
            @Override public int[] array(int z) {
                byte[] m = mask[z];
                if (m == null) java.util.Arrays.fill(buf, 0);
                else for (int i = 0; i < n; i++) buf[i] = m[i];
                return buf;
            }
            @Override public int base(int z) { return 0; }
        }, sx, sy, sz, 2, Connectivity.SIX, progress.sub(0.8, 1.0));
        List<Gap> gaps = new ArrayList<>();
        for (Component c : res.components()) gaps.add(new Gap(c.voxels(), c.first()));
        return gaps;
    }

    /**
     * Half-open x intervals [start, end) per row of a section, rows appended in order: the
     * survivors of an erosion, which are few — a dense box keeps almost none — so the y and z
     * passes cost what survives, not the section.
     */
    static final class Rows {
        private int[] iv = new int[64];
        private int n;              // ints used in iv (two per interval)
        private int[] rowEnd;       // rowEnd[y]: end (in iv) of row y's intervals
        private int rows;

        Rows(int sy) {
            rowEnd = new int[sy];
        }

        void clear() { n = 0; rows = 0; }
        int total() { return n / 2; }
        private int from(int y) { return y == 0 ? 0 : rowEnd[y - 1]; }
        boolean isEmpty(int y) { return from(y) == rowEnd[y]; }
        int count(int y) { return (rowEnd[y] - from(y)) / 2; }
        int start(int y, int i) { return iv[from(y) + 2 * i]; }
        int end(int y, int i) { return iv[from(y) + 2 * i + 1]; }

        void add(int a, int b) {
            if (n + 2 > iv.length) iv = java.util.Arrays.copyOf(iv, iv.length * 2);
            iv[n++] = a;
            iv[n++] = b;
        }

        void endRow() {
            if (rows == rowEnd.length) rowEnd = java.util.Arrays.copyOf(rowEnd, rows * 2);
            rowEnd[rows++] = n;
        }

        /** Appends to the open row the intersection of rows lo..hi of {@code src}. */
        void intersection(Rows src, int lo, int hi) {
            int mark = n;
            for (int i = 0; i < src.count(lo); i++) add(src.start(lo, i), src.end(lo, i));
            for (int y = lo + 1; y <= hi && n > mark; y++) n = intersect(mark, src, y);
        }

        /** Appends to the open row the intersection of row y of sections lo..hi. */
        void intersectionAcross(Rows[] secs, int lo, int hi, int y) {
            int mark = n;
            for (int i = 0; i < secs[lo].count(y); i++) add(secs[lo].start(y, i), secs[lo].end(y, i));
            for (int z = lo + 1; z <= hi && n > mark; z++) n = intersect(mark, secs[z], y);
            rows = 0;
            endRow();
        }

        /** Intersects the intervals from {@code mark} with row y of {@code other}, in place; the new end. */
        private int intersect(int mark, Rows other, int y) {
            int[] cur = java.util.Arrays.copyOfRange(iv, mark, n);
            n = mark;
            int i = 0, j = 0, m = other.count(y);
            while (i < cur.length && j < m) {
                int a = Math.max(cur[i], other.start(y, j)), b = Math.min(cur[i + 1], other.end(y, j));
                if (a < b) add(a, b); // k and m intervals can intersect in up to k + m - 1
                if (cur[i + 1] < other.end(y, j)) i += 2; else j++;
            }
            return n;
        }
    }
}
