package org.proofbox.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.render.Contrast;
import org.proofbox.render.DisplayStyle;
import org.proofbox.render.Palette;
import org.proofbox.render.Plane;
import org.proofbox.render.SliceData;
import org.proofbox.render.SliceGeometry;
import org.proofbox.render.SliceRenderer;
import org.proofbox.render.Visibility;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.RawVolume;
import org.proofbox.store.SegmentTable;

/**
 * {@code proofbox bench render}: milliseconds to rasterise one viewport (raw + overlay) in each
 * plane from a uint8 + uint32 box in memory, on one thread. Voxels are 8 × 8 × 32 nm and the zoom
 * 8 nm per pixel, so a 1024 × 1024 viewport of a 1024 × 1024 × 256 box shows data in every pixel
 * of all three planes. Every frame moves 7 slices on, so no frame reuses the last one's data; YZ is also
 * measured scrolling one slice per frame, where its kept neighbouring columns are used.
 */
final class RenderBench {
    private RenderBench() {}

    static void run(Vec3 size, int view, int frames, PrintStream out) {
        long t0 = System.nanoTime();
        Box3 box = new Box3(Vec3.ZERO, size);
        RawVolume raw = new RawVolume(box);
        SegmentTable table = new SegmentTable();
        int cells = 4096;
        for (int c = 1; c <= cells; c++) table.slotOf(0x8000_0000L + c * 2_654_435_761L % 0x7FFF_FFFFL); // uint32 ids above 2^31
        LabelVolume labels = new LabelVolume(box, ElementType.UINT32, table);
        int sx = size.x(), sy = size.y();
        IntStream.range(0, size.z()).parallel().forEach(z -> {
            for (int y = 0; y < sy; y++) for (int x = 0; x < sx; x++) {
                raw.set(x, y, z, (x * 7 + y * 13 + z * 3) ^ (x >> 3));
                // irregular cells of ~40 voxels across, 1-voxel gaps where the cell changes along x
                int cx = (x + 11 * ((y / 29 + z / 9) % 4)) / 41, cy = (y + 7 * (x / 53 % 3)) / 37, cz = z / 13;
                int cell = 1 + Math.floorMod(cx * 73 + cy * 151 + cz * 313, cells);
                boolean gap = (x + 11 * ((y / 29 + z / 9) % 4)) % 41 == 0;
                labels.setSlot(x, y, z, gap ? 0 : cell);
            }
        });
        out.printf(Locale.ROOT, "bench render: %s uint8 + uint32 box in memory (built in %.1f s), viewport %d x %d, 1 thread, %d frames per plane%n",
            size, (System.nanoTime() - t0) / 1e9, view, view, frames);
        VoxelSize vs = new VoxelSize(8, 8, 32, "nanometer");
        SliceData data = SliceData.of(raw, labels);
        DisplayStyle fill = DisplayStyle.DEFAULT.withContrast(new Contrast(10, 240));
        DisplayStyle selective = fill.withVisibility(Visibility.ONLY_SELECTED).withSelected(5, 77, 300);
        for (var style : List.of(fill, selective)) {
            Palette palette = new Palette(style, table);
            String mode = style.visibility() == Visibility.ALL ? "fill, all segments" : "only selected + context outlines";
            for (Plane plane : Plane.values()) {
                SliceRenderer r = new SliceRenderer();
                int[] argb = new int[view * view];
                int depth = size.get(plane.w);
                double cu = size.get(plane.u) / 2.0, cv = size.get(plane.v) / 2.0;
                for (int i = 0; i < 20; i++) r.render(new SliceGeometry(plane, view, view, cu, cv, i % depth, 8, vs), data, palette, argb); // warm-up
                double[] ms = new double[frames];
                for (int i = 0; i < frames; i++) {
                    SliceGeometry g = new SliceGeometry(plane, view, view, cu, cv, (depth / 2 + i * 7) % depth, 8, vs);
                    long s = System.nanoTime();
                    r.render(g, data, palette, argb);
                    ms[i] = (System.nanoTime() - s) / 1e6;
                }
                Arrays.sort(ms);
                out.printf(Locale.ROOT, "  %-2s %-32s median %6.2f ms  p90 %6.2f ms  (%5.0f Mpixel/s)  goal <= 4 ms%n", plane, mode,
                    ms[frames / 2], ms[(int) (frames * 0.9)], view * (double) view / ms[frames / 2] / 1e3);
                if (plane != Plane.YZ) continue;
                for (int i = 0; i < frames; i++) { // scrolling: the next slice each frame, as the wheel and the arrow keys move
                    SliceGeometry g = new SliceGeometry(plane, view, view, cu, cv, (depth / 3 + i) % depth, 8, vs);
                    long s = System.nanoTime();
                    r.render(g, data, palette, argb);
                    ms[i] = (System.nanoTime() - s) / 1e6;
                }
                Arrays.sort(ms);
                out.printf(Locale.ROOT, "  %-2s %-32s median %6.2f ms  p90 %6.2f ms  (%5.0f Mpixel/s)  goal <= 4 ms%n", plane, "scrolling, next slice each frame",
                    ms[frames / 2], ms[(int) (frames * 0.9)], view * (double) view / ms[frames / 2] / 1e3);
            }
        }
    }
}
