package org.proofbox.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.proofbox.edit.LabelEditor;
import org.proofbox.io.AnnotationZip;
import org.proofbox.io.ExportException;
import org.proofbox.io.ExportLock;
import org.proofbox.render.Contrast;
import org.proofbox.render.SliceData;
import org.proofbox.render.SliceDataLoader;
import org.proofbox.store.LoadedBox;
import org.proofbox.store.MemoryPlan;
import org.proofbox.task.Progress;

/**
 * What opening a box produces in the background: the labels and index, the slice data, an automatic
 * contrast, and the export's writer lock taken <em>before</em> reading (so no other program's save
 * lands between reading and editing); null when {@code holder} has it or none applies (a zip).
 */
record Opened(LoadedBox box, SliceData data, Contrast contrast, ExportLock lock, String holder, List<RegistryView.Row> rows, LabelEditor editor) {
    /** Runs on a background thread; {@code taken} hands the lock to the window if the task is cancelled. */
    static Opened load(Path path, AnnotationChoice.Choice choice, int threads, AtomicReference<ExportLock> taken, Progress p) throws ExportException {
        return load(path, choice, threads, taken, p, null);
    }

    /**
     * As above; {@code preview} (null: none) is called on the loading thread once the chunks
     * through the box's middle planes are read, so the window can show a first frame while the rest
     * loads into the same volumes.
     */
    static Opened load(Path path, AnnotationChoice.Choice choice, int threads, AtomicReference<ExportLock> taken, Progress p,
                       java.util.function.Consumer<LoadedBox.Preview> preview) throws ExportException {
        boolean cutout = org.proofbox.io.Cutout.handles(path); // saved as a new file: no lock in the user's folder
        boolean zip = !cutout && Files.isRegularFile(path);
        ExportLock lock = null;
        String holder = null;
        if (!zip && !cutout && !org.proofbox.io.SampleLocator.isBundled(path)) { // the sample is read-only: no lock file in it
            try {
                lock = ExportLock.tryWriter(path, "the Proofbox window");
                if (lock == null) holder = ExportLock.holder(path);
                taken.set(lock);
            } catch (ExportException e) {
                holder = null; // a folder Proofbox may not write: read-only, as ExportSaver will say
            }
        }
        try {
            java.util.List<LoadedBox.Preview> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.function.Consumer<LoadedBox.Preview> hook = preview == null ? null : pv -> {
                shown.add(pv);
                preview.accept(pv);
            };
            org.proofbox.io.Export e = zip ? AnnotationZip.open(path, choice.volume(), choice.box(), choice.dataset()) : org.proofbox.io.Export.open(path, choice.cutout());
            if (choice.mag() != null && !choice.mag().equals(e.workMag())) e = e.base().atMag(choice.mag()); // View ▸ Review at mag
            LoadedBox b = LoadedBox.load(e, threads, p.sub(0, 0.75), MemoryPlan.Use.REVIEW, hook);
            SliceData d = SliceDataLoader.load(b, threads, p.sub(0.75, 1), shown);
            Contrast c = d.raw() == null ? Contrast.FULL : Contrast.auto(Contrast.histogram(d.raw()));
            List<RegistryView.Row> rows = new java.util.ArrayList<>(); // the segment list's rows, made here rather than on the FX thread
            for (var s : b.index().segments()) rows.add(new RegistryView.Row(s, -1, -1, 0, null));
            // the editor too: not for the FX thread to make (its undo history and bitmap of changed voxels start empty)
            LabelEditor editor = new LabelEditor(b.labels(), b.index(), b.labelsArray().layer().largestSegmentId().orElse(0L));
            return new Opened(b, d, c, lock, holder, rows, editor);
        } catch (ExportException | RuntimeException | Error t) {
            if (lock != null) lock.close();
            throw t;
        }
    }
}
