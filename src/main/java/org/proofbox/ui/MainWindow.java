package org.proofbox.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.proofbox.algo.SegmentVoxels;
import org.proofbox.model.Finding;
import org.proofbox.model.Vec3;
import org.proofbox.render.Plane;
import org.proofbox.render.ViewerState;
import org.proofbox.render.Visibility;
import org.proofbox.review.SessionSaver;
import org.proofbox.review.Walkthrough;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.TaskRunner;

/**
 * The main window: three linked slice viewports (XY, YZ, XZ, as WEBKNOSSOS lays them out) and a
 * box summary in the fourth cell; on the right the review walkthrough, the segment registry and
 * the display controls; hover read-out and progress in the status bar. Opening a box and checking
 * it run in the background; the window is there at once and stays usable.
 */
final class MainWindow implements WindowActions.Window {
    private final Stage stage;
    private final TaskRunner tasks;
    private final ViewerState state = new ViewerState();
    private final ViewerPanel views;
    private final StatusLine status;
    private final RegistryView registry = new RegistryView();
    private final WalkthroughView walkView = new WalkthroughView();
    private final TabPane side = new TabPane();
    private final EditController edit;
    private final ReviewController review;
    private final MeshFollower meshes;
    private final ReviewController.Host reviewHost;
    private final MessageLog log = new MessageLog();
    private final javafx.animation.PauseTransition describeLater = new javafx.animation.PauseTransition(javafx.util.Duration.millis(250));
    private final ActionModel actions;
    private final UserPreferences prefs;
    private final ProjectPanel project;
    private final javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane();
    private final BoxOpener opener;
    private LoadedBox box;

    MainWindow(Stage stage, TaskRunner tasks) {
        this.stage = stage;
        this.tasks = tasks;
        views = new ViewerPanel(state, this::presented);
        status = new StatusLine(views.hover);
        edit = new EditController(stage, tasks, state, this::say, this::labelsChanged);
        edit.statusLine(status);
        prefs = new UserPreferences(tasks, org.proofbox.review.Preferences.file(), this::say);
        project = new ProjectPanel(tasks, status, this::open, this::say);
        edit.radius(prefs.get().brushRadius(), r -> prefs.update(p -> p.withBrushRadius(r)));
        state.setStyle(state.style().withOpacity(prefs.get().opacity()));
        for (Viewport v : views.viewports()) v.setTool(edit);
        edit.onActive(slot -> { // what you paint with stays visible in "only selected"
            if (!state.style().isSelected(slot)) {
                int[] sel = java.util.Arrays.copyOf(state.style().selected(), state.style().selected().length + 1);
                sel[sel.length - 1] = slot;
                state.setStyle(state.style().withSelected(sel));
            }
        });
        describeLater.setOnFinished(e -> { if (box != null) views.describe(box, views.data()); });
        reviewHost = reviewHost();
        review = new ReviewController(stage, tasks, state, reviewHost, registry, walkView);
        review.freshParameters(() -> prefs.get().qc());
        edit.decisions(() -> review.walkthrough() == null ? java.util.Map.of() : review.walkthrough().decisions());
        meshes = new MeshFollower(state, tasks, views.view3d);
        opener = new BoxOpener(stage, tasks, status, views, new BoxOpener.Host() {
            @Override public void clearForPreview() {
                review.close();
                registry.set(List.of(), null);
                meshes.show(null);
                box = null;
            }

            @Override public void opened(Opened o, boolean keepViews) { show(o, keepViews); }
            @Override public void say(String text) { MainWindow.this.say(text); }
            @Override public void error(String header, Throwable e) { MainWindow.this.error(header, e); }
        });
        meshes.status(this::say);
        meshes.findings(review::findingsOf);
        views.view3d.onFinding((f, ctrl) -> review.jump(f));
        views.view3d.onSurfacePoint(meshes::pick);
        registry.onSelect(this::selectSegments);

        side.setId("side");
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(registry, Priority.ALWAYS);
        for (VBox content : new VBox[] {walkView, registry}) content.setPadding(new Insets(6));
        DisplayPanel display = new DisplayPanel(state, views::data);
        display.setPadding(new Insets(6));
        side.getTabs().addAll(new Tab("Review", walkView), new Tab("Display", display), new Tab("Log", log), new Tab("Project", project));
        registry.setMinWidth(0);
        side.setMinWidth(0);
        split.getItems().addAll(registry, views.node(), side);
        split.setDividerPositions(0.3, 0.78); // the segment list's columns fit at 1600 px
        javafx.scene.control.SplitPane.setResizableWithParent(registry, false);
        javafx.scene.control.SplitPane.setResizableWithParent(side, false);
        actions = WindowActions.declare(this);
        edit.bindActions(actions, actions::refresh);
        walkView.bindActions(actions); // buttons, tooltips and the key hint from the actions, never hand-written
        javafx.scene.control.ContextMenu context = actions.contextMenu();
        for (Viewport v : views.viewports()) {
            v.setOnContextMenuRequested(e -> context.show(v, e.getScreenX(), e.getScreenY()));
        }
        javafx.scene.control.MenuBar bar = actions.menuBar(WindowActions.SEPARATORS);
        bar.getMenus().get(0).getItems().add(2, prefs.recentMenu(this::open)); // File: after the two Open items
        BorderPane root = new BorderPane(split, new VBox(bar, edit.toolbar()), null, status.node(), null);
        Scene scene = WindowScene.create(root, actions, views.node(), state);
        stage.setScene(scene);
        stage.setTitle("Proofbox");
        stage.setOnHidden(e -> close());
        stage.setOnCloseRequest(e -> { // asked first; a chosen save runs in the background and closes when it committed
            e.consume();
            edit.closeThen(stage::close);
        });
        edit.onSaving((h, f) -> {
            if (h == null) status.done();
            else {
                status.cancelWith(h);
                status.progress(f, null);
            }
        });
    }

