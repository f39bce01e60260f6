package org.proofbox.ui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.proofbox.model.SegmentIds;
import org.proofbox.render.Palette;
import org.proofbox.render.Plane;
import org.proofbox.render.SliceData;
import org.proofbox.render.ViewerState;
import org.proofbox.render.Visibility;
import org.proofbox.store.LoadedBox;

/**
 * The three linked slice views in WEBKNOSSOS's layout (XY, YZ / XZ, box summary) and what acts
 * on them alone: the view under the mouse, maximise, fit, zoom, stepping and moving the
 * crosshair, the overlay and visibility, the palette cache and the hover read-out.
 */
final class ViewerPanel {
    private final ViewerState state;
    private final Map<Plane, Viewport> viewports = new EnumMap<>(Plane.class);
    private final GridPane grid = new GridPane();
    final Label title = new Label("No box open");
    final Label summary = new Label();
    final Label hover = new Label();
    private LoadedBox box;
    private SliceData data;
    private Palette palette;
    private Plane underMouse = Plane.XY;
    private Plane maximised;

    /** The fourth quadrant's 3D view of the selected segments. */
    final View3D view3d = new View3D();
    /** The fourth cell: the box's name and details above the 3D view. */
    private final VBox info;
    private boolean over3d, maximised3d, firstSaid;

    ViewerPanel(ViewerState state, Runnable presented) {
        this.state = state;
        for (Plane p : Plane.values()) {
            Viewport v = new Viewport(p, state, () -> data, this::palette);
            v.onHover(this::showHover);
            v.onEntered(() -> underMouse = p);
            v.onPresented(() -> {
                presented.run();
                firstFrame();
                drawn();
            });
            viewports.put(p, v);
        }
        title.setId("title");
        summary.setId("summary");
        hover.setId("hover");
        title.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
        summary.setWrapText(true);
        javafx.scene.control.TitledPane details = new javafx.scene.control.TitledPane("Box details", summary);
        details.setExpanded(false);
        details.setAnimated(false);
        info = new VBox(2, title, details, view3d);
        info.setPadding(new Insets(4));
        info.setId("box-info");
        info.setStyle("-fx-background-color: #f4f4f4;");
        VBox.setVgrow(view3d, javafx.scene.layout.Priority.ALWAYS);
        info.setMinSize(0, 0);
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
        grid.add(viewports.get(Plane.XY), 0, 0);
        grid.add(viewports.get(Plane.YZ), 1, 0);
        grid.add(viewports.get(Plane.XZ), 0, 1);
        grid.add(info, 1, 1);
        info.setOnMouseEntered(e -> over3d = true);
        info.setOnMouseExited(e -> over3d = false);
        state.addListener(c -> {
            if (c == ViewerState.Change.STYLE) palette = null;
            viewports.values().forEach(Viewport::requestRender);
        });
    }

    GridPane node() {
        return grid;
    }

    Viewport viewport(Plane p) {
        return viewports.get(p);
    }

    Iterable<Viewport> viewports() {
        return viewports.values();
    }

    Plane underMouse() {
        return underMouse;
    }

    Plane maximised() {
        return maximised;
    }

    /** A box and its slice data are shown (or null: none). */
    void show(LoadedBox b, SliceData d) {
        box = b;
        data = d;
        palette = null;
        var ann = b == null ? null : b.export().annotation();
        java.util.function.Predicate<org.proofbox.model.Vec3> missing = ann != null && ann.incomplete() ? ann.isStored().negate() : null;
        for (Viewport v : viewports.values()) {
            v.missing(missing);
            v.workMag(b == null ? null : b.export().workMag());
        }
    }

    /**
     * A first frame while a box is still being read: its mag-1 labels and raw, filled through the
     * middle planes so far, shown centred and fitted; not editable and not reviewed until the box
     * is open (the window then shows it whole without moving the views).
     */
    void preview(org.proofbox.store.LoadedBox.Preview pv, int w, int h) {
        show(new LoadedBox(pv.export(), pv.labelsArray(), pv.labels(), null), SliceData.of(pv.raw(), pv.labels()).filling());
        var info = pv.export().info();
        title.setText(info.name() + " (reading …)");
        summary.setText("The slices through the middle of the box are shown while the rest is read; the review starts when the box is open.");
        state.setStyle(state.style().withContrast(org.proofbox.render.Contrast.FULL).withSelected());
        state.reset(pv.labels().box(), info.voxelSize(), w, h);
    }

    private final List<Runnable> whenDrawn = new ArrayList<>();
    private final Map<Plane, Integer> drawnFrom = new EnumMap<>(Plane.class);

    /** Runs {@code r} once each of the three views has presented a frame after this call (a preview's first frame). */
    void afterNextFrames(Runnable r) {
        if (whenDrawn.isEmpty()) for (var e : viewports.entrySet()) drawnFrom.put(e.getKey(), e.getValue().framesPresented());
        whenDrawn.add(r);
    }

    private void drawn() {
        if (whenDrawn.isEmpty()) return;
        for (var e : viewports.entrySet()) if (e.getValue().framesPresented() <= drawnFrom.get(e.getKey())) return;
        List<Runnable> due = new ArrayList<>(whenDrawn);
        whenDrawn.clear();
        due.forEach(Runnable::run);
    }

