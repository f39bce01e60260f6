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
        return generate(shape, segments, splits, seed, true);
    }

    /** {@code membranes}: 1-voxel unlabelled membranes between cells; without, cells touch directly. */
    public static SyntheticCells generate(Vec3 shape, int segments, int splits, long seed, boolean membranes) {
        return generate(shape, segments, splits, seed, membranes, 0);
    }

    /**
     * {@code warp}: amplitude, in cell widths, of a smooth sinusoidal deformation of space before the
     * nearest-seed lookup (at most 0.15: then the symmetric part of the deformation's Jacobian is diagonally
     * dominant, so the map is one-to-one and every cell stays one piece). Warped cells have curved faces like real cells; unwarped Voronoi cells have flat faces,
     * and a flat face exactly across a section is what an id switch looks like.
     */
    public static SyntheticCells generate(Vec3 shape, int segments, int splits, long seed, boolean membranes, double warp) {
        if (warp < 0 || warp > 0.15) throw new IllegalArgumentException("warp must be within [0, 0.15]: " + warp);
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
        final double cell0 = Math.min(cx, Math.min(cy, cz));
        final double amp = warp * cell0, wave = Math.PI / cell0; // wavelength two cells: amp * k <= 0.15 * pi
        final double[] ph = {rnd.nextDouble() * 6.3, rnd.nextDouble() * 6.3, rnd.nextDouble() * 6.3};
        IntStream.range(0, shape.z()).parallel().forEach(z -> {
            int[] plane = cell[z];
            for (int y = 0; y < shape.y(); y++) {
                for (int x = 0; x < shape.x(); x++) {
                    double ox = x + 0.5, oy = y + 0.5, oz = z + 0.5;
                    double px = ox, py = oy, pz = oz;
                    if (amp > 0) { // each coordinate shifted along a wave running across the other two
                        px += amp * Math.sin(wave * (oy + oz) + ph[0]);
                        py += amp * Math.sin(wave * (oz + ox) + ph[1]);
                        pz += amp * Math.sin(wave * (ox + oy) + ph[2]);
                    }
                    int ix = Math.max(0, Math.min(fgx - 1, (int) Math.floor(px / cx)));
                    int jy = Math.max(0, Math.min(fgy - 1, (int) Math.floor(py / cy)));
                    int kz = Math.max(0, Math.min(fgz - 1, (int) Math.floor(pz / cz)));
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
        // ids with membranes written over the cell numbers in place (4 bytes per voxel in all, so a
        // 1024³ box fits): voxel i reads only cells at i, i + 1, i + X and in the next section, none
        // overwritten yet when each slab goes up in z; the section after each slab is copied first
        int X = shape.x(), Y = shape.y(), Z = shape.z();
        int slabs = Math.max(1, Math.min(Z, 4 * Runtime.getRuntime().availableProcessors()));
        int per = (Z + slabs - 1) / slabs;
        int[][] after = new int[slabs][];
        for (int t = 0; t < slabs; t++) if ((t + 1) * per < Z) after[t] = cell[(t + 1) * per].clone();
        IntStream.range(0, slabs).parallel().forEach(t -> {
            for (int z = t * per; z < Math.min(Z, (t + 1) * per); z++) {
                int[] c0 = cell[z], c1 = z + 1 >= Z ? null : z + 1 == (t + 1) * per ? after[t] : cell[z + 1];
                for (int y = 0; y < Y; y++) for (int x = 0; x < X; x++) {
                    int i = x + X * y, c = c0[i];
                    boolean membrane = membranes && ((x + 1 < X && c0[i + 1] != c) || (y + 1 < Y && c0[i + X] != c) || (c1 != null && c1[i] != c));
                    c0[i] = membrane ? 0 : ids[c];
                }
            }
        });
        int[][] out = cell;
        return new SyntheticCells(shape, out, ids, planted);
    }
}
