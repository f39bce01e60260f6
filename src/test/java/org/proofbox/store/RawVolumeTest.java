package org.proofbox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.proofbox.model.Box3;
import org.proofbox.model.Vec3;

/** Raw sections shared by slabs: every voxel reads back where it was set, through both accessors, across slab boundaries. */
class RawVolumeTest {
    @Test
    void sectionsAcrossSlabsReadBack() {
        int sx = 1050, sy = 1000; // 1.05 MB sections
        long section = (long) sx * sy;
        int per = Slabs.sectionsPer(section, 1);
        assertTrue(per >= 2 && per * section <= Slabs.MAX_BYTES, "several whole sections to a slab: " + per);
        int sz = 2 * per + 3; // three slabs, the last partly used
        RawVolume r = new RawVolume(new Box3(new Vec3(5, 6, 7), new Vec3(sx, sy, sz)));
        assertSame(r.slab(0), r.slab(per - 1));
        assertNotSame(r.slab(per - 1), r.slab(per));
        assertEquals(0, r.base(per));
        assertNotSame(r.slab(2 * per - 1), r.slab(2 * per));
        assertEquals(3 * section, r.slab(sz - 1).length, "the last slab holds only its three sections");
        assertEquals((per - 1) * sx * sy, r.base(per - 1));
        for (int z = 0; z < sz; z++) for (int y = 0; y < sy; y += 7) for (int x = 0; x < sx; x += 5) r.set(x, y, z, x * 31 + y * 7 + z * 13);
        for (int z = 0; z < sz; z++) for (int y = 0; y < sy; y += 7) for (int x = 0; x < sx; x += 5) {
            int want = (x * 31 + y * 7 + z * 13) & 0xFF;
            assertEquals(want, r.valueAt(x, y, z));
            assertEquals(want, r.slab(z)[r.base(z) + x + sx * y] & 0xFF);
        }
        assertEquals(0, r.valueAt(1, 0, sz - 1), "untouched voxels are 0");
    }

    @Test
    void slabsUseAtLeastSevenEighthsOfTheirBytes() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Slabs.MIN_BYTES == 1 << 23, "G1 regions of 8 MiB or less (heaps under 32 GiB)");
        assertEquals(7, Slabs.sectionsPer(1024 * 1024, 1), "1 MiB sections: 7 in an 8 MiB slab (8 would need the header's bytes too)");
        assertEquals(7, Slabs.sectionsPer(1024 * 1024, 2), "2 MiB: 3 in 8 MiB is 75 %, 7 in 16 MiB 87.5 %");
        assertEquals(7, Slabs.sectionsPer(1024 * 1024, 4), "4 MiB: 1 in 8 MiB, 3 in 16, 7 in 32 MiB");
        assertEquals(4, Slabs.sectionsPer(1000 * 1000, 2), "2 000 000 bytes: 4 in 8 MiB is 95 %");
        assertEquals(1, Slabs.sectionsPer(2048L * 2048, 8), "a 32 MiB section has a slab of its own");
    }
}
