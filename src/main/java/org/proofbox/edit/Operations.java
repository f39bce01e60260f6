package org.proofbox.edit;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.proofbox.algo.Component;
import org.proofbox.algo.ComponentScan;
import org.proofbox.algo.FloodFill;
import org.proofbox.algo.Hole;
import org.proofbox.algo.SegmentComponents;
import org.proofbox.model.Connectivity;
import org.proofbox.model.LongChunks;
import org.proofbox.model.SegmentIds;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentIndex;
import org.proofbox.task.Progress;

/**
 * The label tools and segment operations, each building one {@link Edit} (not applying it): the
 * editor applies it, so every action is one undo step with a sentence saying what it did.
 * Coordinates are box-local.
 */
public final class Operations {
    private Operations() {}

    private static String id(LabelVolume v, int slot) {
        return SegmentIds.toString(v.table().idOf(slot));
    }

    private static long lin(LabelVolume v, int x, int y, int z) {
        return x + (long) v.sizeX() * (y + (long) v.sizeY() * z);
    }

    /**
     * A round brush of {@code radius} voxels in the section across {@code axis} (0 = x, 1 = y,
     * 2 = z) through the centre: paints {@code slot} (0 erases). {@code onlyEmpty} paints only
     * into unlabelled voxels.
     */
    public static Edit brush(LabelEditor ed, int axis, int cx, int cy, int cz, int radius, int slot, boolean onlyEmpty) {
        long at = ed.version();
        LabelVolume v = ed.volume();
        VoxelDiff d = new VoxelDiff();
        int r = Math.max(0, radius);
        int[] c = {cx, cy, cz};
        int ua = axis == 0 ? 1 : 0, va = axis == 2 ? 1 : 2;
        int[] p = c.clone();
        for (int dv = -r; dv <= r; dv++) for (int du = -r; du <= r; du++) {
            if (du * du + dv * dv > r * r + r) continue; // a round disc that includes the 4 axis tips at every radius
            p[ua] = c[ua] + du;
            p[va] = c[va] + dv;
            if (p[0] < 0 || p[1] < 0 || p[2] < 0 || p[0] >= v.sizeX() || p[1] >= v.sizeY() || p[2] >= v.sizeZ()) continue;
            int cur = v.slotAt(p[0], p[1], p[2]);
            if (onlyEmpty && cur != 0) continue;
            d.add(lin(v, p[0], p[1], p[2]), cur, slot);
        }
        String what = slot == 0 ? "erased " + d.size() + " voxels" : "painted " + d.size() + " voxels with " + id(v, slot);
        return new Edit(what, d, List.of()).at(at);
    }

    /**
     * Flood fill from a voxel: every voxel connected to it ({@code conn}) with the same slot
     * becomes {@code slot}; in the section across {@code axis} (2D) or in the whole box (3D, axis -1).
     */
    public static Edit fill(LabelEditor ed, int x, int y, int z, int slot, Connectivity conn, int axis) {
        return fill(ed, x, y, z, slot, conn, axis, Progress.NONE);
    }

    /** As above, cancellable: what the app runs in the background (a 3D fill can flood millions of voxels). */
    public static Edit fill(LabelEditor ed, int x, int y, int z, int slot, Connectivity conn, int axis, Progress progress) {
        long at = ed.version();
        LabelVolume v = ed.volume();
        int from = v.slotAt(x, y, z);
        VoxelDiff d = new VoxelDiff();
        if (from != slot) {
            int[] lo = {0, 0, 0}, hi = {v.sizeX(), v.sizeY(), v.sizeZ()};
            if (axis >= 0) {
                int[] c = {x, y, z};
                lo[axis] = c[axis];
                hi[axis] = c[axis] + 1;
            }
            LongChunks vox = FloodFill.fill(v, x, y, z, conn, lo, hi, progress);
            roomFor(vox.size(), axis >= 0 ? "2D fill" : "3D fill");
            d = VoxelDiff.of(vox, from, slot); // the flood's list becomes the diff: no copy
        }
        return new Edit(String.format(Locale.ROOT, "%s fill: %d voxels of %s became %s", axis >= 0 ? "2D" : "3D", d.size(), id(v, from), id(v, slot)), d, List.of()).at(at);
    }

