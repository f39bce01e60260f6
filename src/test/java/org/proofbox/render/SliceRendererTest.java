package org.proofbox.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.RawVolume;
import org.proofbox.store.SegmentTable;

/**
 * Exact pixels of the three planes for a 6 × 5 × 4 box at (100, 200, 300) with 4 × 4 × 8 nm voxels,
 * shown at 2 nm per pixel: a voxel is 2 × 2 pixels in XY, 2 wide × 4 high in XZ, 4 wide × 2 high in YZ.
 * Raw value and id encode the voxel, so every pixel says which voxel it shows.
 */
class SliceRendererTest {
    static final VoxelSize VS = new VoxelSize(4, 4, 8, "nanometer");
    static final Vec3 TL = new Vec3(100, 200, 300);
    static final int SX = 6, SY = 5, SZ = 4;

    static int raw(int x, int y, int z) { return x + 10 * y + 50 * z; }
    static long id(int x, int y, int z) { return 0xFFFF_FFFFL - (x + 10 * y + 100 * z); } // uint32 ids above 2^31

    static SliceData data() {
        return data(false);
    }

    /** {@code wide}: 4-byte slots from the start instead of 2. */
    static SliceData data(boolean wide) {
        Box3 box = new Box3(TL, new Vec3(SX, SY, SZ));
        RawVolume r = new RawVolume(box);
        LabelVolume l = new LabelVolume(box, ElementType.UINT32, new SegmentTable(), wide);
        for (int z = 0; z < SZ; z++) for (int y = 0; y < SY; y++) for (int x = 0; x < SX; x++) {
            r.set(x, y, z, raw(x, y, z));
            l.setSlot(x, y, z, l.table().slotOf(id(x, y, z)));
        }
        return SliceData.of(r, l);
    }

    record Frame(int[] argb, int[] greys, long[] ids, int w, int h) {}

    static Frame render(SliceData d, SliceGeometry g, DisplayStyle style) {
        SliceRenderer r = new SliceRenderer();
        int[] argb = new int[g.width() * g.height()];
        r.render(g, d, new Palette(style, d.labels().table()), argb);
        long[] ids = new long[argb.length];
        for (int i = 0; i < ids.length; i++) ids[i] = r.slots()[i] < 0 ? -1 : d.labels().table().idOf(r.slots()[i]);
        return new Frame(argb, r.greys().clone(), ids, g.width(), g.height());
    }

    @Test
    void xyShowsXRightYDownTwoPixelsPerVoxel() {
        SliceData d = data();
        // centre of the box in u (x: 100..106 → 103) and v (y: 200..205 → 202.5); 12 × 10 pixels cover it exactly
        SliceGeometry g = new SliceGeometry(Plane.XY, 12, 10, 103, 202.5, 302, 2, VS);
        Frame f = render(d, g, DisplayStyle.DEFAULT);
        for (int py = 0; py < 10; py++) for (int px = 0; px < 12; px++) {
            int x = px / 2, y = py / 2;
            assertEquals(raw(x, y, 2), f.greys[py * 12 + px], "pixel " + px + "," + py);
            assertEquals(id(x, y, 2), f.ids[py * 12 + px]);
        }
        assertEquals(List.of(100 + 5, 200 + 4, 302), List.of(g.voxelAt(11, 9)[0], g.voxelAt(11, 9)[1], g.voxelAt(11, 9)[2]));
    }

    @Test
    void xzShowsXRightZDownAndZVoxelsTwiceAsTall() {
        SliceData d = data();
        SliceGeometry g = new SliceGeometry(Plane.XZ, 12, 16, 103, 302, 203, 2, VS);
        Frame f = render(d, g, DisplayStyle.DEFAULT);
        for (int py = 0; py < 16; py++) for (int px = 0; px < 12; px++) {
            int x = px / 2, z = py / 4;
            assertEquals(raw(x, 3, z), f.greys[py * 12 + px], "pixel " + px + "," + py);
            assertEquals(id(x, 3, z), f.ids[py * 12 + px]);
        }
    }

    @Test
    void yzShowsZRightYDown() {
        SliceData d = data();
        SliceGeometry g = new SliceGeometry(Plane.YZ, 16, 10, 302, 202.5, 104, 2, VS);
        Frame f = render(d, g, DisplayStyle.DEFAULT);
        for (int py = 0; py < 10; py++) for (int px = 0; px < 16; px++) {
            int z = px / 4, y = py / 2;
            assertEquals(raw(4, y, z), f.greys[py * 16 + px], "pixel " + px + "," + py);
            assertEquals(id(4, y, z), f.ids[py * 16 + px]);
        }
        int[] v = g.voxelAt(5, 3);
        assertEquals(List.of(104, 201, 301), List.of(v[0], v[1], v[2]));
    }

