package org.proofbox.render;

import org.proofbox.model.VoxelSize;

/**
 * Where a viewport looks: the plane, the viewport size in pixels, the point shown at its centre
 * (global mag-1 voxel coordinates, continuous: voxel i spans [i, i+1)), the slice (global mag-1
 * voxel along the plane's normal) and the zoom as nanometres per screen pixel, shared by both
 * screen axes so anisotropic voxels are shown to scale.
 */
public record SliceGeometry(Plane plane, int width, int height, double centreU, double centreV, int slice,
                            double nmPerPixel, VoxelSize voxelSize) {
    public SliceGeometry {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("empty viewport " + width + " x " + height);
        if (!(nmPerPixel > 0)) throw new IllegalArgumentException("zoom must be positive: " + nmPerPixel);
    }

    /** Mag-1 voxels per screen pixel along the screen's horizontal axis. */
    public double voxelsPerPixelU() {
        return nmPerPixel / voxelSize.get(plane.u);
    }

    public double voxelsPerPixelV() {
        return nmPerPixel / voxelSize.get(plane.v);
    }

    /** Continuous global coordinate along u at the centre of screen column {@code px}. */
    public double u(double px) {
        return centreU + (px + 0.5 - width / 2.0) * voxelsPerPixelU();
    }

    public double v(double py) {
        return centreV + (py + 0.5 - height / 2.0) * voxelsPerPixelV();
    }

    /** Screen x (continuous, pixel edges at integers) of global coordinate {@code gu}. */
    public double screenX(double gu) {
        return (gu - centreU) / voxelsPerPixelU() + width / 2.0;
    }

    public double screenY(double gv) {
        return (gv - centreV) / voxelsPerPixelV() + height / 2.0;
    }

    /** The global voxel (x, y, z) under screen pixel (px, py). */
    public int[] voxelAt(double px, double py) {
        int[] p = new int[3];
        p[plane.u] = (int) Math.floor(u(px));
        p[plane.v] = (int) Math.floor(v(py));
        p[plane.w] = slice;
        return p;
    }

    public SliceGeometry withSize(int w, int h) {
        return new SliceGeometry(plane, w, h, centreU, centreV, slice, nmPerPixel, voxelSize);
    }
}
