package org.proofbox.ui;

import java.util.Arrays;
import java.util.function.Consumer;
import javafx.scene.control.TextInputDialog;
import javafx.stage.Stage;
import org.proofbox.edit.Edit;
import org.proofbox.edit.LabelEditor;
import org.proofbox.edit.Operations;
import org.proofbox.edit.StaleEditException;
import org.proofbox.model.Connectivity;
import org.proofbox.model.SegmentIds;
import org.proofbox.render.ViewerState;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.TaskRunner;

/**
 * The segment operations of the Edit menu on the selection: split disconnected, fill holes,
 * delete, merge, remove small islands. Each is computed in the background, asked about when it
 * changes many voxels ({@link LargeEdits}), applied as one undoable step (refused whole if the
 * labels changed meanwhile), and its outcome goes to the status line and the log; new pieces are
 * selected beside the segment they came from.
 */
final class SegmentOperations {
    private final Stage stage;
    private final TaskRunner tasks;
    private final ViewerState state;
    private final Consumer<String> status;
    private final EditController edit;

    /** Where operations show their progress and Cancel (null: nowhere, as in tests of the operations alone). */
    private StatusLine line;

    void statusLine(StatusLine l) {
        line = l;
    }

    SegmentOperations(Stage stage, TaskRunner tasks, ViewerState state, Consumer<String> status, EditController edit) {
        this.stage = stage;
        this.tasks = tasks;
        this.state = state;
        this.status = status;
        this.edit = edit;
    }

    /** Runs a segment operation: computed in the background, applied as one undoable step. */
    void run(String title, TaskRunner.Work<Edit> work) {
        run(title, work, false);
    }

    /** As above; {@code fromUnlabelled}: a fill that started in unlabelled space (asked about if it reaches the border). */
    void run(String title, TaskRunner.Work<Edit> work, boolean fromUnlabelled) {
        if (edit.refuse()) return;
        LabelEditor editor = edit.editor();
        LoadedBox box = edit.box();
        status.accept(title + " …");
        if (line != null) line.busy(title + " …", null);
        int sx = box.labels().sizeX(), sy = box.labels().sizeY();
        TaskRunner.Work<Edit> computed = p -> {
            Edit e = work.run(p);
            if (e != null) e.diff().bounds(sx, sy); // where it lies, for the large-edit question: seconds for 10⁸ voxels, not on the FX thread
            return e;
        };
        TaskRunner.TaskHandle handle = tasks.submit(title, computed, new TaskRunner.Listener<Edit>() {
            @Override public void progress(double fraction, String message) {
                if (line != null) line.progress(fraction, message);
            }

            @Override public void succeeded(Edit e) {
                if (line != null) line.done();
                if (edit.editor() != editor || edit.refuse()) return; // another box meanwhile, or it became read-only
                if (!LargeEdits.confirm(stage, box, e, fromUnlabelled)) {
                    status.accept("Not applied: " + e.description());
                    return;
                }
                if (e.diff().size() >= backgroundApply) {
                    applyInBackground(title, editor, box, e);
                    return;
                }
                try {
                    editor.apply(e);
                    status.accept(e.description());
                    if (!e.newIds().isEmpty()) selectWithNew(box, e); // split-off pieces show beside what they came from
                } catch (StaleEditException ex) {
                    status.accept(title + ": " + ex.getMessage());
                }
                edit.refreshButtons();
            }

            @Override public void failed(Throwable error) {
                if (line != null) line.done();
                status.accept(title + " failed: " + error.getMessage());
            }

            @Override public void cancelled() {
                if (line != null) line.done();
                status.accept(title + ": cancelled");
            }
        });
        if (line != null) line.cancelWith(handle);
    }

    /** Edits of at least this many voxels are applied off the FX thread (about 50 ms of applying on this machine). */
    static int backgroundApply = 200_000; // not final: a UI test lowers it

    /**
     * Applies a big edit (10⁸ voxels for a 3D fill through a 1024³ box's membranes: tens of
     * seconds) in the background while every other change of the labels waits; not cancellable,
     * since half an edit must never stay.
     */
    private void applyInBackground(String title, LabelEditor editor, LoadedBox box, Edit e) {
        inBackground(String.format(java.util.Locale.ROOT, "Applying %s (%,d voxels) …", e.description(), e.diff().size()), title, p -> {
            editor.apply(e);
            return e;
        }, done -> {
            status.accept(done.description());
            if (edit.editor() == editor && !done.newIds().isEmpty()) selectWithNew(box, done);
        });
    }

