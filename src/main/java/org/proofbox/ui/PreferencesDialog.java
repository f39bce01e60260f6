package org.proofbox.ui;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.proofbox.model.Connectivity;
import org.proofbox.model.QcParameters;
import org.proofbox.review.Preferences;

/**
 * File ▸ Preferences…: the QC thresholds for boxes without a saved session, the brush radius, the
 * contrast new boxes open with, the overlay opacity. Returns the edited preferences on OK.
 */
final class PreferencesDialog {
    private PreferencesDialog() {}

    static Optional<Preferences> ask(Window owner, Preferences p) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Preferences");
        d.setHeaderText("Kept for your user account; a box's saved review session keeps its own QC thresholds");
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        QcParameters q = p.qc();
        ChoiceBox<Integer> conn = new ChoiceBox<>();
        conn.getItems().addAll(6, 18, 26);
        conn.setValue(q.connectivity().neighbours);
        Spinner<Integer> minFragment = ints(0, 100_000_000, q.minFragment(), 10);
        Spinner<Double> iou = doubles(0.05, 1, q.idSwitchIoU(), 0.05);
        Spinner<Double> jump = doubles(1.1, 100, q.areaJumpFactor(), 0.5);
        Spinner<Integer> jumpArea = ints(1, 10_000_000, q.areaJumpMinArea(), 10);
        Spinner<Integer> contact = ints(1, 10_000_000, q.minContact(), 5);
        Spinner<Double> membrane = doubles(1, 10_000, q.maxMembraneNm(), 5);
        Spinner<Double> fragUm3 = doubles(0.001, 1_000_000, q.minFragmentUm3(), 0.5);
        Spinner<Double> jumpUm2 = doubles(0.001, 1_000_000, q.minJumpAreaUm2(), 0.5);
        Spinner<Double> convexity = doubles(0, 1, q.minConvexity(), 0.05);
        CheckBox ecs = new CheckBox("Extracellular space is left unlabelled on purpose (no coverage-gap findings)");
        ecs.setSelected(q.extracellularUnlabelled());
        Spinner<Integer> brush = ints(0, 100, p.brushRadius(), 1);
        CheckBox auto = new CheckBox("Automatic contrast (0.5 % / 99.5 % of the EM histogram)");
        auto.setSelected(p.autoContrast());
        Spinner<Integer> cmin = ints(0, 254, p.contrastMin(), 5), cmax = ints(1, 255, p.contrastMax(), 5);
        cmin.disableProperty().bind(auto.selectedProperty());
        cmax.disableProperty().bind(auto.selectedProperty());
        Spinner<Double> opacity = doubles(0, 1, p.opacity(), 0.05);

        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        int r = 0;
        g.addRow(r++, bold("QC checks of a box opened without a session"));
        g.addRow(r++, new Label("Connectivity of a segment's pieces"), conn);
        g.addRow(r++, new Label("Small fragment below (voxels)"), minFragment);
        g.addRow(r++, new Label("Id switch: overlap (IoU) above"), iou);
        g.addRow(r++, new Label("Shape jump: area ratio of adjacent sections"), jump);
        g.addRow(r++, new Label("… judged from an area of (voxels)"), jumpArea);
        g.addRow(r++, new Label("Contacts and gaps ignored below (faces)"), contact);
        g.addRow(r++, new Label("Coverage gap: unlabelled farther than (nm)"), membrane);
        g.add(ecs, 0, r++, 2, 1);
        g.addRow(r++, bold("… in instance mode (nuclei, somata): in physical units"));
        g.addRow(r++, new Label("Small fragment below (µm³)"), fragUm3);
        g.addRow(r++, new Label("Shape jump judged from an area of (µm²)"), jumpUm2);
        g.addRow(r++, new Label("Unnatural shape: convexity below"), convexity);
        g.addRow(r++, bold("Editing and display"));
        g.addRow(r++, new Label("Brush radius (voxels)"), brush);
        g.add(auto, 0, r++, 2, 1);
        g.addRow(r++, new Label("Contrast min / max"), cmin);
        g.addRow(r++, new Label(""), cmax);
        g.addRow(r++, new Label("Segmentation opacity"), opacity);
        d.getDialogPane().setContent(g);
        d.getDialogPane().setId("preferences");
        Optional<ButtonType> answer = d.showAndWait();
        if (answer.isEmpty() || answer.get() != ButtonType.OK) return Optional.empty();
        QcParameters nq = new QcParameters(Connectivity.of(conn.getValue()), minFragment.getValue(), iou.getValue(), jump.getValue(),
            jumpArea.getValue(), contact.getValue(), membrane.getValue(), ecs.isSelected(), q.instance(), fragUm3.getValue(), jumpUm2.getValue(),
            convexity.getValue());
        return Optional.of(new Preferences(nq, brush.getValue(), auto.isSelected(), cmin.getValue(), Math.max(cmin.getValue() + 1, cmax.getValue()),
            opacity.getValue(), p.lastFolder(), p.recent()));
    }

    private static Label bold(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold");
        return l;
    }

    private static Spinner<Integer> ints(int min, int max, int value, int step) {
        Spinner<Integer> s = new Spinner<>(min, max, Math.max(min, Math.min(max, value)), step);
        s.setEditable(true);
        return s;
    }

    private static Spinner<Double> doubles(double min, double max, double value, double step) {
        Spinner<Double> s = new Spinner<>(min, max, Math.max(min, Math.min(max, value)), step);
        s.setEditable(true);
        return s;
    }
}
