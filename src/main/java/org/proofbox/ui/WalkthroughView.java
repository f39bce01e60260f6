package org.proofbox.ui;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.proofbox.model.Finding;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.Verdict;
import org.proofbox.review.Walkthrough;

/**
 * The walkthrough panel: which segment is under review and where in the order, its QC findings
 * (click or Enter jumps to one), the verdict buttons with their keys, the order, and progress.
 * Buttons never take the keyboard focus, so Space always means "approve" and never presses
 * whichever button was clicked last.
 */
final class WalkthroughView extends VBox {
    /** Positions as the reviewer reads them: mag-1 voxels (a box worked on at a coarse mag converts; see Export.toMag1). */
    private java.util.function.UnaryOperator<org.proofbox.model.Vec3> mag1 = v -> v;

    void positions(java.util.function.UnaryOperator<org.proofbox.model.Vec3> toMag1) {
        mag1 = toMag1;
    }

    static final List<String> ORDERS = List.of("Findings first", "Largest first", "By id");
    /** A resumed order that none of {@link #ORDERS} gives (the reviewer's own). */
    static final String SAVED = "As saved";

    private final Label header = new Label("No review yet");
    private final Label details = new Label();
    private final ListView<Finding> findings = new ListView<>();
    /** Findings of the box, not of a segment (coverage gaps, a minority membrane style): listed above the walkthrough, jumpable. */
    private final ListView<Finding> boxFindings = new ListView<>();
    private final Label boxHeader = new Label();
    private final HBox boxVerdicts;
    private Consumer<Finding> onBoxFlag = f -> { };
    private final ProgressBar progress = new ProgressBar(0);
    private final Label counts = new Label();
    private final ChoiceBox<String> order = new ChoiceBox<>(FXCollections.observableArrayList(ORDERS));
    private final Label messages = new Label();
    private final Label keys = new Label();
    private Walkthrough walkthrough;
    private Map<Long, List<Finding>> bySegment = Map.of();
    private Consumer<Finding> onJump = f -> { };
    private boolean syncing;