    /**
     * Refuses, in one line, an edit of {@code voxels} whose diff would not fit in what the heap has
     * left — a 3D fill through every membrane of a 1024³ box reaches 10⁸ voxels — instead of an
     * {@code OutOfMemoryError} halfway. The flood's list (8 bytes a voxel) is already held and
     * becomes the diff; applying and undoing it take a few bytes a voxel more at the most.
     */
    static void roomFor(long voxels, String what) {
        long need = voxels * 8;
        if (org.proofbox.store.MemoryBudget.fits(need)) return;
        long free = org.proofbox.store.MemoryBudget.free();
        throw new IllegalStateException(String.format(Locale.ROOT, "the %s reached %,d voxels and would need about %s of memory, but %s are left; "
            + "fill a smaller region (a 2D fill, or close the gap it leaked through), or save and reopen", what, voxels,
            org.proofbox.store.MemoryBudget.human(need), org.proofbox.store.MemoryBudget.human(free)));
    }

    /** The guide's rule: every piece of a segment but the largest gets a new id. */
    public static Edit splitDisconnected(LabelEditor ed, int slot, Connectivity conn) {
        long at = ed.version();
        LabelVolume v = ed.volume();
        List<LongChunks> pieces = SegmentComponents.of(v, ed.index(), slot, conn);
        VoxelDiff d = new VoxelDiff();
        List<Long> ids = new ArrayList<>();
        for (int k = 1; k < pieces.size(); k++) {
            int s = ed.newSlot();
            ids.add(v.table().idOf(s));
            LongChunks p = pieces.get(k);
            for (int i = 0; i < p.size(); i++) d.add(p.get(i), slot, s);
        }
        StringBuilder b = new StringBuilder("segment " + id(v, slot));
        if (ids.isEmpty()) b.append(" is one piece (" + conn.neighbours + "-connected): nothing to split");
        else {
            b.append(" split into ").append(id(v, slot));
            for (long i : ids) b.append(", ").append(SegmentIds.toString(i));
        }
        return new Edit(b.toString(), d, ids).at(at);
    }

    /** Every voxel of {@code from} becomes {@code into}. */
    public static Edit merge(LabelEditor ed, int into, int from) {
        long at = ed.version();
        LabelVolume v = ed.volume();
        VoxelDiff d = new VoxelDiff();
        if (into != from) forEachVoxel(v, ed.index(), from, i -> d.add(i, from, into));
        return new Edit("segment " + id(v, from) + " merged into " + id(v, into) + " (" + d.size() + " voxels)", d, List.of()).at(at);
    }

    public static Edit delete(LabelEditor ed, int slot) {
        long at = ed.version();
        LabelVolume v = ed.volume();
        VoxelDiff d = new VoxelDiff();
        forEachVoxel(v, ed.index(), slot, i -> d.add(i, slot, 0));
        return new Edit("segment " + id(v, slot) + " deleted (" + d.size() + " voxels)", d, List.of()).at(at);
    }

    private static void forEachVoxel(LabelVolume v, SegmentIndex idx, int slot, java.util.function.LongConsumer c) {
        if (slot <= 0 || idx.voxels(slot) == 0) return;
        int sx = v.sizeX();
        for (int z = idx.min(slot, 2); z <= idx.max(slot, 2); z++) {
            LabelVolume.Slots st = v.slots();
            char[] ac = st.chars(z);
            int[] a = st.ints(z);
            int base = st.base(z);
            for (int y = idx.min(slot, 1); y <= idx.max(slot, 1); y++) {
                for (int x = idx.min(slot, 0); x <= idx.max(slot, 0); x++) if ((ac != null ? ac[base + x + sx * y] : a[base + x + sx * y]) == slot) c.accept(lin(v, x, y, z));
            }
        }
    }

    /**
     * Fills the holes of segments (unlabelled regions enclosed by one segment, as {@code check}
     * finds them): 3D cavities and, with {@code sections}, 2D holes of XY sections too. {@code slot}
     * limits it to one segment; -1 fills every segment's holes.
     */
    public static Edit fillHoles(LabelEditor ed, int slot, boolean sections, Connectivity conn, Progress progress) {
        long at = ed.version();
        LabelVolume v = ed.volume();
        ComponentScan.Result r = ComponentScan.run(v, conn, Runtime.getRuntime().availableProcessors(), progress);
        VoxelDiff d = new VoxelDiff();
        it.unimi.dsi.fastutil.longs.LongOpenHashSet filled = new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
        int holes = 0;
        for (Hole h : r.holes()) {
            if (slot >= 0 && h.slot() != slot) continue;
            if (!h.is3D() && !sections) continue;
            int[] lo = {0, 0, 0}, hi = {v.sizeX(), v.sizeY(), v.sizeZ()};
            if (!h.is3D()) {
                lo[2] = h.section();
                hi[2] = h.section() + 1;
            }
            if (filled.contains(lin(v, h.at().x(), h.at().y(), h.at().z()))) continue; // inside a hole filled already
            LongChunks vox = FloodFill.fill(v, h.at().x(), h.at().y(), h.at().z(), Connectivity.SIX, lo, hi);
            for (int i = 0; i < vox.size(); i++) {
                long p = vox.get(i);
                if (filled.add(p)) d.add(p, 0, h.slot());
            }
            holes++;
        }
        String who = slot >= 0 ? "segment " + id(v, slot) : "all segments";
        return new Edit("filled " + holes + " holes of " + who + " (" + d.size() + " voxels)", d, List.of()).at(at);
    }

