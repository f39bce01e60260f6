package org.proofbox.ui;

import static org.proofbox.ui.Action.Group.EDIT;
import static org.proofbox.ui.Action.Group.FILE;
import static org.proofbox.ui.Action.Group.HELP;
import static org.proofbox.ui.Action.Group.REVIEW;
import static org.proofbox.ui.Action.Group.TOOLS;
import static org.proofbox.ui.Action.Group.VIEW;

import java.util.List;
import java.util.Set;

/**
 * The window's commands, declared once: labels, keys (WEBKNOSSOS's where it has the action, see
 * shared/docs/SHORTCUTS.md), when each may run and what it calls. Enablement comes from
 * {@link Window}'s queries, so a read-only box cannot be changed through any menu, button, key
 * or context menu.
 */
final class WindowActions {
    /** What the actions ask and call; {@link MainWindow} implements it, tests use a stand-in. */
    interface Window {
        boolean boxOpen();
        /** Labels may change: a writable box is open and no save runs. */
        boolean editable();
        boolean hasSelection();
        boolean reviewReady();
        boolean canUndo();
        boolean canRedo();
        boolean unsaved();

        void openFolder();
        void openZip();
        void preferences();
        void openProject();
        boolean projectOpen();
        void nextBox();
        void save();
        /** An annotation zip is open (Save as… writes a new one). */
        boolean annotationOpen();
        void saveAs();
        /** Opens the annotation again with a local copy of its dataset (EM, fallback segmentation). */
        void attachDataset();
        /** Review ▸ Instance annotation: dense checks off, instance checks on (or back). */
        void toggleInstance();
        /** View ▸ Review at mag…: the box again at another of its segmentation's mags. */
        void reviewAtMag();
        void exportCsv();
        void exportHtml();
        void exportMesh();
        void quit();
        void undo();
        void redo();
        void newSegment();
        void split();
        void fillHoles(boolean sections);
        void removeIslands();
        void merge();
        void delete();
        void tool(EditController.Tool t);
        void cycleTool(boolean back);
        void step(int sections);
        void zoom(boolean in);
        void move(int dx, int dy, boolean fast);
        void toggleOverlay();
        void maximise();
        void fit();
        void cycleVisibility();
        void togglePanel(boolean left);
        void approve();
        void flag();
        void skip();
        void next();
        void previous();
        void jumpToFinding();
        void shortcuts();
    }

    /** Ids before which the menus put a separator. */
    static final Set<String> SEPARATORS = Set.of("save", "export-csv", "preferences", "quit", "new-id", "split", "delete", "cycle-tool", "zoom-in",
        "toggle-overlay", "panel-left", "flag", "next");

    private WindowActions() {}

