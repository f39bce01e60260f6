package org.proofbox.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import org.proofbox.io.ExportException;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.SegmentStats;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.TaskRunner;

/**
 * The main window: menu, the box summary and a status bar with progress. Opening a box runs in
 * the background; the window stays responsive and the load can be cancelled.
 */
final class MainWindow {
    private final Stage stage;
    private final TaskRunner tasks;
    private final Label title = new Label("No box open");
    private final Label summary = new Label();
    private final ListView<String> segments = new ListView<>();
    private final Label status = new Label("Ready");
    private final ProgressBar progress = new ProgressBar(0);
    private final Button cancel = new Button("Cancel");
    private TaskRunner.TaskHandle loading;
    private LoadedBox box;

    MainWindow(Stage stage, TaskRunner tasks) {
        this.stage = stage;
        this.tasks = tasks;
        title.setId("title");
        summary.setId("summary");
        status.setId("status");
        segments.setId("segments");
        title.setStyle("-fx-font-size: 18px; -fx-font-weight: bold;");
        VBox center = new VBox(8, title, summary, new Label("Largest segments"), segments);
        VBox.setVgrow(segments, Priority.ALWAYS);
        center.setPadding(new Insets(12));
        progress.setVisible(false);
        cancel.setVisible(false);
        cancel.setOnAction(e -> { if (loading != null) loading.cancel(); });
        HBox statusBar = new HBox(8, status, progress, cancel);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        statusBar.setPadding(new Insets(4, 8, 4, 8));
        BorderPane root = new BorderPane(center, menus(), null, statusBar, null);
        stage.setScene(new Scene(root, 1100, 760));
        stage.setTitle("Proofbox");
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
        return new MenuBar(new Menu("File", null, open, quit));
    }

    void show() {
        stage.show();
    }

    LoadedBox box() {
        return box;
    }

    /** Opens an export in the background; a bad export shows the reader's message and leaves the window usable. */
    void open(Path path) {
        if (loading != null) loading.cancel();
        status.setText("Opening " + path + " …");
        progress.setProgress(-1);
        progress.setVisible(true);
        cancel.setVisible(true);
        int threads = Runtime.getRuntime().availableProcessors();
        loading = tasks.submit("open " + path, p -> LoadedBox.open(path, threads, p), new TaskRunner.Listener<>() {
            @Override public void progress(double fraction, String message) {
                progress.setProgress(fraction);
                status.setText(message);
            }

            @Override public void succeeded(LoadedBox result) {
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

    private void show(LoadedBox b) {
        this.box = b;
        var info = b.export().info();
        stage.setTitle("Proofbox — " + info.name());
        title.setText(info.name());
        var vs = info.voxelSize();
        summary.setText(String.format(Locale.ROOT, "%s%nbox %s + %s, voxel size %s × %s × %s %s%n%,d segments, largest id %s, %.1f %% labelled",
            info.root(), b.labels().box().topLeft(), b.labels().box().size(), vs.x(), vs.y(), vs.z(), vs.unit(),
            b.index().segmentCount(), SegmentIds.toString(b.index().largestId()),
            100.0 * b.index().labelledVoxels() / Math.max(1, b.labels().voxelCount())));
        List<SegmentStats> segs = b.index().segments();
        segs.sort(Comparator.comparingLong(SegmentStats::voxels).reversed());
        segments.getItems().setAll(segs.stream().limit(500).map(s -> String.format(Locale.ROOT, "id %-12s %,12d voxels   bbox %s – %s",
            SegmentIds.toString(s.id()), s.voxels(), s.bboxMin(), s.bboxMax())).toList());
        status.setText(String.format(Locale.ROOT, "Opened %s: %,d segments", info.name(), b.index().segmentCount()));
    }
}
