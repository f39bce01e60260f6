package org.proofbox.algo;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import org.proofbox.model.Connectivity;
import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;
import org.proofbox.task.Progress;

/**
 * Connected components of every segment and of the background in one raster pass over runs.
 *
 * <p>Each section is cut into runs ({@link Runs}); runs are linked to overlapping runs of the
 * previous row (pass 1, within the section) and of the previous section (pass 2), through a
 * union-find forest of provisional labels. Segments use the requested connectivity; the background
 * uses the dual one (6 in 3D, 4 within a section) so that a 26-connected wall really encloses.
 * Only two sections of runs are kept, never a label volume, so memory stays proportional to a
 * section. While linking, every background label records which segment touches it (one, none or
 * many) and whether it reaches the box border; a background component that does not reach the
 * border and touches exactly one segment is a hole of that segment. The same bookkeeping, taken
 * after pass 1 of each section, gives the 2D holes of that section.
 */
public final class ComponentScan {
    private final Sections planes;
    private final int slotCount;
    private final Connectivity conn;
    private final int sx, sy, sz;
    private final UnionFind uf;
    private final List<long[]> holes2d = new ArrayList<>(); // {label, slot, voxels, first, z}
    private long[] tmpSize = new long[64];
    private int[] tmpAdj = new int[64];
    private byte[] tmpFlags = new byte[64];

    /** Where the scan reads section z: {@code array(z)} from index {@code base(z)}, x fastest. */
    interface Sections {
        /** Section z's 4-byte slots, or null when {@link #chars} holds it. */
        int[] array(int z);

        /** Section z's 2-byte slots, or null. */
        default char[] chars(int z) {
            return null;
        }

        int base(int z);
    }

    private ComponentScan(Sections planes, int sx, int sy, int sz, int slotCount, Connectivity conn) {
        this.planes = planes;
        this.slotCount = slotCount;
        this.conn = conn;
        this.sx = sx;
        this.sy = sy;
        this.sz = sz;
        this.uf = new UnionFind(1 << 16);
    }

    /** Result of a scan: components of every segment slot, 3D holes and the 2D holes not part of a 3D one. */
    public record Result(List<Component> components, int[] componentCount, List<Hole> holes, List<Background> background,
                         Connectivity connectivity) {
        /** Components of one slot, largest first. */
        public List<Component> of(int slot) {
            List<Component> out = new ArrayList<>();
            for (Component c : components) if (c.slot() == slot) out.add(c);
            out.sort((a, b) -> Long.compare(b.voxels(), a.voxels()));
            return out;
        }
    }

    /**
     * A connected unlabelled region (6-connected): size, first voxel, whether it reaches the box
     * border, and the segment slot it touches ({@code 0} none, {@code -1} more than one).
     */
    public record Background(long voxels, Vec3 first, boolean touchesBorder, int adjacentSlot) {}

    public static Result run(LabelVolume vol, Connectivity conn, Progress progress) {
        return run(vol, conn, 1, progress);
    }

