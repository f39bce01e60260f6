package org.proofbox.ui;

import org.proofbox.algo.FindingExtent;
import org.proofbox.algo.SegmentVoxels;
import org.proofbox.model.Box3;
import org.proofbox.model.Finding;
import org.proofbox.model.Vec3;
import org.proofbox.render.ViewerState;
import org.proofbox.render.Visibility;
import org.proofbox.review.Walkthrough;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.TaskRunner;

/**
 * Where the review takes the views: the walkthrough's current segment (only it visible, fitted
 * with context), a box finding (all visible, the whole box the first time), a finding's extent;
 * and how long a walkthrough move took until all three views showed it.
 */
final class ReviewNavigator {
    /** What the navigator reads of the review. */
    interface Source {
        LoadedBox box();
        Walkthrough walkthrough();
        org.proofbox.model.Connectivity connectivity();
    }

    private static final int CONTEXT = ReviewController.CONTEXT;
    private final TaskRunner tasks;
    private final ViewerState state;
    private final ReviewController.Host host;
    private final RegistryView registry;
    private final Source src;
    private Long shownSegment;
    private Finding shownBox;
    private Visibility beforeBox;
    private boolean first;
    private long navigationStart;
    private double lastNavigationMillis = -1;

    ReviewNavigator(TaskRunner tasks, ViewerState state, ReviewController.Host host, RegistryView registry, Source src) {
        this.tasks = tasks;
        this.state = state;
        this.host = host;
        this.registry = registry;
        this.src = src;
    }

    /** The box closed: nothing is shown any more. */
    void forget() {
        shownSegment = null;
        shownBox = null;
        beforeBox = null;
    }

    /** A box opened: its first view keeps the whole box in sight. */
    void firstOfBox() {
        first = true;
    }

    /** Whether the walkthrough's current box finding or segment is not the one shown. */
    boolean moved(Finding boxed, Walkthrough.Item cur) {
        return boxed != null ? !boxed.equals(shownBox) : cur != null && (shownSegment == null || shownSegment != cur.id());
    }

    /**
     * Fits the views to {@code region} with at least {@link #CONTEXT} voxels around it, the
     * crosshair on {@code cursor}. The first segment after opening keeps the whole box in view
     * (a newcomer sees the box, not a blur): only the crosshair moves there.
     */
    private void fit(Box3 region, Vec3 cursor, boolean wholeBox) {
        Viewport xy = host.xy();
        if (wholeBox) {
            state.reset(src.box().labels().box(), src.box().export().info().voxelSize(), xy.viewWidth(), xy.viewHeight());
            state.setCursor(cursor.x(), cursor.y(), cursor.z());
            return;
        }
        state.fitRegion(FindingExtent.withContext(region, CONTEXT, src.box().labels().box()), cursor, xy.viewWidth(), xy.viewHeight());
    }

    /** A finding: its whole piece, hole or gap in view with context, the crosshair on a voxel near its middle. */
    void jump(Finding f) {
        LoadedBox b = src.box();
        var conn = src.connectivity();
        tasks.submit("extent", p -> FindingExtent.of(b.labels(), f, conn), new TaskRunner.Listener<FindingExtent.Extent>() {
            @Override public void succeeded(FindingExtent.Extent e) {
                if (src.box() != b) return;
                fit(e.box(), e.centre(), false);
                host.status("At " + f.check().key + " " + b.export().toMag1(e.centre()) + " (" + e.voxels() + " voxels, " + b.export().toMag1(e.box().size()) + "): " + f.detail());
            }

            @Override public void failed(Throwable error) {
                state.setCursorAndFollow(f.at().x(), f.at().y(), f.at().z(), null);
            }
        });
    }

    /** Puts the walkthrough's current segment on screen: only it visible, views fitted to its bounding src.box(). */
    void showCurrent() {
        Finding boxed = src.walkthrough() == null ? null : src.walkthrough().currentBoxFinding();
        if (boxed != null) { // a box finding: all segments shown, the finding in view (the first view of a box: whole box, crosshair there)
            shownSegment = null;
            if (beforeBox == null) beforeBox = state.style().visibility();
            shownBox = boxed;
            state.setStyle(state.style().withVisibility(Visibility.ALL));
            if (first) fit(src.box().labels().box(), boxed.at(), true);
            else jump(boxed);
            first = false;
            return;
        }
        shownBox = null;
        if (beforeBox != null) state.setStyle(state.style().withVisibility(beforeBox)); // as the reviewer had it before the box findings
        beforeBox = null;
        Walkthrough.Item it = src.walkthrough() == null ? null : src.walkthrough().current();
        if (it == null || src.box() == null) return;
        shownSegment = it.id();
        int slot = src.box().labels().table().findSlot(it.id());
        if (slot <= 0) return;
        navigationStart = System.nanoTime();
        Vec3 tl = src.box().labels().box().topLeft();
        Vec3 local = SegmentVoxels.nearCentre(src.box().labels(), src.box().index(), slot);
        var idx = src.box().index();
        Box3 region = new Box3(new Vec3(idx.min(slot, 0), idx.min(slot, 1), idx.min(slot, 2)).plus(tl),
            new Vec3(idx.max(slot, 0) - idx.min(slot, 0) + 1, idx.max(slot, 1) - idx.min(slot, 1) + 1, idx.max(slot, 2) - idx.min(slot, 2) + 1));
        state.setStyle(state.style().withSelected(slot));
        fit(region, local == null ? region.topLeft() : local.plus(tl), first);
        first = false;
        registry.reveal(it.id());
    }


    /** Called as a viewport shows a frame: when all three show the state after a walkthrough move, that move is timed. */
    void presented() {
        if (navigationStart == 0) return;
        for (Viewport v : host.viewports()) {
            if (!v.isVisible()) continue;
            if (v.shownGeometry() == null || !v.shownGeometry().equals(v.geometry())) return;
        }
        lastNavigationMillis = (System.nanoTime() - navigationStart) / 1e6;
        navigationStart = 0;
    }

    /** Milliseconds from the last walkthrough move to all three views showing it (-1 before the first). */
    double lastNavigationMillis() {
        return lastNavigationMillis;
    }
}
