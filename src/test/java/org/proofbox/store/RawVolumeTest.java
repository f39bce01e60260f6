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
        int sx = 1050, sy = 1000; // 1.05 MB sections: several to a slab of 8 MiB or one G1 region
        long section = (long) sx * sy;
        int per = Slabs.sectionsPer(section, 1);
        assertTrue(Slabs.BYTES >= 1 << 23 && Slabs.BYTES >= org.proofbox.model.HeapRegion.BYTES, "at least 8 MiB and a region: " + Slabs.BYTES);
        assertTrue(per >= 2 && per * section <= Slabs.BYTES - 64 && (per + 1) * section > Slabs.BYTES - 64, "as many whole sections as fit: " + per);
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
}
