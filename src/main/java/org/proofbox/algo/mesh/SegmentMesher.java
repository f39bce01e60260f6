package org.proofbox.algo.mesh;

import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntList;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.IndexBuilder;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentIndex;
import org.proofbox.store.SegmentTable;
import org.proofbox.task.Progress;

/**
 * Closed surfaces of one segment, one per 26-connected piece, largest first (decision 0005).
 *
 * <p>The segment's index blocks within its bounding box are copied into a grid padded by one
 * empty sample, at full resolution or — for a segment whose box holds more than
 * {@link #FULL_RESOLUTION_CUBES} cubes — in blocks of 2³, 4³, … voxels (a block is inside if any
 * of its voxels is, so thin parts never vanish). The pieces are labelled with a union-find over
 * the grid; then one marching-cubes pass ({@link CubeCases}) puts a vertex at the midpoint of
 * every edge between an inside and an outside sample, shared by the cubes around that edge, and
 * gives each cube's triangles to the piece of its inside corners (corners of one cube are all
 * 26-neighbours, so they belong to one piece). Every pass after the copy visits only the x extent
 * of the inside samples of each grid row, so a thin neurite across a large box costs about its
 * own volume, not its box's. The surface lies within half a voxel (of the
 * meshing resolution) of the labels' boundary; coordinates are in nm, voxel centres at
 * {@code (x + 0.5) · size}.
 */
public final class SegmentMesher {
    /** The largest padded box meshed at full resolution (260³: a 256³ box, or a 1024³ one in 4³ blocks). */
    public static final long FULL_RESOLUTION_CUBES = 260L * 260 * 260;

    private SegmentMesher() {}

    /** Per cube edge: its axis and the offset of its lower corner. */
    private static final int[] EDGE_AXIS = new int[12], EDGE_DX = new int[12], EDGE_DY = new int[12], EDGE_DZ = new int[12];

    static {
        for (int e = 0; e < 12; e++) {
            int c = CubeCases.EDGE_CORNERS[e][0];
            EDGE_AXIS[e] = e < 4 ? 0 : e < 8 ? 1 : 2;
            EDGE_DX[e] = c & 1;
            EDGE_DY[e] = (c >> 1) & 1;
            EDGE_DZ[e] = (c >> 2) & 1;
        }
    }

    /**
     * A zeroed grid of this thread's, reused across calls: a long thin segment spans a large box,
     * and allocating (zeroing) that box every time would cost more than meshing the segment. The
     * grid is taken out of the cache while in use (an exception drops it) and softly held, so
     * memory pressure frees it.
     */
    private static final ThreadLocal<SoftReference<int[]>> GRID = new ThreadLocal<>();

    private static int[] takeGrid(int cells) {
        SoftReference<int[]> ref = GRID.get();
        int[] g = ref == null ? null : ref.get();
        GRID.remove();
        return g != null && g.length >= cells ? g : new int[cells];
    }

    /**
     * Meshes a small synthetic blob a few dozen times (~0.1 s of one core) so the JIT has compiled
     * the passes before a reviewer's first segment: cold, the first meshes are 2–10× slower. The
     * app calls it once in the background when the first box opens.
     */
    public static void warmUp() {
        int s = 28;
        LabelVolume v = new LabelVolume(new Box3(Vec3.ZERO, new Vec3(s, s, s)), ElementType.UINT32,
            new SegmentTable());
        int slot = v.table().slotOf(1);
        for (int z = 2; z < s - 2; z++) for (int y = 2; y < s - 2; y++) for (int x = 2; x < s - 2; x++) {
            double dx = x - 13.5, dy = y - 13.5, dz = z - 13.5;
            if (dx * dx + dy * dy + dz * dz <= 100 || (x + y + z) % 7 == 0) v.setSlot(x, y, z, slot); // a ball and scattered voxels: every pass and many cases
        }
        SegmentIndex idx = IndexBuilder.build(v, Progress.NONE);
        VoxelSize vs = new VoxelSize(1, 1, 1, "nanometer");
        for (int i = 0; i < 40; i++) mesh(v, idx, slot, vs, Progress.NONE);
    }