    @Test
    void outsideTheBoxIsBackgroundWithoutLabels() {
        SliceData d = data();
        // shifted by 2 voxels (4 pixels) left and up: the first 4 columns and rows lie outside
        SliceGeometry g = new SliceGeometry(Plane.XY, 12, 10, 101, 200.5, 300, 2, VS);
        Frame f = render(d, g, DisplayStyle.DEFAULT);
        for (int py = 0; py < 10; py++) for (int px = 0; px < 12; px++) {
            boolean inside = px >= 4 && py >= 4;
            int i = py * 12 + px;
            assertEquals(inside ? id((px - 4) / 2, (py - 4) / 2, 0) : -1, f.ids[i]);
            if (!inside) assertEquals(0xFF000000 | Palette.BACKGROUND, f.argb[i]);
        }
        // a slice outside the box
        Frame out = render(d, new SliceGeometry(Plane.XY, 12, 10, 103, 202.5, 304, 2, VS), DisplayStyle.DEFAULT);
        for (int i = 0; i < out.argb.length; i++) assertEquals(0xFF000000 | Palette.BACKGROUND, out.argb[i]);
    }

    @Test
    void blendingContrastAndVisibility() {
        SliceData d = data();
        SliceGeometry g = new SliceGeometry(Plane.XY, 12, 10, 103, 202.5, 301, 2, VS);
        int px = 6, py = 4; // voxel (3, 2, 1)
        int grey = raw(3, 2, 1);
        // overlay off: plain grey through the window 20..220
        Contrast c = new Contrast(20, 220);
        int expGrey = Math.round((grey - 20) * 255f / 200);
        Frame off = render(d, g, DisplayStyle.DEFAULT.withContrast(c).withOverlay(false));
        assertEquals(0xFF000000 | expGrey << 16 | expGrey << 8 | expGrey, off.argb[py * 12 + px]);
        // opacity 0.5: each channel = floor(grey*128/256) + floor(colour*128/256)
        Frame on = render(d, g, DisplayStyle.DEFAULT.withContrast(c).withOpacity(0.5));
        int col = SegmentColors.rgb(id(3, 2, 1));
        int expected = 0xFF000000;
        for (int shift = 0; shift <= 16; shift += 8) expected |= (((expGrey * 128) >> 8) + ((((col >> shift) & 0xFF) * 128) >> 8)) << shift;
        assertEquals(expected, on.argb[py * 12 + px]);
        // only the selected segment is filled; the others are plain grey or faint outlines
        int slot = d.labels().table().findSlot(id(3, 2, 1));
        Frame only = render(d, g, DisplayStyle.DEFAULT.withContrast(c).withOpacity(0.5).withVisibility(Visibility.ONLY_SELECTED)
            .withSelected(slot).withContextOutlines(false));
        for (int y = 0; y < 10; y++) for (int x = 0; x < 12; x++) {
            boolean sel = x / 2 == 3 && y / 2 == 2;
            int gv = Math.round((raw(x / 2, y / 2, 1) - 20) * 255f / 200);
            if (!sel) assertEquals(0xFF000000 | gv << 16 | gv << 8 | gv, only.argb[y * 12 + x], x + "," + y);
            else assertEquals(expected, only.argb[y * 12 + x]);
        }
        // all but selected: the selected voxel is plain grey
        Frame but = render(d, g, DisplayStyle.DEFAULT.withContrast(c).withVisibility(Visibility.ALL_BUT_SELECTED).withSelected(slot)
            .withContextOutlines(false));
        assertEquals(off.argb[py * 12 + px], but.argb[py * 12 + px]);
    }

