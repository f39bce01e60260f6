package org.proofbox.cli;

import org.proofbox.io.SampleLocator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.proofbox.io.ChunkedArray;
import org.proofbox.io.Export;
import org.proofbox.io.ExportException;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.InMemoryArray;
import org.proofbox.io.LayerArray;
import org.proofbox.io.LayerInfo;
import org.proofbox.io.MagInfo;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.IndexBuilder;
import org.proofbox.store.LabelLoader;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.SegmentIndex;
import org.proofbox.task.Progress;

/**
 * {@code proofbox bench ...}: throughput of opening and indexing, as medians over repeats, in
 * Mvoxel/s. Compare with the anchors in shared/anchors by running their C programs on the same
 * file (see docs/BENCHMARKS.md); this command prints only its own figures.
 */
final class BenchCommand {
    private BenchCommand() {}

    static int run(List<String> args, PrintStream out) throws ExportException, CliException {
        if (args.isEmpty()) throw new CliException("bench: which benchmark? (open, synth, raw, render, mesh, gen, brush)\n" + Cli.usage());
        Options o = Options.parse(args.subList(1, args.size()));
        switch (args.get(0)) {
            case "open" -> benchExport(Export.open(o.path == null ? SampleLocator.find() : Path.of(o.path)), o, out);
            case "synth" -> synth(o, out);
            case "raw" -> raw(o, out);
            case "mesh" -> MeshBench.run(o.path, Math.max(o.repeat, 3), out);
            case "gen" -> BigBoxGen.run(args.contains("--size") ? o.size : new Vec3(1024, 1024, 1024), o.segments, o.dtype, o.out, out);
            case "brush" -> BrushBench.run(o.path, out);
            case "render" -> RenderBench.run(args.contains("--size") ? o.size : new Vec3(1024, 1024, 256), 1024, Math.max(o.repeat, 60), out);
            default -> throw new CliException("bench: unknown benchmark " + args.get(0) + " (open, synth, raw, render, mesh, gen, brush)");
        }
        return 0;
    }

    private record Options(String path, int repeat, Vec3 size, int segments, String compressor, Vec3 shape, String dtype, String out) {
        static Options parse(List<String> a) throws CliException {
            String path = null, comp = "zlib", dtype = "uint32", outDir = null;
            int repeat = 5, segments = 3000;
            Vec3 size = new Vec3(512, 512, 256), shape = null;
            for (int i = 0; i < a.size(); i++) {
                String s = a.get(i);
                switch (s) {
                    case "--repeat" -> repeat = Integer.parseInt(value(a, ++i, s));
                    case "--size" -> size = vec(value(a, ++i, s));
                    case "--shape" -> shape = vec(value(a, ++i, s));
                    case "--segments" -> segments = Integer.parseInt(value(a, ++i, s));
                    case "--compressor" -> comp = value(a, ++i, s);
                    case "--dtype" -> dtype = value(a, ++i, s);
                    case "--out" -> outDir = value(a, ++i, s);
                    default -> {
                        if (s.startsWith("-")) throw new CliException("bench: unknown option " + s);
                        path = s;
                    }
                }
            }
            return new Options(path, Math.max(1, repeat), size, segments, comp, shape, dtype, outDir);
        }

        static String value(List<String> a, int i, String opt) throws CliException {
            if (i >= a.size()) throw new CliException("bench: " + opt + " needs a value");
            return a.get(i);
        }