    /**
     * The scan on {@code threads} threads: each labels a slab of sections with its own forest; the
     * forests are then appended in slab order and the sections on either side of each seam linked,
     * exactly as the sequential scan links consecutive sections. The result is identical to the
     * sequential one (same roots, same first voxels, same order).
     */
    public static Result run(LabelVolume vol, Connectivity conn, int threads, Progress progress) {
        int sz = vol.sizeZ(), slots = vol.table().slotCount();
        int n = Math.max(1, Math.min(threads, sz / 4));
        if (n == 1) return new ComponentScan(sectionsOf(vol), vol.sizeX(), sz == 0 ? 0 : vol.sizeY(), sz, slots, conn).scan(progress);
        List<java.util.concurrent.Callable<ComponentScan>> jobs = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int z0 = sz * t / n, z1 = sz * (t + 1) / n;
            Progress p = t == 0 ? progress.sub(0, 0.95) : progress.quiet();
            jobs.add(() -> {
                ComponentScan c = new ComponentScan(sectionsOf(vol), vol.sizeX(), vol.sizeY(), sz, slots, conn);
                c.scanRange(z0, z1, true, p);
                return c;
            });
        }
        List<ComponentScan> parts = org.proofbox.task.Workers.all("proofbox-components", n, jobs);
        progress.report(0.95, "joining component slabs");
        ComponentScan main = parts.get(0);
        for (int t = 1; t < n; t++) {
            ComponentScan part = parts.get(t);
            int off = main.uf.append(part.uf);
            Runs first = part.first;
            for (int i = 0; i < first.n; i++) first.label[i] += off;
            for (long[] h : part.holes2d) {
                h[0] += off;
                main.holes2d.add(h);
            }
            main.linkSections(main.last, first);
            Runs last = part.last;
            if (last != first) for (int i = 0; i < last.n; i++) last.label[i] += off;
            main.last = last;
        }
        return main.finish(progress);
    }

    /** The volume's sections as they are: 2- or 4-byte slots (of the snapshot the scan began with). */
    private static Sections sectionsOf(LabelVolume vol) {
        LabelVolume.Slots st = vol.slots();
        return new Sections() {
            @Override public int[] array(int z) { return st.ints(z); }
            @Override public char[] chars(int z) { return st.chars(z); }
            @Override public int base(int z) { return st.base(z); }
        };
    }

    /** The same scan over sections supplied by {@code planes} (slots below {@code slotCount}); a returned array may be reused. */
    static Result run(Sections planes, int sx, int sy, int sz, int slotCount, Connectivity conn, Progress progress) {
        return new ComponentScan(planes, sx, sy, sz, slotCount, conn).scan(progress);
    }

    static long pack(int x, int y, int z) {
        return x | ((long) y << 21) | ((long) z << 42);
    }

    static Vec3 unpack(long p) {
        return new Vec3((int) (p & 0x1FFFFF), (int) ((p >>> 21) & 0x1FFFFF), (int) (p >>> 42));
    }

    private Runs first, last; // runs (with labels) of the first and last section scanned

    private Result scan(Progress progress) {
        scanRange(0, sz, false, progress);
        return finish(progress);
    }

    /** Labels sections [z0, z1) and links them to each other; {@code keepFirst} keeps the first section's runs for a seam. */
    private void scanRange(int z0, int z1, boolean keepFirst, Progress progress) {
        Runs prev = new Runs(sx, sy), cur = new Runs(sx, sy);
        for (int z = z0; z < z1; z++) {
            if (((z - z0) & 7) == 0) {
                progress.checkCancelled();
                progress.report((double) (z - z0) / (z1 - z0), "connected components");
            }
            cur.build(planes.chars(z), planes.array(z), planes.base(z), sx, sy);
            int firstLabel = uf.n;
            labelSection(cur, z);
            collectHoles2d(firstLabel, z);
            if (z > z0) linkSections(prev, cur);
            if (z == z0 && keepFirst) first = cur.copy();
            Runs t = prev;
            prev = cur;
            cur = t;
        }
        last = z1 - z0 == 1 && keepFirst ? first : prev;
    }

    private Result finish(Progress progress) {
        progress.report(0.96, "resolving component labels");
        uf.resolve();
        List<Component> comps = new ArrayList<>();
        int[] count = new int[slotCount];
        List<Hole> holes = new ArrayList<>();
        List<Background> background = new ArrayList<>();
        IntOpenHashSet holeRoots = new IntOpenHashSet();
        for (int l = 0; l < uf.n; l++) {
            if (uf.parent[l] != l) continue;
            int s = uf.slot[l];
            boolean border = (uf.flags[l] & UnionFind.BORDER_3D) != 0;
            if (s != 0) {
                comps.add(new Component(s, uf.size[l], unpack(uf.first[l]), border));
                count[s]++;
            } else {
                background.add(new Background(uf.size[l], unpack(uf.first[l]), border, uf.adj[l]));
                if (!border && uf.adj[l] > 0) {
                    holes.add(new Hole(uf.adj[l], uf.size[l], unpack(uf.first[l]), -1));
                    holeRoots.add(l);
                }
            }
        }
        for (long[] h : holes2d) {
            if (holeRoots.contains(uf.find((int) h[0]))) continue; // part of a 3D cavity, reported once as such
            holes.add(new Hole((int) h[1], h[2], unpack(h[3]), (int) h[4]));
        }
        progress.report(1, "connected components");
        return new Result(comps, count, holes, background, conn);
    }

    /** Pass 1: labels the runs of section {@code z} from the row above, records background adjacency and borders. */
    private void labelSection(Runs r, int z) {
        final int[] st = r.start, en = r.end, sl = r.slot, lab = r.label, rf = r.rowFirst;
        final int ext = conn == Connectivity.SIX ? 0 : 1;
        final boolean zBorder = z == 0 || z == sz - 1;
        final UnionFind u = uf;
        for (int y = 0; y < sy; y++) {
            final int a = rf[y], b = rf[y + 1];
            final int pb = y > 0 ? a : 0;
            int q0 = y > 0 ? rf[y - 1] : 0;
            final boolean rowBorder = y == 0 || y == sy - 1;
            for (int i = a; i < b; i++) {
                final int s = sl[i], x0 = st[i], x1 = en[i];
                while (q0 < pb && en[q0] < x0) q0++;
                int label = -1;
                if (s != 0) {
                    for (int q = q0; q < pb && st[q] < x1 + ext; q++) {
                        int t = sl[q];
                        if (t == s) {
                            if (ext == 1 || en[q] > x0) label = label < 0 ? lab[q] : u.union(label, lab[q]);
                        } else if (t == 0 && en[q] > x0 && st[q] < x1) {
                            u.addAdj(lab[q], s);
                        }
                    }
                    if (label < 0) label = u.create(s, pack(x0, y, z));
                } else {
                    int adj = UnionFind.NONE;
                    for (int q = q0; q < pb && st[q] < x1; q++) {
                        if (en[q] <= x0) continue;
                        int t = sl[q];
                        if (t == 0) label = label < 0 ? lab[q] : u.union(label, lab[q]);
                        else adj = UnionFind.mergeAdj(adj, t);
                    }
                    if (i > a) adj = UnionFind.mergeAdj(adj, sl[i - 1]);
                    if (i + 1 < b) adj = UnionFind.mergeAdj(adj, sl[i + 1]);
                    if (label < 0) label = u.create(0, pack(x0, y, z));
                    if (adj != UnionFind.NONE) u.addAdj(label, adj);
                }
                lab[i] = label;
                u.size[label] += x1 - x0;
                if (x0 == 0 || x1 == sx || rowBorder) u.flags[label] |= UnionFind.BORDER_2D | UnionFind.BORDER_3D;
                else if (zBorder) u.flags[label] |= UnionFind.BORDER_3D;
            }
        }
    }

    /** 2D holes of a section: background labels created in it, grouped by their (section-local) roots. */
    private void collectHoles2d(int firstLabel, int z) {
        int m = uf.n - firstLabel;
        if (tmpSize.length < m) {
            tmpSize = new long[m * 2];
            tmpAdj = new int[m * 2];
            tmpFlags = new byte[m * 2];
        }
        for (int l = firstLabel; l < uf.n; l++) {
            if (uf.slot[l] != 0) continue;
            int r = uf.find(l) - firstLabel;
            if (r + firstLabel == l) {
                tmpSize[r] = 0;
                tmpAdj[r] = UnionFind.NONE;
                tmpFlags[r] = 0;
            }
        }
        for (int l = firstLabel; l < uf.n; l++) {
            if (uf.slot[l] != 0) continue;
            int r = uf.find(l) - firstLabel;
            tmpSize[r] += uf.size[l];
            tmpAdj[r] = UnionFind.mergeAdj(tmpAdj[r], uf.adj[l]);
            tmpFlags[r] |= uf.flags[l];
        }
        for (int l = firstLabel; l < uf.n; l++) {
            if (uf.slot[l] != 0 || uf.parent[l] != l) continue;
            int r = l - firstLabel;
            if ((tmpFlags[r] & UnionFind.BORDER_2D) == 0 && tmpAdj[r] > 0) {
                holes2d.add(new long[] {l, tmpAdj[r], tmpSize[r], uf.first[l], z});
            }
        }
    }

    /** Pass 2: unions the runs of a section with those of the section before, and records background adjacency across them. */
    private void linkSections(Runs p, Runs c) {
        final int[] pst = p.start, pen = p.end, psl = p.slot, plab = p.label, prf = p.rowFirst;
        final int[] st = c.start, en = c.end, sl = c.slot, lab = c.label, rf = c.rowFirst;
        final UnionFind u = uf;
        final boolean diag = conn == Connectivity.TWENTY_SIX;
        final int extSame = conn == Connectivity.SIX ? 0 : 1; // same y in the previous section: x±1 is an edge neighbour
        for (int y = 0; y < sy; y++) {
            final int a = rf[y], b = rf[y + 1];
            // previous section, rows y (always), y-1 and y+1 (18: straight above only; 26: with x±1)
            int q0 = prf[y], e0 = prf[y + 1];
            boolean up = conn != Connectivity.SIX && y > 0, down = conn != Connectivity.SIX && y + 1 < sy;
            int qu = up ? prf[y - 1] : 0, eu = up ? prf[y] : 0;
            int qd = down ? prf[y + 1] : 0, ed = down ? prf[y + 2] : 0;
            final int extDiag = diag ? 1 : 0;
            for (int i = a; i < b; i++) {
                final int s = sl[i], x0 = st[i], x1 = en[i];
                int label = lab[i];
                while (q0 < e0 && pen[q0] < x0 + 1 - extSame) q0++;
                for (int q = q0; q < e0 && pst[q] < x1 + extSame; q++) {
                    int t = psl[q];
                    boolean exact = pen[q] > x0 && pst[q] < x1;
                    if (t == s) {
                        if (s != 0 || exact) label = u.union(label, plab[q]);
                    } else if (exact) {
                        if (s == 0) u.addAdj(label, t);
                        else if (t == 0) u.addAdj(plab[q], s);
                    }
                }
                if (s == 0) continue;
                if (up) {
                    while (qu < eu && pen[qu] < x0 + 1 - extDiag) qu++;
                    for (int q = qu; q < eu && pst[q] < x1 + extDiag; q++) if (psl[q] == s) label = u.union(label, plab[q]);
                }
                if (down) {
                    while (qd < ed && pen[qd] < x0 + 1 - extDiag) qd++;
                    for (int q = qd; q < ed && pst[q] < x1 + extDiag; q++) if (psl[q] == s) label = u.union(label, plab[q]);
                }
            }
        }
    }
}
