package org.proofbox.render;

import java.util.Arrays;
import org.proofbox.model.Box3;
import org.proofbox.model.Vec3;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.RawVolume;

/**
 * Rasterises one slice — raw EM through the contrast window with the segmentation blended on top —
 * into an {@code int[]} of ARGB pixels, row after row. Nearest-neighbour sampling: screen column
 * and row tables map each pixel to a voxel index of the chosen level once per frame, so the inner
 * loops are array reads and one addition per pixel (see {@link Palette}).
 *
 * <p>Memory order decides the speed: XY and XZ rows are runs along x inside one section; YZ
 * rows cross sections, one section per screen column, so YZ touches a cache line (and mostly a
 * page) per voxel it shows and is bound by memory latency, about 4× slower than XY for the same
 * pixel count. YZ values are therefore gathered section by section for a few neighbouring x at once
 * and kept ({@link YzColumns}): scrolling through YZ gathers once per block (see docs/BENCHMARKS.md).
 *
 * <p>Not thread-safe: each viewport's render thread owns one renderer (it keeps scratch buffers).
 */
public final class SliceRenderer {
    private int[] grey = new int[0];   // grey index per pixel: 0..255, 256 outside the raw data
    private int[] slots = new int[0];  // slot per pixel, -1 outside the labels
    private int[] cols = new int[0], rows = new int[0];
    private int width, height;
    private int rawLevel = -1, labelLevel = -1;

    /** Renders {@code g} into {@code argb} (at least width × height). */
    public void render(SliceGeometry g, SliceData data, Palette palette, int[] argb) {
        int w = g.width(), h = g.height(), n = w * h;
        if (argb.length < n) throw new IllegalArgumentException("buffer of " + argb.length + " for " + w + " x " + h);
        ensure(w, h);
        width = w;
        height = h;
        fetchRaw(g, data);
        fetchLabels(g, data);
        compose(palette, argb);
    }

    /** Slot under each pixel of the last frame (-1 outside the labels), row after row. */
    public int[] slots() {
        return slots;
    }

    /** Grey index under each pixel of the last frame (256 outside the raw data). */
    public int[] greys() {
        return grey;
    }

    /** Index in {@link SliceData#rawLevels()} used by the last frame, -1 for none. */
    public int rawLevel() {
        return rawLevel;
    }

    public int labelLevel() {
        return labelLevel;
    }

    private void ensure(int w, int h) {
        int n = w * h;
        if (grey.length < n) {
            grey = new int[n];
            slots = new int[n];
        }
        int m = Math.max(w, h);
        if (cols.length < m) {
            cols = new int[m];
            rows = new int[m];
        }
    }

    /**
     * Fills {@code cols} (and {@code rows}) with level voxel indices and returns the valid range
     * {@code [lo, hi)} packed as {@code lo << 32 | hi}; indices outside it are not written.
     */
    private static long table(int[] out, int count, double origin, double step, double mag, int start, int size) {
        int lo = count, hi = 0;
        for (int p = 0; p < count; p++) {
            double c = origin + (p + 0.5) * step;
            int i = (int) Math.floor(c / mag) - start;
            if (i >= 0 && i < size) {
                out[p] = i;
                if (p < lo) lo = p;
                hi = p + 1;
            }
        }
        return lo >= hi ? 0 : ((long) lo << 32) | hi;
    }

    private long columns(SliceGeometry g, double[] mag, Box3 box) {
        int a = g.plane().u;
        double step = g.voxelsPerPixelU();
        return table(cols, g.width(), g.centreU() - g.width() / 2.0 * step, step, mag[a], box.topLeft().get(a), box.size().get(a));
    }

    private long rowsOf(SliceGeometry g, double[] mag, Box3 box) {
        int a = g.plane().v;
        double step = g.voxelsPerPixelV();
        return table(rows, g.height(), g.centreV() - g.height() / 2.0 * step, step, mag[a], box.topLeft().get(a), box.size().get(a));
    }

    /** The level's section through the middle of the slice's box voxel (for a level finer than box voxels: its middle fine section). */
    private static int sliceIndex(SliceGeometry g, double[] mag, Box3 box) {
        int a = g.plane().w;
        int i = (int) Math.floor((g.slice() + 0.5) / mag[a]) - box.topLeft().get(a);
        return i >= 0 && i < box.size().get(a) ? i : -1;
    }

    /** The slice index of a level and the screen columns [c0, c1) and rows [r0, r1) that show its box; the tables are filled. */
    private record Span(int iw, int c0, int c1, int r0, int r1) {
        static final Span NONE = new Span(-1, 0, 0, 0, 0);