        static Vec3 vec(String s) throws CliException {
            String[] p = s.split(",");
            if (p.length != 3) throw new CliException("bench: expected X,Y,Z, got " + s);
            return new Vec3(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()));
        }
    }

    /** Load (read + decompress + id→slot) and index of an export's mag-1 segmentation. */
    private static void benchExport(Export export, Options o, PrintStream out) throws ExportException {
        LayerInfo seg = export.segmentationLayer();
        MagInfo mag = seg.finestMag().orElseThrow(() -> new ExportException(export.info().propertiesFile(), "no mag 1"));
        LayerArray la = export.open(seg, mag);
        long voxels = seg.box().voxels();
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "bench open %s: %s, %s, chunks %s, %s, %,d voxels, %d cores%n", export.info().name(),
            seg.elementClass(), la.array().shape(), la.array().chunkShape(),
            la.array() instanceof org.proofbox.io.ZarrV2Array z ? z.spec().codec().id() : "?", voxels, cores);
        LabelVolume[] vol = new LabelVolume[1];
        double decode1 = median(o.repeat, () -> decodeOnly(la.array()));
        double loadN = median(o.repeat, () -> vol[0] = LabelLoader.load(la, cores, Progress.NONE));
        double load1 = median(o.repeat, () -> vol[0] = LabelLoader.load(la, 1, Progress.NONE));
        double idx1 = median(o.repeat, () -> IndexBuilder.build(vol[0], 1, Progress.NONE));
        double idxN = median(o.repeat, () -> IndexBuilder.build(vol[0], cores, Progress.NONE));
        SegmentIndex index = IndexBuilder.build(vol[0], 1, Progress.NONE);
        line(out, "read + decompress + layout only, 1 thread", decode1, voxels);
        line(out, "load labels, 1 thread (read+decode+ids)", load1, voxels);
        line(out, "load labels, " + cores + " threads", loadN, voxels);
        line(out, "index, 1 thread (counts+bboxes+blocks)", idx1, voxels);
        line(out, "index, " + cores + " threads", idxN, voxels);
        line(out, "open = load + index, " + cores + " threads", loadN + idxN, voxels);
        out.printf(Locale.ROOT, "segments %d, index share of open %.0f %%, slots %d bytes%n", index.segmentCount(), 100 * idxN / (loadN + idxN),
            vol[0].isNarrow() ? 2 : 4);
        double cc1 = median(o.repeat, () -> org.proofbox.algo.ComponentScan.run(vol[0], org.proofbox.model.Connectivity.TWENTY_SIX, 1, Progress.NONE));
        double ccN = median(o.repeat, () -> org.proofbox.algo.ComponentScan.run(vol[0], org.proofbox.model.Connectivity.TWENTY_SIX, cores, Progress.NONE));
        line(out, "components + holes, 26-conn, 1 thread", cc1, voxels);
        line(out, "components + holes, 26-conn, " + cores + " threads", ccN, voxels);
    }

    private static void synth(Options o, PrintStream out) throws ExportException {
        long t0 = System.nanoTime();
        SyntheticCells cells = SyntheticCells.generate(o.size, o.segments, 28, 42);
        out.printf(Locale.ROOT, "synthetic %s: %d cells, %d split ids, generated in %.1f s%n", o.size, cells.cells, cells.splitIds,
            (System.nanoTime() - t0) / 1e9);
        benchMemory(cells.planes, o.size, o.repeat, out);
        Path dir;
        try {
            dir = Files.createTempDirectory("proofbox-bench-");
        } catch (IOException e) {
            throw new ExportException(Path.of(System.getProperty("java.io.tmpdir")), "cannot create a temporary folder: " + e.getMessage());
        }
        try {
            int sx = o.size.x(), sy = o.size.y();
            new ExportWriter(dir, "synthetic", new VoxelSize(10, 10, 10, "nanometer"))
                .layer("segmentation", "segmentation", ElementType.UINT32, new Box3(Vec3.ZERO, o.size),
                    ExportWriter.Layout.webknossos(codec(o.compressor)),
                    i -> cells.planes[(int) (i / ((long) sx * sy))][(int) (i % ((long) sx * sy))] & 0xFFFF_FFFFL, null)
                .write();
            benchExport(Export.open(dir), o, out);
        } finally {
            deleteTree(dir);
        }
    }

    /** Reads and decodes every chunk of the array without storing it: the floor for loading. */
    private static void decodeOnly(ChunkedArray a) throws ExportException {
        Vec3 g = a.chunkGrid();
        long sink = 0;
        for (int z = 0; z < g.z(); z++) for (int y = 0; y < g.y(); y++) for (int x = 0; x < g.x(); x++) {
            var c = a.readChunk(x, y, z);
            sink += c.isMissing() ? 0 : c.bits(0, true);
        }
        if (sink == 42) System.out.print("");
    }

    private static org.proofbox.io.ChunkCodec codec(String name) throws ExportException {
        return switch (name) {
            case "none" -> ZarrCodecs.NONE;
            case "zlib" -> ZarrCodecs.zlib(5);
            case "zstd" -> ZarrCodecs.zstd(3);
            case "gzip" -> ZarrCodecs.gzip(5);
            case "lz4" -> ZarrCodecs.lz4();
            case "blosc" -> ZarrCodecs.blosc("lz4", 5, 1, 0);
            default -> throw new ExportException(Path.of(name), "unknown compressor for bench (none, zlib, zstd, gzip, lz4, blosc)");
        };
    }

    /** Registration of raw uint32 ids already in memory: id→slot mapping plus the index, as the C anchor `reg` does. */
    private static void benchMemory(int[][] planes, Vec3 shape, int repeat, PrintStream out) throws ExportException {
        ChunkedArray mem = new InMemoryArray(shape, planes);
        Box3 box = new Box3(Vec3.ZERO, shape);
        LayerInfo li = new LayerInfo("segmentation", "segmentation", "memory", ElementType.UINT32, "uint32", 1, box,
            List.of(new MagInfo(new Vec3(1, 1, 1), null)), java.util.Optional.empty());
        LayerArray la = new LayerArray(li, li.mags().get(0), mem, Vec3.ZERO, box);
        LabelVolume vol = new LabelVolume(box, ElementType.UINT32, new org.proofbox.store.SegmentTable());
        double map = median(repeat, () -> LabelLoader.loadInto(la, vol, 1, Progress.NONE));
        double idx = median(repeat, () -> IndexBuilder.build(vol, 1, Progress.NONE));
        long voxels = shape.volume();
        out.printf(Locale.ROOT, "  (%d segments; the volume is allocated once, outside the timings)%n", IndexBuilder.build(vol, 1, Progress.NONE).segmentCount());
        line(out, "in memory: ids → slots, 1 thread", map, voxels);
        line(out, "in memory: index, 1 thread", idx, voxels);
        line(out, "in memory: registration (both), 1 thread", map + idx, voxels);
        for (org.proofbox.model.Connectivity c : new org.proofbox.model.Connectivity[] {
                org.proofbox.model.Connectivity.TWENTY_SIX, org.proofbox.model.Connectivity.SIX}) {
            org.proofbox.algo.ComponentScan.Result[] res = new org.proofbox.algo.ComponentScan.Result[1];
            double t = median(repeat, () -> res[0] = org.proofbox.algo.ComponentScan.run(vol, c, Progress.NONE));
            int cores = Runtime.getRuntime().availableProcessors();
            double tn = median(repeat, () -> org.proofbox.algo.ComponentScan.run(vol, c, cores, Progress.NONE));
            long split = java.util.Arrays.stream(res[0].componentCount()).filter(k -> k > 1).count();
            line(out, "components + holes, " + c.neighbours + "-conn, 1 thread", t, voxels);
            line(out, "components + holes, " + c.neighbours + "-conn, " + cores + " threads", tn, voxels);
            out.printf(Locale.ROOT, "    %d components, %d ids split, %d holes (3D %d)%n", res[0].components().size(), split,
                res[0].holes().size(), res[0].holes().stream().filter(org.proofbox.algo.Hole::is3D).count());
        }
        out.printf(Locale.ROOT, "  anchors (shared/anchors/RESULTS.md, same work): C one-pass hash 746 Mvox/s, numpy 30, np.unique alone 271%n");
    }

    private static void raw(Options o, PrintStream out) throws ExportException, CliException {
        if (o.path == null || o.shape == null) throw new CliException("bench raw FILE.u32 --shape X,Y,Z");
        Path file = Path.of(o.path);
        Vec3 s = o.shape;
        int[][] planes = new int[s.z()][s.x() * s.y()];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != s.volume() * 4) throw new ExportException(file, "size " + ch.size() + " is not " + s + " uint32 values");
            ByteBuffer buf = ByteBuffer.allocate(s.x() * s.y() * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int z = 0; z < s.z(); z++) {
                buf.clear();
                while (buf.hasRemaining()) if (ch.read(buf) < 0) throw new ExportException(file, "truncated");
                buf.flip();
                buf.asIntBuffer().get(planes[z]);
            }
        } catch (IOException e) {
            throw new ExportException(file, "cannot read: " + e.getMessage(), e);
        }
        out.printf(Locale.ROOT, "bench raw %s %s%n", file.getFileName(), s);
        benchMemory(planes, s, o.repeat, out);
    }

    private interface Body {
        void run() throws ExportException;
    }

    /** Median wall time of {@code n} runs after warm-up runs (JIT), in seconds. */
    private static double median(int n, Body body) throws ExportException {
        for (int i = 0; i < 3; i++) body.run();
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long a = System.nanoTime();
            body.run();
            t.add((System.nanoTime() - a) / 1e9);
        }
        Double[] s = t.toArray(new Double[0]);
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void line(PrintStream out, String what, double seconds, long voxels) {
        out.printf(Locale.ROOT, "  %-44s median %8.4f s  %8.1f Mvoxel/s%n", what, seconds, voxels / seconds / 1e6);
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary folder
        }
    }
}
