package org.proofbox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.proofbox.model.Box3;
import org.proofbox.model.Vec3;

/** Raw sections shared by slabs: every voxel reads back where it was set, through both accessors, across slab boundaries. */
class RawVolumeTest {
    @Test
    void sectionsAcrossSlabsReadBack() {
        int sx = 2100, sy = 2000, sz = 20; // 4.2 MB sections: 15 to a 64 MiB slab, so two slabs
        RawVolume r = new RawVolume(new Box3(new Vec3(5, 6, 7), new Vec3(sx, sy, sz)));
        int per = Slabs.sectionsPer((long) sx * sy, 1);
        assertEquals(15, per);
        assertSame(r.slab(0), r.slab(per - 1));
        assertNotSame(r.slab(per - 1), r.slab(per));
        assertEquals(0, r.base(per));
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
