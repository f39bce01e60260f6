package org.proofbox.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.proofbox.store.LabelVolume;

/**
 * Digital convexity against what is known without the code: every digitized convex body has
 * exactly 1 (its hull's lattice points are its own voxels), whatever its size, place or aspect;
 * an L-shaped prism has the count worked out by hand.
 */
class ConvexityTest {
    static Convexity.Result of(LabelVolume v, long id) {
        int slot = v.table().findSlot(id);
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, hi = {-1, -1, -1};
        for (int z = 0; z < v.sizeZ(); z++) for (int y = 0; y < v.sizeY(); y++) for (int x = 0; x < v.sizeX(); x++) {
            if (v.slotAt(x, y, z) != slot) continue;
            int[] p = {x, y, z};
            for (int a = 0; a < 3; a++) { lo[a] = Math.min(lo[a], p[a]); hi[a] = Math.max(hi[a], p[a]); }
        }
        return Convexity.of(v, slot, lo, hi, 0);
    }

    @Test
    void digitizedConvexBodiesHaveExactlyOne() {
        Random rnd = new Random(7);
        for (int k = 0; k < 40; k++) {
            double cx = 10 + 12 * rnd.nextDouble(), cy = 10 + 12 * rnd.nextDouble(), cz = 8 + 6 * rnd.nextDouble();
            double ax = 1.2 + 9 * rnd.nextDouble(), ay = 1.2 + 9 * rnd.nextDouble(), az = 1.2 + 6 * rnd.nextDouble();
            // an ellipsoid (balls among them), sheared so that no axis is special
            double sh = rnd.nextDouble() - 0.5;
            LabelVolume v = Volumes.of(32, 32, 24, (x, y, z) -> {
                double dx = (x - cx + sh * (z - cz)) / ax, dy = (y - cy) / ay, dz = (z - cz) / az;
                return dx * dx + dy * dy + dz * dz <= 1 ? 5 : 0;
            });
            Convexity.Result r = of(v, 5);
            if (r == null) continue; // flat at the smallest sizes
            assertEquals(r.voxels(), r.hullPoints(), "ellipsoid " + k);
            assertEquals(1.0, r.convexity());
        }
        for (int k = 0; k < 40; k++) { // random polytopes: intersections of half-spaces
            double[][] planes = new double[8][4];
            for (double[] pl : planes) {
                double a = rnd.nextGaussian(), b = rnd.nextGaussian(), c = rnd.nextGaussian(), n = Math.sqrt(a * a + b * b + c * c);
                pl[0] = a / n; pl[1] = b / n; pl[2] = c / n; pl[3] = 3 + 8 * rnd.nextDouble();
            }
            LabelVolume v = Volumes.of(32, 32, 32, (x, y, z) -> {
                for (double[] pl : planes) if (pl[0] * (x - 16) + pl[1] * (y - 16) + pl[2] * (z - 16) > pl[3]) return 0;
                return 9;
            });
            Convexity.Result r = of(v, 9);
            assertEquals(r.voxels(), r.hullPoints(), "polytope " + k);
        }
    }

    @Test
    void anLShapedPrismHasTheHandCountedHull() {
        // in each layer, A = [0,9]×[0,2] ∪ B = [0,2]×[0,9]: 51 voxels; the hull adds the triangle
        // x + y ≤ 11 within [0,9]²: 100 - (7+6+…+1) = 72 lattice points per layer
        for (int axis = 0; axis < 3; axis++) {
            final int ax = axis;
            LabelVolume v = Volumes.of(14, 14, 14, (x, y, z) -> {
                int[] p = {x - 2, y - 2, z - 2};
                int u = p[ax], w = p[(ax + 1) % 3], h = p[(ax + 2) % 3];
                boolean in = h >= 0 && h < 5 && ((u >= 0 && u <= 9 && w >= 0 && w <= 2) || (u >= 0 && u <= 2 && w >= 0 && w <= 9));
                return in ? 3 : 0;
            });
            Convexity.Result r = of(v, 3);
            assertEquals(51 * 5, r.voxels());
            assertEquals(72 * 5, r.hullPoints(), "axis " + axis);
            assertEquals(51.0 / 72, r.convexity(), 1e-12);
            int[] at = {r.at().x() - 2, r.at().y() - 2, r.at().z() - 2};
            int u = at[ax], w = at[(ax + 1) % 3];
            assertTrue(u > 2 && w > 2 && u + w <= 11, "a point the L leaves out of its hull: " + r.at());
        }
    }

    @Test
    void twoBallsUnderOneIdAreFarFromConvexAndAFlatSetIsNotJudged() {
        LabelVolume v = Volumes.of(40, 24, 24, (x, y, z) -> {
            double a = Math.pow(x - 11, 2) + Math.pow(y - 12, 2) + Math.pow(z - 12, 2), b = Math.pow(x - 27, 2) + Math.pow(y - 12, 2) + Math.pow(z - 12, 2);
            return a <= 64 || b <= 64 ? 4 : z == 3 && y < 10 && x < 10 ? 6 : 0;
        });
        Convexity.Result r = of(v, 4);
        assertTrue(r.convexity() < 0.85 && r.convexity() > 0.6, "" + r);
        assertTrue(r.at().x() > 15 && r.at().x() < 23, "the waist: " + r.at());
        assertNull(of(v, 6), "one section thick: no volume to judge");
        int four = v.table().findSlot(4); // bounds wider than the segment change nothing
        Convexity.Result wide = Convexity.of(v, four, new int[] {0, 0, 0}, new int[] {v.sizeX() - 1, v.sizeY() - 1, v.sizeZ() - 1}, 0);
        assertEquals(r.hullPoints(), wide.hullPoints());
        assertEquals(r.convexity(), wide.convexity());
    }

    @Test
    void largeInstancesAreJudgedOnACoarserLatticeWithTheSameAnswer() {
        // an ellipsoid 210 voxels across: sampled every 3rd voxel it is still a digitized convex body
        LabelVolume e = Volumes.of(216, 130, 40, (x, y, z) -> {
            double dx = (x - 107.6) / 105, dy = (y - 64.2) / 62, dz = (z - 19.5) / 18;
            return dx * dx + dy * dy + dz * dz <= 1 ? 5 : 0;
        });
        Convexity.Result r = of(e, 5);
        assertEquals(3, r.step());
        assertEquals(1.0, r.convexity());
        // an L-shaped prism 200 voxels across, arms 60 wide: L 20 400 over hull 30 200 per layer (the square less the 140 × 140 / 2 corner)
        LabelVolume l = Volumes.of(204, 204, 12, (x, y, z) -> z >= 2 && z < 10 && x < 200 && y < 200 && (x < 60 || y < 60) ? 3 : 0);
        Convexity.Result rl = of(l, 3);
        assertEquals(3, rl.step());
        double continuous = (2.0 * 200 * 60 - 60 * 60) / (200.0 * 200 - (140.0 * 140) / 2); // L over its hull: the square less the cut-off triangle
        assertEquals(continuous, rl.convexity(), 0.02);
        assertTrue(rl.at().x() >= 60 && rl.at().y() >= 60 && rl.at().x() + rl.at().y() <= 260, "in the hull's corner the L leaves out: " + rl.at());
        assertTrue(Math.abs(rl.missing() - (200.0 * 200 - 140.0 * 140 / 2 - (2.0 * 200 * 60 - 3600)) * 8) < 0.1 * 8 * 13000, "missing voxels in box voxels: " + rl.missing());
    }
}