    WalkthroughView() {
        setId("walkthrough");
        setSpacing(6);
        header.setId("walkthrough-header");
        details.setId("walkthrough-details");
        progress.setId("walkthrough-progress");
        counts.setId("walkthrough-counts");
        counts.setWrapText(true);
        findings.setId("walkthrough-findings");
        messages.setId("walkthrough-messages");
        header.setStyle("-fx-font-size: 14px; -fx-font-weight: bold;");
        messages.setWrapText(true);
        messages.setStyle("-fx-text-fill: #8a4b00;");
        details.setWrapText(true);
        progress.setMaxWidth(Double.MAX_VALUE);
        findings.setPrefHeight(150);
        jumpable(findings);
        jumpable(boxFindings);
        boxFindings.setId("box-findings");
        boxFindings.setPrefHeight(90);
        boxHeader.setId("box-findings-header");
        boxHeader.setWrapText(true);
        boxHeader.setStyle("-fx-font-weight: bold; -fx-text-fill: #8a1c1c;");
        boxFindings.setCellFactory(l -> new ListCell<>() { // each box finding with its verdict
            @Override protected void updateItem(Finding f, boolean empty) {
                super.updateItem(f, empty);
                if (empty || f == null) { setText(null); return; }
                Walkthrough.BoxVerdict v = walkthrough == null ? null : walkthrough.boxVerdict(f);
                String mark = v == null || v.verdict() == Verdict.UNREVIEWED ? "" : "[" + v.verdict().label() + (v.comment().isEmpty() ? "" : ": " + v.comment()) + "] ";
                setText(mark + String.format(Locale.ROOT, "%s %s at %s: %s", f.severity().key(), f.check().key, mag1.apply(f.at()), f.detail()));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        Button accept = boxButton("Accept", "The selected box finding is fine as it is", () -> boxDecision(f -> walkthrough.decideBox(f, Verdict.APPROVED, "")));
        Button fix = boxButton("Needs fix…", "The selected box finding needs a fix, with a comment", () -> boxDecision(onBoxFlag));
        accept.setId("box-accept");
        fix.setId("box-flag");
        boxVerdicts = new HBox(6, accept, fix);
        showBoxFindings(List.of());
        Button prev = button("◀ Previous", "previous");
        Button next = button("Next ▶", "next");
        Button approve = button("Approve", "approve");
        Button flag = button("Needs fix…", "flag");
        Button skip = button("Skip", "skip");
        approve.setId("approve");
        flag.setId("flag");
        approve.setStyle("-fx-base: #6cbf6c;");
        flag.setStyle("-fx-base: #e8a05a;");
        order.setId("walkthrough-order");
        order.setValue(ORDERS.get(0));
        order.setFocusTraversable(false);
        order.valueProperty().addListener((o, a, b) -> {
            if (syncing || walkthrough == null || SAVED.equals(b)) return;
            walkthrough.sort(switch (ORDERS.indexOf(b)) {
                case 1 -> Walkthrough.BY_SIZE;
                case 2 -> Walkthrough.BY_ID;
                default -> Walkthrough.FINDINGS_FIRST;
            });
        });
        HBox nav = new HBox(6, prev, next);
        HBox verdicts = new HBox(6, approve, flag, skip);
        HBox orderBar = new HBox(6, new Label("Order"), order);
        keys.setId("walkthrough-keys");
        keys.setWrapText(true);
        keys.setStyle("-fx-text-fill: #666; -fx-font-size: 11px;");
        getChildren().addAll(boxHeader, boxFindings, boxVerdicts, header, details, new Label("QC findings (click to jump)"), findings, verdicts, nav, orderBar, progress, counts, keys, messages);
        VBox.setVgrow(findings, Priority.SOMETIMES);
        setDisable(true);
    }

    /** A list of findings: each shown with severity, check, place and detail; a click or Enter jumps to it. */
    private void jumpable(ListView<Finding> list) {
        list.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(Finding f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : String.format(Locale.ROOT, "%s %s at %s: %s", f.severity().key(), f.check().key, mag1.apply(f.at()), f.detail()));
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        list.setOnMouseClicked(e -> {
            Finding f = list.getSelectionModel().getSelectedItem();
            if (e.getButton() != MouseButton.PRIMARY || f == null) return;
            if (list == boxFindings && walkthrough != null && walkthrough.goToBox(f)) return; // the walkthrough shows it
            onJump.accept(f);
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) onJump.accept(list.getSelectionModel().getSelectedItem());
        });
    }

    /** The box's own findings (no segment); the list shows only when there are some. */
    void showBoxFindings(List<Finding> list) {
        boxFindings.getItems().setAll(list);
        long errors = list.stream().filter(f -> f.severity() == org.proofbox.model.Severity.ERROR).count();
        boxHeader.setText(String.format(Locale.ROOT, "Box findings, not of one segment: %d (%d errors) — click to jump", list.size(), errors));
        for (var n : List.of(boxHeader, boxFindings, boxVerdicts)) {
            n.setVisible(!list.isEmpty());
            n.setManaged(!list.isEmpty());
        }
    }

    void onBoxFlag(Consumer<Finding> c) { onBoxFlag = c; }

    /** Acts on the selected box finding, or the first open one. */
    private void boxDecision(Consumer<Finding> act) {
        Finding f = boxFindings.getSelectionModel().getSelectedItem();
        if (f == null) f = boxFindings.getItems().stream().filter(x -> walkthrough.boxVerdict(x).verdict() == Verdict.UNREVIEWED).findFirst().orElse(null);
        if (f != null) act.accept(f);
        boxFindings.refresh();
    }

    List<Finding> boxFindings() {
        return boxFindings.getItems();
    }

    private Button boxButton(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setFocusTraversable(false);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> { if (walkthrough != null) action.run(); });
        return b;
    }

    /** A verdict or navigation button: what it does, its key and tooltip come from the window's action {@code actionId} ({@link #bindActions}). */
    private Button button(String text, String actionId) {
        Button b = new Button(text);
        b.setFocusTraversable(false);
        b.setUserData(actionId);
        return b;
    }

    /** The buttons fire the window's actions (so a button and its key do the same) and explain themselves from them, with the hint line. */
    void bindActions(ActionModel actions) {
        List<String> ids = new java.util.ArrayList<>();
        for (var row : getChildren()) {
            if (!(row instanceof HBox h)) continue;
            for (var n : h.getChildren()) {
                if (!(n instanceof Button b) || !(b.getUserData() instanceof String id)) continue;
                Action a = actions.get(id);
                ids.add(id);
                b.setOnAction(e -> a.fire(false));
                b.disableProperty().bind(a.enabledProperty().not());
                b.setTooltip(new Tooltip(a.withKeys() + (a.help.isEmpty() ? "" : "\n" + a.help)));
            }
        }
        for (String extra : List.of("visibility", "jump")) ids.add(extra);
        keys.setText("Keys: " + actions.hint(ids));
    }

    void onJump(Consumer<Finding> c) { onJump = c; }


    void set(Walkthrough w, Map<Long, List<Finding>> findingsBySegment, List<String> notes) {
        this.walkthrough = w;
        this.bySegment = findingsBySegment;
        messages.setText(String.join("\n", notes));
        setDisable(w == null);
        syncing = true; // the order the session was saved in, named as the box names it
        int named = w == null || w.isSortedBy(Walkthrough.FINDINGS_FIRST) ? 0 : w.isSortedBy(Walkthrough.BY_SIZE) ? 1 : w.isSortedBy(Walkthrough.BY_ID) ? 2 : -1;
        if (named < 0 && !order.getItems().contains(SAVED)) order.getItems().add(SAVED);
        order.setValue(named < 0 ? SAVED : ORDERS.get(named));
        syncing = false;
        refresh();
    }

    /** Fresh findings after edits (the walkthrough itself was updated by the caller). */
    void updateFindings(Map<Long, List<Finding>> findingsBySegment) {
        this.bySegment = findingsBySegment;
        refresh();
    }

    void refresh() {
        boxFindings.refresh();
        Finding boxed = walkthrough == null ? null : walkthrough.currentBoxFinding();
        if (boxed != null) {
            int i = walkthrough.boxFindings().indexOf(boxed);
            header.setText(String.format(Locale.ROOT, "Box finding %d of %d: %s", i + 1, walkthrough.boxFindings().size(), boxed.check().key));
            Walkthrough.BoxVerdict v = walkthrough.boxVerdict(boxed);
            details.setText(String.format(Locale.ROOT, "%s at %s, %,d voxels — %s%s. Space accepts, X needs a fix; N goes on (to the segments after the last).",
                boxed.detail(), mag1.apply(boxed.at()), boxed.voxels(), v.verdict().label(), v.comment().isEmpty() ? "" : ": “" + v.comment() + "”"));
            if (boxFindings.getItems().contains(boxed)) boxFindings.getSelectionModel().select(boxed);
            findings.getItems().setAll(List.of(boxed));
            return;
        }
        if (walkthrough != null) boxFindings.getSelectionModel().clearSelection();
        if (walkthrough == null || walkthrough.current() == null) {
            header.setText("No segments to review");
            return;
        }
        Walkthrough.Item it = walkthrough.current();
        header.setText(String.format(Locale.ROOT, "Segment %d of %d: id %s", walkthrough.position() + 1, walkthrough.size(), SegmentIds.toString(it.id())));
        Verdict v = walkthrough.verdict(it.id());
        String comment = walkthrough.comment(it.id());
        details.setText(String.format(Locale.ROOT, "%,d voxels, %d QC finding%s — %s%s", it.voxels(), it.findings(), it.findings() == 1 ? "" : "s",
            v.label(), comment.isEmpty() ? "" : ": “" + comment + "”"));
        findings.getItems().setAll(bySegment.getOrDefault(it.id(), List.of()));
        int reviewed = walkthrough.reviewed();
        progress.setProgress(walkthrough.size() == 0 ? 0 : (double) reviewed / walkthrough.size());
        Map<Verdict, Integer> c = walkthrough.counts();
        counts.setText(String.format(Locale.ROOT, "%d of %d reviewed — %d approved, %d need a fix, %d skipped, %d open", reviewed, walkthrough.size(),
            c.get(Verdict.APPROVED), c.get(Verdict.NEEDS_FIX), c.get(Verdict.SKIPPED), c.get(Verdict.UNREVIEWED)));
    }

    List<Finding> currentFindings() {
        return findings.getItems();
    }
}
