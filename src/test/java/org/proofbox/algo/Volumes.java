package org.proofbox.algo;

import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentTable;

/** Small label volumes for exact tests: built from a function of (x, y, z) → id. */
public final class Volumes {
    public interface IdAt {
        long id(int x, int y, int z);
    }

    private Volumes() {}

    public static LabelVolume of(int sx, int sy, int sz, IdAt f) {
        LabelVolume v = new LabelVolume(new Box3(Vec3.ZERO, new Vec3(sx, sy, sz)), ElementType.UINT64, new SegmentTable());
        for (int z = 0; z < sz; z++) for (int y = 0; y < sy; y++) for (int x = 0; x < sx; x++) {
            v.setSlot(x, y, z, v.table().slotOf(f.id(x, y, z)));
        }
        return v;
    }
}
