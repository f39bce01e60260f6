package org.proofbox.algo;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import org.proofbox.store.LabelVolume;

/**
 * Keeps the 2D holes that are defects. A pocket of unlabelled voxels enclosed by segment A in an
 * XY section is also what a membrane looks like where it is cut tangentially: the cap of a
 * neighbouring cell pushing into A shows as a small unlabelled disc inside A. That pocket continues,
 * in the section on the neighbour's side, into membrane that touches the neighbour. A missed spot
 * or an unlabelled tube inside A is closed on both sides instead: in the sections above and below,
 * its footprint is A again or another pocket enclosed by A. Only those are kept.
 */
final class SectionHoleFilter {
    /** Pockets larger than this are not chased further (they are kept: big holes are always worth a look). */
    private static final int MAX_FLOOD = 1 << 20;

    private SectionHoleFilter() {}

    static List<Hole> keepDefects(LabelVolume vol, List<Hole> holes) {
        List<Hole> out = new ArrayList<>();
        for (Hole h : holes) if (h.is3D() || closedOnBothSides(vol, h)) out.add(h);
        return out;
    }

    static boolean closedOnBothSides(LabelVolume vol, Hole h) {
        int sx = vol.sizeX();
        int z = h.section();
        IntArrayList pocket = new IntArrayList();
        LabelVolume.Slots st = vol.slots();
        if (!enclosedZeros(st, z, sx, vol.sizeY(), h.at().x() + sx * h.at().y(), h.slot(), pocket)) return true;
        for (int d = -1; d <= 1; d += 2) {
            int zz = z + d;
            if (zz < 0 || zz >= vol.sizeZ()) continue; // beyond the box: nothing to judge by
            IntOpenHashSet closed = new IntOpenHashSet();
            IntArrayList region = new IntArrayList();
            for (int i = 0; i < pocket.size(); i++) {
                int xy = pocket.getInt(i);
                int t = st.get(zz, xy);
                if (t == h.slot() || closed.contains(xy)) continue;
                if (t != 0) return false;
                region.clear();
                if (!enclosedZeros(st, zz, sx, vol.sizeY(), xy, h.slot(), region)) return false;
                closed.addAll(region);
            }
        }
        return true;
    }

    /**
     * Flood-fills the unlabelled 4-connected region of a section from {@code start} into
     * {@code region}; true if it is enclosed by {@code slot} alone (touches neither the section
     * border nor another segment) or grew past {@link #MAX_FLOOD}.
     */
    private static boolean enclosedZeros(LabelVolume.Slots st, int z, int sx, int sy, int start, int slot, IntArrayList region) {
        IntOpenHashSet seen = new IntOpenHashSet();
        region.add(start);
        seen.add(start);
        for (int head = 0; head < region.size(); head++) {
            if (region.size() > MAX_FLOOD) return true;
            int i = region.getInt(head), x = i % sx, y = i / sx;
            if (x == 0 || y == 0 || x == sx - 1 || y == sy - 1) return false;
            for (int n : new int[] {i - 1, i + 1, i - sx, i + sx}) {
                int t = st.get(z, n);
                if (t == 0) {
                    if (seen.add(n)) region.add(n);
                } else if (t != slot) {
                    return false;
                }
            }
        }
        return true;
    }
}
