package org.proofbox.model;

/** Voxel neighbourhoods in 3D: faces (6), faces and edges (18), faces, edges and corners (26). */
public enum Connectivity {
    SIX(6), EIGHTEEN(18), TWENTY_SIX(26);

    public final int neighbours;

    Connectivity(int neighbours) {
        this.neighbours = neighbours;
    }

    public static Connectivity of(int n) {
        for (Connectivity c : values()) if (c.neighbours == n) return c;
        throw new IllegalArgumentException("connectivity must be 6, 18 or 26, not " + n);
    }
}
