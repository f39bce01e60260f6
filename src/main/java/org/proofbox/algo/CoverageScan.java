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
        final byte[][] mask = new byte[sz][];
        final byte[] tmp = new byte[n];
        final int[] zeros = new int[sx];
        final int[] scratch = new int[n];
        for (int z = 0; z < sz; z++) {
            if ((z & 7) == 0) {
                progress.checkCancelled();
                progress.report(0.6 * z / sz, "coverage");
            }
            LabelVolume.Plane sec = vol.section(z, scratch);
            int[] plane = sec.a();
            int zb = sec.base();
            byte[] m = null;
            // x: a background run keeps its voxels at least rx from both ends (or from a box edge, which is open)
            for (int y = 0; y < sy; y++) {
                int row = y * sx, src = zb + row, x = 0;
                while (x < sx) {
                    if (plane[src + x] != 0) { x++; continue; }
                    int e = x + 1;
                    while (e < sx && plane[src + e] == 0) e++;
                    int a = x == 0 ? 0 : x + rx, b = e == sx ? sx : e - rx;
                    if (a < b) {
                        if (m == null) m = new byte[n];
                        for (int i = a; i < b; i++) m[row + i] = 1;
                    }
                    x = e;
                }
            }
            if (m != null && !erodeY(m, tmp, zeros, sx, sy, ry)) m = null; // nothing survived: hold no plane (memory ∝ the survivors)
            mask[z] = m;
        }
        erodeZ(mask, sx, sy, sz, rz);
        final int[] buf = new int[n];
        ComponentScan.Result res = ComponentScan.run(new ComponentScan.Sections() {
            @Override public int[] array(int z) {
                byte[] m = mask[z];
                if (m == null) java.util.Arrays.fill(buf, 0);
                else for (int i = 0; i < n; i++) buf[i] = m[i];
                return buf;
            }
            @Override public int base(int z) { return 0; }
        }, sx, sy, sz, 2, Connectivity.SIX, progress.sub(0.6, 1.0));
        List<Gap> gaps = new ArrayList<>();
        for (Component c : res.components()) gaps.add(new Gap(c.voxels(), c.first()));
        return gaps;
    }

    /** In place: a voxel stays 1 only if every voxel within ry along y (inside the section) is 1. Whether any stayed. */
    private static boolean erodeY(byte[] m, byte[] tmp, int[] zeros, int sx, int sy, int ry) {
        boolean any = false;
        System.arraycopy(m, 0, tmp, 0, sx * sy);
        java.util.Arrays.fill(zeros, 0);
        for (int y = 0; y < Math.min(sy, ry); y++) for (int x = 0; x < sx; x++) zeros[x] += 1 - tmp[y * sx + x];
        for (int y = 0; y < sy; y++) {
            int add = y + ry, drop = y - ry - 1;
            if (add < sy) for (int x = 0; x < sx; x++) zeros[x] += 1 - tmp[add * sx + x];
            if (drop >= 0) for (int x = 0; x < sx; x++) zeros[x] -= 1 - tmp[drop * sx + x];
            int row = y * sx;
            for (int x = 0; x < sx; x++) {
                boolean keep = tmp[row + x] == 1 && zeros[x] == 0;
                m[row + x] = (byte) (keep ? 1 : 0);
                any |= keep;
            }
        }
        return any;
    }

    /**
     * The same along z over the sections (null = all zero), keeping the originals of the window
     * only: a section's original is let go once the window has passed it, and an eroded section
     * is allocated only when something in it survives.
     */
    private static void erodeZ(byte[][] mask, int sx, int sy, int sz, int rz) {
        int n = sx * sy;
        byte[][] orig = mask.clone();
        int[] zeros = new int[n];
        for (int z = 0; z < Math.min(sz, rz); z++) addZeros(zeros, orig[z], n, 1);
        for (int z = 0; z < sz; z++) {
            int add = z + rz, drop = z - rz - 1;
            if (add < sz) addZeros(zeros, orig[add], n, 1);
            if (drop >= 0) {
                addZeros(zeros, orig[drop], n, -1);
                orig[drop] = null;
            }
            if (orig[z] == null) continue;
            byte[] out = null, o = orig[z];
            for (int i = 0; i < n; i++) {
                if (o[i] == 1 && zeros[i] == 0) {
                    if (out == null) out = new byte[n];
                    out[i] = 1;
                }
            }
            mask[z] = out;
        }
    }

    private static void addZeros(int[] zeros, byte[] m, int n, int sign) {
        if (m == null) { for (int i = 0; i < n; i++) zeros[i] += sign; return; }
        for (int i = 0; i < n; i++) zeros[i] += sign * (1 - m[i]);
    }
}
