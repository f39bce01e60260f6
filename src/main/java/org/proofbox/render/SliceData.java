package org.proofbox.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.RawVolume;

/**
 * What the viewports draw from: the raw EM and the labels at every mag the export has, finest
 * first. Each level's volume box is in that level's voxels. Mag-1 labels are the live, editable
 * volume; coarser label levels are read-only copies that {@link #dropCoarseLabels} discards once
 * the labels change, after which zoomed-out views sample mag 1 instead.
 */
public final class SliceData {
    /**
     * The EM at one mag: {@code volume}'s voxels are {@code mag / per} voxels of the box. {@code per}
     * is 1 except under labels worked on at a coarse mag (issue 15): EM finer than them, e.g. real mag
     * 1 under 16-16-16 labels, is mag 1 per 16 — a level finer than the box's own voxels, so zooming
     * in shows the fine EM under the coarse labels, aligned in nm.
     */
    public record RawLevel(Vec3 mag, Vec3 per, RawVolume volume) {
        public RawLevel(Vec3 mag, RawVolume volume) {
            this(mag, new Vec3(1, 1, 1), volume);
        }

        /** Size of one of its voxels in the box's voxels, per axis. */
        public double[] scale() {
            return new double[] {(double) mag.x() / per.x(), (double) mag.y() / per.y(), (double) mag.z() / per.z()};
        }

        /** Whether its voxels are at least the box's voxels along every axis (the levels a box-voxel position can index). */
        boolean coarseEnough() {
            return mag.x() >= per.x() && mag.y() >= per.y() && mag.z() >= per.z();
        }
    }

    public record LabelLevel(Vec3 mag, LabelVolume volume) {
        public double[] scale() {
            return new double[] {mag.x(), mag.y(), mag.z()};
        }
    }

    private final List<RawLevel> raw;
    private volatile List<LabelLevel> labels;

    public SliceData(List<RawLevel> raw, List<LabelLevel> labels) {
        List<RawLevel> r = new ArrayList<>(raw);
        r.sort(Comparator.comparingDouble(l -> l.scale()[0] * l.scale()[1] * l.scale()[2]));
        this.raw = List.copyOf(r);
        this.labels = sorted(labels, LabelLevel::mag);
        if (!this.labels.isEmpty() && !this.labels.get(0).mag().equals(new Vec3(1, 1, 1))) {
            throw new IllegalArgumentException("labels need mag 1, have " + this.labels.get(0).mag());
        }
    }

    public static SliceData of(RawVolume raw, LabelVolume labels) {
        return new SliceData(raw == null ? List.of() : List.of(new RawLevel(new Vec3(1, 1, 1), raw)),
            labels == null ? List.of() : List.of(new LabelLevel(new Vec3(1, 1, 1), labels)));
    }

    private static <T> List<T> sorted(List<T> in, java.util.function.Function<T, Vec3> mag) {
        List<T> out = new ArrayList<>(in);
        out.sort(Comparator.comparingLong(t -> mag.apply(t).volume()));
        return List.copyOf(out);
    }

    public List<RawLevel> rawLevels() {
        return raw;
    }

    public List<LabelLevel> labelLevels() {
        return labels;
    }

    /** The mag-1 labels, or null when the export has none. */
    public LabelVolume labels() {
        return labels.isEmpty() ? null : labels.get(0).volume();
    }

    /** The finest EM whose voxels are box voxels or coarser (what a box-voxel position, the hover's or the histogram's, indexes). */
    public RawVolume raw() {
        for (RawLevel l : raw) if (l.coarseEnough()) return l.volume();
        return null;
    }

    private volatile long version;
    private volatile boolean filling;

    /** Bumped when the labels change in place (edits): what a renderer kept of them is stale. */
    public long version() {
        return version;
    }

    /** The labels changed in place (called on the FX thread, before the views redraw). */
    public void changed() {
        version++;
    }

    /** Marks the volumes as still being read into: renderers keep nothing of them. Returns this. */
    public SliceData filling() {
        filling = true;
        return this;
    }

    public boolean isFilling() {
        return filling;
    }

    public void dropCoarseLabels() {
        if (labels.size() > 1) labels = List.of(labels.get(0));
    }

    /**
     * The coarsest level whose voxels are no larger than a screen pixel along both screen axes
     * of {@code g}, so zoomed-out views read less data and show averaged EM, never a level that
     * would blur what a pixel can show.
     */
    static <T> int pick(List<T> levels, java.util.function.Function<T, double[]> scale, SliceGeometry g) {
        int best = 0;
        for (int i = 1; i < levels.size(); i++) {
            double[] m = scale.apply(levels.get(i));
            double nmU = m[g.plane().u] * g.voxelSize().get(g.plane().u);
            double nmV = m[g.plane().v] * g.voxelSize().get(g.plane().v);
            if (nmU <= g.nmPerPixel() * 1.0001 && nmV <= g.nmPerPixel() * 1.0001) best = i;
        }
        return best;
    }
}
