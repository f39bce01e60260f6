package org.proofbox.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.proofbox.edit.Edit;
import org.proofbox.edit.EditJournal;
import org.proofbox.edit.ExportSaver;
import org.proofbox.edit.LabelEditor;
import org.proofbox.edit.Operations;
import org.proofbox.io.ExportException;
import org.proofbox.model.Connectivity;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.Vec3;
import org.proofbox.render.ViewerState;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.TaskRunner;

/**
 * Label editing in the window: the tool bar (move, brush, erase, fill, picker; brush size, only
 * into unlabelled voxels, 3D fill; the active segment and "new id"), undo / redo / save, the
 * segment operations, the read-only banner, crash recovery on open and the question on close.
 * Tools act on the voxel under the mouse in any viewport, in that viewport's section.
 */
final class EditController implements Viewport.ToolHandler {
    enum Tool {
        MOVE("Move", "M", null, "Click moves the crosshair, drag pans"),
        BRUSH("Brush", "B", javafx.scene.input.KeyCode.B, "Paints the active segment (Shift+wheel: size)"),
        ERASE("Erase", "E", javafx.scene.input.KeyCode.E, "Sets voxels to 0"),
        FILL("Fill", "R", javafx.scene.input.KeyCode.R, "Fills the connected region under the mouse with the active segment"),
        PICKER("Picker", null, javafx.scene.input.KeyCode.P, "Makes the segment under the mouse active");

        final String label, key, help;
        /** The second key after Ctrl+K (WEBKNOSSOS), or null. */
        final javafx.scene.input.KeyCode chord;

        Tool(String label, String key, javafx.scene.input.KeyCode chord, String help) {
            this.label = label;
            this.key = key;
            this.chord = chord;
            this.help = help;
        }
    }

    private final Stage stage;
    private final TaskRunner tasks;
    private final ViewerState state;
    private final Consumer<String> status;
    private final Runnable labelsChanged;
    private final HBox bar = new HBox(6);
    private final ToggleGroup tools = new ToggleGroup();
    private final Label radiusLabel = new Label();
    private final CheckBox onlyEmpty = new CheckBox("Only empty");
    private final CheckBox fill3d = new CheckBox("3D fill");
    private final Label active = new Label("Active: —");
    private final Label banner = new Label();
    private final Button undoButton = new Button("Undo"), redoButton = new Button("Redo"), saveButton = new Button("Save"), newIdButton = new Button("New id (C)");
    private LoadedBox box;
    private LabelEditor editor;
    private EditJournal journal;
    private String readOnly;
    private org.proofbox.io.ExportLock lock;
    private boolean saving;
    private final Label journalBanner = new Label();
    private Tool tool = Tool.MOVE;
    private int radius = 3;
    private int activeSlot;
    private boolean stroke;