    /** The downsampling factor for a segment of that bounding box: 1, 2, 4, … so the padded grid stays within {@link #FULL_RESOLUTION_CUBES}. */
    public static int factorFor(int wx, int wy, int wz) {
        int f = 1;
        while ((long) (ceil(wx, f) + 2) * (ceil(wy, f) + 2) * (ceil(wz, f) + 2) > FULL_RESOLUTION_CUBES) f *= 2;
        return f;
    }

    private static int ceil(int a, int f) {
        return (a + f - 1) / f;
    }

    /**
     * Most triangles a segment's surface is shown with: beyond, it is meshed again in blocks twice
     * as large (a segment filling every membrane of a 1024³ box made 25 million triangles in 4³
     * blocks — 4 GB and seconds per frame of software GL).
     */
    public static final int TRIANGLE_BUDGET = 2_000_000;

    /** The pieces of segment {@code slot} at the factor {@link #factorFor} picks, coarser while over {@link #TRIANGLE_BUDGET}. */
    public static List<SurfaceMesh> mesh(LabelVolume vol, SegmentIndex idx, int slot, VoxelSize vs, Progress progress) {
        return meshWithin(vol, idx, slot, vs, TRIANGLE_BUDGET, progress);
    }

    /** As {@link #mesh(LabelVolume, SegmentIndex, int, VoxelSize, Progress)} with at most {@code budget} triangles where coarser blocks allow. */
    static List<SurfaceMesh> meshWithin(LabelVolume vol, SegmentIndex idx, int slot, VoxelSize vs, long budget, Progress progress) {
        if (slot <= 0 || slot >= idx.slotCount() || idx.voxels(slot) == 0) return List.of();
        int wx = idx.max(slot, 0) - idx.min(slot, 0) + 1, wy = idx.max(slot, 1) - idx.min(slot, 1) + 1, wz = idx.max(slot, 2) - idx.min(slot, 2) + 1;
        int f = factorFor(wx, wy, wz);
        while (true) {
            List<SurfaceMesh> ms = mesh(vol, idx, slot, vs, f, progress);
            long triangles = 0;
            for (SurfaceMesh m : ms) triangles += m.triangleCount();
            if (triangles <= budget || f >= Math.max(wx, Math.max(wy, wz))) return ms;
            f *= 2;
        }
    }

