package org.proofbox.edit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.proofbox.Shared;
import org.proofbox.io.ChunkCodec;
import org.proofbox.io.ChunkData;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.Json;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.io.ZarrV2Array;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * Edit, save, reopen with a fresh reader (and with the independent numpy reader): only the chunk
 * holding the edit is rewritten, in the export's own layout; voxels of that chunk outside the box
 * keep their values; the coarse mag follows (mode); largestSegmentId is raised; every other file
 * is byte-identical.
 */
class SaveTest {
    static final Box3 BOX = new Box3(new Vec3(5, 7, 3), new Vec3(40, 30, 20));
    static final long A = 0xFFFF_FF00L, B = 0xFFFF_FF01L;

    static long id(int x, int y, int z) { // box-local
        return x < 20 ? A : x == 20 ? 0 : B;
    }

    @ParameterizedTest
    @CsvSource({"C, ., zlib, false, UINT32", "F, /, none, true, UINT64", "C, /, gzip, true, UINT32"})
    void onlyTheEditedChunkChangesAndEverythingReadsBack(char order, String sep, String codecName, boolean absolute, ElementType type,
                                                        @TempDir Path dir) throws Exception {
        ChunkCodec codec = switch (codecName) { case "zlib" -> ZarrCodecs.zlib(5); case "gzip" -> ZarrCodecs.gzip(5); default -> ZarrCodecs.NONE; };
        ExportWriter.Layout layout = new ExportWriter.Layout(new Vec3(16, 16, 8), order, sep, codec, absolute);
        int sx = BOX.size().x(), sy = BOX.size().y();
        Path root = dir.resolve("box");
        new ExportWriter(root, "saved", new VoxelSize(8, 8, 30, "nanometer"))
            .layer("color", "color", ElementType.UINT8, BOX, layout, i -> i & 0xFF, null)
            .layer("segmentation", "segmentation", type, BOX, layout, i -> id((int) (i % sx), (int) (i / sx % sy), (int) (i / ((long) sx * sy))), B)
            .mag("segmentation", new Vec3(2, 2, 1), type, BOX, layout, i -> A) // stale coarse values: the save recomputes those over the edit
            .write();
        if (absolute) { // sentinels in chunk (0, 0, 0) outside the box
            ZarrV2Array arr = ZarrV2Array.open(root.resolve("segmentation/1"));
            ChunkData c = arr.readChunk(0, 0, 0);
            long[] v = new long[16 * 16 * 8];
            for (int i = 0; i < v.length; i++) v[i] = c.bits(i, true);
            v[0] = 999;       // global (0, 0, 0)
            v[16 * 16 * 2] = 1234; // global (0, 0, 2): z < 3
            arr.writeChunk(0, 0, 0, ChunkData.ofLongs(new Vec3(16, 16, 8), v), org.proofbox.io.FileWrites.DIRECT);
        }
        Map<Path, byte[]> before = files(root);

        LoadedBox box = LoadedBox.open(root, 2, Progress.NONE);
        LabelEditor ed = new LabelEditor(box.labels(), box.index(), box.export().segmentationLayer().largestSegmentId().orElse(0L));
        int fresh = ed.newSlot();
        long newId = box.labels().table().idOf(fresh);
        assertEquals(B + 1, newId);
        ed.apply(Operations.brush(ed, 2, 4, 3, 2, 1, fresh, false)); // local (4, 3, 2) = global (9, 10, 5): chunk (0, 0, 0)
        ExportSaver.Result r = ExportSaver.save(box, ed, Progress.NONE);
        assertEquals(1, r.chunksWritten());
        assertEquals(1, r.coarseChunksWritten());
        assertEquals(newId, r.largestSegmentId());
        assertTrue(!ed.hasUnsavedChanges());

        // every file but the one chunk, its coarse chunk and the properties is byte-identical
        Map<Path, byte[]> after = files(root);
        java.util.Set<Path> expectedFiles = new java.util.HashSet<>(before.keySet());
        expectedFiles.add(Path.of(ExportSaver.MARKER)); // the save marker is the one new file, and it names the save's state
        assertEquals(expectedFiles, after.keySet());
        assertEquals(r.state() + "\n", new String(after.get(Path.of(ExportSaver.MARKER)), java.nio.charset.StandardCharsets.US_ASCII));
        int changed = 0;
        for (Path p : before.keySet()) if (!java.util.Arrays.equals(before.get(p), after.get(p))) changed++;
        assertEquals(3, changed);

        // a fresh reader sees the edit, and nothing else changed
        LoadedBox again = LoadedBox.open(root, 2, Progress.NONE);
        for (int z = 0; z < 20; z++) for (int y = 0; y < 30; y++) for (int x = 0; x < 40; x++) {
            boolean painted = z == 2 && (x - 4) * (x - 4) + (y - 3) * (y - 3) <= 2;
            assertEquals(painted ? newId : id(x, y, z), again.labels().idAt(x, y, z), x + "," + y + "," + z);
        }
        assertEquals(newId, again.export().segmentationLayer().largestSegmentId().orElseThrow());
        JsonNode props = Json.read(root.resolve("datasource-properties.json"));
        assertEquals("saved", props.path("id").path("name").asText(), "the rest of the properties is kept");
        ZarrV2Array arr = ZarrV2Array.open(root.resolve("segmentation/1"));
        assertEquals(order, arr.spec().order());
        assertEquals(type, arr.type());
        if (absolute) {
            ChunkData c = arr.readChunk(0, 0, 0);
            assertEquals(999, c.bits(0, true), "outside the box: kept");
            assertEquals(1234, c.bits(16 * 16 * 2, true));
        }
        // the coarse voxel over the painted disc: mode of its 2x2 footprint
        ZarrV2Array coarse = ZarrV2Array.open(root.resolve("segmentation/2-2-1"));
        var cl = again.export().open(again.export().segmentationLayer(), again.export().segmentationLayer().mags().get(1));
        int gx = 9 / 2, gy = 10 / 2, gz = 5; // footprint x 8..9, y 10..11 at z 5: (9,10), (8,10)?, ... painted where in the disc
        Map<Long, Integer> votes = new TreeMap<>(Long::compareUnsigned);
        for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) votes.merge(again.labels().idAt(gx * 2 + dx - 5, gy * 2 + dy - 7, gz - 3), 1, Integer::sum);
        long mode = votes.entrySet().stream().max((a, b) -> a.getValue() != b.getValue() ? a.getValue() - b.getValue() : Long.compareUnsigned(b.getKey(), a.getKey())).orElseThrow().getKey();
        Vec3 o = cl.origin();
        int ax = gx - o.x(), ay = gy - o.y(), az = gz - o.z();
        ChunkData cc = coarse.readChunk(ax / 16, ay / 16, az / 8);
        assertEquals(mode, cc.bits(ax % 16 + 16 * (ay % 16 + 16 * (az % 8)), true));

        // the independent numpy reader agrees on every id's count (zlib, gzip and raw chunks)
        Map<String, Long> expected = new HashMap<>();
        for (var s : again.index().segments()) expected.put(Long.toUnsignedString(s.id()), s.voxels());
        expected.put("0", again.index().voxels(0));
        Process p = new ProcessBuilder("python3", "src/test/python/segment_counts.py", Shared.root().toString(), root.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        Map<String, Long> got = new HashMap<>();
        Json.MAPPER.readTree(out).fields().forEachRemaining(e -> got.put(e.getKey(), e.getValue().asLong()));
        assertEquals(expected, got);
    }

    static Map<Path, byte[]> files(Path root) throws Exception {
        Map<Path, byte[]> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) if (Files.isRegularFile(p)) m.put(root.relativize(p), Files.readAllBytes(p));
        }
        return m;
    }
}