    @Test
    void outlinesMarkOnlyPixelsOnASegmentBoundary() {
        // two segments split at x = 3: in outline mode only the pixels next to the split and the viewport edge are coloured
        Box3 box = new Box3(Vec3.ZERO, new Vec3(6, 4, 1));
        LabelVolume l = new LabelVolume(box, ElementType.UINT64, new SegmentTable());
        long a = -2L, b = 1L << 40; // uint64 ids
        for (int y = 0; y < 4; y++) for (int x = 0; x < 6; x++) l.setSlot(x, y, 0, l.table().slotOf(x < 3 ? a : b));
        RawVolume r = new RawVolume(box);
        SliceData d = SliceData.of(r, l);
        SliceGeometry g = new SliceGeometry(Plane.XY, 24, 16, 3, 2, 0, 1, new VoxelSize(4, 4, 4, "nanometer")); // 4 px per voxel
        Frame f = render(d, g, DisplayStyle.DEFAULT.withOutlines(true));
        for (int y = 1; y < 15; y++) for (int x = 1; x < 23; x++) {
            boolean edge = x == 11 || x == 12;
            assertEquals(edge, f.argb[y * 24 + x] != 0xFF000000, x + "," + y);
        }
    }

    @Test
    void zoomedOutViewsReadTheCoarserMag() {
        SliceData fine = data();
        // a mag (2, 2, 1) level of the same box: 3 × 3 × 4 voxels (the last row covers half a voxel), value 200 everywhere
        Box3 coarseBox = new Box3(new Vec3(50, 100, 300), new Vec3(3, 3, 4));
        RawVolume coarse = new RawVolume(coarseBox);
        for (int z = 0; z < 4; z++) for (int y = 0; y < 3; y++) for (int x = 0; x < 3; x++) coarse.set(x, y, z, 200);
        SliceData d = new SliceData(List.of(new SliceData.RawLevel(new Vec3(1, 1, 1), fine.raw()), new SliceData.RawLevel(new Vec3(2, 2, 1), coarse)),
            fine.labelLevels());
        SliceRenderer r = new SliceRenderer();
        int[] argb = new int[64];
        Palette p = new Palette(DisplayStyle.DEFAULT, d.labels().table());
        r.render(new SliceGeometry(Plane.XY, 8, 8, 103, 202.5, 300, 4, VS), d, p, argb); // 4 nm/px: mag 1
        assertEquals(0, r.rawLevel());
        r.render(new SliceGeometry(Plane.XY, 8, 8, 103, 202.5, 300, 8, VS), d, p, argb); // 8 nm/px: mag 2 voxels fit a pixel
        assertEquals(1, r.rawLevel());
        assertTrue(java.util.Arrays.stream(r.greys(), 0, 64).anyMatch(v -> v == 200));
        r.render(new SliceGeometry(Plane.XZ, 8, 8, 103, 302, 202, 7.9, VS), d, p, argb); // x voxels of mag 2 are 8 nm: too big
        assertEquals(0, r.rawLevel());
    }

