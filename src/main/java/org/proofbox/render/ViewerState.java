package org.proofbox.render;

import java.util.ArrayList;
import java.util.List;
import org.proofbox.model.Box3;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;

/**
 * The one navigation state the three viewports share: the cursor voxel (crosshair, global mag-1
 * coordinates), the zoom (nanometres per screen pixel, common to all views so they keep the same
 * scale), the point each view shows at its centre, and the display style. Each viewport is a view
 * of it with its plane's axis permutation ({@link #geometry}).
 *
 * <p>Mutated on one thread (the UI thread); listeners run synchronously on it. Render threads get
 * immutable {@link SliceGeometry} and {@link DisplayStyle} snapshots, never this object.
 */
public final class ViewerState {
    /** What changed, so views repaint only what they must. */
    public enum Change { CURSOR, VIEW, STYLE, DATA }

    public interface Listener {
        void changed(Change change);
    }

    public static final double MIN_NM_PER_PIXEL = 0.05;
    public static final double MAX_NM_PER_PIXEL = 1e5;

    private final List<Listener> listeners = new ArrayList<>();
    private Box3 box = new Box3(Vec3.ZERO, new Vec3(1, 1, 1));
    private VoxelSize voxelSize = new VoxelSize(1, 1, 1, "nanometer");
    private final int[] cursor = new int[3];
    private final double[][] centre = new double[3][2];
    private double nmPerPixel = 1;
    private DisplayStyle style = DisplayStyle.DEFAULT;

    public void addListener(Listener l) {
        listeners.add(l);
    }

    private void fire(Change c) {
        for (Listener l : List.copyOf(listeners)) l.changed(c);
    }

    /** A new box: cursor at its centre, views centred, zoom so the box fits {@code w × h} pixels. */
    public void reset(Box3 box, VoxelSize voxelSize, int w, int h) {
        this.box = box;
        this.voxelSize = voxelSize;
        for (int a = 0; a < 3; a++) cursor[a] = box.topLeft().get(a) + box.size().get(a) / 2;
        fit(w, h);
        fire(Change.DATA);
    }

    /** The data under the views changed (a box finished loading into them): every view renders again, nothing moves. */
    public void dataChanged() {
        fire(Change.DATA);
    }

    /** Zoom so the whole box fits a {@code w × h} viewport in every plane, and centre every view on the box. */
    public void fit(int w, int h) {
        double nm = 0;
        for (Plane p : Plane.values()) {
            nm = Math.max(nm, box.size().get(p.u) * voxelSize.get(p.u) / Math.max(1, w));
            nm = Math.max(nm, box.size().get(p.v) * voxelSize.get(p.v) / Math.max(1, h));
        }
        nmPerPixel = clampZoom(nm * 1.05);
        for (Plane p : Plane.values()) {
            centre[p.ordinal()][0] = box.topLeft().get(p.u) + box.size().get(p.u) / 2.0;
            centre[p.ordinal()][1] = box.topLeft().get(p.v) + box.size().get(p.v) / 2.0;
        }
        fire(Change.VIEW);
    }

    public Box3 box() { return box; }
    public VoxelSize voxelSize() { return voxelSize; }
    public double nmPerPixel() { return nmPerPixel; }
    public DisplayStyle style() { return style; }

    public Vec3 cursor() {
        return new Vec3(cursor[0], cursor[1], cursor[2]);
    }

    /** The slice plane {@code p} shows: the cursor's coordinate along its normal. */
    public int slice(Plane p) {
        return cursor[p.w];
    }

    public SliceGeometry geometry(Plane p, int w, int h) {
        return new SliceGeometry(p, Math.max(1, w), Math.max(1, h), centre[p.ordinal()][0], centre[p.ordinal()][1], cursor[p.w], nmPerPixel, voxelSize);
    }

    /** Moves the crosshair to a voxel (clamped into the box). */
    public void setCursor(int x, int y, int z) {
        int[] c = {x, y, z};
        boolean changed = false;
        for (int a = 0; a < 3; a++) {
            int v = Math.max(box.topLeft().get(a), Math.min(box.end().get(a) - 1, c[a]));
            changed |= v != cursor[a];
            cursor[a] = v;
        }
        if (changed) fire(Change.CURSOR);
    }

