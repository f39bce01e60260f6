package org.proofbox.store;

import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.io.ExportLock;
import org.proofbox.io.LayerArray;
import org.proofbox.io.LayerInfo;
import org.proofbox.io.MagInfo;
import java.util.List;
import java.util.function.Consumer;
import org.proofbox.model.Vec3;
import org.proofbox.task.Progress;

/** An opened export with its segmentation in memory and indexed: what every view and check works on. */
public record LoadedBox(Export export, LayerArray labelsArray, LabelVolume labels, SegmentIndex index) {

    /** Opens the export at {@code path}, reads mag-1 labels and builds the index. */
    public static LoadedBox open(java.nio.file.Path path, int threads, Progress progress) throws ExportException {
        Export export = Export.open(path);
        return load(export, threads, progress);
    }

    /**
     * Reads the labels of an opened export. A folder is read inside {@link ExportLock#reading}, so
     * a save of another process lands wholly before or after; if one landed between opening and
     * reading, the export is opened anew first.
     */
    public static LoadedBox load(Export export, int threads, Progress progress) throws ExportException {
        return load(export, threads, progress, MemoryPlan.Use.LABELS);
    }

    /**
     * As {@link #load(Export, int, Progress)}, after checking that what {@code use} needs (labels,
     * views, check) fits in the heap: a box that cannot fit is refused before anything is read.
     */
    public static LoadedBox load(Export export, int threads, Progress progress, MemoryPlan.Use use) throws ExportException {
        return load(export, threads, progress, use, null);
    }

    /**
     * What the views can show while the rest of a box loads: the labels and raw (null without a
     * colour layer) of {@code export}, of which the chunks through the three planes at
     * {@code centre} (box-local, the box's middle) are read; the rest is being read into the same
     * volumes. A big box with coarse mags is first previewed whole at one of them: then
     * {@code export} is the box at that mag ({@link Export#atMag}) and its volumes are complete.
     */
    public record Preview(Export export, LayerArray labelsArray, LabelVolume labels, LayerArray rawArray, RawVolume raw, Vec3 centre,
                          boolean whole /* the whole box at a coarser mag; false: the middle planes of its own, still filling */) {}

