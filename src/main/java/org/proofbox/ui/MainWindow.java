package org.proofbox.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.proofbox.algo.SegmentVoxels;
import org.proofbox.io.ExportException;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.Vec3;
import org.proofbox.render.Contrast;
import org.proofbox.render.Palette;
import org.proofbox.render.Plane;
import org.proofbox.render.SliceData;
import org.proofbox.render.SliceDataLoader;
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
    /** What the background open produces. */
    /** What the background open produces; {@code lock} is the writer lock taken before reading (null: {@code holder} has it, or none applies). */
    record Opened(LoadedBox box, SliceData data, Contrast contrast, org.proofbox.io.ExportLock lock, String holder) {}


    private final Stage stage;
    private final TaskRunner tasks;
    private final ViewerState state = new ViewerState();
    private final Map<Plane, Viewport> viewports = new EnumMap<>(Plane.class);
    private final GridPane grid = new GridPane();
    private final Label title = new Label("No box open");
    private final Label summary = new Label();
    private final Label status = new Label("Ready");
    private final Label hover = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Cancel");
    private final RegistryView registry = new RegistryView();
    private final WalkthroughView walkView = new WalkthroughView();
    private final TabPane side = new TabPane();
    private final EditController edit;
    private final ReviewController review;
    private final ActionModel actions;
    private final javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane();
    private TaskRunner.TaskHandle loading;
    private LoadedBox box;
    private SliceData data;
    private Palette palette;
    private Plane underMouse = Plane.XY;
    private Plane maximised;

    MainWindow(Stage stage, TaskRunner tasks) {
        this.stage = stage;
        this.tasks = tasks;
        for (Plane p : Plane.values()) {
            Viewport v = new Viewport(p, state, () -> data, this::palette);
            v.onHover(this::showHover);
            v.onEntered(() -> underMouse = p);
            v.onPresented(this::presented);
            viewports.put(p, v);
        }
        title.setId("title");
        summary.setId("summary");
        status.setId("status");
        hover.setId("hover");
        title.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
        summary.setWrapText(true);
        VBox info = new VBox(6, title, summary);
        info.setPadding(new Insets(10));
        info.setId("box-info");
        layoutGrid(info);
        state.addListener(c -> {
            if (c == ViewerState.Change.STYLE) palette = null;
            viewports.values().forEach(Viewport::requestRender);
        });
        edit = new EditController(stage, tasks, state, status::setText, this::labelsChanged);
        for (Viewport v : viewports.values()) v.setTool(edit);
        edit.onActive(slot -> { // what you paint with stays visible in "only selected"
            if (!state.style().isSelected(slot)) {
                int[] sel = java.util.Arrays.copyOf(state.style().selected(), state.style().selected().length + 1);
                sel[sel.length - 1] = slot;
                state.setStyle(state.style().withSelected(sel));
            }
        });
        review = new ReviewController(stage, tasks, state, reviewHost(), registry, walkView);
        registry.onSelect(this::selectSegments);

        progress.setVisible(false);
        cancel.setVisible(false);
        cancel.setOnAction(e -> { if (loading != null) loading.cancel(); });
        HBox statusBar = new HBox(12, status, hover, progress, cancel);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        hover.setMinWidth(360);
        statusBar.setPadding(new Insets(4, 8, 4, 8));
        side.setId("side");
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(registry, Priority.ALWAYS);
        for (VBox content : new VBox[] {walkView, registry}) content.setPadding(new Insets(6));
        DisplayPanel display = new DisplayPanel(state, () -> data);
        display.setPadding(new Insets(6));
        side.getTabs().addAll(new Tab("Review", walkView), new Tab("Display", display));
        registry.setMinWidth(0);
        side.setMinWidth(0);
        split.getItems().addAll(registry, grid, side);
        split.setDividerPositions(0.24, 0.74);
        javafx.scene.control.SplitPane.setResizableWithParent(registry, false);
        javafx.scene.control.SplitPane.setResizableWithParent(side, false);
        actions = WindowActions.declare(this);
        edit.bindActions(actions, actions::refresh);
        javafx.scene.control.ContextMenu context = actions.contextMenu();
        for (Viewport v : viewports.values()) {
            v.setOnContextMenuRequested(e -> context.show(v, e.getScreenX(), e.getScreenY()));
        }
        BorderPane root = new BorderPane(split, new VBox(actions.menuBar(WindowActions.SEPARATORS), edit.toolbar()), null, statusBar, null);
        Scene scene = new Scene(root, 1400, 900);
        // one key map at scene level: no focused table, list or tab takes the viewer's keys (text fields keep plain keys)
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            boolean typing = ActionModel.isTextField(scene.getFocusOwner());
            if (typing && e.getCode() == javafx.scene.input.KeyCode.ESCAPE) { // Escape leaves a text field: the keys are the viewer's again
                grid.requestFocus();
                e.consume();
                return;
            }
            actions.handle(e, typing);
        });
        scene.focusOwnerProperty().addListener((o, was, now) -> actions.refresh());
        stage.setScene(scene);
        stage.setTitle("Proofbox");
        stage.setOnHidden(e -> close());
        stage.setOnCloseRequest(e -> { if (!edit.confirmClose()) e.consume(); });
    }

    private void layoutGrid(VBox info) {
        grid.setHgap(4);
        grid.setVgap(4);
        grid.setPadding(new Insets(4));
        grid.setStyle("-fx-background-color: #2b2b2b;");
        for (int i = 0; i < 2; i++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            grid.getColumnConstraints().add(cc);
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(50);
            grid.getRowConstraints().add(rc);
        }
        info.setStyle("-fx-background-color: #f4f4f4;");
        grid.add(viewports.get(Plane.XY), 0, 0);
        grid.add(viewports.get(Plane.YZ), 1, 0);
        grid.add(viewports.get(Plane.XZ), 0, 1);
        grid.add(info, 1, 1);
    }

    private Palette palette() {
        Palette p = palette;
        var table = box == null ? null : box.labels().table();
        if (p == null || !p.covers(table) || !p.style().equals(state.style())) {
            var ann = box == null ? null : box.export().annotation();
            p = new Palette(state.style(), table, ann == null ? Map.of() : ann.segmentColours());
            palette = p;
        }
        return p;
    }

    // ---- the window's commands (WindowActions.Window): what menus, buttons and keys call ----

    @Override public boolean boxOpen() { return box != null; }
    @Override public boolean editable() { return edit.editable(); }
    @Override public boolean hasSelection() { return box != null && state.style().selected().length > 0; }
    @Override public boolean reviewReady() { return review.walkthrough() != null; }
    @Override public boolean canUndo() { return edit.editor() != null && edit.editor().canUndo(); }
    @Override public boolean canRedo() { return edit.editor() != null && edit.editor().canRedo(); }
    @Override public boolean unsaved() { return edit.editor() != null && edit.editor().hasUnsavedChanges(); }

    @Override public void openFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a WEBKNOSSOS bounding-box export");
        File dir = chooser.showDialog(stage);
        if (dir != null) open(dir.toPath());
    }

    @Override public void openZip() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a WEBKNOSSOS volume-annotation download");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("WEBKNOSSOS annotation", "*.zip"));
        File f = chooser.showOpenDialog(stage);
        if (f != null) open(f.toPath());
    }

    /** Quit is close: unsaved edits are asked about first, as when the window's close box is used. */
    @Override public void quit() {
        if (edit.confirmClose()) stage.close();
    }

    @Override public void save() { edit.save(); }
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
        status.setText("Tool: " + t.label);
    }

    @Override public void cycleTool(boolean back) {
        EditController.Tool[] all = EditController.Tool.values();
        tool(all[(edit.tool().ordinal() + (back ? all.length - 1 : 1)) % all.length]);
    }

    @Override public void step(int sections) { state.step(underMouse, sections); }

    @Override public void zoom(boolean in) { state.setZoom(state.nmPerPixel() * (in ? 1 / 1.25 : 1.25)); }

    /** Arrow keys: the crosshair moves in the plane of the view under the mouse (Shift: 10 voxels); that view follows. */
    @Override public void move(int dx, int dy, boolean fast) {
        int n = fast ? 10 : 1;
        int[] c = {state.cursor().x(), state.cursor().y(), state.cursor().z()};
        c[underMouse.u] += dx * n;
        c[underMouse.v] += dy * n;
        state.setCursorAndFollow(c[0], c[1], c[2], null);
    }

    @Override public void toggleOverlay() { state.setStyle(state.style().withOverlay(!state.style().overlay())); }
    @Override public void maximise() { toggleMaximise(underMouse); }
    @Override public void fit() { resetView(); }

    /** K / L: the segment list (left) or the review panel (right) leaves or comes back; the views take the room. */
    @Override public void togglePanel(boolean left) {
        javafx.scene.Node panel = left ? registry : side;
        if (split.getItems().remove(panel)) return;
        if (left) split.getItems().add(0, panel);
        else split.getItems().add(panel);
    }

    @Override public void approve() { review.approve(); }
    @Override public void skip() { review.skip(); }
    @Override public void next() { review.next(); }
    @Override public void previous() { review.previous(); }
    @Override public void flag() { review.flag(); }
    @Override public void jumpToFinding() { review.jumpToFinding(); }
    @Override public void exportCsv() { review.exportCsv(); }
    @Override public void exportHtml() { review.exportHtml(); }

    private void presented() {
        if (review != null) review.presented();
    }

    /** Milliseconds from the last walkthrough move to all three views showing it (-1 before the first). */
    double lastNavigationMillis() {
        return review.lastNavigationMillis();
    }

    /** Labels were edited: coarse label mags are stale, views redraw, the QC findings are recomputed shortly. */
    private void labelsChanged() {
        if (data != null) data.dropCoarseLabels();
        palette = null;
        viewports.values().forEach(Viewport::requestRender);
        review.labelsChanged();
        actions.refresh();
    }

    private ReviewController.Host reviewHost() {
        return new ReviewController.Host() {
            @Override public void busy(String text) { MainWindow.this.busy(text); }
            @Override public void progress(double fraction, String message) {
                progress.setProgress(fraction);
                status.setText(message);
            }
            @Override public void done() { MainWindow.this.done(); }
            @Override public void error(String header, Throwable error) { MainWindow.this.error(header, error); }
            @Override public void status(String text) { status.setText(text); }
            @Override public void cancelWith(TaskRunner.TaskHandle h) { loading = h; }
            @Override public void reviewShown() {
                side.getSelectionModel().select(0);
                actions.refresh();
            }
            @Override public Viewport xy() { return viewports.get(Plane.XY); }
            @Override public Iterable<Viewport> viewports() { return viewports.values(); }
        };
    }

    @Override public void shortcuts() {
        ShortcutOverlay.show(stage, actions);
    }

    /** The window's actions (tests fire them and check enablement). */
    ActionModel actions() {
        return actions;
    }

    @Override public void cycleVisibility() {
        Visibility[] all = Visibility.values();
        state.setStyle(state.style().withVisibility(all[(state.style().visibility().ordinal() + 1) % all.length]));
        status.setText("Visibility: " + state.style().visibility().label);
    }

    void toggleMaximise(Plane p) {
        Viewport v = viewports.get(p);
        if (maximised == null) {
            maximised = p;
            grid.getChildren().forEach(n -> { n.setVisible(n == v); n.setManaged(n == v); });
            GridPane.setConstraints(v, 0, 0, 2, 2);
        } else {
            Viewport m = viewports.get(maximised);
            maximised = null;
            GridPane.setConstraints(m, m.plane == Plane.YZ ? 1 : 0, m.plane == Plane.XZ ? 1 : 0, 1, 1);
            grid.getChildren().forEach(n -> { n.setVisible(true); n.setManaged(true); });
        }
    }

    Plane maximised() {
        return maximised;
    }

    private void resetView() {
        Viewport v = viewports.get(Plane.XY);
        state.fit(v.viewWidth(), v.viewHeight());
    }

    private void showHover(int[] v) {
        if (v == null || box == null) {
            hover.setText("");
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "x %d  y %d  z %d", v[0], v[1], v[2]));
        if (data != null && data.raw() != null) {
            var raw = data.raw();
            var tl = raw.box().topLeft();
            if (raw.box().contains(v[0], v[1], v[2])) sb.append("   raw ").append(raw.valueAt(v[0] - tl.x(), v[1] - tl.y(), v[2] - tl.z()));
        }
        var lb = box.labels().box();
        if (lb.contains(v[0], v[1], v[2])) {
            var tl = lb.topLeft();
            long id = box.labels().idAt(v[0] - tl.x(), v[1] - tl.y(), v[2] - tl.z());
            sb.append("   segment ").append(id == 0 ? "0 (unlabelled)" : SegmentIds.toString(id));
        }
        hover.setText(sb.toString());
    }

    /** Selects segments (registry rows): they show in "only selected" mode; the views centre on the first. */
    private void selectSegments(List<Long> ids) {
        if (box == null || ids.isEmpty()) return;
        if (ids.size() == 1 && review.follow(ids.get(0))) return; // the walkthrough follows the table
        int[] slots = ids.stream().mapToInt(id -> box.labels().table().findSlot(id)).filter(s -> s > 0).toArray();
        state.setStyle(state.style().withSelected(slots));
        Vec3 local = slots.length == 0 ? null : SegmentVoxels.nearCentre(box.labels(), box.index(), slots[0]);
        if (local != null) state.centreOn(local.plus(box.labels().box().topLeft()));
    }

    /** Selects one segment by id and centres all views on one of its voxels. */
    void select(long id) {
        selectSegments(List.of(id));
    }

    EditController edit() {
        return edit;
    }

    void show() {
        stage.show();
    }

    LoadedBox box() {
        return box;
    }

    ViewerState state() {
        return state;
    }

    Viewport viewport(Plane p) {
        return viewports.get(p);
    }

    Walkthrough walkthrough() {
        return review.walkthrough();
    }

    /** The session saver (tests flush it), or null before the review is ready. */
    SessionSaver saver() {
        return review.saver();
    }

    RegistryView registry() {
        return registry;
    }

    private void close() {
        edit.detach();
        viewports.values().forEach(Viewport::dispose);
        review.close();
    }

    private void busy(String text) {
        status.setText(text);
        progress.setProgress(-1);
        progress.setVisible(true);
        cancel.setVisible(true);
    }

    private void done() {
        progress.setVisible(false);
        cancel.setVisible(false);
    }

    /** Opens an export in the background; a bad export shows the reader's message and leaves the window usable. */
    void open(Path given) {
        if (!edit.confirmClose()) return;
        edit.detach();
        Path path = given.toAbsolutePath().normalize();
        String[] volume = {null};
        Integer[] boxId = {null};
        if (Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            try { // the NML is small: read it here to let the reviewer pick the volume layer and the box
                org.proofbox.io.Nml nml = org.proofbox.io.AnnotationZip.readNml(path);
                if (nml.volumes().size() > 1) {
                    List<String> names = nml.volumes().stream().map(v -> v.name() + (v.fallbackLayer() != null ? "  (fallback: " + v.fallbackLayer() + ")" : "")).toList();
                    javafx.scene.control.ChoiceDialog<String> d = new javafx.scene.control.ChoiceDialog<>(names.get(0), names);
                    d.initOwner(stage);
                    d.setHeaderText("This annotation has " + names.size() + " volume layers: which one?");
                    var pick = d.showAndWait();
                    if (pick.isEmpty()) return;
                    volume[0] = nml.volumes().get(names.indexOf(pick.get())).name();
                }
                if (nml.boxes().size() > 1) {
                    List<String> names = nml.boxes().stream().map(b -> b.id() + ": " + b.name() + "  " + b.box().topLeft() + " + " + b.box().size()).toList();
                    javafx.scene.control.ChoiceDialog<String> d = new javafx.scene.control.ChoiceDialog<>(names.get(0), names);
                    d.initOwner(stage);
                    d.setHeaderText("This annotation has " + names.size() + " bounding boxes: which one is the review region?");
                    var pick = d.showAndWait();
                    if (pick.isEmpty()) return;
                    boxId[0] = nml.boxes().get(names.indexOf(pick.get())).id();
                }
            } catch (ExportException e) {
                error("Could not open the annotation", e);
                return;
            }
        }
        if (loading != null) loading.cancel();
        busy("Opening " + path + " …");
        int threads = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.atomic.AtomicReference<org.proofbox.io.ExportLock> taken = new java.util.concurrent.atomic.AtomicReference<>();
        loading = tasks.submit("open " + path, p -> {
            boolean zip = Files.isRegularFile(path);
            // the writer lock first, so that no other program's save lands between reading and editing
            org.proofbox.io.ExportLock lock = null;
            String holder = null;
            if (!zip) {
                try {
                    lock = org.proofbox.io.ExportLock.tryWriter(path, "the Proofbox window");
                    if (lock == null) holder = org.proofbox.io.ExportLock.holder(path);
                    taken.set(lock);
                } catch (ExportException e) {
                    holder = null; // a folder Proofbox may not write: read-only, as ExportSaver will say
                }
            }
            try {
                LoadedBox b = zip
                    ? LoadedBox.load(org.proofbox.io.AnnotationZip.open(path, volume[0], boxId[0]), threads, p.sub(0, 0.75))
                    : LoadedBox.open(path, threads, p.sub(0, 0.75));
                SliceData d = SliceDataLoader.load(b, threads, p.sub(0.75, 1));
                Contrast c = d.raw() == null ? Contrast.FULL : Contrast.auto(Contrast.histogram(d.raw()));
                return new Opened(b, d, c, lock, holder);
            } catch (Throwable t) {
                if (lock != null) lock.close();
                throw t;
            }
        }, new TaskRunner.Listener<>() {
            @Override public void progress(double fraction, String message) {
                progress.setProgress(fraction);
                status.setText(message);
            }

            @Override public void succeeded(Opened result) {
                done();
                show(result);
                review.start(result.box(), result.data());
            }

            @Override public void failed(Throwable error) {
                done();
                status.setText("Could not open " + path);
                error("Could not open the export", error);
            }

            @Override public void cancelled() {
                done();
                if (taken.get() != null) taken.get().close();
                status.setText("Opening cancelled");
            }
        });
    }

    private void error(String header, Throwable error) {
        String message = error instanceof ExportException ? error.getMessage() : "Unexpected error: " + error;
        System.err.println("proofbox: " + header + ": " + message);
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(header);
        alert.initOwner(stage);
        alert.show();
    }

    private void show(Opened o) {
        LoadedBox b = o.box();
        review.close();
        walkView.set(null, Map.of(), List.of());
        this.box = b;
        this.data = o.data();
        this.palette = null;
        var info = b.export().info();
        stage.setTitle("Proofbox — " + info.name());
        title.setText(info.name());
        var vs = info.voxelSize();
        summary.setText(String.format(Locale.ROOT, "%s%nbox %s + %s%nvoxel size %s × %s × %s %s%nraw mags %s, label mags %s%n%,d segments, largest id %s%n%.1f %% labelled",
            info.root(), b.labels().box().topLeft(), b.labels().box().size(), vs.x(), vs.y(), vs.z(), vs.unit(),
            o.data().rawLevels().stream().map(l -> l.mag().toString()).toList(), o.data().labelLevels().stream().map(l -> l.mag().toString()).toList(),
            b.index().segmentCount(), SegmentIds.toString(b.index().largestId()),
            100.0 * b.index().labelledVoxels() / Math.max(1, b.labels().voxelCount())));
        List<RegistryView.Row> rows = new ArrayList<>();
        for (var s : b.index().segments()) rows.add(new RegistryView.Row(s, -1, -1, 0, null));
        registry.set(rows, null);
        state.setStyle(state.style().withContrast(o.contrast()).withSelected());
        Viewport xy = viewports.get(Plane.XY);
        state.reset(b.labels().box(), vs, xy.viewWidth(), xy.viewHeight());
        status.setText(String.format(Locale.ROOT, "Opened %s: %,d segments", info.name(), b.index().segmentCount()));
        edit.attach(b, o.lock(), o.holder());
        grid.requestFocus(); // the viewer has the keys, not the first text field
        actions.refresh();
        if (b.export().recovered() != null) status.setText(status.getText() + " — " + b.export().recovered());
        var ann = b.export().annotation();
        if (ann != null) {
            summary.setText(summary.getText() + String.format(Locale.ROOT, "%nannotation %s, volume \"%s\", region: %s, %d stored buckets, %d named segments",
                ann.zip().getFileName(), ann.volume().name(), ann.box() == null ? "the stored data" : "box " + ann.box().id() + " \"" + ann.box().name() + "\"",
                ann.storedBuckets(), ann.segmentNames().size()) + (ann.incomplete() ? "\n" + ann.banner() : ""));
        }
    }

    /** Runs the QC checks and restores the saved session in the background, then starts the walkthrough. */
}
