package org.proofbox.algo.mesh;

import java.util.ArrayList;
import java.util.List;

/**
 * The 256 marching-cubes cases, derived here rather than typed in: for each pattern of inside
 * corners, the crossing points on the cube's edges are joined face by face into segments, the
 * segments into closed loops, and each loop is fanned into triangles facing out of the inside.
 *
 * <p>Each face is decided from its own four corners only, so two cubes sharing a face draw the
 * same segments there and the surface has no cracks. On an ambiguous face (two diagonal inside
 * corners) the inside corners are <em>joined</em>: a one-voxel-thin diagonal neurite stays one
 * tube instead of a string of beads. Corners are numbered {@code x + 2y + 4z}; edges 0–3 run
 * along x, 4–7 along y, 8–11 along z (see {@link #EDGE_CORNERS}).
 */
final class CubeCases {
    /** The two corners of each edge, the lower first. */
    static final int[][] EDGE_CORNERS = new int[12][];
    /** Triangles per case as edge triples, counter-clockwise seen from outside (normals point out of the inside). */
    static final int[][] TRIANGLES = new int[256][];

    /** Faces as their four corners in order around the face (any consistent cycle; orientation is fixed per loop later). */
    private static final int[][] FACES = {
        {0, 2, 6, 4}, {1, 3, 7, 5}, // x = 0, x = 1
        {0, 1, 5, 4}, {2, 3, 7, 6}, // y = 0, y = 1
        {0, 1, 3, 2}, {4, 5, 7, 6}, // z = 0, z = 1
    };

    static {
        int e = 0;
        for (int axis = 0; axis < 3; axis++) {
            int bit = 1 << axis;
            for (int c = 0; c < 8; c++) if ((c & bit) == 0) EDGE_CORNERS[e++] = new int[] {c, c | bit};
        }
        for (int config = 0; config < 256; config++) TRIANGLES[config] = triangles(config);
    }

    private CubeCases() {}

    static int edge(int a, int b) {
        for (int e = 0; e < 12; e++) {
            int[] c = EDGE_CORNERS[e];
            if ((c[0] == a && c[1] == b) || (c[0] == b && c[1] == a)) return e;
        }
        throw new IllegalArgumentException(a + "-" + b + " is not an edge");
    }

    static double[] corner(int c) {
        return new double[] {c & 1, (c >> 1) & 1, (c >> 2) & 1};
    }

    static double[] midpoint(int e) {
        double[] a = corner(EDGE_CORNERS[e][0]), b = corner(EDGE_CORNERS[e][1]);
        return new double[] {(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2};
    }

    private static boolean in(int config, int corner) {
        return (config >> corner & 1) != 0;
    }

    private static int[] triangles(int config) {
        // segments on each face: pairs of crossing edges
        int[] partner1 = new int[12], partner2 = new int[12];
        java.util.Arrays.fill(partner1, -1);
        java.util.Arrays.fill(partner2, -1);
        for (int[] f : FACES) {
            boolean[] inside = new boolean[4];
            for (int i = 0; i < 4; i++) inside[i] = in(config, f[i]);
            int[] fe = new int[4]; // fe[i] joins corner i and i+1
            for (int i = 0; i < 4; i++) fe[i] = edge(f[i], f[(i + 1) % 4]);
            List<int[]> segs = new ArrayList<>();
            int crossings = 0;
            for (int i = 0; i < 4; i++) if (inside[i] != inside[(i + 1) % 4]) crossings++;
            if (crossings == 2) {
                int a = -1, b = -1;
                for (int i = 0; i < 4; i++) if (inside[i] != inside[(i + 1) % 4]) { if (a < 0) a = fe[i]; else b = fe[i]; }
                segs.add(new int[] {a, b});
            } else if (crossings == 4) { // diagonal: inside joined, so each outside corner is cut off by its own segment
                for (int i = 0; i < 4; i++) if (!inside[i]) segs.add(new int[] {fe[(i + 3) % 4], fe[i]});
            }
            for (int[] s : segs) {
                link(partner1, partner2, s[0], s[1]);
                link(partner1, partner2, s[1], s[0]);
            }
        }
        List<Integer> out = new ArrayList<>();
        boolean[] used = new boolean[12];
        for (int start = 0; start < 12; start++) {
            if (used[start] || partner1[start] < 0) continue;
            List<Integer> loop = new ArrayList<>();
            int prev = -1, cur = start;
            while (!used[cur]) {
                used[cur] = true;
                loop.add(cur);
                int next = partner1[cur] != prev ? partner1[cur] : partner2[cur];
                if (partner1[cur] == partner2[cur]) next = partner1[cur];
                prev = cur;
                cur = next;
            }
            orient(config, loop);
            for (int i = 1; i + 1 < loop.size(); i++) {
                out.add(loop.get(0));
                out.add(loop.get(i));
                out.add(loop.get(i + 1));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void link(int[] p1, int[] p2, int a, int b) {
        if (p1[a] < 0) p1[a] = b;
        else if (p2[a] < 0) p2[a] = b;
        else throw new IllegalStateException("edge " + a + " on more than two segments");
    }

    /** Turns the loop so that its normal (Newell) points from the inside corners of its edges to the outside ones. */
    private static void orient(int config, List<Integer> loop) {
        double nx = 0, ny = 0, nz = 0, dx = 0, dy = 0, dz = 0;
        for (int i = 0; i < loop.size(); i++) {
            double[] p = midpoint(loop.get(i)), q = midpoint(loop.get((i + 1) % loop.size()));
            nx += (p[1] - q[1]) * (p[2] + q[2]);
            ny += (p[2] - q[2]) * (p[0] + q[0]);
            nz += (p[0] - q[0]) * (p[1] + q[1]);
            int[] c = EDGE_CORNERS[loop.get(i)];
            double[] a = corner(c[0]), b = corner(c[1]);
            double sign = in(config, c[0]) ? 1 : -1; // from inside to outside
            dx += sign * (b[0] - a[0]);
            dy += sign * (b[1] - a[1]);
            dz += sign * (b[2] - a[2]);
        }
        if (nx * dx + ny * dy + nz * dz < 0) java.util.Collections.reverse(loop);
    }
}
