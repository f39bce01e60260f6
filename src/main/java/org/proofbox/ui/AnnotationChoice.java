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
    record Choice(String volume, Integer box) {}

    private AnnotationChoice() {}

    /** Empty when the reviewer cancelled; the NML is small, so it is read on the FX thread. */
    /** What opening {@code path} needs: for an annotation zip the reviewer's choice (empty: they closed the question), else none. */
    static Optional<Choice> forPath(Stage owner, Path path) throws ExportException {
        boolean zip = java.nio.file.Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")
            && !org.proofbox.io.Cutout.handles(path); // a zipped TIFF stack is no annotation
        return zip ? ask(owner, path) : Optional.of(new Choice(null, null));
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
}