        boolean empty() {
            return iw < 0 || c0 >= c1 || r0 >= r1;
        }
    }

    private Span span(SliceGeometry g, double[] mag, Box3 box) {
        int iw = sliceIndex(g, mag, box);
        long cr = columns(g, mag, box), rr = rowsOf(g, mag, box);
        return new Span(iw, (int) (cr >>> 32), (int) cr, (int) (rr >>> 32), (int) rr);
    }

    private void fetchRaw(SliceGeometry g, SliceData data) {
        int w = width, h = height;
        var levels = data.rawLevels();
        rawLevel = levels.isEmpty() ? -1 : SliceData.pick(levels, SliceData.RawLevel::scale, g);
        RawVolume vol = rawLevel < 0 ? null : levels.get(rawLevel).volume();
        Span sp = rawLevel < 0 ? Span.NONE : span(g, levels.get(rawLevel).scale(), vol.box());
        int iw = sp.iw, c0 = sp.c0, c1 = sp.c1, r0 = sp.r0, r1 = sp.r1;
        if (sp.empty()) {
            Arrays.fill(grey, 0, w * h, Palette.BG_INDEX);
            return;
        }
        int sx = vol.sizeX();
        Arrays.fill(grey, 0, r0 * w, Palette.BG_INDEX);
        Arrays.fill(grey, r1 * w, w * h, Palette.BG_INDEX);
        Plane plane = g.plane();
        if (plane == Plane.YZ) { // column by column: each section's voxels at one stride, rows of a section next to each other in time
            for (int py = r0; py < r1; py++) {
                Arrays.fill(grey, py * w, py * w + c0, Palette.BG_INDEX);
                Arrays.fill(grey, py * w + c1, py * w + w, Palette.BG_INDEX);
            }
            int nr = r1 - r0, nz = yzColumns(c0, c1, nr);
            rawCols.raw(vol, iw, rows, r0, r1, yzZ, nz, !data.isFilling());
            byte[] vals = rawCols.greys();
            int st = rawCols.stride(), lane = rawCols.lane(iw);
            for (int py = r0, row = 0; py < r1; py++, row++) {
                int o = py * w;
                for (int px = c0; px < c1; px++) grey[o + px] = vals[(row + yzOff[px]) * st + lane] & 0xFF;
            }
            return;
        }
        for (int py = r0; py < r1; py++) {
            int o = py * w;
            Arrays.fill(grey, o, o + c0, Palette.BG_INDEX);
            Arrays.fill(grey, o + c1, o + w, Palette.BG_INDEX);
            switch (plane) {
                case XY -> {
                    byte[] p = vol.slab(iw);
                    int off = vol.base(iw) + rows[py] * sx;
                    for (int px = c0; px < c1; px++) grey[o + px] = p[off + cols[px]] & 0xFF;
                }
                case XZ -> {
                    byte[] p = vol.slab(rows[py]);
                    int off = vol.base(rows[py]) + iw * sx;
                    for (int px = c0; px < c1; px++) grey[o + px] = p[off + cols[px]] & 0xFF;
                }
                default -> throw new IllegalStateException("YZ is gathered above");
            }
        }
    }

