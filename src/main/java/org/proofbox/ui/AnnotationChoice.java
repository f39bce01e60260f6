package org.proofbox.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.Stage;
import org.proofbox.io.AnnotationZip;
import org.proofbox.io.ExportException;
import org.proofbox.io.Nml;

/** Before an annotation zip is read: which volume layer and which bounding box to review, asked only when there is a choice. */
final class AnnotationChoice {
    /** The volume's name and the box's id (null: the only or the first one). */
    /** The volume and box of an annotation zip (nulls: the first / the only one), and a dataset attached to it (null: none). */
    record Choice(String volume, Integer box, java.nio.file.Path dataset, org.proofbox.io.Cutout.Options cutout, org.proofbox.model.Vec3 mag) {
        Choice(String volume, Integer box) {
            this(volume, box, null, org.proofbox.io.Cutout.Options.NONE, null);
        }

        Choice(String volume, Integer box, java.nio.file.Path dataset) {
            this(volume, box, dataset, org.proofbox.io.Cutout.Options.NONE, null);
        }

        Choice(String volume, Integer box, java.nio.file.Path dataset, org.proofbox.io.Cutout.Options cutout) {
            this(volume, box, dataset, cutout, null);
        }
    }

    private AnnotationChoice() {}

    /** Empty when the reviewer cancelled; the NML is small, so it is read on the FX thread. */
    /** What opening {@code path} needs: for an annotation zip the reviewer's choice (empty: they closed the question), else none. */
    static Optional<Choice> forPath(Stage owner, Path path) throws ExportException {
        boolean zip = java.nio.file.Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")
            && !org.proofbox.io.Cutout.handles(path); // a zipped TIFF stack is no annotation
        if (zip) return ask(owner, path);
        List<java.nio.file.Path> two = org.proofbox.io.Cutout.unclearPair(path);
        if (two != null) { // a folder with two TIFF cutouts whose names do not tell: the reviewer says
            List<String> names = two.stream().map(p -> p.getFileName().toString()).toList();
            Optional<String> seg = pick(owner, names, "This folder holds two TIFF cutouts: which one is the segmentation? (The other is the EM.)");
            if (seg.isEmpty()) return Optional.empty();
            java.nio.file.Path raw = two.get(names.indexOf(seg.get()) == 0 ? 1 : 0);
            return Optional.of(new Choice(null, null, null, new org.proofbox.io.Cutout.Options(raw, null, null)));
        }
        return Optional.of(new Choice(null, null));
    }

    static Optional<Choice> ask(Stage owner, Path zip) throws ExportException {
        Nml nml = AnnotationZip.readNml(zip);
        String volume = null;
        Integer box = null;
        if (nml.volumes().size() > 1) {
            List<String> names = nml.volumes().stream().map(v -> v.name() + (v.fallbackLayer() != null ? "  (fallback: " + v.fallbackLayer() + ")" : "")).toList();
            Optional<String> pick = pick(owner, names, "This annotation has " + names.size() + " volume layers: which one?");
            if (pick.isEmpty()) return Optional.empty();
            volume = nml.volumes().get(names.indexOf(pick.get())).name();
        }
        if (nml.boxes().size() > 1) {
            List<String> names = nml.boxes().stream().map(b -> b.id() + ": " + b.name() + "  " + b.box().topLeft() + " + " + b.box().size()).toList();
            Optional<String> pick = pick(owner, names, "This annotation has " + names.size() + " bounding boxes: which one is the review region?");
            if (pick.isEmpty()) return Optional.empty();
            box = nml.boxes().get(names.indexOf(pick.get())).id();
        }
        return Optional.of(new Choice(volume, box));
    }

    private static Optional<String> pick(Stage owner, List<String> names, String header) {
        ChoiceDialog<String> d = new ChoiceDialog<>(names.get(0), names);
        d.initOwner(owner);
        d.setHeaderText(header);
        return d.showAndWait();
    }

    /** Tests answer the folder chooser of {@link #withDataset} here (null: the chooser asks). */
    static java.util.function.Supplier<java.nio.file.Path> datasetAnswer;

    /** The open annotation's volume and box with a dataset folder the reviewer picks (empty: none, or no annotation is open). */
    static Optional<Choice> withDataset(Stage owner, org.proofbox.store.LoadedBox box) {
        var ann = box == null ? null : box.export().annotation();
        if (ann == null) return Optional.empty();
        java.nio.file.Path dir;
        if (datasetAnswer != null) {
            dir = datasetAnswer.get();
        } else {
            javafx.stage.DirectoryChooser c = new javafx.stage.DirectoryChooser();
            c.setTitle("The dataset of " + ann.zip().getFileName() + (ann.volume().fallbackLayer() != null
                ? " (its \"" + ann.volume().fallbackLayer() + "\" layer fills the buckets the zip does not store)" : " (its EM goes under the labels)"));
            java.io.File f = c.showDialog(owner);
            dir = f == null ? null : f.toPath();
        }
        return dir == null ? Optional.empty() : Optional.of(new Choice(ann.volume().name(), ann.box() == null ? null : ann.box().id(), dir));
    }

    /** Tests answer the question of {@link #atMag} here (null: a dialog asks). */
    static java.util.function.Function<List<String>, String> magAnswer;

    /** View ▸ Review at mag…: the open box again at one of its segmentation's mags (empty: cancelled, or only one mag). */
    static Optional<Choice> atMag(Stage owner, org.proofbox.store.LoadedBox box) {
        if (box == null) return Optional.empty();
        var seg = box.export().base().info().segmentationLayer();
        if (seg.isEmpty()) return Optional.empty();
        List<String> names = seg.get().mags().stream().map(org.proofbox.io.MagInfo::longName).toList();
        org.proofbox.model.Vec3 wm = box.export().workMag();
        String now = wm.x() + "-" + wm.y() + "-" + wm.z();
        Optional<String> pick = magAnswer != null ? Optional.ofNullable(magAnswer.apply(names))
            : pick(owner, names, "Review the labels at which mag? (now " + now + "; coarser mags read less and suit large structures)");
        if (pick.isEmpty() || pick.get().equals(now)) return Optional.empty();
        String[] p = pick.get().split("-");
        org.proofbox.model.Vec3 mag = new org.proofbox.model.Vec3(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        var ann = box.export().annotation();
        return Optional.of(ann == null ? new Choice(null, null, null, org.proofbox.io.Cutout.Options.NONE, mag)
            : new Choice(ann.volume().name(), ann.box() == null ? null : ann.box().id(), ann.dataset(), org.proofbox.io.Cutout.Options.NONE, mag));
    }
}
