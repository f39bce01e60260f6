package org.proofbox.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class VoxelBitsTest {
    @Test
    void setBitsAreExactlyThoseOfASortedSetAcrossPages() {
        long size = 5L * VoxelBits.PAGE_BITS + 12345; // a last page only partly used
        VoxelBits bits = new VoxelBits(size);
        TreeSet<Long> expected = new TreeSet<>();
        Random r = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            // clustered in pages 0, 2 and the last (1, 3 and 4 stay empty), with page edges
            long v = switch (i % 4) {
                case 0 -> r.nextInt(VoxelBits.PAGE_BITS);
                case 1 -> 2L * VoxelBits.PAGE_BITS + r.nextInt(VoxelBits.PAGE_BITS);
                case 2 -> 5L * VoxelBits.PAGE_BITS + r.nextInt(12345);
                default -> new long[] {0, VoxelBits.PAGE_BITS * 3L - 1, 2L * VoxelBits.PAGE_BITS, size - 1}[r.nextInt(4)];
            };
            bits.set(v);
            expected.add(v);
        }
        assertEquals(expected.size(), bits.count());
        List<Long> seen = new ArrayList<>();
        bits.forEachSet(seen::add);
        assertEquals(new ArrayList<>(expected), seen, "ascending, each once");
        for (int i = 0; i < 20_000; i++) {
            long v = (long) (r.nextDouble() * size);
            assertEquals(expected.contains(v), bits.get(v), "voxel " + v);
        }
        assertTrue(bits.get(3L * VoxelBits.PAGE_BITS - 1) && bits.get(size - 1));
        // 3 * PAGE_BITS - 1 is page 2's last bit: pages 1, 3 and 4 were never written
        assertEquals(8L * 6 + 3 * (8L * (VoxelBits.PAGE_BITS / 64) + 16), bits.bytes(), "pages 0, 2 and 5 made, 1, 3 and 4 not");
        bits.clear();
        assertEquals(0, bits.count());
        assertFalse(bits.get(size - 1));
        assertEquals(8L * 6, bits.bytes());
    }

    @Test
    void indicesBeyondTwoToTheThirtyTwoAndOutside() {
        long size = (1L << 34) + 7; // 2048 x 2048 x 4096 voxels and a few
        VoxelBits bits = new VoxelBits(size);
        long[] at = {(1L << 32) - 1, 1L << 32, (1L << 33) + 5, size - 1};
        for (long v : at) bits.set(v);
        List<Long> seen = new ArrayList<>();
        bits.forEachSet(seen::add);
        assertEquals(List.of(at[0], at[1], at[2], at[3]), seen);
        assertThrows(IndexOutOfBoundsException.class, () -> bits.set(size));
        assertThrows(IndexOutOfBoundsException.class, () -> bits.get(-1));
    }
}