    /** The fourth cell: the box's name, where it is, its size, voxel size, mags, segments and (for an annotation) volume and region. */
    void describe(LoadedBox b, SliceData d) {
        var info = b.export().info();
        var vs = info.voxelSize();
        title.setText(info.name());
        var ex = b.export();
        String text = String.format(Locale.ROOT, "%s%nbox %s + %s%nvoxel size %s × %s × %s %s%nraw mags %s, label mags %s%s%n%,d segments, largest id %s%n%.1f %% labelled",
            info.root(), ex.toMag1(b.labels().box().topLeft()), ex.toMag1(b.labels().box().size()), vs.x() / ex.workMag().x(), vs.y() / ex.workMag().y(),
            vs.z() / ex.workMag().z(), vs.unit(), d.rawLevels().stream().map(l -> l.per().volume() > 1 ? l.mag().toString() : ex.toMag1(l.mag()).toString()).toList(),
            d.labelLevels().stream().map(l -> ex.toMag1(l.mag()).toString()).toList(),
            ex.workMag().volume() > 1 ? " (worked on at " + ex.workMag() + ")" : "",
            b.index().segmentCount(), SegmentIds.toString(b.index().largestId()),
            100.0 * b.index().labelledVoxels() / Math.max(1, b.labels().voxelCount()));
        var ann = b.export().annotation();
        if (ann != null) {
            text += String.format(Locale.ROOT, "%nannotation %s, volume \"%s\", region: %s, %d stored buckets, %d named segments",
                ann.zip().getFileName(), ann.volume().name(), ann.box() == null ? "the stored data" : "box " + ann.box().id() + " \"" + ann.box().name() + "\"",
                ann.storedBuckets(), ann.segmentNames().size()) + (ann.incomplete() ? "\n" + ann.banner() : "");
        }
        summary.setText(text);
    }

    SliceData data() {
        return data;
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

    /** Labels were edited: coarse label levels are stale, colours are rebuilt, the views redraw. */
    void labelsChanged() {
        if (data != null) {
            data.dropCoarseLabels();
            data.changed();
        }
        palette = null;
        viewports.values().forEach(Viewport::requestRender);
    }

    /** "." : the view under the mouse (a slice view or the 3D view) fills the panel, or all four come back. */
    void toggleMaximiseUnderMouse() {
        if (maximised3d || (over3d && maximised == null)) {
            maximised3d = !maximised3d;
            grid.getChildren().forEach(n -> { n.setVisible(!maximised3d || n == info); n.setManaged(!maximised3d || n == info); });
            GridPane.setConstraints(info, maximised3d ? 0 : 1, maximised3d ? 0 : 1, maximised3d ? 2 : 1, maximised3d ? 2 : 1);
            return;
        }
        toggleMaximise(underMouse);
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

    void fit() {
        Viewport v = viewports.get(Plane.XY);
        state.fit(v.viewWidth(), v.viewHeight());
        view3d.refit();
    }

    void step(int sections) {
        state.step(underMouse, sections);
    }

    void zoom(boolean in) {
        state.setZoom(state.nmPerPixel() * (in ? 1 / 1.25 : 1.25));
    }

    /** Arrow keys: the crosshair moves in the plane of the view under the mouse (Shift: 10 voxels); the views follow. */
    void move(int dx, int dy, boolean fast) {
        int n = fast ? 10 : 1;
        int[] c = {state.cursor().x(), state.cursor().y(), state.cursor().z()};
        c[underMouse.u] += dx * n;
        c[underMouse.v] += dy * n;
        state.setCursorAndFollow(c[0], c[1], c[2], null);
    }

    void toggleOverlay() {
        state.setStyle(state.style().withOverlay(!state.style().overlay()));
    }

    /** Cycles all / only selected / all but selected; returns the new mode's name. */
    String cycleVisibility() {
        Visibility[] all = Visibility.values();
        state.setStyle(state.style().withVisibility(all[(state.style().visibility().ordinal() + 1) % all.length]));
        return state.style().visibility().label;
    }

    private void showHover(int[] v) {
        if (v == null || box == null) {
            hover.setText("");
            return;
        }
        var m = box.export().workMag(); // positions as WEBKNOSSOS counts them: mag-1 voxels
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "x %d  y %d  z %d", v[0] * m.x(), v[1] * m.y(), v[2] * m.z()));
        if (m.volume() > 1) sb.append(String.format(Locale.ROOT, "  (mag %d-%d-%d voxel %d, %d, %d)", m.x(), m.y(), m.z(), v[0], v[1], v[2]));
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

    void dispose() {
        viewports.values().forEach(Viewport::dispose);
    }

    /**
     * Says once on stderr when all three views first show a box, with the time since the process
     * started (the packaged app's smoke test waits for this line; BENCHMARKS' start-up figures).
     */
    private void firstFrame() {
        if (firstSaid) return;
        for (Viewport v : viewports.values()) if (v.framesPresented() == 0) return;
        firstSaid = true;
        String since = ProcessHandle.current().info().startInstant()
            .map(t -> String.format(java.util.Locale.ROOT, "%.2f s", java.time.Duration.between(t, java.time.Instant.now()).toMillis() / 1000.0)).orElse("?");
        // the wall clock too: the process start time Linux gives Java is only good to a second
        System.err.println("proofbox: first frame: the three views show the box, " + since + " after the process started (at epoch ms "
            + System.currentTimeMillis() + ")");
    }
}