    // ---- the window's commands (WindowActions.Window): what menus, buttons and keys call ----

    @Override public boolean boxOpen() { return box != null; }
    @Override public boolean editable() { return edit.editable(); }
    @Override public boolean hasSelection() { return box != null && state.style().selected().length > 0; }
    @Override public boolean reviewReady() { return review.walkthrough() != null; }
    @Override public boolean canUndo() { return edit.editor() != null && edit.editor().canUndo(); }
    @Override public boolean canRedo() { return edit.editor() != null && edit.editor().canRedo(); }
    @Override public boolean unsaved() { return edit.editor() != null && edit.editor().hasUnsavedChanges(); }
    @Override public void openFolder() { prefs.chooseExport(stage, false).ifPresent(this::open); }
    @Override public void openZip() { prefs.chooseExport(stage, true).ifPresent(this::open); }
    @Override public void openProject() {
        prefs.chooseFolder(stage, "Open a project: a folder of exports and annotation zips").ifPresent(this::openProjectAt);
    }
    void openProjectAt(Path dir) {
        side.getSelectionModel().select(side.getTabs().size() - 1);
        project.openProject(dir, prefs.get().qc());
    }
    @Override public boolean projectOpen() { return project.isOpen(); }
    @Override public void nextBox() { project.nextUnreviewed(); }

    @Override public void preferences() {
        PreferencesDialog.ask(stage, prefs.get()).ifPresent(p -> {
            prefs.update(x -> p);
            edit.radius(p.brushRadius(), r -> prefs.update(x -> x.withBrushRadius(r)));
            state.setStyle(state.style().withOpacity(p.opacity()));
            say("Preferences saved; QC thresholds apply to boxes opened without a saved session");
        });
    }

    /** Quit is close: unsaved edits are asked about first, as when the window's close box is used. */
    @Override public void quit() {
        edit.closeThen(stage::close);
    }

    @Override public void save() { edit.save(); }
    @Override public boolean annotationOpen() { return edit.annotationOpen(); }
    @Override public void saveAs() { edit.saveAs(); }
    @Override public void undo() { edit.undo(); }
    @Override public void redo() { edit.redo(); }
    @Override public void newSegment() { edit.newSegment(); }
    @Override public void split() { edit.splitSelected(); }
    @Override public void fillHoles(boolean sections) { edit.fillHolesSelected(sections); }
    @Override public void removeIslands() { edit.removeIslands(); }
    @Override public void merge() { edit.mergeDialog(); }
    @Override public void delete() { edit.deleteSelected(); }

