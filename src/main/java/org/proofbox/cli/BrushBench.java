package org.proofbox.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.proofbox.edit.LabelEditor;
import org.proofbox.edit.Operations;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.store.LoadedBox;
import org.proofbox.store.MemoryPlan;
import org.proofbox.task.Progress;

/**
 * {@code bench brush [PATH]}: what one brush dab costs on the FX thread (issue 13: below 16 ms on
 * big boxes): strokes of dabs (radius 3, 10 and 25, in XY) at random places, each dab computed and
 * applied to the labels, the index and the undo group, as EditController does per mouse event;
 * the views' redraw runs on their own threads and is not part of it. Prints median, p90 and max.
 */
final class BrushBench {
    private BrushBench() {}

    static void run(String path, PrintStream out) throws ExportException {
        Export export = Inputs.open(path, null, null);
        int threads = Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        LoadedBox box = LoadedBox.load(export, threads, Progress.NONE, MemoryPlan.Use.LABELS);
        out.printf(Locale.ROOT, "bench brush: %s %s, %,d segments (loaded in %.1f s)%n", export.info().name(), box.labels().box().size(),
            box.index().segmentCount(), (System.nanoTime() - t0) / 1e9);
        LabelEditor ed = new LabelEditor(box.labels(), box.index(), export.segmentationLayer().largestSegmentId().orElse(0L));
        int slot = box.index().segments().isEmpty() ? 0 : box.labels().table().findSlot(box.index().segments().get(0).id());
        var size = box.labels().box().size();
        Random rnd = new Random(42);
        for (int radius : new int[] {3, 10, 25}) {
            int dabs = 400;
            double[] ms = new double[dabs];
            for (int warm = 0; warm < 2; warm++) { // the first pass warms the JIT, the second is measured
                for (int s = 0; s < dabs / 20; s++) {
                    ed.beginGroup("brush stroke");
                    int x = rnd.nextInt(size.x()), y = rnd.nextInt(size.y()), z = rnd.nextInt(size.z());
                    for (int d = 0; d < 20; d++) { // a stroke: 20 dabs a few voxels apart
                        x = Math.max(0, Math.min(size.x() - 1, x + rnd.nextInt(7) - 3));
                        y = Math.max(0, Math.min(size.y() - 1, y + rnd.nextInt(7) - 3));
                        long a = System.nanoTime();
                        ed.apply(Operations.brush(ed, 2, x, y, z, radius, slot, false));
                        ms[s * 20 + d] = (System.nanoTime() - a) / 1e6;
                    }
                    ed.endGroup();
                }
            }
            Arrays.sort(ms);
            out.printf(Locale.ROOT, "  radius %2d (%5d voxels a dab)  median %6.3f ms  p90 %6.3f ms  max %7.3f ms   goal <= 16 ms%n", radius,
                Math.round(Math.PI * (radius + 0.5) * (radius + 0.5)), ms[dabs / 2], ms[dabs * 9 / 10], ms[dabs - 1]);
        }
    }
}
