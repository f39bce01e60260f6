package org.proofbox.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.proofbox.model.Check;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Severity;
import org.proofbox.model.Verdict;
import org.proofbox.review.Walkthrough;

/**
 * The segment registry: every segment of the box in a sortable table (id, voxels, bounding box,
 * components, holes, QC findings, verdict), a search by id, a filter (with findings, by verdict)
 * and a log-scale histogram of segment sizes. Selecting rows selects the segments.
 */
final class RegistryView extends VBox {
    /** One segment's row. */
    record Row(SegmentStats stats, int components, int holes, int findings, Severity worst, String name, java.util.Set<Check> kinds) {
        Row(SegmentStats stats, int components, int holes, int findings, Severity worst) {
            this(stats, components, holes, findings, worst, "", java.util.Set.of());
        }

        long id() { return stats.id(); }
        long bboxVolume() {
            var a = stats.bboxMin();
            var b = stats.bboxMax();
            return (long) (b.x() - a.x() + 1) * (b.y() - a.y() + 1) * (b.z() - a.z() + 1);
        }
        String bboxText() {
            var a = stats.bboxMin();
            var b = stats.bboxMax();
            return (b.x() - a.x() + 1) + "×" + (b.y() - a.y() + 1) + "×" + (b.z() - a.z() + 1);
        }
    }

    static final String ANY_KIND = "any finding";
    static final List<String> FILTERS = List.of("All segments", "With findings", "Not reviewed", "Needs fix", "Approved", "Skipped");

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final FilteredList<Row> filtered = new FilteredList<>(rows);
    private final TableView<Row> table = new TableView<>();
    private final TextField search = new TextField();
    private final ChoiceBox<String> filter = new ChoiceBox<>(FXCollections.observableArrayList(FILTERS));
    private final Label count = new Label();
    private final Canvas histogram = new Canvas(280, 74);
    /** Kinds of finding to filter by ("any kind", then every check). */
    private final ChoiceBox<String> kind = new ChoiceBox<>();
    /** Segment size range, log10 voxels, in quarter decades (ControlsFX: two thumbs on one track). */
    private final org.controlsfx.control.RangeSlider size = new org.controlsfx.control.RangeSlider(0, 1, 0, 1);
    private final Label sizeText = new Label();
    private int bins = 4;
    /** Rows per quarter decade of size, and the largest log10 size, counted when the rows are set (not at every walkthrough step). */
    private int[] binCounts = new int[0];
    private double maxLog;
    /** The rows by id (a walkthrough step reveals its row without a scan). */
    private final it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<Row> byId = new it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap<>();
    /** While the rows and the size range are being set: one refilter at the end, not one per changed thumb. */
    private boolean setting;
    private TableColumn<Row, String> nameColumn;
    private Walkthrough walkthrough;
    /**
     * Each row's verdict as a property the verdict cells observe, so a step of the walkthrough
     * updates the one cell that changed instead of re-creating every row ({@code TableView.refresh}
     * did that, and cost the FX thread ~0.3 s per step).
     */
    private final java.util.Map<Long, javafx.beans.property.SimpleObjectProperty<Verdict>> verdicts = new java.util.HashMap<>();

    private javafx.beans.property.SimpleObjectProperty<Verdict> verdictOf(long id) {
        return verdicts.computeIfAbsent(id, k -> new javafx.beans.property.SimpleObjectProperty<>(walkthrough == null ? Verdict.UNREVIEWED : walkthrough.verdict(k)));
    }
    private Consumer<List<Long>> onSelect = ids -> { };
    private boolean updating;