    @Override public void tool(EditController.Tool t) {
        edit.setTool(t);
        status.text("Tool: " + t.label);
    }

    @Override public void cycleTool(boolean back) {
        EditController.Tool[] all = EditController.Tool.values();
        tool(all[(edit.tool().ordinal() + (back ? all.length - 1 : 1)) % all.length]);
    }

    @Override public void step(int sections) { views.step(sections); }
    @Override public void zoom(boolean in) { views.zoom(in); }
    @Override public void toggleOverlay() { views.toggleOverlay(); }
    @Override public void maximise() { views.toggleMaximiseUnderMouse(); }
    @Override public void fit() { views.fit(); }
    @Override public void move(int dx, int dy, boolean fast) { views.move(dx, dy, fast); }
    @Override public void cycleVisibility() { status.text("Visibility: " + views.cycleVisibility()); }

    /** K / L: the segment list (left) or the review panel (right) leaves or comes back; the views take the room. */
    @Override public void togglePanel(boolean left) {
        javafx.scene.Node panel = left ? registry : side;
        if (split.getItems().remove(panel)) return;
        if (left) split.getItems().add(0, panel);
        else split.getItems().add(panel);
    }

    @Override public void approve() { review.approve(); }
    @Override public void toggleInstance() { review.toggleInstance(); }
    @Override public void reviewAtMag() {
        AnnotationChoice.atMag(stage, box).ifPresent(c -> {
            Path p = box.export().annotation() != null ? box.export().annotation().zip() : box.export().info().root();
            edit.closeThen(() -> openNow(p, c));
        });
    }
    @Override public void skip() { review.skip(); }
    @Override public void next() { review.next(); }
    @Override public void previous() { review.previous(); }
    @Override public void flag() { review.flag(); }
    @Override public void jumpToFinding() { review.jumpToFinding(); }
    @Override public void exportCsv() { review.exportCsv(); }
    @Override public void exportHtml() { review.exportHtml(); }
    @Override public void exportMesh() { if (box != null) ReviewExports.mesh(stage, tasks, reviewHost, box, state.style().selected()); }

    private void presented() {
        if (review != null) review.presented();
    }

    /** Milliseconds from the last walkthrough move to all three views showing it (-1 before the first). */
    double lastNavigationMillis() {
        return review.lastNavigationMillis();
    }

    /** The status line, and the message log that keeps it. */
    private void say(String text) {
        status.text(text);
        log.log(text);
    }

    /** Labels were edited: coarse label mags are stale, views redraw, the QC findings are recomputed shortly. */
    private void labelsChanged() {
        views.labelsChanged();
        meshes.labelsChanged();
        describeLater.playFromStart(); // the segment count and labelled share follow the edits, once a stroke pauses (not per dab)
        review.labelsChanged();
        actions.refresh();
    }

    private ReviewController.Host reviewHost() {
        return new ReviewController.Host() {
            @Override public void busy(String text) { status.busy(text, null); }
            @Override public void progress(double fraction, String message) { status.progress(fraction, message); }
            @Override public void done() { status.done(); }
            @Override public void error(String header, Throwable error) { MainWindow.this.error(header, error); }
            @Override public void status(String text) { say(text); }
            @Override public void cancelWith(TaskRunner.TaskHandle h) { status.cancelWith(h); }
            @Override public void reviewShown() {
                side.getSelectionModel().select(0);
                actions.refresh();
            }
            @Override public Viewport xy() { return views.viewport(Plane.XY); }
            @Override public Iterable<Viewport> viewports() { return views.viewports(); }
        };
    }

    @Override public void shortcuts() {
        ShortcutOverlay.show(stage, actions);
    }

    /** The window's actions (tests fire them and check enablement). */
    ActionModel actions() { return actions; }
    void toggleMaximise(Plane p) { views.toggleMaximise(p); }
    Plane maximised() { return views.maximised(); }