    private void fetchLabels(SliceGeometry g, SliceData data) {
        int w = width, h = height;
        var levels = data.labelLevels();
        labelLevel = levels.isEmpty() ? -1 : SliceData.pick(levels, SliceData.LabelLevel::scale, g);
        LabelVolume vol = labelLevel < 0 ? null : levels.get(labelLevel).volume();
        Span sp = labelLevel < 0 ? Span.NONE : span(g, levels.get(labelLevel).scale(), vol.box());
        int iw = sp.iw, c0 = sp.c0, c1 = sp.c1, r0 = sp.r0, r1 = sp.r1;
        if (sp.empty()) {
            Arrays.fill(slots, 0, w * h, -1);
            return;
        }
        int sx = vol.sizeX();
        Arrays.fill(slots, 0, r0 * w, -1);
        Arrays.fill(slots, r1 * w, w * h, -1);
        Plane plane = g.plane();
        LabelVolume.Slots st = vol.slots();
        boolean narrow = st.isNarrow();
        if (plane == Plane.YZ) { // as the raw: column by column
            for (int py = r0; py < r1; py++) {
                Arrays.fill(slots, py * w, py * w + c0, -1);
                Arrays.fill(slots, py * w + c1, py * w + w, -1);
            }
            int nr = r1 - r0, nz = yzColumns(c0, c1, nr);
            labelCols.labels(st, data.version(), sx, iw, rows, r0, r1, yzZ, nz, !data.isFilling());
            int[] vals = labelCols.values();
            int stride = labelCols.stride(), lane = labelCols.lane(iw);
            for (int py = r0, row = 0; py < r1; py++, row++) {
                int o = py * w;
                for (int px = c0; px < c1; px++) slots[o + px] = vals[(row + yzOff[px]) * stride + lane];
            }
            return;
        }
        for (int py = r0; py < r1; py++) {
            int o = py * w;
            Arrays.fill(slots, o, o + c0, -1);
            Arrays.fill(slots, o + c1, o + w, -1);
            switch (plane) {
                case XY -> {
                    int off = st.base(iw) + rows[py] * sx;
                    if (narrow) {
                        char[] s = st.chars(iw);
                        for (int px = c0; px < c1; px++) slots[o + px] = s[off + cols[px]];
                    } else {
                        int[] s = st.ints(iw);
                        for (int px = c0; px < c1; px++) slots[o + px] = s[off + cols[px]];
                    }
                }
                case XZ -> {
                    int z = rows[py];
                    int off = st.base(z) + iw * sx;
                    if (narrow) {
                        char[] s = st.chars(z);
                        for (int px = c0; px < c1; px++) slots[o + px] = s[off + cols[px]];
                    } else {
                        int[] s = st.ints(z);
                        for (int px = c0; px < c1; px++) slots[o + px] = s[off + cols[px]];
                    }
                }
                default -> throw new IllegalStateException("YZ is gathered above");
            }
        }
    }

    /** YZ: the distinct sections among columns [c0, c1) ({@code yzZ}) and where each column's values start in the table ({@code yzOff}); returns their count. */
    private int yzColumns(int c0, int c1, int nr) {
        if (yzOff.length < c1) yzOff = new int[Math.max(c1, width)];
        if (yzZ.length < c1 - c0) yzZ = new int[Math.max(c1 - c0, width)];
        int n = 0;
        for (int px = c0; px < c1; px++) {
            if (n == 0 || cols[px] != yzZ[n - 1]) yzZ[n++] = cols[px];
            yzOff[px] = (n - 1) * nr;
        }
        return n;
    }

    private int[] yzOff = new int[0], yzZ = new int[0];
    private final YzColumns rawCols = new YzColumns(), labelCols = new YzColumns(); // YZ: each shown voxel read once, section by section, neighbours kept

    private void compose(Palette p, int[] argb) {
        int w = width, h = height, n = w * h;
        int[] fill = p.fill, edge = p.edge, ctx = p.contextEdge;
        int[] plain = p.greyPlain, gf = p.greyFill, ge = p.greyEdge, gc = p.greyContext;
        int size = p.size();
        boolean edges = p.style.overlay() && (p.style.outlines() || (p.style.contextOutlines() && p.style.visibility() != Visibility.ALL));
        if (!edges) {
            for (int i = 0; i < n; i++) {
                int s = slots[i], gi = grey[i];
                int c = s > 0 && s < size ? fill[s] : -1;
                argb[i] = 0xFF000000 | (c < 0 ? plain[gi] : gf[gi] + c);
            }
            return;
        }
        for (int y = 0; y < h; y++) {
            boolean edgeRow = y == 0 || y == h - 1;
            for (int x = 0; x < w; x++) {
                int i = y * w + x, s = slots[i], gi = grey[i];
                int out = plain[gi];
                if (s > 0 && s < size) {
                    int e = edge[s], k = ctx[s];
                    if (e >= 0 || k >= 0) {
                        boolean b = edgeRow || x == 0 || x == w - 1
                            ? boundary(i, x, y, w, h, s)
                            : ((slots[i - 1] ^ s) | (slots[i + 1] ^ s) | (slots[i - w] ^ s) | (slots[i + w] ^ s)) != 0;
                        if (b) out = e >= 0 ? ge[gi] + e : gc[gi] + k;
                        else if (fill[s] >= 0) out = gf[gi] + fill[s];
                    } else if (fill[s] >= 0) {
                        out = gf[gi] + fill[s];
                    }
                }
                argb[i] = 0xFF000000 | out;
            }
        }
    }

    private boolean boundary(int i, int x, int y, int w, int h, int s) {
        return (x > 0 && slots[i - 1] != s) || (x + 1 < w && slots[i + 1] != s)
            || (y > 0 && slots[i - w] != s) || (y + 1 < h && slots[i + w] != s);
    }
}