    EditController(Stage stage, TaskRunner tasks, ViewerState state, Consumer<String> status, Runnable labelsChanged) {
        this.stage = stage;
        this.tasks = tasks;
        this.state = state;
        this.status = status;
        this.labelsChanged = labelsChanged;
        bar.setId("toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 6, 3, 6));
        for (Tool t : Tool.values()) {
            ToggleButton b = new ToggleButton(t.label);
            b.setId("tool-" + t.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(tools);
            b.setUserData(t);
            b.setFocusTraversable(false);
            if (t == Tool.MOVE) b.setSelected(true);
            bar.getChildren().add(b);
        }
        tools.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) { a.setSelected(true); return; }
            tool = (Tool) b.getUserData();
        });
        onlyEmpty.setId("only-empty");
        fill3d.setId("fill-3d");
        active.setId("active-segment");
        banner.setId("readonly-banner");
        banner.setStyle("-fx-text-fill: white; -fx-background-color: #b00020; -fx-padding: 2 8 2 8; -fx-font-weight: bold;");
        banner.setVisible(false);
        banner.setManaged(false);
        banner.setMaxWidth(520);
        banner.setMinWidth(80);
        for (var n : List.of(onlyEmpty, fill3d)) n.setFocusTraversable(false);
        Button newId = newIdButton;
        newId.setOnAction(e -> newSegment());
        undoButton.setOnAction(e -> undo());
        redoButton.setOnAction(e -> redo());
        saveButton.setOnAction(e -> save());
        saveButton.setId("save");
        for (Button b : List.of(newId, undoButton, redoButton, saveButton)) b.setFocusTraversable(false);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        journalBanner.setId("journal-banner");
        journalBanner.setStyle("-fx-background-color: #a33; -fx-text-fill: white; -fx-padding: 2 6 2 6;");
        journalBanner.setVisible(false);
        journalBanner.setManaged(false);
        bar.getChildren().addAll(radiusLabel, onlyEmpty, fill3d, active, newId, grow, banner, journalBanner, undoButton, redoButton, saveButton);
        for (var n : bar.getChildren()) if (n != banner && n != grow && n instanceof javafx.scene.control.Control c) c.setMinWidth(Region.USE_PREF_SIZE);
        updateRadius();
        setEnabled(false);
    }

    HBox toolbar() {
        return bar;
    }

    private Runnable changed = () -> { };

    /**
     * The tool bar's buttons run, enable and explain themselves through the window's actions;
     * {@code changed} is told whenever what they depend on changes (edits, saves, opening).
     */
    void bindActions(ActionModel actions, Runnable changed) {
        this.changed = changed;
        for (var n : bar.getChildren()) {
            String id = n instanceof ToggleButton tb && tb.getUserData() instanceof Tool t ? "tool-" + t.name().toLowerCase(Locale.ROOT)
                : n == newIdButton ? "new-id" : n == undoButton ? "undo" : n == redoButton ? "redo" : n == saveButton ? "save" : null;
            if (id == null) continue;
            Action a = actions.get(id);
            n.disableProperty().bind(a.enabledProperty().not());
            if (n instanceof ButtonBase b) {
                if (!(n instanceof ToggleButton)) b.setOnAction(e -> a.fire(false));
                b.setTooltip(new Tooltip(a.withKeys() + (a.help.isEmpty() ? "" : "\n" + a.help)));
            }
        }
    }

    LabelEditor editor() {
        return editor;
    }

    Tool tool() {
        return tool;
    }

    void setTool(Tool t) {
        for (var tg : tools.getToggles()) if (tg.getUserData() == t) tg.setSelected(true);
    }

    int radius() {
        return radius;
    }

    int activeSlot() {
        return activeSlot;
    }

    private void setEnabled(boolean on) {
        for (var n : bar.getChildren()) if (n != banner && n != journalBanner && !n.disableProperty().isBound()) n.setDisable(!on);
    }

    /** Whether the labels may change now: a box is open, it is writable, and no save is running. */
    boolean editable() {
        return editor != null && readOnly == null && !saving;
    }

    /** Why the labels cannot change now, for the status line, or null. */
    private String whyNotEditable() {
        if (editor == null) return "No box is open";
        if (readOnly != null) return "Read-only: " + readOnly;
        if (saving) return "Saving … (edits wait until the save is done)";
        return null;
    }

    private boolean refuse() {
        String why = whyNotEditable();
        if (why != null) status.accept(why);
        return why != null;
    }

    private void refreshButtons() {
        boolean ok = editor != null;
        changed.run();
        undoButton.setTooltip(new Tooltip(ok && editor.canUndo() ? "Undo " + editor.undoDescription() + " (Ctrl+Z)" : "Nothing to undo"));
        redoButton.setTooltip(new Tooltip(ok && editor.canRedo() ? "Redo " + editor.redoDescription() + " (Ctrl+Y)" : "Nothing to redo"));
        String t = stage.getTitle();
        if (t != null && ok) stage.setTitle((editor.hasUnsavedChanges() ? "* " : "") + t.replaceFirst("^\\* ", ""));
    }

    /**
     * A box was opened: a fresh editor and journal; offers to recover unsaved edits of a previous
     * run. {@code lock} is the export's writer lock taken before it was read (null: none, and
     * {@code holder} says who has it); the controller keeps it until the box is closed.
     */
    void attach(LoadedBox b, org.proofbox.io.ExportLock lock, String holder) {
        detach();
        box = b;
        this.lock = lock;
        saving = false;
        long declared = b.labelsArray().layer().largestSegmentId().orElse(0L);
        editor = new LabelEditor(b.labels(), b.index(), declared);
        readOnly = ExportSaver.readOnlyReason(b);
        if (readOnly == null && lock == null) readOnly = "the export is open for writing by " + (holder == null ? "another program" : holder);
        journalBanner.setVisible(false);
        journalBanner.setManaged(false);
        var ann = b.export().annotation();
        String text = readOnly == null ? "" : "Read-only: " + readOnly;
        if (ann != null && ann.incomplete()) text += " — untouched regions are MISSING (fallback layer \"" + ann.volume().fallbackLayer() + "\" not in the zip)";
        banner.setText(text);
        banner.setTooltip(ann != null && ann.incomplete() ? new Tooltip(ann.banner()) : readOnly != null ? new Tooltip(text) : null);
        if (readOnly != null && lock == null && holder != null) status.accept(text); // who holds it, in full
        banner.setVisible(readOnly != null);
        banner.setManaged(readOnly != null);
        setEnabled(readOnly == null);
        if (readOnly == null) {
            Path root = b.export().info().root();
            journal = new EditJournal(root, b.labels(), ExportSaver.savedState(root));
            journal.setOnFailure(e -> javafx.application.Platform.runLater(() -> {
                journalBanner.setText("Crash recovery is off: the edit journal cannot be written (" + e.getMessage() + "). Save soon.");
                journalBanner.setVisible(true);
                journalBanner.setManaged(true);
                System.err.println("proofbox: " + journal.file() + ": cannot write the edit journal: " + e);
            }));
            offerRecovery();
            editor.addListener(journal);
        }
        editor.addListener((d, diff, touched, undo) -> {
            refreshButtons();
            labelsChanged.run();
        });
        activeSlot = 0;
        active.setText("Active: —");
        refreshButtons();
    }

    void detach() {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                // the journal is flushed after every record already
            }
        }
        journal = null;
        editor = null;
        box = null;
        if (lock != null) lock.close();
        lock = null;
    }

    private void offerRecovery() {
        Path root = box.export().info().root();
        if (!Files.exists(root.resolve(EditJournal.NAME))) return;
        EditJournal.Contents c;
        try {
            c = EditJournal.read(root, box.labels(), ExportSaver.savedState(root));
        } catch (ExportException e) {
            setAside("it cannot be used: " + e.getMessage());
            return;
        }
        List<EditJournal.Entry> entries = c.unsaved();
        if (entries.isEmpty()) {
            if (c.damage() != null) setAside("nothing in it can be recovered: " + c.damage());
            else {
                try {
                    journal.clear(); // its edits were all saved
                } catch (IOException e) {
                    status.accept("The old edit journal could not be removed: " + e.getMessage());
                }
            }
            return;
        }
        ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.YES);
        ButtonType aside = new ButtonType("Set aside", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, entries.size() + " edits were not saved when Proofbox last closed on this export"
            + " (the last: " + entries.get(entries.size() - 1).description() + "). " + c.summary() + ".\n\nRecover them? \"Set aside\" keeps the journal in a file beside the export.",
            recover, aside);
        a.setHeaderText("Unsaved edits found");
        a.initOwner(stage);
        Optional<ButtonType> answer = a.showAndWait();
        if (answer.isPresent() && answer.get() == recover) {
            try {
                Edit e = EditJournal.replay(editor, entries, journal.file());
                editor.apply(e);
                status.accept(e.description() + "; save to keep them");
            } catch (ExportException ex) {
                setAside("it does not match the labels: " + ex.getMessage());
            }
        } else {
            setAside("you chose not to recover it");
        }
    }

    private void setAside(String why) {
        Path f = box.export().info().root().resolve(EditJournal.NAME);
        Path to = f.resolveSibling("proofbox-journal-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".bin");
        try {
            Files.move(f, to);
            status.accept("Edit journal set aside as " + to.getFileName() + " (" + why + ")");
        } catch (IOException e) {
            status.accept("The edit journal " + f + " could not be set aside: " + e.getMessage());
        }
    }

    // ---- tools in the viewports ----

    private int[] local(int[] global) {
        Vec3 tl = box.labels().box().topLeft();
        return new int[] {global[0] - tl.x(), global[1] - tl.y(), global[2] - tl.z()};
    }

    @Override
    public boolean press(Viewport v, int[] voxel, MouseEvent e) {
        if (editor == null) return false;
        if (e.isShiftDown() && e.isControlDown() && (tool == Tool.BRUSH || tool == Tool.ERASE)) { // WEBKNOSSOS: Ctrl+Shift+drag erases
            if (refuse()) return true;
            editor.beginGroup("erase stroke");
            stroke = true;
            erasing = true;
            dab(v, voxel, e);
            return true;
        }
        if (e.isShiftDown()) { // WEBKNOSSOS: Shift+click makes the segment under the mouse active, in every tool
            pick(voxel);
            return true;
        }
        if (tool == Tool.MOVE) return false;
        if (refuse()) return true;
        int[] p = local(voxel);
        switch (tool) {
            case PICKER -> pick(voxel);
            case FILL -> {
                if (activeSlot <= 0) {
                    status.accept("Pick or create a segment first (Picker, Shift+click, or C)");
                    return true;
                }
                Edit ed = Operations.fill(editor, p[0], p[1], p[2], activeSlot, Connectivity.SIX, fill3d.isSelected() ? -1 : v.plane.w);
                editor.apply(ed);
                status.accept(ed.description());
            }
            case BRUSH, ERASE -> {
                if (tool == Tool.BRUSH && activeSlot <= 0) {
                    status.accept("Pick or create a segment first (Picker, Shift+click, or C)");
                    return true;
                }
                // WEBKNOSSOS: Ctrl+drag inverts "only empty"; Ctrl+Shift erases — Shift alone picks
                editor.beginGroup(tool == Tool.BRUSH ? "brush stroke with " + SegmentIds.toString(box.labels().table().idOf(activeSlot)) : "erase stroke");
                stroke = true;
                dab(v, voxel, e);
            }
            default -> { return false; }
        }
        return true;
    }

    private boolean erasing; // the stroke erases whatever the tool (Ctrl+Shift+drag)

    private void dab(Viewport v, int[] voxel, MouseEvent e) {
        int[] p = local(voxel);
        boolean erase = tool == Tool.ERASE || erasing;
        boolean empty = !erase && (onlyEmpty.isSelected() ^ (e.isControlDown() && !e.isShiftDown()));
        editor.apply(Operations.brush(editor, v.plane.w, p[0], p[1], p[2], radius, erase ? 0 : activeSlot, empty));
    }

    @Override
    public void drag(Viewport v, int[] voxel, MouseEvent e) {
        if (stroke) dab(v, voxel, e);
    }

    @Override
    public void release(Viewport v, MouseEvent e) {
        if (!stroke) return;
        stroke = false;
        erasing = false;
        Edit done = editor.endGroup();
        if (done != null) status.accept(done.description());
        refreshButtons();
    }

    @Override
    public int brushRadius() {
        return (tool == Tool.BRUSH || tool == Tool.ERASE) && editor != null ? radius : -1;
    }

    @Override
    public boolean wheel(double delta) {
        if (tool != Tool.BRUSH && tool != Tool.ERASE) return false;
        radius = Math.max(0, Math.min(100, radius + (delta > 0 ? 1 : -1)));
        updateRadius();
        return true;
    }

    private void updateRadius() {
        radiusLabel.setText("Brush " + radius + " (Shift+wheel)");
    }

    void pick(int[] voxel) {
        if (box == null) return;
        int[] p = local(voxel);
        int s = box.labels().slotAt(p[0], p[1], p[2]);
        if (s == 0) {
            status.accept("Unlabelled voxel: nothing to pick");
            return;
        }
        setActive(s);
    }

    private java.util.function.IntConsumer onActive = s -> { };

    void onActive(java.util.function.IntConsumer c) {
        onActive = c;
    }

    void setActive(int slot) {
        activeSlot = slot;
        active.setText("Active: " + SegmentIds.toString(box.labels().table().idOf(slot)));
        onActive.accept(slot);
    }

    /** C: a new segment id becomes the active one (next free id, never handed out before). */
    void newSegment() {
        if (refuse()) return;
        try {
            setActive(editor.newSlot());
            status.accept("New segment " + SegmentIds.toString(box.labels().table().idOf(activeSlot)) + " is active; paint or fill with it");
            labelsChanged.run();
        } catch (IllegalStateException e) {
            status.accept(e.getMessage());
        }
    }

    void undo() {
        if (refuse()) return;
        Edit e = editor.undo();
        status.accept(e == null ? "Nothing to undo" : "Undone: " + e.description());
        refreshButtons();
    }

    void redo() {
        if (refuse()) return;
        Edit e = editor.redo();
        status.accept(e == null ? "Nothing to redo" : "Redone: " + e.description());
        refreshButtons();
    }

    /** Ctrl+S: writes the changed chunks in the background; the journal goes once it is done. */
    void save() {
        if (editor == null) return;
        if (readOnly != null) {
            status.accept("Read-only export: " + readOnly);
            return;
        }
        if (saving) {
            status.accept("A save is running");
            return;
        }
        if (!editor.hasUnsavedChanges()) {
            status.accept("Nothing to save");
            return;
        }
        LoadedBox b = box;
        LabelEditor ed = editor;
        EditJournal j = journal;
        status.accept("Saving …");
        saving = true;
        refreshButtons();
        tasks.submit("save", p -> ExportSaver.save(b, ed, org.proofbox.io.FileOps.REAL, st -> { if (j != null) j.saveBegins(st); }, p),
                new TaskRunner.Listener<ExportSaver.Result>() {
            @Override public void succeeded(ExportSaver.Result r) {
                saving = false;
                try {
                    if (j != null) j.saved(r.state());
                } catch (IOException e) {
                    status.accept("Saved, but the journal could not be removed: " + e.getMessage());
                }
                status.accept(String.format(Locale.ROOT, "Saved: %d chunks written (%d coarse), largest id %s", r.chunksWritten(), r.coarseChunksWritten(),
                    SegmentIds.toString(r.largestSegmentId())));
                refreshButtons();
            }

            @Override public void cancelled() {
                saving = false;
                status.accept("Save cancelled: the export is as it was; the edits are still unsaved");
                refreshButtons();
            }

            @Override public void failed(Throwable error) {
                saving = false;
                refreshButtons();
                System.err.println("proofbox: save failed: " + error);
                Alert a = new Alert(Alert.AlertType.ERROR, (error instanceof ExportException ? error.getMessage() : error.toString())
                    + "\n\nUnsaved edits are still in memory and in the journal.");
                a.setHeaderText("Could not save");
                a.initOwner(stage);
                a.show();
            }
        });
    }

    /** Runs a segment operation: computed in the background, applied as one undoable step. */
    void operation(String title, TaskRunner.Work<Edit> work) {
        if (refuse()) return;
        status.accept(title + " …");
        tasks.submit(title, work, new TaskRunner.Listener<Edit>() {
            @Override public void succeeded(Edit e) {
                if (refuse()) return;
                try {
                    editor.apply(e);
                    status.accept(e.description());
                } catch (org.proofbox.edit.StaleEditException ex) {
                    status.accept(title + ": " + ex.getMessage());
                }
                refreshButtons();
            }

            @Override public void failed(Throwable error) {
                status.accept(title + " failed: " + error.getMessage());
            }
        });
    }

    /** Split disconnected, fill holes, delete on the selected segments. */
    void splitSelected() {
        int[] sel = state.style().selected();
        if (sel.length == 0) { status.accept("Select a segment first"); return; }
        LabelEditor ed = editor;
        operation("Split disconnected", p -> Operations.splitDisconnected(ed, sel[0], Connectivity.TWENTY_SIX));
    }

    void fillHolesSelected(boolean sections) {
        int[] sel = state.style().selected();
        if (sel.length == 0) { status.accept("Select a segment first"); return; }
        LabelEditor ed = editor;
        operation("Fill holes", p -> Operations.fillHoles(ed, sel[0], sections, Connectivity.TWENTY_SIX, p));
    }

    void deleteSelected() {
        if (refuse()) return;
        int[] sel = state.style().selected();
        if (sel.length == 0) { status.accept("Select a segment first"); return; }
        editor.apply(Operations.delete(editor, sel[0]));
        refreshButtons();
    }

    void removeIslands() {
        if (refuse()) return;
        TextInputDialog d = new TextInputDialog("100");
        d.initOwner(stage);
        d.setHeaderText("Remove small islands: pieces and whole segments under N voxels (not at the box border) join the neighbour they touch most");
        d.setContentText("N voxels:");
        d.showAndWait().ifPresent(text -> {
            int n;
            try {
                n = Integer.parseInt(text.trim());
            } catch (NumberFormatException ex) {
                status.accept("Not a number: " + text);
                return;
            }
            LabelEditor ed = editor;
            operation("Remove small islands", p -> Operations.removeIslands(ed, n, Connectivity.TWENTY_SIX, true, p));
        });
    }

    /** Merges segment B (asked, prefilled with the second selected) into A (the active one, or the first selected). */
    void mergeDialog() {
        if (refuse()) return;
        int[] sel = state.style().selected();
        int a = activeSlot > 0 ? activeSlot : sel.length > 0 ? sel[0] : 0;
        int bSlot = 0;
        for (int s : sel) if (s != a) { bSlot = s; break; }
        if (a <= 0) { status.accept("Make a segment active (Picker or Shift+click) to merge into"); return; }
        TextInputDialog d = new TextInputDialog(bSlot > 0 ? SegmentIds.toString(box.labels().table().idOf(bSlot)) : "");
        d.initOwner(stage);
        d.setHeaderText("Merge a segment into " + SegmentIds.toString(box.labels().table().idOf(a)));
        d.setContentText("Segment id to merge in:");
        int into = a;
        d.showAndWait().ifPresent(text -> {
            try {
                long id = SegmentIds.parse(text.trim());
                int s = box.labels().table().findSlot(id);
                if (s <= 0 || box.index().voxels(s) == 0) { status.accept("No segment " + text.trim() + " in this box"); return; }
                if (refuse()) return;
                Edit e = Operations.merge(editor, into, s);
                editor.apply(e);
                status.accept(e.description());
                refreshButtons();
            } catch (IllegalArgumentException ex) {
                status.accept("Not a segment id: " + text);
            }
        });
    }

    /** Asks before closing with unsaved edits; false to keep the window open. */
    boolean confirmClose() {
        if (editor == null || !editor.hasUnsavedChanges()) return true;
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The labels have unsaved edits (" + editor.undoDescription() + " …).", save, discard, ButtonType.CANCEL);
        a.setHeaderText("Save before closing?");
        a.initOwner(stage);
        Optional<ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == ButtonType.CANCEL) return false;
        if (r.get() == save) {
            try {
                EditJournal j = journal;
                ExportSaver.Result res = ExportSaver.save(box, editor, org.proofbox.io.FileOps.REAL, st -> { if (j != null) j.saveBegins(st); },
                    org.proofbox.task.Progress.NONE);
                if (j != null) j.saved(res.state());
                return true;
            } catch (ExportException | IOException e) {
                Alert err = new Alert(Alert.AlertType.ERROR, e.getMessage() + "\n\nThe window stays open; the edits are in the journal.");
                err.initOwner(stage);
                err.showAndWait();
                return false;
            }
        }
        if (journal != null) {
            try {
                journal.clear();
            } catch (IOException e) {
                // the journal stays; the next open offers it
            }
        }
        return true;
    }

}
