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
    public record RawLevel(Vec3 mag, RawVolume volume) {}

    public record LabelLevel(Vec3 mag, LabelVolume volume) {}

    private final List<RawLevel> raw;
    private volatile List<LabelLevel> labels;

    public SliceData(List<RawLevel> raw, List<LabelLevel> labels) {
        this.raw = sorted(raw, RawLevel::mag);
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

    public RawVolume raw() {
        return raw.isEmpty() ? null : raw.get(0).volume();
    }

    public void dropCoarseLabels() {
        if (labels.size() > 1) labels = List.of(labels.get(0));
    }

    /**
     * The coarsest level whose voxels are no larger than a screen pixel along both screen axes
     * of {@code g}, so zoomed-out views read less data and show averaged EM, never a level that
     * would blur what a pixel can show.
     */
    static <T> int pick(List<T> levels, java.util.function.Function<T, Vec3> mag, SliceGeometry g) {
        int best = 0;
        for (int i = 1; i < levels.size(); i++) {
            Vec3 m = mag.apply(levels.get(i));
            double nmU = m.get(g.plane().u) * g.voxelSize().get(g.plane().u);
            double nmV = m.get(g.plane().v) * g.voxelSize().get(g.plane().v);
            if (nmU <= g.nmPerPixel() * 1.0001 && nmV <= g.nmPerPixel() * 1.0001) best = i;
        }
        return best;
    }
}
