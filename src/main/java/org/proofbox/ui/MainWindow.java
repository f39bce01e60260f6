package org.proofbox.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.proofbox.algo.SegmentVoxels;
import org.proofbox.io.ExportException;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Vec3;
import org.proofbox.render.Contrast;
import org.proofbox.render.Palette;
import org.proofbox.render.Plane;
import org.proofbox.render.SliceData;
import org.proofbox.render.SliceDataLoader;
import org.proofbox.render.ViewerState;
import org.proofbox.render.Visibility;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.TaskRunner;

/**
 * The main window: three linked slice viewports (XY, YZ, XZ, as WEBKNOSSOS lays them out) and a
 * box summary in the fourth cell, display controls and the segment list on the right, hover
 * read-out and progress in the status bar. Opening a box runs in the background; the window is
 * there at once and stays usable, and the load can be cancelled.
 */
final class MainWindow {
    /** What the background open produces. */
    record Opened(LoadedBox box, SliceData data, Contrast contrast) {}

    private final Stage stage;
    private final TaskRunner tasks;
    private final ViewerState state = new ViewerState();
    private final Map<Plane, Viewport> viewports = new EnumMap<>(Plane.class);
    private final GridPane grid = new GridPane();
    private final Label title = new Label("No box open");
    private final Label summary = new Label();
    private final ListView<SegmentStats> segments = new ListView<>();
    private final Label status = new Label("Ready");
    private final Label hover = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Cancel");
    private final Slider contrastMin = new Slider(0, 255, 0), contrastMax = new Slider(0, 255, 255), opacity = new Slider(0, 1, 0.45);
    private final CheckBox overlay = new CheckBox("Show segmentation (3)"), outlines = new CheckBox("Outlines only");
    private final ChoiceBox<Visibility> visibility = new ChoiceBox<>();
    private TaskRunner.TaskHandle loading;
    private LoadedBox box;
    private SliceData data;
    private Palette palette;
    private Plane underMouse = Plane.XY;
    private Plane maximised;
    private boolean syncing;