    /** The pieces of segment {@code slot}, meshed in blocks of {@code factor}³ voxels. */
    public static List<SurfaceMesh> mesh(LabelVolume vol, SegmentIndex idx, int slot, VoxelSize vs, int factor, Progress progress) {
        if (slot <= 0 || slot >= idx.slotCount() || idx.voxels(slot) == 0) return List.of();
        int x0 = idx.min(slot, 0), y0 = idx.min(slot, 1), z0 = idx.min(slot, 2);
        int x1 = idx.max(slot, 0) + 1, y1 = idx.max(slot, 1) + 1, z1 = idx.max(slot, 2) + 1;
        int f = factor;
        int nx = ceil(x1 - x0, f) + 2, ny = ceil(y1 - y0, f) + 2, nz = ceil(z1 - z0, f) + 2;
        long cells = (long) nx * ny * nz;
        if (cells > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("segment box too large to mesh at factor " + f);
        int[] grid = takeGrid((int) cells);
        // x extent of the inside samples of every grid row (y, z): the passes below visit only those
        int rows = ny * nz;
        int[] lo = new int[rows], hi = new int[rows];
        Arrays.fill(lo, Integer.MAX_VALUE);
        Arrays.fill(hi, -1);
        int plane = nx * ny;
        copy(vol, idx, slot, f, x0, y0, z0, x1, y1, z1, nx, ny, grid, lo, hi, null, progress);
        progress.report(0.2, "mesh: pieces");
        int pieces = label(grid, nx, ny, nz, lo, hi);
        long[] voxels = new long[pieces + 1];
        if (f == 1) {
            for (int r = 0; r < rows; r++) {
                if (hi[r] < 0) continue;
                for (int i = r * nx + lo[r], e = r * nx + hi[r]; i <= e; i++) voxels[grid[i]]++;
            }
        } else { // each voxel counted in the piece of its block
            copy(vol, idx, slot, f, x0, y0, z0, x1, y1, z1, nx, ny, grid, lo, hi, voxels, progress);
        }
        // rank pieces: largest first, equal sizes in scan order (labels are numbered in scan order)
        Integer[] order = new Integer[pieces];
        for (int i = 0; i < pieces; i++) order[i] = i + 1;
        Arrays.sort(order, (p, q) -> voxels[q] != voxels[p] ? Long.compare(voxels[q], voxels[p]) : Integer.compare(p, q));
        int[] rank = new int[pieces + 1];
        for (int i = 0; i < pieces; i++) rank[order[i]] = i;
        progress.report(0.4, "mesh: surface");

        Vec3 tl = vol.box().topLeft();
        double ox = (tl.x() + x0 - f + f / 2.0) * vs.x(), oy = (tl.y() + y0 - f + f / 2.0) * vs.y(), oz = (tl.z() + z0 - f + f / 2.0) * vs.z();
        double stepX = f * vs.x(), stepY = f * vs.y(), stepZ = f * vs.z();
        FloatArrayList verts = new FloatArrayList();
        IntArrayList vertPiece = new IntArrayList();
        IntArrayList[] tris = new IntArrayList[pieces];
        for (int i = 0; i < pieces; i++) tris[i] = new IntArrayList();
        march(grid, nx, ny, nz, lo, hi, rank, new double[] {ox, oy, oz, stepX, stepY, stepZ}, verts, vertPiece, tris, progress);
        // the grid goes back to this thread's cache all zero: only the rows' extents were written
        for (int r = 0; r < rows; r++) if (hi[r] >= 0) Arrays.fill(grid, r * nx + lo[r], r * nx + hi[r] + 1, 0);
        GRID.set(new SoftReference<>(grid));
        // each vertex belongs to one piece: renumber per piece
        int[] local = new int[vertPiece.size()];
        int[] count = new int[pieces];
        for (int v = 0; v < local.length; v++) local[v] = count[vertPiece.getInt(v)]++;
        float[][] pv = new float[pieces][];
        for (int i = 0; i < pieces; i++) pv[i] = new float[3 * count[i]];
        float[] all = verts.elements();
        for (int v = 0; v < local.length; v++) System.arraycopy(all, 3 * v, pv[vertPiece.getInt(v)], 3 * local[v], 3);
        long id = vol.table().idOf(slot);
        List<SurfaceMesh> out = new ArrayList<>(pieces);
        for (int i = 0; i < pieces; i++) {
            int[] t = tris[i].toIntArray();
            for (int k = 0; k < t.length; k++) t[k] = local[t[k]];
            out.add(new SurfaceMesh(id, i, pieces, voxels[order[i]], f, pv[i], t));
        }
        progress.report(1, "mesh");
        return out;
    }

    /**
     * The marching-cubes pass: for every cube row whose four grid rows hold inside samples, the
     * cubes within their x extent; a vertex per crossed edge (shared through per-section caches),
     * triangles to the piece of the cube's inside corners. {@code origin}: ox, oy, oz, step x, y, z (nm).
     */
    private static void march(int[] grid, int nx, int ny, int nz, int[] lo, int[] hi, int[] rank, double[] origin,
                              FloatArrayList verts, IntArrayList vertPiece, IntArrayList[] tris, Progress progress) {
        int plane = nx * ny;
        double ox = origin[0], oy = origin[1], oz = origin[2], stepX = origin[3], stepY = origin[4], stepZ = origin[5];
        int[] exLo = new int[plane], eyLo = new int[plane], exHi = new int[plane], eyHi = new int[plane], ez = new int[plane];
        // an edge's cached vertex is valid only if it was made in the section pass that owns it
        // (lower edges: the previous pass, as its upper ones; upper and vertical: this pass), so no pass clears the caches
        for (int[] c : new int[][] {exLo, eyLo, exHi, eyHi, ez}) Arrays.fill(c, -1);
        int startPrev = 0;
        int[] cornerOff = new int[8];
        for (int c = 0; c < 8; c++) cornerOff[c] = (c & 1) + ((c >> 1) & 1) * nx + ((c >> 2) & 1) * plane;
        for (int z = 0; z < nz - 1; z++) {
            if ((z & 7) == 0) {
                progress.checkCancelled();
                progress.report(0.4 + 0.6 * z / nz, "mesh: surface");
            }
            int startCur = vertPiece.size();
            for (int y = 0; y < ny - 1; y++) {
                int r = z * ny + y;
                int from = Math.min(Math.min(lo[r], lo[r + 1]), Math.min(lo[r + ny], lo[r + ny + 1]));
                int to = Math.max(Math.max(hi[r], hi[r + 1]), Math.max(hi[r + ny], hi[r + ny + 1]));
                if (to < 0) continue; // the four rows of this cube row are empty
                int x = from - 1, i = z * plane + y * nx + x;
                // the cube's corners at x + 1 become those at x of the next cube: 4 reads per cube, not 8
                int config = (grid[i] != 0 ? 1 : 0) | (grid[i + nx] != 0 ? 4 : 0) | (grid[i + plane] != 0 ? 16 : 0) | (grid[i + nx + plane] != 0 ? 64 : 0);
                for (; x <= to; x++, i++) {
                    int j = i + 1;
                    config = (config >> 1 & 0x55) | (grid[j] != 0 ? 2 : 0) | (grid[j + nx] != 0 ? 8 : 0) | (grid[j + plane] != 0 ? 32 : 0) | (grid[j + nx + plane] != 0 ? 128 : 0);
                    if (config == 0 || config == 255) continue;
                    int piece = 0;
                    for (int c = 0; c < 8 && piece == 0; c++) piece = grid[i + cornerOff[c]];
                    int[] t = CubeCases.TRIANGLES[config];
                    int p = rank[piece];
                    IntArrayList out = tris[p];
                    for (int e : t) {
                        int axis = EDGE_AXIS[e], dx = EDGE_DX[e], dy = EDGE_DY[e], dz = EDGE_DZ[e];
                        int[] arr;
                        int k, valid;
                        if (axis == 0) { arr = dz == 0 ? exLo : exHi; k = (y + dy) * nx + x; valid = dz == 0 ? startPrev : startCur; }
                        else if (axis == 1) { arr = dz == 0 ? eyLo : eyHi; k = y * nx + x + dx; valid = dz == 0 ? startPrev : startCur; }
                        else { arr = ez; k = (y + dy) * nx + x + dx; valid = startCur; }
                        int v = arr[k];
                        if (v < valid) {
                            v = vertPiece.size();
                            arr[k] = v;
                            double gx = x + dx + (axis == 0 ? 0.5 : 0), gy = y + dy + (axis == 1 ? 0.5 : 0), gzz = z + dz + (axis == 2 ? 0.5 : 0);
                            verts.add((float) (ox + gx * stepX));
                            verts.add((float) (oy + gy * stepY));
                            verts.add((float) (oz + gzz * stepZ));
                            vertPiece.add(p);
                        }
                        out.add(v);
                    }
                }
            }
            int[] s = exLo; exLo = exHi; exHi = s;
            s = eyLo; eyLo = eyHi; eyHi = s;
            startPrev = startCur;
        }
    }

    /**
     * Marks the samples of {@code slot} in the grid (1), or with {@code voxels} given counts every
     * voxel in the piece its sample has; visits only the segment's index blocks within its box.
     * Widens the rows' x extents {@code lo}/{@code hi} (grid coordinates) to the samples set.
     */
    private static void copy(LabelVolume vol, SegmentIndex idx, int slot, int f, int x0, int y0, int z0, int x1, int y1, int z1,
                             int nx, int ny, int[] grid, int[] lo, int[] hi, long[] voxels, Progress progress) {
        int sx = vol.sizeX(), plane = nx * ny, bX = idx.blocksX(), bY = idx.blocksY();
        IntList blocks = idx.blocksOf(slot);
        for (int n = 0; n < blocks.size(); n++) {
            if ((n & 7) == 0) progress.checkCancelled();
            int b = blocks.getInt(n);
            int bx = (b % bX) << SegmentIndex.BLOCK_SHIFT, by = ((b / bX) % bY) << SegmentIndex.BLOCK_SHIFT, bz = (b / (bX * bY)) << SegmentIndex.BLOCK_SHIFT;
            int xa = Math.max(x0, bx), xb = Math.min(x1, bx + SegmentIndex.BLOCK);
            int ya = Math.max(y0, by), yb = Math.min(y1, by + SegmentIndex.BLOCK);
            int za = Math.max(z0, bz), zb = Math.min(z1, bz + SegmentIndex.BLOCK);
            for (int z = za; z < zb; z++) {
                LabelVolume.Slots st = vol.slots();
                char[] ac = st.chars(z);
                int[] a = st.ints(z);
                int base = st.base(z), gz = (z - z0) / f + 1;
                for (int y = ya; y < yb; y++) {
                    int row = base + sx * y, gy = (y - y0) / f + 1, r = gz * ny + gy, g = gz * plane + gy * nx + 1;
                    int first = -1, last = -1;
                    for (int x = xa; x < xb; x++) {
                        if ((ac != null ? ac[row + x] : a[row + x]) != slot) continue;
                        int gx = (x - x0) / f;
                        if (voxels != null) voxels[grid[g + gx]]++;
                        else grid[g + gx] = 1;
                        if (first < 0) first = gx;
                        last = gx;
                    }
                    if (first >= 0) {
                        if (first + 1 < lo[r]) lo[r] = first + 1;
                        if (last + 1 > hi[r]) hi[r] = last + 1;
                    }
                }
            }
        }
    }

    /**
     * Labels the 26-connected pieces of the non-zero samples 1, 2, … in scan order of their first
     * sample; returns how many. Only the samples within each row's extent {@code lo..hi} are visited
     * (all others are zero), and the grid is padded: its border samples are zero.
     */
    static int label(int[] grid, int nx, int ny, int nz, int[] lo, int[] hi) {
        int plane = nx * ny;
        int[] back = { // the 13 neighbours before a sample in scan order
            -1, -nx - 1, -nx, -nx + 1,
            -plane - nx - 1, -plane - nx, -plane - nx + 1, -plane - 1, -plane, -plane + 1, -plane + nx - 1, -plane + nx, -plane + nx + 1};
        int[] ahead = {-nx + 1, -plane - nx + 1, -plane + 1, -plane + nx + 1}; // the back neighbours at x + 1
        IntArrayList parent = new IntArrayList();
        parent.add(0);
        for (int z = 1; z < nz - 1; z++) {
            for (int y = 1; y < ny - 1; y++) {
                int r = z * ny + y;
                if (hi[r] < 0) continue;
                int i = z * plane + y * nx + lo[r];
                for (int x = lo[r]; x <= hi[r]; x++, i++) {
                    if (grid[i] == 0) continue;
                    int l = 0, seen = 0;
                    // with the left neighbour inside, every back neighbour but those at x + 1 touches it already: 4 looks, not 13
                    int[] look = grid[i - 1] != 0 ? ahead : back;
                    if (look == ahead) {
                        seen = grid[i - 1];
                        l = find(parent, seen);
                    }
                    for (int d : look) {
                        int n = grid[i + d];
                        if (n == 0 || n == seen) continue; // most neighbours carry the label just handled
                        seen = n;
                        if (l == 0) l = find(parent, n);
                        else {
                            int q = find(parent, n);
                            if (q != l) {
                                int a = Math.min(q, l), b = Math.max(q, l);
                                parent.set(b, a); // the older label wins: numbering stays in scan order
                                l = a;
                            }
                        }
                    }
                    if (l == 0) {
                        l = parent.size();
                        parent.add(l);
                    }
                    grid[i] = l;
                }
            }
        }
        int[] final_ = new int[parent.size()];
        int pieces = 0;
        for (int k = 1; k < parent.size(); k++) {
            int q = find(parent, k);
            final_[k] = q == k ? ++pieces : final_[q];
        }
        for (int r = 0; r < ny * nz; r++) {
            if (hi[r] < 0) continue;
            for (int i = r * nx + lo[r], e = r * nx + hi[r]; i <= e; i++) if (grid[i] != 0) grid[i] = final_[grid[i]];
        }
        return pieces;
    }

    private static int find(IntArrayList parent, int k) {
        int r = k;
        while (parent.getInt(r) != r) r = parent.getInt(r);
        while (parent.getInt(k) != r) {
            int n = parent.getInt(k);
            parent.set(k, r);
            k = n;
        }
        return r;
    }
}
