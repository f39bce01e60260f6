package org.proofbox.cli;

import java.util.Random;
import java.util.stream.IntStream;
import org.proofbox.model.Vec3;

/**
 * A dense synthetic segmentation for benchmarks and tests: Voronoi cells around jittered grid
 * seeds (convex, so each is one connected piece), 1-voxel membranes (a voxel is 0 when its +x, +y
 * or +z neighbour is another cell), random uint32 ids spread over the whole range (many above
 * 2^31), and {@code splits} ids planted twice on cells far apart (a "disconnected" defect).
 */
public final class SyntheticCells {
    public final Vec3 shape;
    public final int[][] planes; // raw uint32 ids, x fastest
    public final int[] cellIds;  // id (uint32 bits) of each cell
    public final int cells;
    public final int splitIds;

    private SyntheticCells(Vec3 shape, int[][] planes, int[] cellIds, int splitIds) {
        this.shape = shape;
        this.planes = planes;
        this.cellIds = cellIds;
        this.cells = cellIds.length;
        this.splitIds = splitIds;
    }

    public static SyntheticCells generate(Vec3 shape, int segments, int splits, long seed) {
        Random rnd = new Random(seed);
        double g = Math.cbrt(shape.volume() / (double) segments);
        int gx = Math.max(1, (int) Math.round(shape.x() / g));
        int gy = Math.max(1, (int) Math.round(shape.y() / g));
        int gz = Math.max(1, (int) Math.round(shape.z() / g));
        double cx = shape.x() / (double) gx, cy = shape.y() / (double) gy, cz = shape.z() / (double) gz;
        int n = gx * gy * gz;
        double[] sx = new double[n], sy = new double[n], sz = new double[n];
        for (int k = 0; k < gz; k++) for (int j = 0; j < gy; j++) for (int i = 0; i < gx; i++) {
            int c = i + gx * (j + gy * k);
            sx[c] = (i + 0.5 + 0.7 * (rnd.nextDouble() - 0.5)) * cx;
            sy[c] = (j + 0.5 + 0.7 * (rnd.nextDouble() - 0.5)) * cy;
            sz[c] = (k + 0.5 + 0.7 * (rnd.nextDouble() - 0.5)) * cz;
        }
        int[] ids = new int[n];
        java.util.HashSet<Integer> used = new java.util.HashSet<>();
        for (int c = 0; c < n; c++) {
            int id;
            do { id = rnd.nextInt(); } while (id == 0 || !used.add(id));
            ids[c] = id;
        }
        // plant splits: cell b takes the id of cell a, a and b at least 3 grid cells apart
        int planted = 0;
        boolean[] touched = new boolean[n];
        for (int attempt = 0; planted < splits && attempt < 100_000; attempt++) {
            int a = rnd.nextInt(n), b = rnd.nextInt(n);
            if (a == b || touched[a] || touched[b]) continue;
            int ai = a % gx, aj = (a / gx) % gy, ak = a / (gx * gy);
            int bi = b % gx, bj = (b / gx) % gy, bk = b / (gx * gy);
            if (Math.max(Math.abs(ai - bi), Math.max(Math.abs(aj - bj), Math.abs(ak - bk))) < 3) continue;
            ids[b] = ids[a];
            touched[a] = touched[b] = true;
            planted++;
        }
        int[][] cell = new int[shape.z()][shape.x() * shape.y()];
        final int fgx = gx, fgy = gy, fgz = gz;
        IntStream.range(0, shape.z()).parallel().forEach(z -> {
            int[] plane = cell[z];
            double pz = z + 0.5;
            int kz = Math.min(fgz - 1, (int) (pz / cz));
            for (int y = 0; y < shape.y(); y++) {
                double py = y + 0.5;
                int jy = Math.min(fgy - 1, (int) (py / cy));
                for (int x = 0; x < shape.x(); x++) {
                    double px = x + 0.5;
                    int ix = Math.min(fgx - 1, (int) (px / cx));
                    int best = 0;
                    double bd = Double.MAX_VALUE;
                    for (int k = Math.max(0, kz - 1); k <= Math.min(fgz - 1, kz + 1); k++)
                        for (int j = Math.max(0, jy - 1); j <= Math.min(fgy - 1, jy + 1); j++)
                            for (int i = Math.max(0, ix - 1); i <= Math.min(fgx - 1, ix + 1); i++) {
                                int c = i + fgx * (j + fgy * k);
                                double dx = px - sx[c], dy = py - sy[c], dz = pz - sz[c];
                                double d = dx * dx + dy * dy + dz * dz;
                                if (d < bd) { bd = d; best = c; }
                            }
                    plane[x + shape.x() * y] = best;
                }
            }
        });
        int[][] out = new int[shape.z()][shape.x() * shape.y()];
        int X = shape.x(), Y = shape.y(), Z = shape.z();
        IntStream.range(0, Z).parallel().forEach(z -> {
            int[] c0 = cell[z], c1 = z + 1 < Z ? cell[z + 1] : null, o = out[z];
            for (int y = 0; y < Y; y++) for (int x = 0; x < X; x++) {
                int i = x + X * y, c = c0[i];
                boolean membrane = (x + 1 < X && c0[i + 1] != c) || (y + 1 < Y && c0[i + X] != c) || (c1 != null && c1[i] != c);
                o[i] = membrane ? 0 : ids[c];
            }
        });
        return new SyntheticCells(shape, out, ids, planted);
    }
}