    MainWindow(Stage stage, TaskRunner tasks) {
        this.stage = stage;
        this.tasks = tasks;
        for (Plane p : Plane.values()) {
            Viewport v = new Viewport(p, state, () -> data, this::palette);
            v.onHover(this::showHover);
            v.onEntered(() -> underMouse = p);
            viewports.put(p, v);
        }
        title.setId("title");
        summary.setId("summary");
        status.setId("status");
        hover.setId("hover");
        segments.setId("segments");
        title.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
        summary.setWrapText(true);
        VBox info = new VBox(6, title, summary);
        info.setPadding(new Insets(10));
        info.setId("box-info");
        layoutGrid(info);
        state.addListener(c -> {
            if (c == ViewerState.Change.STYLE) palette = null;
            viewports.values().forEach(Viewport::requestRender);
            if (c == ViewerState.Change.STYLE || c == ViewerState.Change.DATA) syncControls();
        });

        progress.setVisible(false);
        cancel.setVisible(false);
        cancel.setOnAction(e -> { if (loading != null) loading.cancel(); });
        HBox statusBar = new HBox(12, status, hover, progress, cancel);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        hover.setMinWidth(360);
        statusBar.setPadding(new Insets(4, 8, 4, 8));
        BorderPane root = new BorderPane(grid, menus(), sidePanel(), statusBar, null);
        Scene scene = new Scene(root, 1280, 860);
        scene.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        stage.setScene(scene);
        stage.setTitle("Proofbox");
        stage.setOnHidden(e -> viewports.values().forEach(Viewport::dispose));
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

    private VBox sidePanel() {
        Button auto = new Button("Auto");
        auto.setOnAction(e -> { if (data != null && data.raw() != null) state.setStyle(state.style().withContrast(Contrast.auto(Contrast.histogram(data.raw())))); });
        contrastMin.valueProperty().addListener((o, a, b) -> fromControls());
        contrastMax.valueProperty().addListener((o, a, b) -> fromControls());
        opacity.valueProperty().addListener((o, a, b) -> fromControls());
        overlay.selectedProperty().addListener((o, a, b) -> fromControls());
        outlines.selectedProperty().addListener((o, a, b) -> fromControls());
        visibility.getItems().setAll(Visibility.values());
        visibility.setConverter(new StringConverter<>() {
            @Override public String toString(Visibility v) { return v == null ? "" : v.label; }
            @Override public Visibility fromString(String s) { return null; }
        });
        visibility.valueProperty().addListener((o, a, b) -> fromControls());
        contrastMin.setId("contrast-min");
        contrastMax.setId("contrast-max");
        opacity.setId("opacity");
        overlay.setId("overlay");
        outlines.setId("outlines");
        visibility.setId("visibility");
        VBox display = new VBox(6, new Label("Contrast min / max"), contrastMin, contrastMax, auto, new Label("Segmentation opacity"), opacity,
            overlay, outlines, new Label("Visibility"), visibility);
        TitledPane displayPane = new TitledPane("Display", display);
        displayPane.setCollapsible(false);
        segments.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override protected void updateItem(SegmentStats s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : String.format(Locale.ROOT, "id %-12s %,12d vx", SegmentIds.toString(s.id()), s.voxels()));
            }
        });
        segments.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> { if (s != null) select(s.id()); });
        TitledPane segPane = new TitledPane("Segments (largest first)", segments);
        segPane.setCollapsible(false);
        segPane.setMaxHeight(Double.MAX_VALUE);
        VBox side = new VBox(6, displayPane, segPane);
        VBox.setVgrow(segPane, Priority.ALWAYS);
        side.setPadding(new Insets(4));
        side.setPrefWidth(300);
        syncControls();
        return side;
    }

    /** Style → controls (without feeding back). */
    private void syncControls() {
        syncing = true;
        var s = state.style();
        contrastMin.setValue(s.contrast().min());
        contrastMax.setValue(s.contrast().max());
        opacity.setValue(s.opacity());
        overlay.setSelected(s.overlay());
        outlines.setSelected(s.outlines());
        visibility.setValue(s.visibility());
        syncing = false;
    }

    /** Controls → style. */
    private void fromControls() {
        if (syncing) return;
        int lo = (int) Math.round(contrastMin.getValue()), hi = (int) Math.round(contrastMax.getValue());
        if (hi <= lo) hi = Math.min(255, lo + 1);
        if (hi <= lo) lo = hi - 1;
        state.setStyle(state.style().withContrast(new Contrast(lo, hi)).withOpacity(opacity.getValue()).withOverlay(overlay.isSelected())
            .withOutlines(outlines.isSelected()).withVisibility(visibility.getValue() == null ? Visibility.ALL : visibility.getValue()));
    }

    private Palette palette() {
        Palette p = palette;
        var table = box == null ? null : box.labels().table();
        if (p == null || !p.covers(table) || !p.style().equals(state.style())) {
            p = new Palette(state.style(), table);
            palette = p;
        }
        return p;
    }

    private MenuBar menus() {
        MenuItem open = new MenuItem("Open export…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open a WEBKNOSSOS bounding-box export");
            File dir = chooser.showDialog(stage);
            if (dir != null) open(dir.toPath());
        });
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> stage.close());
        MenuItem reset = new MenuItem("Reset view (Home)");
        reset.setOnAction(e -> resetView());
        MenuItem toggle = new MenuItem("Toggle segmentation (3)");
        toggle.setOnAction(e -> state.setStyle(state.style().withOverlay(!state.style().overlay())));
        MenuItem max = new MenuItem("Maximise viewport under the mouse (.)");
        max.setOnAction(e -> toggleMaximise(underMouse));
        return new MenuBar(new Menu("File", null, open, quit), new Menu("View", null, reset, toggle, max));
    }

    private void key(KeyEvent e) {
        if (box == null) return;
        KeyCode k = e.getCode();
        int step = e.isShiftDown() ? 10 : 1;
        switch (k) {
            case F -> state.step(underMouse, step);
            case D -> state.step(underMouse, -step);
            case DIGIT3, NUMPAD3 -> state.setStyle(state.style().withOverlay(!state.style().overlay()));
            case PERIOD -> toggleMaximise(underMouse);
            case HOME -> resetView();
            default -> { return; }
        }
        e.consume();
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

    /** Selects a segment and centres all views on one of its voxels. */
    void select(long id) {
        if (box == null) return;
        int slot = box.labels().table().findSlot(id);
        if (slot <= 0) return;
        Vec3 local = SegmentVoxels.nearCentre(box.labels(), box.index(), slot);
        state.setStyle(state.style().withSelected(slot));
        if (local != null) state.centreOn(local.plus(box.labels().box().topLeft()));
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

    /** Opens an export in the background; a bad export shows the reader's message and leaves the window usable. */
    void open(Path given) {
        Path path = given.toAbsolutePath().normalize();
        if (loading != null) loading.cancel();
        status.setText("Opening " + path + " …");
        progress.setProgress(-1);
        progress.setVisible(true);
        cancel.setVisible(true);
        int threads = Runtime.getRuntime().availableProcessors();
        loading = tasks.submit("open " + path, p -> {
            LoadedBox b = LoadedBox.open(path, threads, p.sub(0, 0.75));
            SliceData d = SliceDataLoader.load(b, threads, p.sub(0.75, 1));
            Contrast c = d.raw() == null ? Contrast.FULL : Contrast.auto(Contrast.histogram(d.raw()));
            return new Opened(b, d, c);
        }, new TaskRunner.Listener<>() {
            @Override public void progress(double fraction, String message) {
                progress.setProgress(fraction);
                status.setText(message);
            }

            @Override public void succeeded(Opened result) {
                done();
                show(result);
            }

            @Override public void failed(Throwable error) {
                done();
                status.setText("Could not open " + path);
                String message = error instanceof ExportException ? error.getMessage() : "Unexpected error: " + error;
                Alert alert = new Alert(Alert.AlertType.ERROR, message);
                alert.setHeaderText("Could not open the export");
                alert.initOwner(stage);
                alert.show();
            }

            @Override public void cancelled() {
                done();
                status.setText("Opening cancelled");
            }
        });
    }

    private void done() {
        progress.setVisible(false);
        cancel.setVisible(false);
    }

    private void show(Opened o) {
        LoadedBox b = o.box();
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
        List<SegmentStats> segs = b.index().segments();
        segs.sort(Comparator.comparingLong(SegmentStats::voxels).reversed());
        segments.getItems().setAll(segs);
        state.setStyle(state.style().withContrast(o.contrast()).withSelected());
        Viewport xy = viewports.get(Plane.XY);
        state.reset(b.labels().box(), vs, xy.viewWidth(), xy.viewHeight());
        status.setText(String.format(Locale.ROOT, "Opened %s: %,d segments", info.name(), b.index().segmentCount()));
    }
}
