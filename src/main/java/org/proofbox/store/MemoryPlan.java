package org.proofbox.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.io.LayerInfo;
import org.proofbox.io.MagInfo;
import org.proofbox.model.Box3;
import org.proofbox.model.Vec3;

/**
 * What a box will need of the Java heap for what is about to be done with it, said before
 * anything is read: the labels (2 bytes per voxel, the edit bitmap and the index), for the views
 * the raw EM at every mag and the coarser label mags, for a check its working set, and for a
 * review a margin for undo and meshes. {@link #require} refuses a box that cannot fit in one line
 * with the figures and what to do, so a big box never ends in an {@code OutOfMemoryError} halfway.
 */
public record MemoryPlan(long labels, long views, long check, long margin) {
    /** What the box is opened for. */
    public enum Use { LABELS, CHECK, CHECK_WITH_VIEWS, REVIEW }

    /**
     * Heap bytes per voxel the check's working set takes at most beyond the labels (the component
     * scan's union-find over runs, the section areas, two sections per scan). Measured with
     * {@code bench gen} boxes (docs/BENCHMARKS.md): the 1024³ box's check fails in 2.85 GiB of heap
     * and passes in 2.93 GiB, ≤ 0.8 byte per voxel beyond its 2.1 GiB of labels since the coverage
     * scan keeps intervals (1.6 before); a quarter more for boxes of shorter runs.
     */
    public static final double CHECK_BYTES_PER_VOXEL = 1.0;

    public long total() {
        return labels + views + check + margin;
    }

    /** The plan for the labels of {@code region} (mag-1 voxels) of {@code export}, used as {@code use} says. */
    public static MemoryPlan of(Export export, Box3 region, Use use) throws ExportException {
        long v = region.size().volume();
        long labels = MemoryBudget.labelBytes(region);
        long views = 0;
        if (use == Use.CHECK_WITH_VIEWS || use == Use.REVIEW) {
            var color = export.info().colorLayer();
            for (MagInfo m : color.map(LayerInfo::mags).orElse(List.of())) views += scaled(region, m.mag());
            for (MagInfo m : export.segmentationLayer().mags()) if (!m.isFinest()) views += 2 * scaled(region, m.mag()); // 2-byte slots
        }
        long check = use == Use.LABELS ? 0 : (long) (v * CHECK_BYTES_PER_VOXEL);
        long margin = use == Use.REVIEW ? v / 4 + (64L << 20) : 32L << 20; // undo, meshes, the window
        return new MemoryPlan(labels, views, check, margin);
    }

    private static long scaled(Box3 region, Vec3 mag) {
        Vec3 s = region.size();
        return (long) ceil(s.x(), mag.x()) * ceil(s.y(), mag.y()) * ceil(s.z(), mag.z());
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }

    /** "labels 4.0 GiB + views 1.7 GiB + check 1.6 GiB + working room 0.3 GiB". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("labels " + MemoryBudget.human(labels));
        if (views > 0) parts.add("views " + MemoryBudget.human(views));
        if (check > 0) parts.add("check " + MemoryBudget.human(check));
        parts.add("working room " + MemoryBudget.human(margin));
        return String.join(" + ", parts);
    }

    /** Throws, naming {@code file}, when the plan does not fit in what the heap can still give. */
    public void require(String what, Path file) throws ExportException {
        if (Boolean.getBoolean("proofbox.skipMemoryPlan")) return; // to measure what a box really needs (bench, -Xmx bisection)
        MemoryBudget.require(total(), what, describe(), file);
    }
}
