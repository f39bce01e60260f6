package org.proofbox.render;

import java.util.ArrayList;
import java.util.List;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.io.LayerArray;
import org.proofbox.io.LayerInfo;
import org.proofbox.io.MagInfo;
import org.proofbox.store.LabelLoader;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.LoadedBox;
import org.proofbox.store.RawLoader;
import org.proofbox.store.RawVolume;
import org.proofbox.model.Vec3;
import org.proofbox.task.Progress;

/**
 * Reads what the viewports need beyond the mag-1 labels of a {@link LoadedBox}: the raw EM at
 * every mag the color layer lists, and the coarser mags of the segmentation (ids mapped through
 * the same table, so a slot means one id at every mag). An export without a color layer shows
 * labels on a dark background.
 */
public final class SliceDataLoader {
    private SliceDataLoader() {}

    public static SliceData load(LoadedBox box, int threads, Progress progress) throws ExportException {
        return load(box, threads, progress, List.of());
    }

    /**
     * As {@link #load(LoadedBox, int, Progress)}, keeping what the previews of the open already
     * read: the finest raw of the mag-1 preview, the raw and labels of a coarse one (same slots).
     */
    public static SliceData load(LoadedBox box, int threads, Progress progress, List<LoadedBox.Preview> previews) throws ExportException {
        Export export = box.export();
        List<SliceData.RawLevel> raw = new ArrayList<>();
        var color = export.info().colorLayer();
        List<MagInfo> rawMags = color.map(LayerInfo::mags).orElse(List.of());
        LayerInfo seg = export.segmentationLayer();
        List<MagInfo> segMags = seg.mags().stream().filter(m -> !m.isFinest()).toList();
        int steps = Math.max(1, rawMags.size() + segMags.size()), k = 0;
        for (MagInfo m : rawMags) {
            LoadedBox.Preview pv = readBefore(box, previews, m.mag());
            RawVolume vol = pv != null && pv.raw() != null ? pv.raw()
                : RawLoader.load(export.open(color.get(), m), threads, progress.sub((double) k / steps, (double) (k + 1) / steps));
            raw.add(new SliceData.RawLevel(m.mag(), vol));
            k++;
        }
        finerRaw(export, threads, raw, progress);
        List<SliceData.LabelLevel> labels = new ArrayList<>();
        labels.add(new SliceData.LabelLevel(new org.proofbox.model.Vec3(1, 1, 1), box.labels()));
        for (MagInfo m : segMags) {
            LoadedBox.Preview pv = readBefore(box, previews, m.mag());
            LabelVolume vol = pv != null ? pv.labels() : null;
            if (vol == null) {
                LayerArray la = export.open(seg, m);
                vol = new LabelVolume(la.region(), la.array().type(), box.labels().table());
                LabelLoader.loadInto(la, vol, threads, progress.sub((double) k / steps, (double) (k + 1) / steps));
            }
            labels.add(new SliceData.LabelLevel(m.mag(), vol));
            k++;
        }
        progress.report(1, "views ready");
        return new SliceData(raw, labels);
    }

    /** The preview of this open at {@code mag} whose volumes hold their whole box, in the box's slots; or null. */
    private static LoadedBox.Preview readBefore(LoadedBox box, List<LoadedBox.Preview> previews, Vec3 mag) {
        if (!box.export().workMag().equals(new Vec3(1, 1, 1))) return null;
        for (LoadedBox.Preview pv : previews) {
            if (pv.labels().table() != box.labels().table()) continue;
            boolean fine = mag.equals(new Vec3(1, 1, 1));
            if (fine ? pv.labels() == box.labels() : pv.export().workMag().equals(mag)) return pv;
        }
        return null;
    }

    /** Most bytes of EM finer than the work mag that a box worked on at a coarse mag loads for zooming in. */
    static final long FINER_RAW_BUDGET = 1L << 30;

    /**
     * Labels worked on at a coarse mag (issue 15): the EM at the finer mags the dataset has, coarsest
     * first, as long as they fit {@link #FINER_RAW_BUDGET} and a quarter of the free heap — zoomed in,
     * the views show it under the coarse labels, aligned in nm.
     */
    private static void finerRaw(Export export, int threads, List<SliceData.RawLevel> raw, Progress progress) throws ExportException {
        Vec3 wm = export.workMag();
        if (wm.equals(new Vec3(1, 1, 1))) return;
        Export base = export.base();
        var color = base.info().colorLayer();
        if (color.isEmpty()) return;
        List<MagInfo> finer = new ArrayList<>(color.get().mags().stream()
            .filter(m -> m.mag().x() % wm.x() != 0 || m.mag().y() % wm.y() != 0 || m.mag().z() % wm.z() != 0).toList());
        finer.sort(java.util.Comparator.comparingLong((MagInfo m) -> m.mag().volume()).reversed());
        long budget = Math.min(FINER_RAW_BUDGET, org.proofbox.store.MemoryBudget.free() / 4), used = 0;
        for (MagInfo m : finer) {
            LayerArray la = base.open(color.get(), m);
            long bytes = la.region().size().volume();
            if (used + bytes > budget) {
                System.err.println("proofbox: EM at mag " + m.longName() + " and finer not loaded (" + org.proofbox.store.MemoryBudget.human(used + bytes)
                    + " would pass the budget); the views show the EM down to the coarser mags");
                break;
            }
            progress.checkCancelled();
            raw.add(new SliceData.RawLevel(m.mag(), wm, RawLoader.load(la, threads, Progress.NONE)));
            used += bytes;
        }
    }
}