    /**
     * Changes the labels off the FX thread ({@code change}: an apply, undo or redo of a big edit)
     * while every other change waits; {@code done} runs on the FX thread with what was changed.
     */
    void inBackground(String what, String title, TaskRunner.Work<Edit> change, Consumer<Edit> done) {
        edit.applying(true);
        status.accept(what);
        if (line != null) line.busy(what, null);
        tasks.submit(title, change, new TaskRunner.Listener<Edit>() {
            @Override public void succeeded(Edit e) {
                finish();
                done.accept(e);
            }

            @Override public void failed(Throwable error) {
                finish();
                status.accept(title + " not done: " + error.getMessage());
            }

            @Override public void cancelled() {
                finish();
            }

            private void finish() {
                if (line != null) line.done();
                edit.applying(false);
                edit.refreshButtons();
            }
        });
    }

    private void selectWithNew(LoadedBox box, Edit e) {
        int[] sel = state.style().selected();
        int[] all = Arrays.copyOf(sel, sel.length + e.newIds().size());
        for (int i = 0; i < e.newIds().size(); i++) all[sel.length + i] = box.labels().table().findSlot(e.newIds().get(i));
        state.setStyle(state.style().withSelected(all));
    }

    /** The first selected segment's slot, or 0 after saying that one is needed. */
    private int selected() {
        int[] sel = state.style().selected();
        if (sel.length == 0) status.accept("Select a segment first");
        return sel.length == 0 ? 0 : sel[0];
    }

    /** The fill tool's flood, in the background (a 3D fill can reach millions of voxels), asked about when large. */
    void fill(int x, int y, int z, int slot, int axis, boolean fromUnlabelled) {
        LabelEditor ed = edit.editor();
        run(axis >= 0 ? "Fill" : "3D fill", p -> Operations.fill(ed, x, y, z, slot, Connectivity.SIX, axis, p), fromUnlabelled);
    }

    void split() {
        int slot = selected();
        LabelEditor ed = edit.editor();
        if (slot > 0) run("Split disconnected", p -> Operations.splitDisconnected(ed, slot, Connectivity.TWENTY_SIX));
    }

    void fillHoles(boolean sections) {
        int slot = selected();
        LabelEditor ed = edit.editor();
        if (slot > 0) run("Fill holes", p -> Operations.fillHoles(ed, slot, sections, Connectivity.TWENTY_SIX, p));
    }

    void delete() {
        if (edit.refuse()) return;
        int slot = selected();
        LabelEditor ed = edit.editor();
        if (slot > 0) run("Delete", p -> Operations.delete(ed, slot));
    }

    void removeIslands() {
        if (edit.refuse()) return;
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
            LabelEditor ed = edit.editor();
            run("Remove small islands", p -> Operations.removeIslands(ed, n, Connectivity.TWENTY_SIX, true, p));
        });
    }

    /** Merges segment B (asked, prefilled with the second selected) into A (the active one, or the first selected). */
    void merge() {
        if (edit.refuse()) return;
        LoadedBox box = edit.box();
        int[] sel = state.style().selected();
        int a = edit.activeSlot() > 0 ? edit.activeSlot() : sel.length > 0 ? sel[0] : 0;
        int bSlot = 0;
        for (int s : sel) if (s != a) { bSlot = s; break; }
        if (a <= 0) { status.accept("Make a segment active (Picker or Shift+click) to merge into"); return; }
        TextInputDialog d = new TextInputDialog(bSlot > 0 ? SegmentIds.toString(box.labels().table().idOf(bSlot)) : "");
        d.initOwner(stage);
        d.setHeaderText("Merge a segment into " + SegmentIds.toString(box.labels().table().idOf(a)));
        d.setContentText("Segment id to merge in:");
        int into = a;
        d.showAndWait().ifPresent(text -> {
            long id;
            try {
                id = SegmentIds.parse(text.trim());
            } catch (IllegalArgumentException ex) {
                status.accept("Not a segment id: " + text);
                return;
            }
            int s = box.labels().table().findSlot(id);
            if (s <= 0 || box.index().voxels(s) == 0) { status.accept("No segment " + text.trim() + " in this box"); return; }
            if (s == into) { status.accept("A segment cannot be merged into itself"); return; }
            LabelEditor ed = edit.editor();
            run("Merge", p -> Operations.merge(ed, into, s));
        });
    }
}