    /** Selects segments (registry rows): they show in "only selected" mode; the views centre on the first. */
    private void selectSegments(List<Long> ids) {
        if (box == null || ids.isEmpty()) return;
        if (ids.size() == 1 && review.follow(ids.get(0))) { // the walkthrough follows the table (and shows it selected, even if it stood there already)
            int slot = box.labels().table().findSlot(ids.get(0));
            if (slot > 0 && !state.style().isSelected(slot)) state.setStyle(state.style().withSelected(slot));
            return;
        }
        int[] slots = ids.stream().mapToInt(id -> box.labels().table().findSlot(id)).filter(s -> s > 0).toArray();
        state.setStyle(state.style().withSelected(slots));
        Vec3 local = slots.length == 0 ? null : SegmentVoxels.nearCentre(box.labels(), box.index(), slots[0]);
        if (local != null) state.centreOn(local.plus(box.labels().box().topLeft()));
    }

    /** Milliseconds from the last selection change to the 3D view receiving its meshes. */
    double lastMeshMillis() { return meshes.lastMillis(); }
    MeshFollower meshes() { return meshes; }

    View3D view3d() { return views.view3d; }

    /** Selects one segment by id and centres all views on one of its voxels. */
    void select(long id) { selectSegments(List.of(id)); }
    EditController edit() { return edit; }
    void show() { stage.show(); }
    LoadedBox box() { return box; }
    ViewerState state() { return state; }
    Viewport viewport(Plane p) { return views.viewport(p); }
    Walkthrough walkthrough() { return review.walkthrough(); }
    boolean instanceMode() { return review.instanceMode(); }
    /** The findings the walkthrough lists for its current segment. */
    List<Finding> walkthroughFindings() { return walkView.currentFindings(); }
    /** Jumps to a finding as a click in the panel does. */
    void jumpTo(Finding f) { review.jump(f); }
    /** The session saver (tests flush it), or null before the review is ready. */
    SessionSaver saver() { return review.saver(); }
    RegistryView registry() { return registry; }
    ProjectPanel project() { return project; }

    private void close() {
        prefs.flush();
        meshes.show(null);
        edit.detach();
        views.dispose();
        review.close();
    }

    /** Opens an export in the background; a bad export shows the reader's message and leaves the window usable. */
    void open(Path given) { edit.closeThen(() -> openNow(given, null)); }

    /** Opens with what the command line said beyond the path (an annotation's dataset, a cutout's colour file, offset, voxel size). */
    void open(Path given, AnnotationChoice.Choice options) { edit.closeThen(() -> openNow(given, options)); }

    /** File ▸ Attach dataset…: the open annotation again, same volume and box, with the chosen dataset folder. */
    @Override public void attachDataset() {
        AnnotationChoice.withDataset(stage, box).ifPresent(c -> {
            Path zip = box.export().annotation().zip();
            edit.closeThen(() -> openNow(zip, c));
        });
    }

    private void openNow(Path given, AnnotationChoice.Choice preset) {
        edit.detach();
        opener.open(given, preset);
    }

    private void error(String header, Throwable error) { log.error(stage, header, error); }

    /** The box is read: the views, list, title, contrast, editing and 3D view follow it; then the review starts. */
    private void show(Opened o, boolean keepViews) {
        LoadedBox b = o.box();
        review.close();
        walkView.set(null, Map.of(), List.of());
        this.box = b;
        views.show(b, o.data());
        var info = b.export().info();
        stage.setTitle("Proofbox — " + info.name());
        views.describe(b, o.data());
        var vs = info.voxelSize();
        registry.set(o.rows(), null);
        var pr = prefs.get();
        state.setStyle(state.style().withContrast(pr.autoContrast() || o.data().raw() == null ? o.contrast()
            : new org.proofbox.render.Contrast(pr.contrastMin(), pr.contrastMax())).withSelected());
        prefs.opened(info.root());
        project.opened(info.root());
        Viewport xy = views.viewport(Plane.XY);
        if (!keepViews) state.reset(b.labels().box(), vs, xy.viewWidth(), xy.viewHeight());
        else state.dataChanged(); // shown since the preview: the views stay where the reviewer took them
        say(String.format(Locale.ROOT, "Opened %s: %,d segments", info.name(), b.index().segmentCount()));
        edit.attach(b, o.editor(), o.lock(), o.holder());
        meshes.show(b);
        views.node().requestFocus(); // the viewer has the keys, not the first text field
        actions.refresh();
        if (b.export().recovered() != null) say(info.name() + ": " + b.export().recovered());
        review.start(b, o.data());
    }
}
