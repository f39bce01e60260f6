package org.proofbox.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.proofbox.io.ExportException;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;

/**
 * {@code bench gen --size X,Y,Z --out DIR [--dtype uint32|uint64] [--segments N]}: writes a big
 * synthetic export for scale tests (issue 13) — a {@code segmentation} layer of warped Voronoi
 * cells with 1-voxel membranes ({@link SyntheticCells}; ids spread over the whole uint32 range, or
 * for uint64 shifted above 2³²) and 28 ids planted twice (disconnected), plus a uint8 {@code color}
 * layer that looks like EM (dark membranes, textured cytoplasm), both in the WEBKNOSSOS Zarr v2
 * layout with 32³ chunks and zstd. The cells are generated in memory (4 bytes per voxel of heap),
 * the chunks are written one by one. Refuses to write into a folder that is not empty.
 */
final class BigBoxGen {
    private BigBoxGen() {}

    /** Added to every uint32 id of the generator for uint64 boxes: ids between 2³² and 2³³, none of them fits 32 bits. */
    static final long UINT64_OFFSET = 1L << 32;

    static int run(Vec3 size, int segments, String dtype, String out, PrintStream log) throws ExportException, CliException {
        if (out == null) throw new CliException("bench gen: --out DIR is required (an empty or new folder)");
        ElementType type = switch (dtype) {
            case "uint32" -> ElementType.UINT32;
            case "uint64" -> ElementType.UINT64;
            default -> throw new CliException("bench gen: --dtype must be uint32 or uint64, not " + dtype);
        };
        Path dir = Path.of(out);
        try {
            if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
                throw new ExportException(dir, "not an empty folder: bench gen writes only into a new or empty one");
            }
        } catch (java.io.IOException e) {
            throw new ExportException(dir, "cannot list: " + e.getMessage());
        }
        long t0 = System.nanoTime();
        SyntheticCells cells = SyntheticCells.generate(size, segments, 28, 42, true, 0.1);
        log.printf(Locale.ROOT, "generated %s: %d cells, %d split ids in %.1f s%n", size, cells.cells, cells.splitIds, (System.nanoTime() - t0) / 1e9);
        int sx = size.x(), sy = size.y();
        long plane = (long) sx * sy;
        boolean wide = type == ElementType.UINT64;
        long largest = 0;
        for (int id : cells.cellIds) largest = Math.max(largest, (id & 0xFFFF_FFFFL) + (wide ? UINT64_OFFSET : 0));
        Box3 box = new Box3(Vec3.ZERO, size);
        ExportWriter.Layout layout = ExportWriter.Layout.webknossos(ZarrCodecs.zstd(3));
        long t1 = System.nanoTime();
        java.util.function.LongUnaryOperator label = i -> {
            long id = cells.planes[(int) (i / plane)][(int) (i % plane)] & 0xFFFF_FFFFL;
            return id == 0 ? 0 : id + (wide ? UINT64_OFFSET : 0);
        };
        ExportWriter w = new ExportWriter(dir, dir.getFileName().toString(), new VoxelSize(11.24, 11.24, 28, "nanometer"))
            .layer("color", "color", ElementType.UINT8, box, layout, i -> grey(cells, i, sx, plane), null)
            .layer("segmentation", "segmentation", type, box, layout, label, largest);
        // coarse mags as WEBKNOSSOS makes them for 11 × 11 × 28 nm voxels (x and y first), down to 64 voxels or fewer across
        java.util.List<String> mags = new java.util.ArrayList<>();
        for (Vec3 m : coarseMags(size)) {
            Vec3 c = new Vec3(ceil(size.x(), m.x()), ceil(size.y(), m.y()), ceil(size.z(), m.z()));
            java.util.function.LongUnaryOperator at = i -> { // voxel i of the coarse box → its first mag-1 voxel (sampled, as nearest-neighbour downsampling)
                long cx = i % c.x(), cy = (i / c.x()) % c.y(), cz = i / ((long) c.x() * c.y());
                return cx * m.x() + sx * (cy * m.y() + (long) sy * (cz * m.z()));
            };
            w.mag("color", m, ElementType.UINT8, box, layout, i -> grey(cells, at.applyAsLong(i), sx, plane));
            w.mag("segmentation", m, type, box, layout, i -> label.applyAsLong(at.applyAsLong(i)));
            mags.add(m.x() + "-" + m.y() + "-" + m.z());
        }
        w.write();
        log.printf(Locale.ROOT, "wrote %s (color uint8 + segmentation %s at mags 1, %s; 32³ chunks, zstd) in %.1f s%n", dir, dtype,
            String.join(", ", mags), (System.nanoTime() - t1) / 1e9);
        return 0;
    }

    /** 2-2-1, 4-4-2, 8-8-4, … while the box at that mag is larger than 64 voxels along some axis. */
    static java.util.List<Vec3> coarseMags(Vec3 size) {
        java.util.List<Vec3> out = new java.util.ArrayList<>();
        Vec3 m = new Vec3(2, 2, 1);
        while (Math.max(size.x() / m.x(), Math.max(size.y() / m.y(), size.z() / m.z())) > 64) {
            out.add(m);
            m = new Vec3(m.x() * 2, m.y() * 2, m.z() * 2);
        }
        return out;
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }

    /** EM-like grey: membranes dark, cytoplasm mid grey with a per-cell shade and voxel noise (a hash, so repeatable). */
    private static long grey(SyntheticCells cells, long i, int sx, long plane) {
        int id = cells.planes[(int) (i / plane)][(int) (i % plane)];
        long h = i * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        int noise = (int) (h & 31) - 16;
        int base = id == 0 ? 40 : 150 + ((id * 0x45D9F3B) >>> 27);
        return Math.max(0, Math.min(255, base + noise));
    }
}
