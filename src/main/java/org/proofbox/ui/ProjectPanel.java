package org.proofbox.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.proofbox.model.QcParameters;
import org.proofbox.review.Project;
import org.proofbox.task.TaskRunner;

/**
 * File ▸ Open project (issue 16): the boxes of a folder, each checked in the background, listed
 * with their findings and review progress under the project's consistency findings; a double
 * click opens a box as opening it alone does; "Next unreviewed box" opens the next box (after the
 * one open) whose review is not finished.
 */
final class ProjectPanel extends VBox {
    /** One box of the project, as the table shows it. */
    record Row(Path path, String name, String style, int segments, int errors, int warnings, String flags, double reviewed) {}

    private final TaskRunner tasks;
    private final StatusLine status;
    private final Consumer<Path> open;
    private final Consumer<String> say;
    private final Label title = new Label("No project open (File ▸ Open project…)");
    private final ListView<String> findings = new ListView<>();
    private final TableView<Row> table = new TableView<>();
    private final Button next = new Button("Next unreviewed box");
    private Path folder;
    private Path current;

    ProjectPanel(TaskRunner tasks, StatusLine status, Consumer<Path> open, Consumer<String> say) {
        this.tasks = tasks;
        this.status = status;
        this.open = open;
        this.say = say;
        setId("project-panel");
        setSpacing(6);
        setPadding(new Insets(6));
        title.setWrapText(true);
        title.setStyle("-fx-font-weight: bold");
        findings.setId("project-findings");
        findings.setPrefHeight(150);
        findings.setCellFactory(l -> new javafx.scene.control.ListCell<>() { // whole sentences, wrapped to the panel
            {
                setWrapText(true);
                prefWidthProperty().bind(l.widthProperty().subtract(18));
            }

            @Override protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
            }
        });
        findings.setPlaceholder(new Label("no consistency findings"));
        table.setId("project-table");
        table.setPlaceholder(new Label("no boxes"));
        table.getColumns().add(column("box", 120, Row::name));
        table.getColumns().add(column("style", 50, Row::style));
        table.getColumns().add(column("segments", 70, Row::segments));
        table.getColumns().add(column("errors", 55, Row::errors));
        table.getColumns().add(column("warnings", 65, Row::warnings));
        table.getColumns().add(column("reviewed", 65, r -> String.format(Locale.ROOT, "%.0f %%", 100 * r.reviewed())));
        table.getColumns().add(column("consistency", 120, Row::flags));
        table.setRowFactory(t -> {
            TableRow<Row> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) openBox(row.getItem().path());
            });
            return row;
        });
        next.setId("project-next");
        next.setDisable(true);
        next.setOnAction(e -> nextUnreviewed());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, new Label("Consistency findings"), findings, table, next);
    }

    private static <T> TableColumn<Row, T> column(String name, double width, java.util.function.Function<Row, T> value) {
        TableColumn<Row, T> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    /** Checks the project's boxes in the background (progress and Cancel in the status line), then lists them. */
    void openProject(Path dir, QcParameters params) {
        List<Path> boxes;
        try {
            boxes = Project.boxesIn(dir);
        } catch (org.proofbox.io.ExportException e) {
            say.accept(e.getMessage());
            return;
        }
        folder = dir;
        title.setText("Project " + dir.getFileName() + ": checking " + boxes.size() + " boxes …");
        status.busy("Checking the project's " + boxes.size() + " boxes …", null);
        status.cancelWith(tasks.submit("project", p -> listing(Project.checkAsReviewed(boxes, params, p, f -> { })), new TaskRunner.Listener<Listing>() {
            @Override public void progress(double fraction, String message) { status.progress(fraction, message); }

            @Override public void succeeded(Listing l) {
                status.done();
                if (folder == dir) show(l);
            }

            @Override public void failed(Throwable error) {
                status.done();
                say.accept("Could not check the project: " + error.getMessage());
            }

            @Override public void cancelled() {
                status.done();
                title.setText("Project " + dir.getFileName() + ": check cancelled");
            }
        }));
    }

    /** What the panel shows, computed off the FX thread (review progress reads every box's session). */
    record Listing(List<Row> rows, List<String> findings, int consistency) {}

    static Listing listing(JsonNode report) {
        List<String> fs = new ArrayList<>();
        for (JsonNode f : report.path("consistency")) fs.add(Path.of(f.path("path").asText()).getFileName() + ": " + f.path("rule").asText() + " — " + f.path("detail").asText());
        for (JsonNode f : report.path("failed")) fs.add("not checked: " + f.path("error").asText());
        List<Row> rows = new ArrayList<>();
        for (JsonNode b : report.path("boxes")) {
            Path p = Path.of(b.path("path").asText());
            List<String> flags = new ArrayList<>();
            for (JsonNode f : report.path("consistency")) if (f.path("path").asText().equals(b.path("path").asText())) flags.add(f.path("rule").asText());
            int segments = b.path("metrics").path("segments").asInt();
            rows.add(new Row(p, p.getFileName().toString(), b.path("metrics").path("membraneStyle").asText(), segments,
                b.path("summary").path("errors").asInt(), b.path("summary").path("warnings").asInt(), String.join(", ", flags),
                Project.reviewed(p, segments)));
        }
        return new Listing(rows, fs, report.path("consistency").size());
    }

    void show(Listing l) {
        findings.getItems().setAll(l.findings());
        table.getItems().setAll(l.rows());
        title.setText(String.format(Locale.ROOT, "Project %s: %d boxes, %d consistency findings", folder == null ? "" : folder.getFileName(),
            l.rows().size(), l.consistency()));
        next.setDisable(l.rows().isEmpty());
    }

    private void openBox(Path p) {
        current = p.toAbsolutePath().normalize();
        open.accept(p);
    }

    /** The box just opened (by any means): the next unreviewed one is looked for after it. */
    void opened(Path p) {
        current = p.toAbsolutePath().normalize();
    }

    boolean isOpen() {
        return !table.getItems().isEmpty();
    }

    /**
     * Refreshes every box's review progress from its session (in the background), then opens the
     * next box after the current one that is not finished.
     */
    void nextUnreviewed() {
        List<Row> rows = new ArrayList<>(table.getItems());
        if (rows.isEmpty()) return;
        tasks.submit("review progress", p -> {
            List<Row> fresh = new ArrayList<>();
            for (Row r : rows) fresh.add(new Row(r.path(), r.name(), r.style(), r.segments(), r.errors(), r.warnings(), r.flags(), Project.reviewed(r.path(), r.segments())));
            return fresh;
        }, TaskRunner.onSuccess(this::openNextOf));
    }

    private void openNextOf(List<Row> fresh) {
        table.getItems().setAll(fresh);
        int at = -1;
        for (int i = 0; i < fresh.size(); i++) if (fresh.get(i).path().toAbsolutePath().normalize().equals(current)) at = i;
        for (int k = 1; k <= fresh.size(); k++) {
            Row r = fresh.get(Math.floorMod(at + k, fresh.size()));
            if (r.reviewed() < 1 && !r.path().toAbsolutePath().normalize().equals(current)) {
                table.getSelectionModel().select(r);
                openBox(r.path());
                return;
            }
        }
        say.accept("Every other box of the project is reviewed");
    }

    List<Row> rows() {
        return List.copyOf(table.getItems());
    }

    List<String> findingLines() {
        return List.copyOf(findings.getItems());
    }
}