    /**
     * As {@link #load(Export, int, Progress, MemoryPlan.Use)}; with {@code preview} given, the
     * finest raw is read too, the chunks of both through the box's middle planes first, and
     * {@code preview} is called (on the loading thread) as soon as those are in — a first frame
     * of a big box within seconds instead of after the whole read.
     */
    public static LoadedBox load(Export export, int threads, Progress progress, MemoryPlan.Use use, Consumer<Preview> preview) throws ExportException {
        if (!export.isFolder()) return loadNow(export, threads, progress, use, preview);
        java.nio.file.Path root = export.info().root();
        for (int attempt = 0; ; attempt++) {
            try (ExportLock.Section s = ExportLock.reading(root)) {
                if (export.isCurrent()) {
                    LoadedBox b = loadNow(export, threads, progress, use, preview);
                    if (s.guarded() || !ExportLock.writerAppeared(root)) return b;
                }
            }
            if (attempt == 100) throw new ExportException(export.info().propertiesFile(), "the export keeps changing while it is read (another program is saving into it)");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.proofbox.task.Cancelled();
            }
            Vec3 mag = export.workMag(); // reopened at the same work mag (a --mag choice is kept)
            export = Export.open(export.info().root());
            if (!export.workMag().equals(mag)) export = export.base().atMag(mag);
        }
    }

    private static LoadedBox loadNow(Export export, int threads, Progress progress, MemoryPlan.Use use, Consumer<Preview> preview) throws ExportException {
        LayerInfo seg = export.segmentationLayer();
        MagInfo mag1 = seg.finestMag().orElseThrow(() -> new ExportException(export.info().propertiesFile(),
            "segmentation layer \"" + seg.name() + "\" has no mag 1"));
        LayerArray la = export.open(seg, mag1);
        var size = la.region().size();
        MemoryPlan.of(export, la.region(), use).require("this " + size.x() + "×" + size.y() + "×" + size.z() + " box", la.array().metadataFile());
        LabelVolume labels;
        if (preview == null) {
            labels = LabelLoader.load(la, threads, progress.sub(0, 0.85));
        } else {
            SegmentTable table = new SegmentTable(); // shared with the coarse preview, whose volumes the views keep
            coarsePreview(export, la, table, threads, progress.sub(0, 0.02), preview);
            labels = LabelLoader.allocate(la, table);
            var color = export.info().colorLayer();
            var rawMag = color.flatMap(LayerInfo::finestMag);
            LayerArray ra = rawMag.isPresent() ? export.open(color.get(), rawMag.get()) : null;
            RawVolume raw = ra == null ? null : RawLoader.allocate(ra);
            Vec3 centre = new Vec3(size.x() / 2, size.y() / 2, size.z() / 2);
            var labelParts = BoxChunks.centreFirst(BoxChunks.of(la), centre);
            // the raw's own box may differ from the labels': the same global point
            Vec3 global = la.region().topLeft().plus(centre);
            var rawParts = ra == null ? List.<List<BoxChunks.Part>>of(List.of(), List.of()) : BoxChunks.centreFirst(BoxChunks.of(ra), global.minus(ra.region().topLeft()));
            LabelLoader.loadParts(la, labels, labelParts.get(0), threads, progress.sub(0, 0.05));
            if (ra != null) RawLoader.loadParts(ra, raw, rawParts.get(0), threads, progress.sub(0.05, 0.1));
            preview.accept(new Preview(export, la, labels, ra, raw, centre, false));
            LabelLoader.loadParts(la, labels, labelParts.get(1), threads, progress.sub(0.1, 0.6));
            if (ra != null) RawLoader.loadParts(ra, raw, rawParts.get(1), threads, progress.sub(0.6, 0.85));
        }
        SegmentIndex index = IndexBuilder.build(labels, threads, progress.sub(0.85, 1.0));
        return new LoadedBox(export, la, labels, index);
    }

    /** Boxes of at least this many voxels (64 Mi; property {@code proofbox.coarsePreviewFrom}) are first shown at a coarse mag, when they have one. */
    static long coarsePreviewFrom() {
        return Long.getLong("proofbox.coarsePreviewFrom", 1L << 26);
    }
    /** The coarse preview reads a mag whose box has at most this many voxels (8 Mi: a 1024³ box at 8-8-4, read in well under a second). */
    static final long COARSE_PREVIEW_MAX = 1L << 23;

    /**
     * A big box's first frame: the finest mag that the segmentation and the colour layer (if any)
     * both have with at most {@link #COARSE_PREVIEW_MAX} voxels, read whole into volumes of
     * {@code table}'s slots and shown — a 1024³ box at 8-8-4 — before the
     * seconds of allocating and reading mag 1.
     */
    private static void coarsePreview(Export export, LayerArray la, SegmentTable table, int threads, Progress progress,
                                      Consumer<Preview> preview) throws ExportException {
        if (la.region().size().volume() < coarsePreviewFrom() || !export.workMag().equals(new Vec3(1, 1, 1))) return;
        var color = export.info().colorLayer();
        MagInfo best = null;
        for (MagInfo m : export.segmentationLayer().mags()) {
            if (m.isFinest() || scaledVolume(la.region().size(), m.mag()) > COARSE_PREVIEW_MAX) continue;
            if (color.isPresent() && color.get().mags().stream().noneMatch(c -> c.mag().equals(m.mag()))) continue;
            if (best == null || m.mag().volume() < best.mag().volume()) best = m;
        }
        if (best == null) return;
        Export coarse = export.atMag(best.mag());
        LayerInfo seg = coarse.segmentationLayer();
        LayerArray cla = coarse.open(seg, seg.finestMag().orElseThrow());
        LabelVolume labels = new LabelVolume(cla.region(), cla.array().type(), table);
        LabelLoader.loadInto(cla, labels, threads, progress.sub(0, 0.5));
        var ccolor = coarse.info().colorLayer();
        var rawMag = ccolor.flatMap(LayerInfo::finestMag).filter(MagInfo::isFinest);
        LayerArray ra = rawMag.isPresent() ? coarse.open(ccolor.get(), rawMag.get()) : null;
        RawVolume raw = ra == null ? null : RawLoader.load(ra, threads, progress.sub(0.5, 1));
        Vec3 s = labels.box().size();
        preview.accept(new Preview(coarse, cla, labels, ra, raw, new Vec3(s.x() / 2, s.y() / 2, s.z() / 2), true));
    }

    private static long scaledVolume(Vec3 size, Vec3 mag) {
        return (long) ((size.x() + mag.x() - 1) / mag.x()) * ((size.y() + mag.y() - 1) / mag.y()) * ((size.z() + mag.z() - 1) / mag.z());
    }
}
