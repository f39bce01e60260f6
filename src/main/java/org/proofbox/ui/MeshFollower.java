package org.proofbox.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.proofbox.algo.mesh.SegmentMesher;
import org.proofbox.algo.mesh.SurfaceMesh;
import org.proofbox.model.Finding;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.render.SegmentColors;
import org.proofbox.render.ViewerState;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.TaskRunner;

/**
 * Keeps the 3D view on the selected segments (the walkthrough's current one, or the reviewer's
 * selection, up to {@link #MAX_SEGMENTS}): each change of selection or of the labels meshes them
 * in the background, cancelling the previous meshing; a result is shown only if the selection is
 * still the one it was made for, so the view never shows a segment other than the one named.
 * The crosshair's planes follow the cursor.
 */
final class MeshFollower {
    static final int MAX_SEGMENTS = 4;

    private final ViewerState state;
    private final TaskRunner tasks;
    private final View3D view;
    private final javafx.animation.PauseTransition afterEdits = new javafx.animation.PauseTransition(javafx.util.Duration.millis(400));
    private LoadedBox box;
    private int[] shown = new int[0];
    private TaskRunner.TaskHandle running;
    private long generation;
    private long requested;
    private double lastMillis = -1;
    private Function<Long, List<Finding>> findings = id -> List.of();
    private Consumer<String> status = s -> { };

    MeshFollower(ViewerState state, TaskRunner tasks, View3D view) {
        this.state = state;
        this.tasks = tasks;
        this.view = view;
        afterEdits.setOnFinished(e -> request());
        view.onUploaded(this::uploaded);
        state.addListener(c -> {
            if (box == null) return;
            if (c == ViewerState.Change.STYLE && !Arrays.equals(selection(), shown)) request();
            if (c == ViewerState.Change.CURSOR) view.crosshair(nm(state.cursor()));
        });
    }

    void findings(Function<Long, List<Finding>> f) { findings = f; }

    void status(Consumer<String> s) { status = s; }

    private static boolean warmedUp;

    /** A box was opened (null: closed). */
    void show(LoadedBox b) {
        if (b != null && !warmedUp && view.supported()) {
            warmedUp = true;
            tasks.submit("mesh warm-up", p -> { SegmentMesher.warmUp(); return null; }, o -> { });
        }
        box = b;
        shown = new int[0];
        generation++;
        if (running != null) running.cancel();
        view.clear();
        if (b == null) return;
        var bx = b.labels().box();
        VoxelSize vs = b.export().info().voxelSize();
        Vec3 tl = bx.topLeft(), size = bx.size();
        view.box(new double[] {tl.x() * vs.x(), tl.y() * vs.y(), tl.z() * vs.z(), (tl.x() + size.x()) * vs.x(), (tl.y() + size.y()) * vs.y(), (tl.z() + size.z()) * vs.z()});
        view.crosshair(nm(state.cursor()));
        request();
    }

    /** Labels changed: the shown segments are meshed again once edits pause. */
    void labelsChanged() {
        if (box != null) afterEdits.playFromStart();
    }

    /**
     * With {@code -Dproofbox.trace3d=true} every selection's "asked → meshed → in the scene" times
     * go to stderr, one line each: how the walkthrough's "next segment → mesh shown" is measured.
     */
    private static final boolean TRACE = Boolean.getBoolean("proofbox.trace3d");
    private long handedGeneration = -1;
    private double handedMillis;
    private String handedWhat = "";

    private void uploaded() {
        if (handedGeneration != generation) return;
        handedGeneration = -1;
        if (TRACE) System.err.printf(java.util.Locale.ROOT, "trace3d: %s handed to the view %.1f ms, in the scene %.1f ms after the selection%n",
            handedWhat, handedMillis, (System.nanoTime() - requested) / 1e6);
    }

    /** Milliseconds from the last selection change to its meshes being handed to the view (-1 before the first). */
    double lastMillis() {
        return lastMillis;
    }

    private int[] selection() {
        int[] sel = state.style().selected();
        return Arrays.copyOf(sel, Math.min(sel.length, MAX_SEGMENTS));
    }

    private double[] nm(Vec3 v) {
        VoxelSize vs = box.export().info().voxelSize();
        return new double[] {(v.x() + 0.5) * vs.x(), (v.y() + 0.5) * vs.y(), (v.z() + 0.5) * vs.z()};
    }