    /**
     * Removes small islands, exactly what {@code check} reports as {@code small_fragment}: every
     * piece (or whole segment) under {@code minVoxels} voxels that does not touch the box border. Each becomes the segment
     * it shares the most faces with ({@code merge}; unlabelled when it touches none) or unlabelled.
     */
    public static Edit removeIslands(LabelEditor ed, int minVoxels, Connectivity conn, boolean merge, Progress progress) {
        long at = ed.version();
        LabelVolume v = ed.volume();
        ComponentScan.Result r = ComponentScan.run(v, conn, Runtime.getRuntime().availableProcessors(), progress);
        VoxelDiff d = new VoxelDiff();
        int islands = 0;
        int sx = v.sizeX(), sy = v.sizeY(), sz = v.sizeZ();
        List<LongChunks> islandsVoxels = new ArrayList<>();
        it.unimi.dsi.fastutil.ints.IntArrayList islandSlots = new it.unimi.dsi.fastutil.ints.IntArrayList();
        java.util.Map<Integer, List<Component>> bySlot = new java.util.TreeMap<>();
        for (Component c : r.components()) bySlot.computeIfAbsent(c.slot(), k -> new ArrayList<>()).add(c);
        for (var entry : bySlot.entrySet()) {
            int s = entry.getKey();
            List<Component> pieces = entry.getValue();
            pieces.sort((a, b) -> Long.compare(b.voxels(), a.voxels()));
            for (int k = 0; k < pieces.size(); k++) {
                Component c = pieces.get(k);
                if (c.voxels() >= minVoxels) continue;
                if (c.touchesBorder()) continue; // as check's small_fragment: pieces at the box border are allowed
                int[] lo = {0, 0, 0}, hi = {sx, sy, sz};
                islandsVoxels.add(FloodFill.fill(v, c.first().x(), c.first().y(), c.first().z(), conn, lo, hi));
                islandSlots.add(s);
            }
        }
        // every island's voxels first, so that no island is merged into another island that goes too
        it.unimi.dsi.fastutil.longs.LongOpenHashSet going = new it.unimi.dsi.fastutil.longs.LongOpenHashSet();
        for (LongChunks l : islandsVoxels) for (int i = 0; i < l.size(); i++) going.add(l.get(i));
        long[] ids = v.table().idsBySlot();
        for (int k = 0; k < islandsVoxels.size(); k++) {
            LongChunks vox = islandsVoxels.get(k);
            int s = islandSlots.getInt(k);
            int target = 0;
            if (merge) {
                Int2LongOpenHashMap faces = new Int2LongOpenHashMap();
                for (int i = 0; i < vox.size(); i++) {
                    long p = vox.get(i);
                    int x = (int) (p % sx), y = (int) ((p / sx) % sy), z = (int) (p / ((long) sx * sy));
                    int[][] nb = {{x - 1, y, z}, {x + 1, y, z}, {x, y - 1, z}, {x, y + 1, z}, {x, y, z - 1}, {x, y, z + 1}};
                    for (int[] q : nb) {
                        if (q[0] < 0 || q[1] < 0 || q[2] < 0 || q[0] >= sx || q[1] >= sy || q[2] >= sz) continue;
                        if (going.contains(lin(v, q[0], q[1], q[2]))) continue;
                        int t = v.slotAt(q[0], q[1], q[2]);
                        if (t != 0 && t != s) faces.addTo(t, 1);
                    }
                }
                long best = 0;
                for (var e : faces.int2LongEntrySet()) { // ties go to the smaller id (not slot: slots depend on the loader's threads)
                    if (e.getLongValue() > best || (e.getLongValue() == best && SegmentIds.compare(ids[e.getIntKey()], ids[target]) < 0)) {
                        best = e.getLongValue();
                        target = e.getIntKey();
                    }
                }
            }
            for (int i = 0; i < vox.size(); i++) d.add(vox.get(i), s, target);
            islands++;
        }
        return new Edit("removed " + islands + " islands under " + minVoxels + " voxels (" + d.size() + " voxels, "
            + (merge ? "merged into their neighbours" : "set to 0") + ")", d, List.of()).at(at);
    }
}
