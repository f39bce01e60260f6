package org.proofbox.ui;

import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.proofbox.edit.Edit;
import org.proofbox.edit.LabelEditor;
import org.proofbox.edit.Operations;
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
    private final EditToolbar bar;
    private LoadedBox box;
    private LabelEditor editor;
    private EditSession session;
    private final SegmentOperations operations;
    private Tool tool = Tool.MOVE;
    private int radius = 3;
    private java.util.function.IntConsumer radiusHeard;
    private int activeSlot;
    private boolean stroke;

    EditController(Stage stage, TaskRunner tasks, ViewerState state, Consumer<String> status, Runnable labelsChanged) {
        this.stage = stage;
        this.tasks = tasks;
        this.state = state;
        this.status = status;
        this.labelsChanged = labelsChanged;
        bar = new EditToolbar(t -> tool = t);
        bar.radius(radius);
        operations = new SegmentOperations(stage, tasks, state, status, this);
    }

    LoadedBox box() {
        return box;
    }

    HBox toolbar() {
        return bar.node();
    }

    private Runnable changed = () -> { };

    /** The tool bar works through the window's actions; {@code changed} is told whenever what they depend on changes (edits, saves, opening). */
    void bindActions(ActionModel actions, Runnable changed) {
        this.changed = changed;
        bar.bindActions(actions);
    }

    LabelEditor editor() {
        return editor;
    }

    Tool tool() {
        return tool;
    }

    void setTool(Tool t) {
        bar.select(t);
    }

    int radius() {
        return radius;
    }

    /** Sets the brush radius (the preferred one when the window opens); {@code onRadius} hears every change. */
    void radius(int r, java.util.function.IntConsumer onRadius) {
        radius = Math.max(0, Math.min(100, r));
        radiusHeard = onRadius;
        updateRadius();
    }

    int activeSlot() {
        return activeSlot;
    }


    /** Whether the labels may change now: a box is open, it is writable, and no save is running. */
    boolean editable() {
        return session != null && session.editable();
    }

    /** See {@link EditSession#applying}. */
    void applying(boolean on) {
        if (session != null) session.applying(on);
    }

    boolean refuse() {
        if (session == null) {
            status.accept("No box is open");
            return true;
        }
        return session.refuse();
    }

    void refreshButtons() {
        boolean ok = editor != null;
        changed.run();
        bar.history(ok && editor.canUndo() ? editor.undoDescription() : null, ok && editor.canRedo() ? editor.redoDescription() : null);
        String t = stage.getTitle();
        if (t != null && ok) stage.setTitle((editor.hasUnsavedChanges() ? "* " : "") + t.replaceFirst("^\\* ", ""));
    }

    /**
     * A box was opened: a fresh editing session (its editor, journal, recovery offer) that keeps
     * the export's writer lock {@code lock} until the box is closed (null: {@code holder} has it).
     */
    void attach(LoadedBox b, LabelEditor made, org.proofbox.io.ExportLock lock, String holder) {
        detach();
        EditSession.Banners banners = bar.banners();
        banners.journalProblem(null);
        session = new EditSession(stage, tasks, status, banners, this::refreshButtons, b, made, lock, holder);
        session.onSaving(savingSink);
        session.decisions(decisions);
        box = b;
        editor = session.editor();
        bar.setEnabled(session.readOnly() == null);
        editor.addListener((d, diff, touched, undo) -> { // a big edit is applied in the background: the window hears of it on its thread
            Runnable news = () -> {
                refreshButtons();
                labelsChanged.run();
            };
            if (javafx.application.Platform.isFxApplicationThread()) news.run();
            else javafx.application.Platform.runLater(news);
        });
        activeSlot = 0;
        bar.active("Active: —");
        refreshButtons();
    }

    private java.util.function.Supplier<java.util.Map<Long, org.proofbox.model.Decision>> decisions = java.util.Map::of;

    /** Where saving an annotation finds the review's verdicts and comments (they go into its NML). */
    void decisions(java.util.function.Supplier<java.util.Map<Long, org.proofbox.model.Decision>> d) {
        decisions = d;
        if (session != null) session.decisions(d);
    }

    void detach() {
        if (session != null) session.close();
        session = null;
        editor = null;
        box = null;
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
                boolean fromUnlabelled = box.labels().slotAt(p[0], p[1], p[2]) == 0;
                operations.fill(p[0], p[1], p[2], activeSlot, bar.fill3d.isSelected() ? -1 : v.plane.w, fromUnlabelled);
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
        boolean empty = !erase && (bar.onlyEmpty.isSelected() ^ (e.isControlDown() && !e.isShiftDown()));
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
        if (radiusHeard != null) radiusHeard.accept(radius);
        bar.radius(radius);
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
        bar.active("Active: " + SegmentIds.toString(box.labels().table().idOf(slot)));
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
        if (editor.undoVoxels() >= SegmentOperations.backgroundApply) { // 10⁸ voxels take tens of seconds: not on the FX thread
            LabelEditor ed = editor;
            operations.inBackground("Undoing " + ed.undoDescription() + " …", "Undo", p -> ed.undo(), e -> status.accept("Undone: " + e.description()));
            return;
        }
        Edit e = editor.undo();
        status.accept(e == null ? "Nothing to undo" : "Undone: " + e.description());
        refreshButtons();
    }

    void redo() {
        if (refuse()) return;
        if (editor.redoVoxels() >= SegmentOperations.backgroundApply) {
            LabelEditor ed = editor;
            operations.inBackground("Redoing " + ed.redoDescription() + " …", "Redo", p -> ed.redo(), e -> status.accept("Redone: " + e.description()));
            return;
        }
        Edit e = editor.redo();
        status.accept(e == null ? "Nothing to redo" : "Redone: " + e.description());
        refreshButtons();
    }

    /** Ctrl+S: writes the changed chunks in the background as one transaction. */
    void save() {
        if (session != null) session.save();
    }

    /** An annotation: a new zip with the edits and the review's verdicts as segment metadata. */
    void saveAs() {
        if (session != null) session.saveAnnotationAs();
    }

    boolean annotationOpen() {
        return box != null && box.export().annotation() != null;
    }

    /** The segment operations (split, fill holes, delete, merge, remove islands) on the selection. */
    SegmentOperations operations() {
        return operations;
    }

    void splitSelected() { operations.split(); }
    void statusLine(StatusLine line) { operations.statusLine(line); }
    void fillHolesSelected(boolean sections) { operations.fillHoles(sections); }
    void deleteSelected() { operations.delete(); }
    void removeIslands() { operations.removeIslands(); }
    void mergeDialog() { operations.merge(); }

    /** Asks about unsaved edits, then runs {@code then} (after a save when the reviewer chooses one); see {@link EditSession#closeThen}. */
    void closeThen(Runnable then) {
        if (session == null) then.run();
        else session.closeThen(then);
    }

    /** Where saves show their progress. */
    void onSaving(java.util.function.BiConsumer<TaskRunner.TaskHandle, Double> sink) {
        savingSink = sink;
        if (session != null) session.onSaving(sink);
    }

    private java.util.function.BiConsumer<TaskRunner.TaskHandle, Double> savingSink = (h, f) -> { };

}