    static ActionModel declare(Window w) {
        ActionModel m = new ActionModel();
        java.util.function.BooleanSupplier open = w::boxOpen, edit = w::editable, review = w::reviewReady, always = () -> true;
        m.add("open", "Open export…", FILE, List.of("Ctrl+O"), "A WEBKNOSSOS dataset folder (Zarr v2, Zarr3 or WKW)", always, w::openFolder);
        m.add("open-zip", "Open volume annotation or cutout…", FILE, List.of("Ctrl+Shift+O"), "A WEBKNOSSOS annotation zip, OME-TIFF, TIFF stack or .ozx; Save writes a new file", always, w::openZip);
        m.add("open-project", "Open project (a folder of boxes)…", FILE, List.of(), "Checks every box, lists them with the project's consistency findings",
            always, w::openProject);
        m.add("save", "Save labels", FILE, List.of("Ctrl+S"), "Writes the changed chunks as one transaction (an annotation zip: as a new zip, asked for)", () -> w.editable() && w.unsaved(), w::save).inToolbar = true;
        m.add("save-as", "Save annotation as…", FILE, List.of("Ctrl+Shift+S"),
            "A new annotation zip for WEBKNOSSOS: the edits, and each reviewed segment's verdict and comment as its metadata", () -> w.annotationOpen() && w.editable(), w::saveAs);
        m.add("attach-dataset", "Attach dataset…", FILE, List.of(),
            "A local copy of the annotation's dataset: its EM under the labels, its segmentation where the zip stores nothing (a fallback layer)",
            w::annotationOpen, w::attachDataset);
        m.add("export-csv", "Export review as CSV…", FILE, List.of(), "", review, w::exportCsv);
        m.add("export-html", "Export review as HTML report…", FILE, List.of(), "", review, w::exportHtml);
        m.add("export-mesh", "Export mesh of the selection…", FILE, List.of(), "STL or PLY, in nm", () -> w.boxOpen() && w.hasSelection(), w::exportMesh);
        m.add("preferences", "Preferences…", FILE, List.of(), "QC thresholds, brush, contrast and opacity, kept for your user account", always, w::preferences);
        m.add("quit", "Quit", FILE, List.of("Ctrl+Q"), "Asks first when edits are unsaved", always, w::quit);

        m.add("undo", "Undo", EDIT, List.of("Ctrl+Z"), "", () -> w.editable() && w.canUndo(), w::undo).inToolbar = true;
        m.add("redo", "Redo", EDIT, List.of("Ctrl+Y", "Ctrl+Shift+Z"), "", () -> w.editable() && w.canRedo(), w::redo).inToolbar = true;
        m.add("new-id", "New segment id", EDIT, List.of("C"), "The next free id becomes the active segment", edit, w::newSegment);
        Action split = m.add("split", "Split disconnected (selected segment)", EDIT, List.of(), "Every piece but the largest gets a new id",
            () -> w.editable() && w.hasSelection(), w::split);
        m.add("fill-holes", "Fill holes, 3D (selected segment)", EDIT, List.of(), "", () -> w.editable() && w.hasSelection(), () -> w.fillHoles(false));
        m.add("fill-holes-2d", "Fill holes, 3D and XY sections (selected segment)", EDIT, List.of(), "",
            () -> w.editable() && w.hasSelection(), () -> w.fillHoles(true));
        m.add("islands", "Remove small islands…", EDIT, List.of(), "", edit, w::removeIslands);
        Action merge = m.add("merge", "Merge a segment into the active one…", EDIT, List.of(), "", edit, w::merge);
        Action delete = m.add("delete", "Delete selected segment", EDIT, List.of(), "", () -> w.editable() && w.hasSelection(), w::delete);
        split.inContextMenu = merge.inContextMenu = delete.inContextMenu = true;

        for (EditController.Tool t : EditController.Tool.values()) {
            Action a = m.add("tool-" + t.name().toLowerCase(java.util.Locale.ROOT), t.label, TOOLS, t.key == null ? List.of() : List.of(t.key), t.help,
                t == EditController.Tool.MOVE ? open : edit, () -> w.tool(t));
            a.inContextMenu = t != EditController.Tool.MOVE;
            if (t.chord != null) m.chord(t.chord, a.id);
        }
        m.add("cycle-tool", "Next tool", TOOLS, List.of("W"), "", edit, () -> w.cycleTool(false));
        m.add("cycle-tool-back", "Previous tool", TOOLS, List.of("Shift+W"), "", edit, () -> w.cycleTool(true));

        m.add("next-slice", "Next slice", VIEW, List.of("F"), true, "In the view under the mouse", open, fast -> w.step(fast ? 10 : 1));
        m.add("previous-slice", "Previous slice", VIEW, List.of("D"), true, "", open, fast -> w.step(fast ? -10 : -1));
        m.add("zoom-in", "Zoom in", VIEW, List.of("I"), "All views share the zoom (also Ctrl+wheel)", open, () -> w.zoom(true));
        m.add("zoom-out", "Zoom out", VIEW, List.of("O"), "", open, () -> w.zoom(false));
        m.add("move-left", "Move left", VIEW, List.of("Left"), true, "Moves the crosshair in the view under the mouse", open, fast -> w.move(-1, 0, fast));
        m.add("move-right", "Move right", VIEW, List.of("Right"), true, "", open, fast -> w.move(1, 0, fast));
        m.add("move-up", "Move up", VIEW, List.of("Up"), true, "", open, fast -> w.move(0, -1, fast));
        m.add("move-down", "Move down", VIEW, List.of("Down"), true, "", open, fast -> w.move(0, 1, fast));
        m.add("toggle-overlay", "Segmentation on / off", VIEW, List.of("3"), "", open, w::toggleOverlay);
        m.add("maximise", "Maximise / restore the view under the mouse", VIEW, List.of("."), "", open, w::maximise);
        m.add("fit", "Fit the box into the views", VIEW, List.of("Home"), "", open, w::fit);
        m.add("review-at-mag", "Review at mag…", VIEW, List.of(), "Labels read, checked and edited at a coarser mag of the segmentation (large structures)", open,
            w::reviewAtMag);
        m.add("visibility", "Visibility: all / only selected / all but selected", VIEW, List.of("V"), "", open, w::cycleVisibility);
        m.add("panel-left", "Hide / show the segment list", VIEW, List.of("K"), "", always, () -> w.togglePanel(true));
        m.add("panel-right", "Hide / show the review panel", VIEW, List.of("L"), "", always, () -> w.togglePanel(false));

        m.add("approve", "Approve, go to the next open segment", REVIEW, List.of("Space"), "", review, w::approve);
        m.add("flag", "Needs fix…", REVIEW, List.of("X"), "With a comment", review, w::flag);
        m.add("skip", "Skip", REVIEW, List.of("S"), "", review, w::skip);
        m.add("instance", "Instance annotation on / off", REVIEW, List.of(),
            "Only some structures are labelled (nuclei, somata): coverage and membrane style are not checked, fragments are judged in µm³", review, w::toggleInstance);
        m.add("next", "Next segment", REVIEW, List.of("N", "Page Down"), "", review, w::next);
        m.add("previous", "Previous segment", REVIEW, List.of("P", "Page Up"), "", review, w::previous);
        m.add("next-box", "Next unreviewed box of the project", REVIEW, List.of(), "", w::projectOpen, w::nextBox);
        m.add("jump", "Jump to the first finding", REVIEW, List.of("J"), "", review, w::jumpToFinding);

        m.add("shortcuts", "Keyboard shortcuts and mouse", HELP, List.of("F1", "?"), "", always, w::shortcuts);
        m.refresh();
        return m;
    }

    /** Mouse gestures the overlay lists beside the keys (they are not commands of their own). */
    static final List<String[]> MOUSE = List.of(
        new String[] {"click", "move the crosshair there (Move tool); paint, erase, fill or pick with the others"},
        new String[] {"drag", "pan (Move tool); paint or erase a stroke"},
        new String[] {"wheel", "next / previous slice (Shift: 10)"},
        new String[] {"Ctrl+wheel", "zoom around the mouse"},
        new String[] {"Shift+wheel", "brush size"},
        new String[] {"Shift+click", "make the segment under the mouse active (every tool)"},
        new String[] {"Ctrl+drag", "invert \"only empty\" for a stroke"},
        new String[] {"Ctrl+Shift+drag", "erase while painting"},
        new String[] {"right-click", "segment operations"},
        new String[] {"3D: drag", "rotate the 3D view"},
        new String[] {"3D: right/middle drag", "pan the 3D view"},
        new String[] {"3D: wheel", "zoom the 3D view"},
        new String[] {"3D: double click", "re-fit the 3D view (Home fits all views)"},
        new String[] {"3D: click a marker", "jump to that finding"},
        new String[] {"3D: Ctrl+click", "crosshair to that surface point, its segment selected"});

}
