package org.proofbox.algo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.proofbox.model.Check;
import org.proofbox.model.Finding;
import org.proofbox.model.QcParameters;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Severity;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentIndex;
import org.proofbox.task.Progress;

/**
 * Runs every check of the ground-truth guide over a box and turns the scans into findings with a
 * voxel a reviewer can jump to. Stateless: the same inputs give the same report.
 */
public final class QcEngine {
    private QcEngine() {}

    /**
     * For an annotation that stores only touched 32³ buckets (a fallback layer holds the rest):
     * the rest is missing, not unlabelled, so findings outside stored buckets — and every
     * coverage gap, which missing data would fake — are dropped. {@code stored} takes bucket
     * coordinates (global voxel / 32).
     */
    public static QcReport onlyStored(QcReport r, java.util.function.Predicate<Vec3> stored) {
        List<Finding> kept = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.check() == org.proofbox.model.Check.COVERAGE_GAP) continue;
            if (stored.test(new Vec3(Math.floorDiv(f.at().x(), 32), Math.floorDiv(f.at().y(), 32), Math.floorDiv(f.at().z(), 32)))) kept.add(f);
        }
        return new QcReport(r.parameters(), r.membraneRadius(), r.gapStyle(), r.directContactsX(), r.gapsX(), r.segments(), kept);
    }

    /** Voxels in scan order: z, then y, then x. */
    static final Comparator<org.proofbox.model.Vec3> SCAN_ORDER =
        Comparator.comparingInt(org.proofbox.model.Vec3::z).thenComparingInt(org.proofbox.model.Vec3::y).thenComparingInt(org.proofbox.model.Vec3::x);

    /**
     * Findings by severity, check, size (largest first), then place and ids, so that the order
     * never depends on the slots (which threads assign in the order they meet ids).
     */
    static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity).thenComparing(Finding::check)
        .thenComparing(Comparator.comparingLong(Finding::voxels).reversed()).thenComparing(Finding::at, Comparator.nullsFirst(SCAN_ORDER))
        .thenComparing(f -> f.segment() == null ? 0L : f.segment(), Long::compareUnsigned)
        .thenComparing(f -> f.otherSegment() == null ? 0L : f.otherSegment(), Long::compareUnsigned)
        .thenComparing(Finding::detail);

    public static QcReport run(LabelVolume vol, SegmentIndex idx, VoxelSize voxelSize, QcParameters p, Progress progress) {
        return run(vol, idx, voxelSize, p, 1, progress);
    }

    /**
     * All checks on up to {@code threads} threads: the component scan splits the box into slabs;
     * the section, membrane and coverage scans, which do not depend on each other, run side by side.
     */
    public static QcReport run(LabelVolume vol, SegmentIndex idx, VoxelSize voxelSize, QcParameters p, int threads, Progress progress) {
        return run(vol, idx, voxelSize, Vec3.ONE, p, threads, progress);
    }

    /**
     * As above, for a box read at a coarse mag ({@code mag}, e.g. 16-16-16): findings stay in the
     * box's voxels (the views work in them), while their texts name sections in mag-1 voxels, as
     * every coordinate a user reads does.
     */
    public static QcReport run(LabelVolume vol, SegmentIndex idx, VoxelSize voxelSize, Vec3 mag, QcParameters p, int threads, Progress progress) {
        ComponentScan.Result cc = ComponentScan.run(vol, p.connectivity(), threads, progress.sub(0, 0.45));
        int[] radius = CoverageScan.radius(voxelSize, p.maxMembraneNm());
        int[] jumpArea = {p.jumpMinAreaVoxels(voxelSize, 0), p.jumpMinAreaVoxels(voxelSize, 1), p.jumpMinAreaVoxels(voxelSize, 2)};
        SectionScan.Result sections;
        MembraneScan.Result membranes;
        List<CoverageScan.Gap> gaps;
        if (threads <= 1) {
            sections = SectionScan.run(vol, idx, p.idSwitchIoU(), p.areaJumpFactor(), jumpArea, progress.sub(0.45, 0.6));
            membranes = MembraneScan.run(vol, progress.sub(0.6, 0.75));
            gaps = p.extracellularUnlabelled() || p.instance() ? List.of() : CoverageScan.run(vol, radius, progress.sub(0.75, 1.0));
        } else {
            Progress quiet = progress.quiet();
            // the longest first (1024³: membranes 4.3 s, sections 2.5–3.2 s, coverage 1.4 s): on two cores the membrane
            // scan runs beside the other two, and its progress stands for all three
            List<java.util.concurrent.Callable<Object>> jobs = List.of(
                () -> MembraneScan.run(vol, progress.sub(0.45, 1.0)),
                () -> SectionScan.run(vol, idx, p.idSwitchIoU(), p.areaJumpFactor(), jumpArea, quiet),
                () -> p.extracellularUnlabelled() || p.instance() ? List.<CoverageScan.Gap>of() : CoverageScan.run(vol, radius, quiet));
            List<Object> done = org.proofbox.task.Workers.all("proofbox-qc", threads, jobs);
            membranes = (MembraneScan.Result) done.get(0);
            sections = (SectionScan.Result) done.get(1);
            @SuppressWarnings("unchecked")
            List<CoverageScan.Gap> g = (List<CoverageScan.Gap>) done.get(2);
            gaps = g;
        }

        Vec3 o = vol.box().topLeft();
        long[] ids = vol.table().idsBySlot();
        List<Finding> findings = new ArrayList<>();
        int[] holesBySlot = new int[ids.length];
        int minFragment = p.minFragmentVoxels(voxelSize);
        String fragmentUnit = p.instance() ? String.format(Locale.ROOT, " (under %.3g µm³)", p.minFragmentUm3()) : "";

        // disconnected and small fragments
        List<List<Component>> bySlot = new ArrayList<>(ids.length);
        for (int s = 0; s < ids.length; s++) bySlot.add(null);
        for (Component c : cc.components()) {
            if (bySlot.get(c.slot()) == null) bySlot.set(c.slot(), new ArrayList<>(1));
            bySlot.get(c.slot()).add(c);
        }
        for (int s = 1; s < ids.length; s++) {
            List<Component> comps = bySlot.get(s);
            if (comps == null) continue;
            comps.sort(Comparator.comparingLong(Component::voxels).reversed().thenComparing(Component::first, SCAN_ORDER));
            Long id = ids[s];
            for (int k = 1; k < comps.size(); k++) {
                Component c = comps.get(k);
                findings.add(new Finding(Check.DISCONNECTED, id, null, c.first().plus(o), c.voxels(), null, null, Severity.ERROR,
                    String.format(Locale.ROOT, "piece %d of %d (%d voxels; the largest has %d) is not %d-connected to the rest",
                        k + 1, comps.size(), c.voxels(), comps.get(0).voxels(), p.connectivity().neighbours)));
            }
            if (p.instance() && comps.get(0).touchesBorder()) { // the guide: no relevant structure within the box missed
                Component c = comps.get(0);
                findings.add(new Finding(Check.CUT_BY_BORDER, id, null, c.first().plus(o), c.voxels(), null, null, Severity.INFO,
                    "the instance reaches the box border: it continues outside; check that its part inside is complete"));
            }
            for (Component c : comps) {
                if (c.voxels() >= minFragment || c.touchesBorder()) continue;
                String what = comps.size() > 1 ? "fragment of " + c.voxels() + " voxels (segment has " + comps.size() + " pieces)" + fragmentUnit
                    : "whole segment of " + c.voxels() + " voxels inside the box" + fragmentUnit;
                findings.add(new Finding(Check.SMALL_FRAGMENT, id, null, c.first().plus(o), c.voxels(), null, null, Severity.ERROR, what));
            }
        }
        // holes
        for (Hole h : SectionHoleFilter.keepDefects(vol, cc.holes())) {
            holesBySlot[h.slot()]++;
            Vec3 at = h.at().plus(o);
            findings.add(h.is3D()
                ? new Finding(Check.HOLE, ids[h.slot()], null, at, h.voxels(), null, null, Severity.ERROR,
                    h.voxels() + " unlabelled voxels enclosed by the segment (3D cavity)")
                : h.section() == 0 || h.section() == vol.sizeZ() - 1
                ? new Finding(Check.HOLE, ids[h.slot()], null, at, h.voxels(), 'z', at.z(), Severity.WARNING,
                    h.voxels() + " unlabelled voxels enclosed in XY section z=" + at.z() * mag.z() + ", the box's edge section: a missed voxel or a membrane cut tangentially")
                : new Finding(Check.HOLE, ids[h.slot()], null, at, h.voxels(), 'z', at.z(), Severity.ERROR,
                    h.voxels() + " unlabelled voxels enclosed in XY section z=" + at.z() * mag.z() + ", closed above and below (opens elsewhere in 3D)"));
        }
        // the shape of blobs (instance mode)
        Convexity.Result[] convexity = p.instance() ? convexity(vol, idx, bySlot, cc.holes(), minFragment) : new Convexity.Result[ids.length];
        boolean[] lowConvexity = new boolean[ids.length];
        for (int s = 1; s < ids.length; s++) {
            Convexity.Result c = convexity[s];
            if (c == null || c.convexity() >= p.minConvexity()) continue;
            lowConvexity[s] = true;
            StringBuilder jumps = new StringBuilder(); // the same odd shape seen in its sections: one finding, not two
            for (SectionScan.Jump j : sections.jumps()) {
                if (j.slot() != s) continue;
                char axis = "xyz".charAt(j.axis());
                jumps.append(String.format(Locale.ROOT, "; its cross-section jumps from %d to %d voxels at %s=%d", j.before(), j.after(), axis,
                    (j.section() + o.get(j.axis())) * mag.get(j.axis())));
            }
            findings.add(new Finding(Check.LOW_CONVEXITY, ids[s], null, c.at().plus(o), c.missing(), null, null, Severity.WARNING,
                String.format(Locale.ROOT, "convexity %.2f: the instance fills %.0f %% of its convex hull (a nucleus-like blob fills at least %.0f %%); "
                    + "often two objects under one id, or part of a neighbour", c.convexity(), 100 * c.convexity(), 100 * p.minConvexity()) + jumps));
        }
        // id switches and area jumps
        for (SectionScan.Switch sw : sections.switches()) {
            char axis = "xyz".charAt(sw.axis());
            int section = sw.section() + o.get(sw.axis());
            findings.add(new Finding(Check.ID_SWITCH, ids[sw.slotA()], ids[sw.slotB()], sw.at().plus(o), sw.overlap(), axis, section,
                Severity.WARNING, String.format(Locale.ROOT, "%s ends at %s=%d and %s starts at %s=%d over the same footprint (IoU %.2f)",
                    SegmentIds.toString(ids[sw.slotA()]), axis, section * mag.get(sw.axis()), SegmentIds.toString(ids[sw.slotB()]), axis,
                    (section + 1) * mag.get(sw.axis()), sw.iou())));
        }
        for (SectionScan.Jump j : sections.jumps()) {
            if (lowConvexity[j.slot()]) continue;
            char axis = "xyz".charAt(j.axis());
            int section = j.section() + o.get(j.axis());
            findings.add(new Finding(Check.ID_SWITCH, ids[j.slot()], null, j.at().plus(o), Math.abs(j.after() - j.before()), axis, section,
                Severity.WARNING, String.format(Locale.ROOT, "cross-section jumps from %d to %d voxels between %s=%d and %s=%d",
                    j.before(), j.after(), axis, (section - 1) * mag.get(j.axis()), axis, section * mag.get(j.axis()))));
        }
        // membrane style (dense annotation), or touching instances
        if (p.instance()) {
            for (MembraneScan.Contact c : membranes.contacts()) {
                long[] pair = byId(ids[c.slotA()], ids[c.slotB()]);
                findings.add(new Finding(Check.TOUCHING, pair[0], pair[1], c.at().plus(o), c.faces(), null, null, Severity.INFO,
                    c.faces() + " voxel faces where two instances touch directly: often one object split in two"));
            }
        } else if (membranes.gapStyle()) {
            for (MembraneScan.Contact c : membranes.contacts()) {
                if (c.faces() < p.minContact()) continue;
                long[] pair = byId(ids[c.slotA()], ids[c.slotB()]);
                findings.add(new Finding(Check.MEMBRANE_STYLE, pair[0], pair[1], c.at().plus(o), c.faces(), null, null,
                    Severity.WARNING, c.faces() + " voxel faces where the two segments touch directly; this box separates segments by unlabelled membranes"));
            }
        } else {
            for (ComponentScan.Background b : cc.background()) {
                boolean hole = !b.touchesBorder() && b.adjacentSlot() > 0;
                if (hole || b.adjacentSlot() == 0 || b.voxels() < p.minContact()) continue;
                Long seg = b.adjacentSlot() > 0 ? ids[b.adjacentSlot()] : null;
                findings.add(new Finding(Check.MEMBRANE_STYLE, seg, null, b.first().plus(o), b.voxels(), null, null, Severity.WARNING,
                    b.voxels() + " unlabelled voxels " + (seg == null ? "between segments" : "at the segment") + "; segments in this box touch directly"));
            }
        }
        // coverage
        for (CoverageScan.Gap g : gaps) {
            findings.add(new Finding(Check.COVERAGE_GAP, null, null, g.at().plus(o), g.voxels(), null, null, Severity.ERROR,
                String.format(Locale.ROOT, "%d unlabelled voxels farther than %.0f nm from any label", g.voxels(), p.maxMembraneNm())));
        }
        findings.sort(ORDER);

        List<QcReport.SegmentSummary> segments = new ArrayList<>();
        for (SegmentStats st : idx.segments()) {
            int s = vol.table().findSlot(st.id());
            segments.add(new QcReport.SegmentSummary(st, cc.componentCount()[s], holesBySlot[s], convexity[s] == null ? Double.NaN : convexity[s].convexity()));
        }
        return new QcReport(p, radius, membranes.gapStyle(), membranes.directX(), membranes.gapX(), segments, findings);
    }

    /** A pair of segments with no direction (a contact), the smaller id (unsigned) first: slots come in the order threads met the ids. */
    private static long[] byId(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? new long[] {a, b} : new long[] {b, a};
    }

    /**
     * Digital convexity of each instance in one piece of at least {@code minVoxels} voxels (its 3D
     * cavities counted as its own: a hole is its own finding), or null where not judged. Each
     * costs a scan of the instance's bounding box; where those add up to more than a few times the
     * box (a dense box checked as instances), the largest are not judged.
     */
    static Convexity.Result[] convexity(LabelVolume vol, SegmentIndex idx, List<List<Component>> bySlot, List<Hole> holes, int minVoxels) {
        int slots = bySlot.size();
        Convexity.Result[] out = new Convexity.Result[slots];
        long[] cavity = new long[slots];
        for (Hole h : holes) if (h.is3D()) cavity[h.slot()] += h.voxels();
        long budget = 4 * vol.voxelCount() + (1L << 24);
        long[] ids = vol.table().idsBySlot();
        List<long[]> todo = new ArrayList<>(); // {cost, slot}: the smallest first, then by id — never by slot, which loader threads number
        for (int s = 1; s < slots; s++) {
            List<Component> comps = bySlot.get(s);
            if (comps == null || comps.size() != 1 || comps.get(0).voxels() < minVoxels) continue;
            long cost = 1;
            for (int a = 0; a < 3; a++) cost *= idx.max(s, a) - idx.min(s, a) + 1;
            todo.add(new long[] {cost, s});
        }
        todo.sort(Comparator.<long[]>comparingLong(t -> t[0]).thenComparing(t -> ids[(int) t[1]], Long::compareUnsigned));
        for (long[] t : todo) {
            int s = (int) t[1];
            if (t[0] > budget) break;
            budget -= t[0];
            int[] lo = {idx.min(s, 0), idx.min(s, 1), idx.min(s, 2)}, hi = {idx.max(s, 0), idx.max(s, 1), idx.max(s, 2)};
            out[s] = Convexity.of(vol, s, lo, hi, cavity[s]);
        }
        return out;
    }
}
