package org.proofbox.algo.mesh;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

/**
 * A closed triangle surface of one piece of a segment, in nanometres.
 *
 * @param id       the segment id
 * @param piece    0 for the largest piece of the segment, 1 for the next, …
 * @param pieces   how many pieces (26-connected) the segment has inside the box
 * @param voxels   voxels of this piece (at the meshing resolution times the factor's volume)
 * @param factor   the downsampling used (1: every voxel; 2: 2×2×2 blocks, …)
 * @param vertices x, y, z per vertex in nm
 * @param triangles three vertex indices per triangle, counter-clockwise seen from outside
 */
public record SurfaceMesh(long id, int piece, int pieces, long voxels, int factor, float[] vertices, int[] triangles) {
    public int vertexCount() {
        return vertices.length / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    /** Enclosed volume in nm³ (divergence theorem; positive when the triangles face outwards). */
    public double volume() {
        double v = 0;
        for (int t = 0; t < triangles.length; t += 3) {
            int a = 3 * triangles[t], b = 3 * triangles[t + 1], c = 3 * triangles[t + 2];
            double ax = vertices[a], ay = vertices[a + 1], az = vertices[a + 2];
            double bx = vertices[b], by = vertices[b + 1], bz = vertices[b + 2];
            double cx = vertices[c], cy = vertices[c + 1], cz = vertices[c + 2];
            v += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
        }
        return v / 6;
    }

    /** Min and max x, y, z of the vertices (nm). */
    public float[] bounds() {
        float[] b = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
        for (int i = 0; i < vertices.length; i += 3) {
            for (int k = 0; k < 3; k++) {
                b[k] = Math.min(b[k], vertices[i + k]);
                b[3 + k] = Math.max(b[3 + k], vertices[i + k]);
            }
        }
        return b;
    }

    /**
     * Whether the surface is closed and consistently oriented: every directed edge appears once
     * and its reverse once (so every edge is shared by exactly two triangles that traverse it in
     * opposite directions).
     */
    public boolean closedAndOriented() {
        Long2IntOpenHashMap directed = new Long2IntOpenHashMap(triangles.length * 2);
        for (int t = 0; t < triangles.length; t += 3) {
            for (int k = 0; k < 3; k++) {
                long a = triangles[t + k], b = triangles[t + (k + 1) % 3];
                if (directed.addTo(a << 32 | b, 1) != 0) return false; // the same direction twice
            }
        }
        for (var e : directed.long2IntEntrySet()) {
            long k = e.getLongKey();
            if (!directed.containsKey((k & 0xFFFF_FFFFL) << 32 | (k >>> 32))) return false;
        }
        return true;
    }

    /** V − E + F (2 for a sphere, 0 for a torus; a closed surface of several shells sums theirs). */
    public int eulerCharacteristic() {
        int f = triangleCount();
        int e = f * 3 / 2; // closed: each edge in two triangles
        java.util.BitSet used = new java.util.BitSet(vertexCount());
        for (int v : triangles) used.set(v);
        return used.cardinality() - e + f;
    }
}
