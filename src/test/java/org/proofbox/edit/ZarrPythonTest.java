package org.proofbox.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.ChunkCodec;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.Json;
import org.proofbox.io.LayerArray;
import org.proofbox.io.MagInfo;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LabelLoader;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * What Proofbox saves is read by zarr-python 2.13 (Debian's python3-zarr), the reference Zarr v2
 * implementation: every id's voxel count in mag 1 and in the coarse mag equals Proofbox's own
 * recount after the save — uint32 ids near 2^32 and uint64 ids beyond 2^63, zlib, gzip and blosc.
 */
class ZarrPythonTest {
    @ParameterizedTest
    @CsvSource({"UINT32, zlib, C", "UINT64, blosc, F", "UINT64, gzip, C"})
    void zarrPythonReadsWhatASaveWrote(ElementType t, String codecName, char order, @TempDir Path dir) throws Exception {
        ChunkCodec codec = switch (codecName) { case "zlib" -> ZarrCodecs.zlib(3); case "gzip" -> ZarrCodecs.gzip(3); default -> ZarrCodecs.blosc("lz4", 5, 1, 0); };
        ExportWriter.Layout layout = new ExportWriter.Layout(new Vec3(16, 16, 8), order, order == 'C' ? "." : "/", codec, order == 'C');
        Box3 box = CrashBoxes.BOX;
        int sx = box.size().x();
        Path root = dir.resolve("box");
        new ExportWriter(root, "zp", new VoxelSize(11.24, 11.24, 28, "nanometer"))
            .layer("segmentation", "segmentation", t, box, layout, i -> CrashBoxes.id(t, (int) (i % sx)), CrashBoxes.base(t) + 3)
            .mag("segmentation", new Vec3(2, 2, 1), t, box, layout, i -> CrashBoxes.base(t))
            .write();
        LoadedBox b = LoadedBox.open(root, 1, Progress.NONE);
        LabelEditor ed = CrashBoxes.split(b);
        ed.apply(Operations.delete(ed, b.labels().table().findSlot(CrashBoxes.base(t) + 2)));
        ExportSaver.save(b, ed, Progress.NONE);

        Process p = new ProcessBuilder("/usr/bin/python3", "src/test/python/zarr_python_counts.py", root.toString(), "segmentation").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        JsonNode got = Json.MAPPER.readTree(out);

        LoadedBox again = LoadedBox.open(root, 1, Progress.NONE);
        assertEquals(counts(again.index(), again.labels().voxelCount()), map(got.get("1-1-1")), "mag 1");
        // the coarse mag, recounted by Proofbox's own loader
        MagInfo coarse = again.export().segmentationLayer().mags().get(1);
        LayerArray la = again.export().open(again.export().segmentationLayer(), coarse);
        var vol = new org.proofbox.store.LabelVolume(la.region(), t, new org.proofbox.store.SegmentTable());
        LabelLoader.loadInto(la, vol, 1, Progress.NONE);
        Map<String, Long> c = new HashMap<>();
        for (int z = 0; z < vol.sizeZ(); z++) for (int y = 0; y < vol.sizeY(); y++) for (int x = 0; x < vol.sizeX(); x++) c.merge(Long.toUnsignedString(vol.idAt(x, y, z)), 1L, Long::sum);
        assertEquals(c, map(got.get("2-2-1")), "mag 2-2-1");
    }

    private static Map<String, Long> counts(org.proofbox.store.SegmentIndex idx, long voxels) {
        Map<String, Long> m = new HashMap<>();
        for (var s : idx.segments()) m.put(Long.toUnsignedString(s.id()), s.voxels());
        if (idx.voxels(0) > 0) m.put("0", idx.voxels(0));
        return m;
    }

    private static Map<String, Long> map(JsonNode n) {
        Map<String, Long> m = new HashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asLong()));
        return m;
    }
}
