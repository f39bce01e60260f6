package org.proofbox.ui;

import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.proofbox.algo.QcReport;
import org.proofbox.io.AtomicFiles;
import org.proofbox.io.ExportException;
import org.proofbox.render.HtmlReport;
import org.proofbox.render.SliceData;
import org.proofbox.review.ReviewCsv;
import org.proofbox.review.SessionFile;
import org.proofbox.review.Walkthrough;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.TaskRunner;

/** File ▸ Export: the verdicts as CSV, the HTML report of the check with each segment's verdict and comment, or the selected segments' meshes (written in the background). */
final class ReviewExports {
    private ReviewExports() {}

    static void csv(Stage stage, ReviewController.Host host, LoadedBox box, Walkthrough walkthrough, List<SessionFile.Missing> missing) {
        File f = choose(stage, box.export().info().name() + "-review.csv");
        if (f == null) return;
        try {
            AtomicFiles.write(f.toPath(), ReviewCsv.toBytes(walkthrough, missing));
            host.status("Wrote " + f);
        } catch (IOException e) {
            host.error("Could not write the CSV", new ExportException(f.toPath(), e.getMessage(), e));
        }
    }

    static void html(Stage stage, TaskRunner tasks, ReviewController.Host host, LoadedBox box, SliceData data, QcReport qc, Walkthrough walkthrough) {
        File f = choose(stage, box.export().info().name() + "-review.html");
        if (f == null) return;
        Map<Long, HtmlReport.Note> notes = new HashMap<>();
        for (long id : walkthrough.order()) notes.put(id, new HtmlReport.Note(walkthrough.verdict(id).label(), walkthrough.comment(id)));
        host.busy("Writing " + f.getName() + " …");
        tasks.submit("html", p -> {
            HtmlReport.write(f.toPath(), box, data, qc, notes);
            return f;
        }, new TaskRunner.Listener<File>() {
            @Override public void succeeded(File out) {
                host.done();
                host.status("Wrote " + out);
            }

            @Override public void failed(Throwable error) {
                host.done();
                host.error("Could not write the report", error);
            }
        });
    }

    /** File ▸ Export mesh: the selected segments' surfaces as binary STL or PLY (by the name's ending), meshed and written in the background. */
    static void mesh(Stage stage, TaskRunner tasks, ReviewController.Host host, LoadedBox box, int[] slots) {
        if (slots.length == 0) {
            host.status("Select a segment to export its mesh");
            return;
        }
        FileChooser fc = new FileChooser();
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("STL (WEBKNOSSOS)", "*.stl"), new FileChooser.ExtensionFilter("PLY", "*.ply"));
        fc.setInitialFileName(box.export().info().name() + "-" + Long.toUnsignedString(box.labels().table().idOf(slots[0])) + ".stl");
        File f = fc.showSaveDialog(stage);
        if (f == null) return;
        boolean ply = f.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".ply");
        var vs = box.export().info().voxelSize();
        host.busy("Meshing " + slots.length + " segment" + (slots.length == 1 ? "" : "s") + " for " + f.getName() + " …");
        host.cancelWith(tasks.submit("export mesh", p -> {
            List<org.proofbox.algo.mesh.MeshFiles.Solid> solids = new java.util.ArrayList<>();
            for (int slot : slots) {
                solids.add(new org.proofbox.algo.mesh.MeshFiles.Solid(box.labels().table().idOf(slot),
                    org.proofbox.algo.mesh.SegmentMesher.mesh(box.labels(), box.index(), slot, vs, p)));
            }
            AtomicFiles.write(f.toPath(), ply ? org.proofbox.algo.mesh.MeshFiles.ply(solids) : org.proofbox.algo.mesh.MeshFiles.stl(solids));
            return f;
        }, new TaskRunner.Listener<File>() {
            @Override public void succeeded(File out) {
                host.done();
                host.status("Wrote " + out + " (nm)");
            }

            @Override public void failed(Throwable error) {
                host.done();
                host.error("Could not write the mesh", error instanceof IOException io ? new ExportException(f.toPath(), io.getMessage(), io) : error);
            }

            @Override public void cancelled() {
                host.done();
                host.status("Mesh export cancelled; nothing written");
            }
        }));
    }

    private static File choose(Stage stage, String name) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        return fc.showSaveDialog(stage);
    }
}