    /** Moves the crosshair and centres every view except {@code keep} (may be null) on it: the other views follow a click. */
    public void setCursorAndFollow(int x, int y, int z, Plane keep) {
        setCursor(x, y, z);
        for (Plane p : Plane.values()) {
            if (p == keep) continue;
            centre[p.ordinal()][0] = cursor[p.u] + 0.5;
            centre[p.ordinal()][1] = cursor[p.v] + 0.5;
        }
        fire(Change.VIEW);
    }

    /** Steps the slice of plane {@code p} by {@code delta} sections (clamped into the box). */
    public void step(Plane p, int delta) {
        int[] c = cursor.clone();
        c[p.w] += delta;
        setCursor(c[0], c[1], c[2]);
    }

    /** Pans plane {@code p} by a drag of (dx, dy) screen pixels: the content follows the mouse. */
    public void pan(Plane p, double dx, double dy) {
        centre[p.ordinal()][0] -= dx * nmPerPixel / voxelSize.get(p.u);
        centre[p.ordinal()][1] -= dy * nmPerPixel / voxelSize.get(p.v);
        fire(Change.VIEW);
    }

    /**
     * Zooms by {@code factor} (>1 zooms in) keeping the point under (px, py) of plane {@code p}'s
     * {@code w × h} viewport where it is; the other views zoom around their centres.
     */
    public void zoomAt(Plane p, double factor, double px, double py, int w, int h) {
        SliceGeometry before = geometry(p, w, h);
        double gu = before.u(px - 0.5), gv = before.v(py - 0.5);
        nmPerPixel = clampZoom(nmPerPixel / factor);
        SliceGeometry after = geometry(p, w, h);
        centre[p.ordinal()][0] += gu - after.u(px - 0.5);
        centre[p.ordinal()][1] += gv - after.v(py - 0.5);
        fire(Change.VIEW);
    }

    /**
     * Zooms so {@code region} (global mag-1 voxels) fills a {@code w × h} viewport in every plane
     * (with a margin), centres every view on it and puts the crosshair on {@code cursor}.
     */
    public void fitRegion(Box3 region, Vec3 cursor, int w, int h) {
        double nm = 0;
        for (Plane p : Plane.values()) {
            nm = Math.max(nm, region.size().get(p.u) * voxelSize.get(p.u) / Math.max(1, w));
            nm = Math.max(nm, region.size().get(p.v) * voxelSize.get(p.v) / Math.max(1, h));
        }
        nmPerPixel = clampZoom(Math.max(nm * 1.3, Math.min(voxelSize.x(), Math.min(voxelSize.y(), voxelSize.z())) / 8)); // at most 8 px per voxel
        for (int a = 0; a < 3; a++) this.cursor[a] = Math.max(box.topLeft().get(a), Math.min(box.end().get(a) - 1, cursor.get(a)));
        for (Plane p : Plane.values()) {
            centre[p.ordinal()][0] = region.topLeft().get(p.u) + region.size().get(p.u) / 2.0;
            centre[p.ordinal()][1] = region.topLeft().get(p.v) + region.size().get(p.v) / 2.0;
        }
        fire(Change.CURSOR);
        fire(Change.VIEW);
    }

    public void setZoom(double nmPerPixel) {
        this.nmPerPixel = clampZoom(nmPerPixel);
        fire(Change.VIEW);
    }

    /** Centres every view on a voxel without moving the crosshair off it: used to jump to a segment or a finding. */
    public void centreOn(Vec3 voxel) {
        setCursorAndFollow(voxel.x(), voxel.y(), voxel.z(), null);
    }

    public void setStyle(DisplayStyle s) {
        if (s.equals(style)) return;
        style = s;
        fire(Change.STYLE);
    }

    private static double clampZoom(double nm) {
        return Math.max(MIN_NM_PER_PIXEL, Math.min(MAX_NM_PER_PIXEL, nm));
    }
}