    /** Ctrl+click in the 3D view: the crosshair goes to that surface point (nm) and its segment is selected (the walkthrough stays). */
    void pick(double[] nm) {
        if (box == null) return;
        VoxelSize vs = box.export().info().voxelSize();
        Vec3 v = new Vec3((int) Math.floor(nm[0] / vs.x()), (int) Math.floor(nm[1] / vs.y()), (int) Math.floor(nm[2] / vs.z()));
        var lb = box.labels().box();
        Vec3 tl = lb.topLeft();
        state.setCursorAndFollow(v.x(), v.y(), v.z(), null);
        if (!lb.contains(v.x(), v.y(), v.z())) return;
        long id = box.labels().idAt(v.x() - tl.x(), v.y() - tl.y(), v.z() - tl.z());
        status.accept("3D: crosshair at " + v + (id == 0 ? " (unlabelled)" : ", segment " + org.proofbox.model.SegmentIds.toString(id)));
        int slot = id == 0 ? 0 : box.labels().table().findSlot(id);
        if (slot > 0 && !state.style().isSelected(slot)) state.setStyle(state.style().withSelected(slot));
    }

    private record Result(String text, List<View3D.Piece> pieces, List<Finding> findings, List<Long> ids, int meshes, long started, long done) {}

    /** What the view was last handed: the segments named, how many surfaces (pieces) and the caption (also kept without a 3D pipeline). */
    record Shown(List<Long> ids, int meshes, String text) {}

    private Shown last;
    private boolean meshWithout3D;

    /** Meshes even where the display has no 3D (headless tests of the follow logic; the view still shows nothing). */
    void meshWithout3D(boolean on) {
        meshWithout3D = on;
        if (on) request();
    }

    Shown last() {
        return last;
    }

    private void request() {
        if ((!view.supported() && !meshWithout3D) || box == null) return;
        if (running != null) running.cancel();
        int[] slots = selection();
        shown = slots;
        long gen = ++generation;
        requested = System.nanoTime();
        LoadedBox b = box;
        VoxelSize vs = b.export().info().voxelSize();
        List<Long> ids = new ArrayList<>();
        for (int s : slots) ids.add(b.labels().table().idOf(s));
        List<Finding> marks = new ArrayList<>();
        for (long id : ids) marks.addAll(findings.apply(id));
        running = tasks.submit("mesh", p -> {
            long started = System.nanoTime();
            List<View3D.Piece> pieces = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            int count = 0;
            for (int i = 0; i < slots.length; i++) {
                List<SurfaceMesh> ms = SegmentMesher.mesh(b.labels(), b.index(), slots[i], vs, p);
                int rgb = SegmentColors.rgb(ids.get(i));
                for (SurfaceMesh m : ms) pieces.addAll(View3D.pieces(m, View3D.shade(rgb, m.piece())));
                count += ms.size();
                parts.add(View3D.describe(ids.get(i), ms));
            }
            return new Result(slots.length == 0 ? "3D: select a segment (the walkthrough shows its current one here)" : String.join("\n", parts), pieces, marks,
                List.copyOf(ids), count, started, System.nanoTime());
        }, new TaskRunner.Listener<Result>() {
            @Override public void succeeded(Result r) {
                if (gen != generation || box != b) return; // a newer selection, or another box: never show a stale segment
                last = new Shown(r.ids(), r.meshes(), r.text());
                lastMillis = (System.nanoTime() - requested) / 1e6;
                handedGeneration = gen;
                handedMillis = lastMillis;
                long tris = 0;
                for (View3D.Piece piece : r.pieces()) tris += piece.faces().length / 6;
                handedWhat = String.format(java.util.Locale.ROOT, "segments %s (%d pieces, %d triangles; worker started %.1f ms after the selection, took %.1f ms)",
                    r.ids().stream().map(org.proofbox.model.SegmentIds::toString).toList(), r.meshes(), tris, (r.started() - requested) / 1e6, (r.done() - r.started()) / 1e6);
                view.show(r.text(), r.pieces(), r.findings(), new double[] {vs.x(), vs.y(), vs.z()});
                view.crosshair(nm(state.cursor()));
            }

            @Override public void failed(Throwable error) {
                if (gen == generation) status.accept("3D view: could not mesh: " + error.getMessage());
            }
        });
    }
}
