package org.proofbox.render;

import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.SegmentTable;

/**
 * Small XY, XZ and YZ images centred on one voxel, for reports and thumbnails: the segments a
 * finding names are filled, the others drawn as faint outlines (or all filled when the finding
 * names none), and a ring marks the voxel.
 */
public final class Crops {
    /** One crop: ARGB pixels, row after row, {@code size × size}. */
    public record Crop(Plane plane, int size, int[] argb, int slice) {}

    private Crops() {}

    /**
     * @param fieldNm width of the field of view in nanometres (the same for all three planes, so
     *                they are to scale with each other)
     */
    public static Crop[] around(SliceData data, SegmentTable table, VoxelSize vs, Vec3 at, long[] segments, int size, double fieldNm,
                                Contrast contrast) {
        int[] slots = new int[segments.length];
        int n = 0;
        for (long id : segments) {
            int s = table.findSlot(id);
            if (s > 0) slots[n++] = s;
        }
        DisplayStyle style = DisplayStyle.DEFAULT.withContrast(contrast).withOpacity(0.5);
        if (n > 0) style = style.withVisibility(Visibility.ONLY_SELECTED).withSelected(java.util.Arrays.copyOf(slots, n)).withContextOutlines(true);
        Palette palette = new Palette(style, table);
        SliceRenderer r = new SliceRenderer();
        Crop[] out = new Crop[3];
        for (Plane p : Plane.values()) {
            SliceGeometry g = new SliceGeometry(p, size, size, at.get(p.u) + 0.5, at.get(p.v) + 0.5, at.get(p.w), fieldNm / size, vs);
            int[] argb = new int[size * size];
            r.render(g, data, palette, argb);
            ring(argb, size, g.screenX(at.get(p.u) + 0.5), g.screenY(at.get(p.v) + 0.5), Math.max(5, size / 18.0));
            out[p.ordinal()] = new Crop(p, size, argb, at.get(p.w));
        }
        return out;
    }

    /** A 1.5-pixel ring in bright yellow with a dark halo so it shows on any background. */
    static void ring(int[] argb, int size, double cx, double cy, double radius) {
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) {
            double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
            if (Math.abs(d - radius) <= 0.8) argb[y * size + x] = 0xFFFFE000;
            else if (Math.abs(d - radius) <= 1.8) argb[y * size + x] = 0xFF000000;
        }
    }
}
