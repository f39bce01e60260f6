package org.proofbox.edit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.proofbox.algo.ComponentScan;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.Connectivity;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * Small exports whose save touches many files: x-stripes 5 voxels wide between 1-voxel
 * membranes, four ids (near the top of the type's range) each in two disconnected stripes, so
 * that splitting rewrites half of the mag-1 chunks, the coarse mag and the properties.
 */
final class CrashBoxes {
    static final Box3 BOX = new Box3(new Vec3(3, 2, 1), new Vec3(48, 40, 24));

    private CrashBoxes() {}

    static long base(ElementType t) {
        return t == ElementType.UINT64 ? 0xFFFF_FFFF_FFFF_FF00L : 0xFFFF_FF00L;
    }

    /** The id of box-local voxel x (0 on the membranes). */
    static long id(ElementType t, int x) {
        if (x % 6 == 5) return 0;
        return base(t) + (x / 6) % 4;
    }

    /** A Zarr v2 export (zlib, 16×16×8 chunks, box-local arrays, mags 1 and 2-2-1) in {@code root}. */
    static Path zarr(Path root, ElementType t) throws Exception {
        int sx = BOX.size().x();
        ExportWriter.Layout layout = new ExportWriter.Layout(new Vec3(16, 16, 8), 'F', ".", ZarrCodecs.zlib(1), false);
        new ExportWriter(root, "crash", new VoxelSize(11.24, 11.24, 28, "nanometer"))
            .layer("segmentation", "segmentation", t, BOX, layout, i -> id(t, (int) (i % sx)), base(t) + 3)
            .mag("segmentation", new Vec3(2, 2, 1), t, BOX, layout, i -> id(t, (int) (i % (sx / 2)) * 2))
            .write();
        return root;
    }

    /** What {@code fix --split-disconnected} does, in the same process: every piece of an id but the largest gets a new id. */
    static LabelEditor split(LoadedBox box) throws org.proofbox.io.ExportException {
        LabelEditor ed = new LabelEditor(box.labels(), box.index(), box.export().segmentationLayer().largestSegmentId().orElse(0L));
        ComponentScan.Result r = ComponentScan.run(box.labels(), Connectivity.TWENTY_SIX, 1, Progress.NONE);
        List<Integer> slots = new ArrayList<>();
        for (int s = 1; s < r.componentCount().length; s++) if (r.componentCount()[s] >= 2) slots.add(s);
        long[] ids = box.labels().table().idsBySlot();
        slots.sort((a, b) -> org.proofbox.model.SegmentIds.compare(ids[a], ids[b])); // as fix does: in id order
        for (int s : slots) ed.apply(Operations.splitDisconnected(ed, s, Connectivity.TWENTY_SIX));
        return ed;
    }

    /** The labels as ids, x fastest. */
    static long[] labels(LoadedBox box) {
        var v = box.labels();
        long[] out = new long[(int) v.voxelCount()];
        int i = 0;
        for (int z = 0; z < v.sizeZ(); z++) for (int y = 0; y < v.sizeY(); y++) for (int x = 0; x < v.sizeX(); x++) out[i++] = v.idAt(x, y, z);
        return out;
    }

    static void copy(Path from, Path to) throws Exception {
        org.proofbox.cli.FixCliTest.copy(from, to);
    }

    /** Files Proofbox leaves only while a save runs: a transaction folder, temporary files. */
    static List<Path> leftovers(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.equals(org.proofbox.io.Transaction.DIR) || n.endsWith(".pbtmp") || n.endsWith(".tmp")) out.add(p);
            }
        }
        return out;
    }
}
