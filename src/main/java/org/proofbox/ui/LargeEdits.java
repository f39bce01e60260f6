package org.proofbox.ui;

import java.util.Locale;
import javafx.stage.Stage;
import org.proofbox.edit.Edit;
import org.proofbox.model.Vec3;
import org.proofbox.store.LoadedBox;

/** Questions before a step that is easy to regret: a large edit (one 3D-fill click must not relabel a million voxels unseen), approving over errors; and what a Needs-fix verdict says. */
final class LargeEdits {
    private LargeEdits() {}

    /** Edits over this many voxels are shown and asked about before they apply. */
    static final int LARGE = 50_000;

    /**
     * Says what a large edit will do before it applies: over {@link #LARGE} voxels, or a fill from
     * unlabelled space that reaches the box border (it floods membranes or extracellular space).
     * True to go ahead.
     */
    static boolean confirm(Stage stage, LoadedBox box, Edit e, boolean fromUnlabelled) {
        if (e.diff().isEmpty()) return true;
        long n = e.diff().size();
        int sx = box.labels().sizeX(), sy = box.labels().sizeY(), sz = box.labels().sizeZ();
        int[] bb = e.diff().bounds(sx, sy); // computed by the worker for a big edit (SegmentOperations)
        int[] lo = {bb[0], bb[1], bb[2]}, hi = {bb[3], bb[4], bb[5]};
        boolean border = lo[0] == 0 || lo[1] == 0 || lo[2] == 0 || hi[0] == sx - 1 || hi[1] == sy - 1 || (sz > 1 && hi[2] == sz - 1);
        if (n < LARGE && !(fromUnlabelled && border)) return true;
        Vec3 tl = box.labels().box().topLeft();
        String where = String.format(Locale.ROOT, "from %s to %s", new Vec3(lo[0], lo[1], lo[2]).plus(tl), new Vec3(hi[0], hi[1], hi[2]).plus(tl));
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
            e.description() + "\n\nThis changes " + String.format(Locale.ROOT, "%,d", n) + " voxels " + where
                + (fromUnlabelled && border ? ", starting in unlabelled space and reaching the box border" : "") + ". Apply it? (Undo takes it back.)",
            javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText("A large edit");
        a.initOwner(stage);
        return a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent();
    }


    /** Approving a segment with open errors: true when the reviewer confirms it is fine. */
    static boolean approveWithErrors(Stage stage, long id, java.util.List<org.proofbox.model.Finding> findings) {
        var errors = findings.stream().filter(f -> f.severity() == org.proofbox.model.Severity.ERROR).toList();
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION, "Segment "
            + org.proofbox.model.SegmentIds.toString(id) + " has " + errors.size() + " open error" + (errors.size() == 1 ? "" : "s") + " ("
            + errors.stream().map(f -> f.check().key).distinct().toList() + "). Approve it anyway?",
            javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText("Approve a segment with errors?");
        a.initOwner(stage);
        return a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isPresent();
    }

    /** "What is wrong": the comment of a Needs-fix verdict, or empty when the reviewer cancelled. */
    static java.util.Optional<String> needsFix(javafx.stage.Stage owner, String what, String comment) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(comment);
        d.initOwner(owner);
        d.setTitle("Needs fix");
        d.setHeaderText(what + " needs a fix");
        d.setContentText("What is wrong:");
        d.getEditor().setId("flag-comment");
        return d.showAndWait();
    }
}
