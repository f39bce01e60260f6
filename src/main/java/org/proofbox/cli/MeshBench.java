package org.proofbox.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.proofbox.algo.mesh.SegmentMesher;
import org.proofbox.algo.mesh.SurfaceMesh;
import org.proofbox.io.ExportException;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.IndexBuilder;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.LoadedBox;
import org.proofbox.store.SegmentIndex;
import org.proofbox.store.SegmentTable;
import org.proofbox.task.Progress;

/**
 * {@code bench mesh [PATH]}: triangles/s and ms per segment of {@link SegmentMesher} on one
 * thread, for balls of ~10⁴ … 5·10⁶ voxels (beside skimage's {@code measure.marching_cubes} on
 * the same masks when Debian's python3-skimage is installed, run in the same process tree) and
 * for real segments of the export nearest those sizes. Each line is timed after a JIT warm-up on
 * the same mask (~1 s), as JMH would; the walkthrough line runs cold, every segment once.
 */
final class MeshBench {
    private MeshBench() {}

    static int run(String path, int repeat, PrintStream out) throws ExportException {
        long[] sizes = {10_000, 100_000, 1_000_000, 5_000_000};
        out.println("mesh bench (one thread, median of " + repeat + "):");
        for (long n : sizes) {
            int r = (int) Math.round(Math.cbrt(n * 3 / (4 * Math.PI)));
            int s = 2 * r + 4;
            LabelVolume v = new LabelVolume(new Box3(Vec3.ZERO, new Vec3(s, s, s)), ElementType.UINT32, new SegmentTable());
            int slot = v.table().slotOf(1);
            double c = s / 2.0;
            for (int z = 0; z < s; z++) for (int y = 0; y < s; y++) for (int x = 0; x < s; x++) {
                if (sq(x + 0.5 - c) + sq(y + 0.5 - c) + sq(z + 0.5 - c) <= (double) r * r) v.setSlot(x, y, z, slot);
            }
            SegmentIndex idx = IndexBuilder.build(v, Progress.NONE);
            String anchor = skimage(s, r, repeat);
            line(out, String.format(Locale.ROOT, "ball r=%d (%,d voxels)", r, idx.voxels(slot)), v, idx, slot, repeat, anchor);
        }
        Path p = path == null ? null : Path.of(path);
        if (p != null) {
            LoadedBox box = LoadedBox.open(p, Runtime.getRuntime().availableProcessors(), Progress.NONE);
            List<SegmentStats> segs = new ArrayList<>(box.index().segments());
            for (long n : sizes) {
                SegmentStats best = null;
                for (SegmentStats st : segs) if (best == null || Math.abs(Math.log(st.voxels()) - Math.log(n)) < Math.abs(Math.log(best.voxels()) - Math.log(n))) best = st;
                if (best == null) break;
                int slot = box.labels().table().findSlot(best.id());
                line(out, String.format(Locale.ROOT, "%s segment %s (%,d voxels)", box.export().info().name(), Long.toUnsignedString(best.id()), best.voxels()),
                    box.labels(), box.index(), slot, repeat, "");
            }
            // what the walkthrough's "next segment" costs the 3D view off the FX thread: every segment meshed once
            double[] all = new double[segs.size()];
            double worst = 0;
            long worstId = 0;
            List<Double> upTo1e6 = new ArrayList<>();
            for (int i = 0; i < segs.size(); i++) {
                int slot = box.labels().table().findSlot(segs.get(i).id());
                long t0 = System.nanoTime();
                SegmentMesher.mesh(box.labels(), box.index(), slot, box.export().info().voxelSize(), Progress.NONE);
                all[i] = (System.nanoTime() - t0) / 1e6;
                if (segs.get(i).voxels() <= 1_000_000) {
                    upTo1e6.add(all[i]);
                    if (all[i] > worst) { worst = all[i]; worstId = segs.get(i).id(); }
                }
            }
            java.util.Arrays.sort(all);
            upTo1e6.sort(null);
            out.printf(Locale.ROOT, "  walkthrough of %d segments: meshing median %.1f ms; segments up to 1e6 voxels: median %.1f ms, worst %.1f ms (segment %s); all: worst %.1f ms%n",
                segs.size(), all[all.length / 2], upTo1e6.isEmpty() ? 0 : upTo1e6.get(upTo1e6.size() / 2), worst, Long.toUnsignedString(worstId), all[all.length - 1]);
        }
        return 0;
    }

    private static void line(PrintStream out, String what, LabelVolume v, SegmentIndex idx, int slot, int repeat, String anchor) {
        VoxelSize vs = new VoxelSize(10, 10, 10, "nanometer");
        // JIT warm-up, as JMH does: run until ~1 s went by (at least 3 runs), then time
        long warm = System.nanoTime();
        for (int i = 0; i < 3 || System.nanoTime() - warm < 1_000_000_000L; i++) SegmentMesher.mesh(v, idx, slot, vs, Progress.NONE);
        double[] ms = new double[repeat];
        long tris = 0;
        int pieces = 0;
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            List<SurfaceMesh> m = SegmentMesher.mesh(v, idx, slot, vs, Progress.NONE);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            tris = m.stream().mapToLong(SurfaceMesh::triangleCount).sum();
            pieces = m.size();
        }
        java.util.Arrays.sort(ms);
        double med = ms[repeat / 2];
        out.printf(Locale.ROOT, "  %-52s %8.1f ms  %,11d triangles  %5.2f M triangles/s  %d piece%s%s%n", what, med, tris, tris / med / 1e3, pieces,
            pieces == 1 ? "" : "s", anchor.isEmpty() ? "" : "   | " + anchor);
    }

    /** skimage's marching cubes on the same ball (built by numpy from the same formula), median ms and M triangles/s; or why not. */
    private static String skimage(int s, int r, int repeat) {
        if (!Files.exists(Path.of("/usr/bin/python3"))) return "anchor: no /usr/bin/python3";
        String script = String.join("\n",
            "import time, numpy as np",
            "try:",
            "    from skimage import measure",
            "except ImportError:",
            "    print('anchor: skimage missing (apt-get install python3-skimage)'); raise SystemExit",
            "s, r = " + s + ", " + r,
            "c = s / 2.0",
            "z, y, x = np.mgrid[0:s, 0:s, 0:s] + 0.5",
            "m = (((x - c) ** 2 + (y - c) ** 2 + (z - c) ** 2) <= r * r).astype(np.float32)",
            "m = np.pad(m, 1)",
            "ts = []",
            "for i in range(" + repeat + "):",
            "    t = time.perf_counter(); v, f, _, _ = measure.marching_cubes(m, 0.5); ts.append((time.perf_counter() - t) * 1000)",
            "ts.sort(); med = ts[len(ts) // 2]",
            "print('skimage %.1f ms  %d triangles  %.2f M triangles/s' % (med, len(f), len(f) / med / 1e3))");
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
            String o = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return o.isEmpty() ? "anchor: no output" : o.lines().reduce((a, b) -> b).orElse("");
        } catch (Exception e) {
            return "anchor: " + e.getMessage();
        }
    }

    private static double sq(double v) {
        return v * v;
    }
}
