package org.proofbox.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.proofbox.model.Connectivity;
import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;
import org.proofbox.task.Progress;

class ComponentScanTest {
    /** Brute force: BFS from every unvisited voxel over equal slots with the given neighbourhood. */
    static Map<Integer, List<Long>> bruteForce(LabelVolume v, Connectivity c, boolean background) {
        int sx = v.sizeX(), sy = v.sizeY(), sz = v.sizeZ();
        boolean[] seen = new boolean[sx * sy * sz];
        Map<Integer, List<Long>> out = new TreeMap<>();
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        for (int z = 0; z < sz; z++) for (int y = 0; y < sy; y++) for (int x = 0; x < sx; x++) {
            int s = v.slotAt(x, y, z);
            if ((s == 0) != background || seen[x + sx * (y + sy * z)]) continue;
            long size = 0;
            queue.add(new int[] {x, y, z});
            seen[x + sx * (y + sy * z)] = true;
            while (!queue.isEmpty()) {
                int[] p = queue.poll();
                size++;
                for (int dz = -1; dz <= 1; dz++) for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                    int d = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                    if (d == 0 || (c == Connectivity.SIX && d > 1) || (c == Connectivity.EIGHTEEN && d > 2)) continue;
                    int nx = p[0] + dx, ny = p[1] + dy, nz = p[2] + dz;
                    if (nx < 0 || ny < 0 || nz < 0 || nx >= sx || ny >= sy || nz >= sz) continue;
                    int i = nx + sx * (ny + sy * nz);
                    if (seen[i] || v.slotAt(nx, ny, nz) != s) continue;
                    seen[i] = true;
                    queue.add(new int[] {nx, ny, nz});
                }
            }
            out.computeIfAbsent(s, k -> new ArrayList<>()).add(size);
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    @ParameterizedTest
    @EnumSource(Connectivity.class)
    void severalThreadsGiveExactlyTheSequentialResult(Connectivity c) {
        for (int sd = 0; sd < 10; sd++) {
            final int seed = sd;
            Random r = new Random(100 + seed);
            int ids = 2 + r.nextInt(3);
            // blobs: runs of equal ids so components span the slab seams; some zeros for holes and background
            LabelVolume v = Volumes.of(12 + r.nextInt(10), 9 + r.nextInt(8), 16 + r.nextInt(17),
                (x, y, z) -> r.nextDouble() < 0.15 ? 0 : 1 + ((x / 3 + y / 4 + z / 5 + r.nextInt(2)) % ids));
            ComponentScan.Result one = ComponentScan.run(v, c, 1, Progress.NONE);
            for (int threads : new int[] {2, 3, 4}) {
                ComponentScan.Result many = ComponentScan.run(v, c, threads, Progress.NONE);
                assertEquals(one.components(), many.components(), "seed " + seed + ", " + threads + " threads");
                assertEquals(java.util.Arrays.toString(one.componentCount()), java.util.Arrays.toString(many.componentCount()));
                assertEquals(one.holes(), many.holes(), "seed " + seed + ", " + threads + " threads");
                assertEquals(one.background(), many.background());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Connectivity.class)
    void componentsAgreeWithBreadthFirstSearchOnRandomVolumes(Connectivity c) {
        for (int sd = 0; sd < 12; sd++) {
            final int seed = sd;
            Random r = new Random(seed);
            int ids = 2 + r.nextInt(4);
            double zeroP = seed % 3 == 0 ? 0.0 : 0.3;
            LabelVolume v = Volumes.of(9 + r.nextInt(8), 7 + r.nextInt(6), 5 + r.nextInt(6),
                (x, y, z) -> r.nextDouble() < zeroP ? 0 : 1 + r.nextInt(ids) + (seed % 2 == 0 ? 0xFFFF_FFF0L : 0));
            ComponentScan.Result res = ComponentScan.run(v, c, Progress.NONE);
            Map<Integer, List<Long>> got = new TreeMap<>();
            for (Component k : res.components()) got.computeIfAbsent(k.slot(), s -> new ArrayList<>()).add(k.voxels());
            got.values().forEach(l -> l.sort(null));
            assertEquals(bruteForce(v, c, false), got, "seed " + seed);
            for (Component k : res.components()) assertEquals(k.slot(), v.slotAt(k.first().x(), k.first().y(), k.first().z()));
        }
    }

    @Test
    void diagonalTouchesCountPerConnectivity() {
        // id 1 at (1,1,1), (2,2,1) edge-diagonal in XY, and (3,3,2) corner-diagonal to (2,2,1)
        LabelVolume v = Volumes.of(6, 6, 4, (x, y, z) -> (x == 1 && y == 1 && z == 1) || (x == 2 && y == 2 && z == 1) || (x == 3 && y == 3 && z == 2) ? 1 : 0);
        int s = v.table().findSlot(1);
        assertEquals(3, ComponentScan.run(v, Connectivity.SIX, Progress.NONE).componentCount()[s]);
        assertEquals(2, ComponentScan.run(v, Connectivity.EIGHTEEN, Progress.NONE).componentCount()[s]);
        assertEquals(1, ComponentScan.run(v, Connectivity.TWENTY_SIX, Progress.NONE).componentCount()[s]);
    }

    @Test
    void cavityAndSectionHoles() {
        // cube of id 5 over [2,12)^3 in a 16^3 box; a 2x2x2 cavity at (6..7)^3; a vertical tunnel at x=4,y=4 through all z
        LabelVolume v = Volumes.of(16, 16, 16, (x, y, z) -> {
            boolean inCube = x >= 2 && x < 12 && y >= 2 && y < 12 && z >= 2 && z < 12;
            if (!inCube) return 0;
            if (x >= 6 && x < 8 && y >= 6 && y < 8 && z >= 6 && z < 8) return 0;
            if (x == 4 && y == 4) return 0;
            return 5;
        });
        ComponentScan.Result res = ComponentScan.run(v, Connectivity.TWENTY_SIX, Progress.NONE);
        int s = v.table().findSlot(5);
        List<Hole> cavities = res.holes().stream().filter(Hole::is3D).toList();
        assertEquals(1, cavities.size());
        assertEquals(new Hole(s, 8, new Vec3(6, 6, 6), -1), cavities.get(0));
        List<Hole> sections = res.holes().stream().filter(h -> !h.is3D()).toList();
        assertEquals(10, sections.size(), "the tunnel is a 2D hole in each of the 10 sections of the cube");
        for (Hole h : sections) {
            assertEquals(1, h.voxels());
            assertEquals(new Vec3(4, 4, h.section()), h.at());
        }
        assertTrue(sections.stream().noneMatch(h -> h.section() >= 6 && h.section() < 8 && h.at().x() == 6), "cavity not also reported per section");
    }

    @Test
    void backgroundTouchingTwoSegmentsOrTheBorderIsNotAHole() {
        // two touching slabs (ids 1 | 2) with a pocket spanning the interface; a pocket open to the box border
        LabelVolume v = Volumes.of(12, 12, 12, (x, y, z) -> {
            if (x >= 5 && x <= 6 && y >= 5 && y <= 6 && z >= 5 && z <= 6) return 0; // on the interface x=5|6
            if (x == 0 && y == 3 && z == 3) return 0;                               // opens to the border
            return x < 6 ? 1 : 2;
        });
        ComponentScan.Result res = ComponentScan.run(v, Connectivity.TWENTY_SIX, Progress.NONE);
        assertEquals(List.of(), res.holes());
    }
}
