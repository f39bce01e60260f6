package org.proofbox.render;

/**
 * The three orthogonal viewports and their axis permutation, as in WEBKNOSSOS: XY shows x to the
 * right and y down; XZ shows x to the right and z down; YZ shows z to the right and y down. So a
 * screen column in XY and XZ is the same x, and a screen row in XY and YZ is the same y.
 */
public enum Plane {
    XY(0, 1, 2), XZ(0, 2, 1), YZ(2, 1, 0);

    /** Data axis (0 = x, 1 = y, 2 = z) shown left to right. */
    public final int u;
    /** Data axis shown top to bottom. */
    public final int v;
    /** Data axis across the slice (the slice position). */
    public final int w;

    Plane(int u, int v, int w) {
        this.u = u;
        this.v = v;
        this.w = w;
    }

    public String label() {
        return name();
    }
}
