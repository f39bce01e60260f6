package org.proofbox.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.proofbox.model.Box3;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;

/** Navigation without a window: fit, clamped cursor, following views, zoom around the mouse, pan. */
class ViewerStateTest {
    static final VoxelSize VS = new VoxelSize(11.24, 11.24, 28, "nanometer");
    static final Box3 BOX = new Box3(new Vec3(1000, 2000, 300), new Vec3(400, 300, 100));

    @Test
    void fitShowsTheWholeBoxInEveryPlaneToScale() {
        ViewerState s = new ViewerState();
        s.reset(BOX, VS, 500, 400);
        assertEquals(new Vec3(1200, 2150, 350), s.cursor());
        for (Plane p : Plane.values()) {
            SliceGeometry g = s.geometry(p, 500, 400);
            assertEquals(true, g.screenX(BOX.topLeft().get(p.u)) >= 0 && g.screenX(BOX.end().get(p.u)) <= 500, p.toString());
            assertEquals(true, g.screenY(BOX.topLeft().get(p.v)) >= 0 && g.screenY(BOX.end().get(p.v)) <= 400, p.toString());
            // anisotropy: a z voxel is 28 / 11.24 times as long on screen as an x voxel
            assertEquals(28 / 11.24, (g.plane() == Plane.XZ ? g.voxelsPerPixelU() / g.voxelsPerPixelV() : g.plane() == Plane.YZ
                ? g.voxelsPerPixelV() / g.voxelsPerPixelU() : 28 / 11.24), 1e-9);
        }
    }

    @Test
    void cursorIsClampedAndTheOtherViewsFollowAClick() {
        ViewerState s = new ViewerState();
        s.reset(BOX, VS, 500, 400);
        List<ViewerState.Change> changes = new ArrayList<>();
        s.addListener(changes::add);
        s.setCursor(-5, 99999, 350);
        assertEquals(new Vec3(1000, 2299, 350), s.cursor());
        double xyCentre = s.geometry(Plane.XY, 500, 400).centreU();
        s.setCursorAndFollow(1100, 2100, 320, Plane.XY);
        assertEquals(xyCentre, s.geometry(Plane.XY, 500, 400).centreU()); // the clicked view stays
        assertEquals(1100.5, s.geometry(Plane.XZ, 500, 400).centreU());
        assertEquals(320.5, s.geometry(Plane.XZ, 500, 400).centreV());
        assertEquals(320.5, s.geometry(Plane.YZ, 500, 400).centreU());
        assertEquals(2100.5, s.geometry(Plane.YZ, 500, 400).centreV());
        assertEquals(2100, s.slice(Plane.XZ));
        assertEquals(1100, s.slice(Plane.YZ));
        s.step(Plane.XY, -1000);
        assertEquals(300, s.cursor().z());
        assertEquals(List.of(ViewerState.Change.CURSOR, ViewerState.Change.CURSOR, ViewerState.Change.VIEW, ViewerState.Change.CURSOR), changes);
    }

    @Test
    void zoomKeepsThePointUnderTheMouseAndPanFollowsTheDrag() {
        ViewerState s = new ViewerState();
        s.reset(BOX, VS, 500, 400);
        SliceGeometry before = s.geometry(Plane.XZ, 500, 400);
        double u = before.u(120 - 0.5), v = before.v(77 - 0.5);
        s.zoomAt(Plane.XZ, 2.5, 120, 77, 500, 400);
        SliceGeometry after = s.geometry(Plane.XZ, 500, 400);
        assertEquals(before.nmPerPixel() / 2.5, after.nmPerPixel(), 1e-9);
        assertEquals(u, after.u(120 - 0.5), 1e-9);
        assertEquals(v, after.v(77 - 0.5), 1e-9);
        double gx = after.u(10), gy = after.v(10);
        s.pan(Plane.XZ, 30, -20);
        SliceGeometry panned = s.geometry(Plane.XZ, 500, 400);
        assertEquals(gx, panned.u(40), 1e-9);
        assertEquals(gy, panned.v(-10), 1e-9);
    }
}