    RegistryView() {
        setId("registry");
        setSpacing(6);
        table.setId("registry-table");
        search.setId("registry-search");
        search.setFocusTraversable(false); // typing there is a choice (click); the first focus goes elsewhere, so viewer keys work at once
        filter.setId("registry-filter");
        search.setPromptText("Search id or name");
        filter.setValue(FILTERS.get(0));
        search.textProperty().addListener((o, a, b) -> refilter());
        filter.valueProperty().addListener((o, a, b) -> refilter());
        kind.setId("registry-kind");
        kind.getItems().add(ANY_KIND);
        for (Check c : Check.values()) kind.getItems().add(c.key);
        kind.setValue(ANY_KIND);
        kind.setFocusTraversable(false);
        kind.valueProperty().addListener((o, a, b) -> refilter());
        size.setId("registry-size");
        size.setFocusTraversable(false);
        size.setMajorTickUnit(1);
        size.setBlockIncrement(0.25);
        size.setSnapToTicks(false);
        size.lowValueProperty().addListener((o, a, b) -> refilter());
        size.highValueProperty().addListener((o, a, b) -> refilter());
        histogram.setOnMouseClicked(e -> { // a bar filters to its quarter decade; a second click, or a right-click, lets all sizes through
            double w = histogram.getWidth() / bins;
            int bin = (int) (e.getX() / w);
            double lo = bin / 4.0, hi = (bin + 1) / 4.0;
            boolean same = Math.abs(size.getLowValue() - lo) < 1e-9 && Math.abs(size.getHighValue() - hi) < 1e-9;
            if (e.getButton() != javafx.scene.input.MouseButton.PRIMARY || same) size.setLowValue(size.getMin());
            if (e.getButton() != javafx.scene.input.MouseButton.PRIMARY || same) size.setHighValue(size.getMax());
            else {
                size.setHighValue(size.getMax()); // the thumbs never cross on the way
                size.setLowValue(lo);
                size.setHighValue(hi);
            }
        });
        SortedList<Row> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY); // a narrow panel scrolls sideways; headers and ids are never cut to "…"
        TableColumn<Row, Long> id = column("id", "Segment id (unsigned)", Row::id, 78);
        id.setComparator(SegmentIds::compare);
        id.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : SegmentIds.toString(v));
            }
        });
        TableColumn<Row, String> name = column("name", "Name from the annotation", Row::name, 80);
        nameColumn = name;
        TableColumn<Row, Long> voxels = column("voxels", "Voxels inside the box", r -> r.stats().voxels(), 64);
        TableColumn<Row, Row> bbox = column("bbox", "Bounding box size x×y×z (voxels)", r -> r, 90);
        bbox.setComparator((a, b) -> Long.compare(a.bboxVolume(), b.bboxVolume()));
        bbox.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override protected void updateItem(Row v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v.bboxText());
            }
        });
        TableColumn<Row, Integer> comps = column("parts", "Connected pieces inside the box (more than 1: disconnected)", Row::components, 48);
        TableColumn<Row, Integer> holes = column("holes", "Enclosed holes", Row::holes, 44);
        TableColumn<Row, Integer> findings = column("QC", "QC findings of the segment", Row::findings, 34);
        TableColumn<Row, Verdict> verdict = column("verdict", "The review's verdict", r -> Verdict.UNREVIEWED, 70);
        verdict.setCellValueFactory(f -> verdictOf(f.getValue().id())); // observed: a changed verdict redraws its cell alone
        verdict.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override protected void updateItem(Verdict v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null || v == Verdict.UNREVIEWED ? null : v.label());
            }
        });
        table.getColumns().setAll(List.of(id, name, voxels, findings, verdict, comps, holes, bbox)); // what triage needs first; the rest scrolls in a narrow panel
        table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<Row>) ch -> {
            if (updating) return;
            List<Long> ids = table.getSelectionModel().getSelectedItems().stream().filter(java.util.Objects::nonNull).map(Row::id).toList();
            if (!ids.isEmpty()) onSelect.accept(ids);
        });
        HBox bar = new HBox(6, search, filter, kind);
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMinWidth(60);
        getChildren().addAll(bar, table, count, new Label("Segment sizes (voxels, log scale; click a bar to filter)"), histogram, size, sizeText);
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    /** A column at least {@code width} wide (its header is never cut), explained by its header's tooltip. */
    private static <T> TableColumn<Row, T> column(String name, String tip, Function<Row, T> value, double width) {
        TableColumn<Row, T> c = new TableColumn<>();
        Label header = new Label(name);
        header.setTooltip(new javafx.scene.control.Tooltip(tip));
        c.setGraphic(header);
        c.setId("column-" + name);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(width);
        return c;
    }

    /** The rows of a checked box: each segment with its pieces, holes, finding count, worst severity, name and kinds of finding. */
    static List<Row> rows(org.proofbox.algo.QcReport r, java.util.function.LongFunction<Walkthrough.Item> items,
                          java.util.Map<Long, List<org.proofbox.model.Finding>> bySegment, java.util.Map<Long, String> names) {
        List<Row> rows = new java.util.ArrayList<>();
        for (var ss : r.segments()) {
            long id = ss.stats().id();
            Walkthrough.Item it = items.apply(id);
            java.util.Set<Check> kinds = java.util.EnumSet.noneOf(Check.class);
            for (var f : bySegment.getOrDefault(id, List.of())) kinds.add(f.check());
            rows.add(new Row(ss.stats(), ss.components(), ss.holes(), it == null ? 0 : it.findings(), it == null ? null : it.worst(),
                names.getOrDefault(id, ""), kinds));
        }
        return rows;
    }

    void onSelect(Consumer<List<Long>> c) {
        onSelect = c;
    }

    void set(List<Row> all, Walkthrough w) {
        walkthrough = w;
        verdicts.clear();
        byId.clear();
        for (Row r : all) byId.put(r.id(), r);
        double[] logs = new double[all.size()];
        double top = 0;
        for (int i = 0; i < logs.length; i++) top = Math.max(top, logs[i] = Math.log10(Math.max(1, all.get(i).stats().voxels())));
        maxLog = top;
        bins = Math.max(4, (int) Math.ceil(top * 4) + 1);
        binCounts = new int[bins];
        for (double l : logs) binCounts[Math.min(bins - 1, (int) (l * 4))]++;
        setting = true;
        try {
            rows.setAll(all);
            nameColumn.setVisible(all.stream().anyMatch(r -> !r.name().isEmpty())); // dataset folders have no names: room for the others
            double max = Math.max(1, Math.ceil(top * 4 + 1e-9) / 4);
            boolean whole = size.getHighValue() >= size.getMax() - 1e-9 && size.getLowValue() <= size.getMin() + 1e-9;
            size.setMax(max);
            if (whole) {
                size.setLowValue(0);
                size.setHighValue(max);
            }
        } finally {
            setting = false;
        }
        refilter();
        drawHistogram(null);
    }

    /** Verdicts changed: the verdict cells follow, a verdict filter is applied again. */
    void refresh() {
        for (var e : verdicts.entrySet()) e.getValue().set(walkthrough == null ? Verdict.UNREVIEWED : walkthrough.verdict(e.getKey()));
        if (!FILTERS.get(0).equals(filter.getValue()) && !FILTERS.get(1).equals(filter.getValue())) refilter();
    }

    /** Shows {@code id} as the selected row (without feeding the selection back). */
    void reveal(long id) {
        updating = true;
        try {
            table.getSelectionModel().clearSelection();
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).id() == id) {
                    table.getSelectionModel().select(i);
                    table.scrollTo(Math.max(0, i - 3));
                    break;
                }
            }
        } finally {
            updating = false;
        }
        drawHistogram(byId.get(id));
    }

    TableView<Row> table() {
        return table;
    }

    private void refilter() {
        if (setting) return;
        String f = filter.getValue() == null ? FILTERS.get(0) : filter.getValue();
        String k = kind.getValue();
        Check c = k == null || k.equals(ANY_KIND) ? null : java.util.Arrays.stream(Check.values()).filter(x -> x.key.equals(k)).findFirst().orElse(null);
        RegistryFilter rf = new RegistryFilter(search.getText(), Math.max(0, FILTERS.indexOf(f)), c, size.getLowValue(), size.getHighValue());
        filtered.setPredicate(r -> rf.accepts(r, walkthrough == null ? Verdict.UNREVIEWED : walkthrough.verdict(r.id())));
        count.setText(String.format(Locale.ROOT, "%,d of %,d segments", filtered.size(), rows.size()));
        sizeText.setText(String.format(Locale.ROOT, "size %s – %s voxels", voxels(size.getLowValue()), voxels(size.getHighValue())));
    }

    private static String voxels(double log10) {
        return String.format(Locale.ROOT, "%,d", Math.round(Math.pow(10, log10)));
    }

    /** Counts per log10 bin (a quarter decade each); the bar of {@code mark} in orange. */
    private void drawHistogram(Row mark) {
        GraphicsContext g = histogram.getGraphicsContext2D();
        double w = histogram.getWidth(), h = histogram.getHeight();
        g.setFill(Color.web("#fafafa"));
        g.fillRect(0, 0, w, h);
        if (rows.isEmpty()) return;
        int[] c = binCounts;
        int markBin = mark == null ? -1 : Math.min(bins - 1, (int) (Math.log10(Math.max(1, mark.stats().voxels())) * 4));
        int max = 1;
        for (int v : c) max = Math.max(max, v);
        double plotH = h - 14, bw = w / bins;
        for (int i = 0; i < bins; i++) {
            if (c[i] == 0) continue;
            double bh = Math.max(2, plotH * Math.log1p(c[i]) / Math.log1p(max));
            g.setFill(i == markBin ? Color.web("#ff8c1a") : Color.web("#4d7fbf"));
            g.fillRect(i * bw + 1, plotH - bh, bw - 2, bh);
        }
        g.setFill(Color.gray(0.3));
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.TOP);
        for (int d = 0; d <= maxLog; d++) g.fillText(d == 0 ? "1" : "1e" + d, d * 4 * bw, plotH + 1);
    }
}
