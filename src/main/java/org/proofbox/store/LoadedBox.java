package org.proofbox.store;

import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.io.ExportLock;
import org.proofbox.io.LayerArray;
import org.proofbox.io.LayerInfo;
import org.proofbox.io.MagInfo;
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
        if (export.annotation() != null) return loadNow(export, threads, progress, use);
        java.nio.file.Path root = export.info().root();
        for (int attempt = 0; ; attempt++) {
            try (ExportLock.Section s = ExportLock.reading(root)) {
                if (export.isCurrent()) {
                    LoadedBox b = loadNow(export, threads, progress, use);
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
            export = Export.open(export.info().root());
        }
    }

    private static LoadedBox loadNow(Export export, int threads, Progress progress, MemoryPlan.Use use) throws ExportException {
        LayerInfo seg = export.segmentationLayer();
        MagInfo mag1 = seg.finestMag().orElseThrow(() -> new ExportException(export.info().propertiesFile(),
            "segmentation layer \"" + seg.name() + "\" has no mag 1"));
        LayerArray la = export.open(seg, mag1);
        var size = la.region().size();
        MemoryPlan.of(export, la.region(), use).require("this " + size.x() + "×" + size.y() + "×" + size.z() + " box", la.array().metadataFile());
        LabelVolume labels = LabelLoader.load(la, threads, progress.sub(0, 0.85));
        SegmentIndex index = IndexBuilder.build(labels, threads, progress.sub(0.85, 1.0));
        return new LoadedBox(export, la, labels, index);
    }
}