    @Test
    void emFinerThanTheBoxVoxelsShowsUnderCoarseLabelsAlignedInNm() {
        // the box is worked on at a coarse mag: its voxels are 16 nm; the EM also exists at a 4× finer mag (4 nm voxels)
        VoxelSize coarseVs = new VoxelSize(16, 16, 16, "nanometer");
        org.proofbox.store.LabelVolume labels = new org.proofbox.store.LabelVolume(new Box3(new Vec3(0, 0, 0), new Vec3(2, 2, 2)),
            org.proofbox.model.ElementType.UINT32, new org.proofbox.store.SegmentTable());
        RawVolume fine = new RawVolume(new Box3(new Vec3(0, 0, 0), new Vec3(8, 8, 8)));
        for (int z = 0; z < 8; z++) for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) fine.set(x, y, z, 100 + 10 * x + y + z);
        RawVolume coarse = new RawVolume(new Box3(new Vec3(0, 0, 0), new Vec3(2, 2, 2)));
        for (int z = 0; z < 2; z++) for (int y = 0; y < 2; y++) for (int x = 0; x < 2; x++) coarse.set(x, y, z, 7);
        SliceData d = new SliceData(List.of(new SliceData.RawLevel(new Vec3(1, 1, 1), new Vec3(4, 4, 4), fine), new SliceData.RawLevel(new Vec3(1, 1, 1), coarse)),
            List.of(new SliceData.LabelLevel(new Vec3(1, 1, 1), labels)));
        assertEquals(coarse, d.raw(), "box-voxel positions (hover, histogram) index the level of box voxels, not the finer one");
        SliceRenderer r = new SliceRenderer();
        int[] argb = new int[64];
        Palette p = new Palette(DisplayStyle.DEFAULT, labels.table());
        r.render(new SliceGeometry(Plane.XY, 8, 8, 1, 1, 1, 4, coarseVs), d, p, argb); // 4 nm/px: one fine voxel per pixel
        assertEquals(0, r.rawLevel());
        for (int py = 0; py < 8; py++) for (int px = 0; px < 8; px++) {
            assertEquals(100 + 10 * px + py + 6, r.greys()[py * 8 + px], "pixel " + px + "," + py + ": fine voxel " + px + "," + py
                + " of the middle fine section (6) of box section 1");
        }
        r.render(new SliceGeometry(Plane.XY, 8, 8, 1, 1, 1, 16, coarseVs), d, p, argb); // 16 nm/px: box voxels
        assertEquals(1, r.rawLevel());
        assertEquals(7, r.greys()[4 * 8 + 4], "box voxel 1 of the coarse level");
    }

    /** 2-byte and 4-byte slots render the same pixels in every plane, fill and outline styles. */
    @Test
    void narrowAndWideSlotsRenderTheSame() {
        SliceData narrow = data(false), wide = data(true);
        assertTrue(narrow.labels().isNarrow() && !wide.labels().isNarrow());
        for (Plane p : Plane.values()) {
            for (DisplayStyle style : List.of(DisplayStyle.DEFAULT, DisplayStyle.DEFAULT.withVisibility(Visibility.ONLY_SELECTED).withSelected(narrow.labels().table().slotOf(id(2, 2, 2))))) {
                SliceGeometry g = new SliceGeometry(p, 17, 13, 103, 202.5, 302, 0.7, VS);
                Frame a = render(narrow, g, style), b = render(wide, g, style);
                assertArrayEquals(a.argb(), b.argb(), p + " " + style);
                assertArrayEquals(a.ids(), b.ids());
            }
        }
    }

    /**
     * YZ keeps the values of neighbouring x (YzColumns): a long-lived renderer scrolling through
     * every YZ slice, panned and zoomed between, draws what a fresh renderer draws; an edit is seen
     * once the data's version is bumped (and, to show what the version is for, not before).
     */
    @Test
    void yzScrollingReusesNeighbouringColumnsAndSeesEditsOnceTheDataChanged() {
        SliceData d = data();
        SliceRenderer kept = new SliceRenderer();
        Palette pal = new Palette(DisplayStyle.DEFAULT, d.labels().table());
        java.util.function.Function<SliceGeometry, int[]> draw = g -> {
            int[] argb = new int[g.width() * g.height()];
            kept.render(g, d, pal, argb);
            return argb;
        };
        for (double zoom : new double[] {2, 0.7, 3}) {
            for (int step = 0; step < 2 * SX; step++) {
                int x = 100 + (step < SX ? step : 2 * SX - 1 - step); // there and back
                SliceGeometry g = new SliceGeometry(Plane.YZ, 16, 10, 302 + step % 2, 202.5, x, zoom, VS);
                assertArrayEquals(render(d, g, DisplayStyle.DEFAULT).argb(), draw.apply(g), "x " + x + " zoom " + zoom);
            }
        }
        SliceGeometry g = new SliceGeometry(Plane.YZ, 16, 10, 302, 202.5, 103, 2, VS);
        int[] before = draw.apply(g);
        LabelVolume l = d.labels();
        int slot = l.table().slotOf(id(1, 1, 1));
        for (int z = 0; z < SZ; z++) for (int y = 0; y < SY; y++) l.setSlot(3, y, z, slot); // the whole slice x = 103 becomes one segment
        assertArrayEquals(before, draw.apply(g), "not told: the kept block is drawn (why edits bump the version)");
        d.changed();
        int[] after = draw.apply(g);
        assertArrayEquals(render(d, g, DisplayStyle.DEFAULT).argb(), after);
        assertTrue(!java.util.Arrays.equals(before, after), "the edit shows");
        SliceData reading = data().filling(); // a box still being read: nothing kept
        SliceRenderer r = new SliceRenderer();
        int[] argb = new int[16 * 10];
        r.render(g, reading, new Palette(DisplayStyle.DEFAULT, reading.labels().table()), argb);
        for (int z = 0; z < SZ; z++) for (int y = 0; y < SY; y++) reading.labels().setSlot(3, y, z, reading.labels().table().slotOf(id(1, 1, 1)));
        int[] again = new int[16 * 10];
        r.render(g, reading, new Palette(DisplayStyle.DEFAULT, reading.labels().table()), again);
        assertArrayEquals(render(reading, g, DisplayStyle.DEFAULT).argb(), again, "filled in place while shown: read again every frame");
    }
}
