package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofbox.Shared;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Vec3;
import org.proofbox.store.LoadedBox;
import org.proofbox.store.RawLoader;
import org.proofbox.store.RawVolume;
import org.proofbox.task.Progress;

/**
 * Files written by WEBKNOSSOS itself, read by Proofbox and compared with an independent decoder
 * (src/test/python/expected_webknossos_testdata.py: zipfile, numpy, python3-lz4, python3-blosc).
 */
class WebknossosTestdataTest {
    static final JsonNode EXPECTED;

    static {
        try {
            EXPECTED = Json.MAPPER.readTree(WebknossosTestdataTest.class.getResourceAsStream("/expected/webknossos_testdata.json"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path data(String p) {
        return Shared.data("webknossos-testdata").resolve(p);
    }

    @Test
    void shardedZarr3DatasetReadsAsTheIndependentDecoderDoes() throws Exception {
        JsonNode e = EXPECTED.get("simple_zarr3_dataset");
        Export export = Export.open(data("simple_zarr3_dataset"));
        LayerInfo color = export.info().colorLayer().orElseThrow();
        LayerArray la = export.open(color, color.finestMag().orElseThrow());
        assertEquals(3, la.array().channels());
        assertEquals(new Vec3(16, 16, 16), la.array().chunkShape(), "the inner chunks of the shard");
        RawVolume raw = RawLoader.load(la, 2, Progress.NONE);
        byte[] xFastest = new byte[24 * 24 * 24];
        for (int z = 0; z < 24; z++) System.arraycopy(raw.slab(z), raw.base(z), xFastest, z * 24 * 24, 24 * 24);
        assertEquals(e.get("channel0_sha256_xfastest").asText(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xFastest)));
        for (JsonNode s : e.get("samples")) assertEquals(s.get(3).asInt(), raw.valueAt(s.get(0).asInt(), s.get(1).asInt(), s.get(2).asInt()));
    }

    static void assertVolume(JsonNode expectedVolume, LoadedBox box) {
        JsonNode m = expectedVolume.get("mag1");
        Map<String, Long> got = new HashMap<>();
        for (SegmentStats s : box.index().segments()) got.put(Long.toUnsignedString(s.id()), s.voxels());
        Map<String, Long> want = new HashMap<>();
        m.get("counts").fields().forEachRemaining(f -> want.put(f.getKey(), f.getValue().asLong()));
        assertEquals(want, got);
        assertEquals(m.get("largestId").asLong(), box.index().largestId());
        assertEquals(new Vec3(m.get("bucketsMin").get(0).asInt(), m.get("bucketsMin").get(1).asInt(), m.get("bucketsMin").get(2).asInt()),
            box.labels().box().topLeft(), "the region is what the stored buckets cover");
        Vec3 end = box.labels().box().end();
        assertEquals(m.get("bucketsEnd").get(0).asInt(), end.x());
        assertEquals(m.get("bucketsEnd").get(2).asInt(), end.z());
        long minX = Long.MAX_VALUE, maxZ = Long.MIN_VALUE;
        for (SegmentStats s : box.index().segments()) {
            minX = Math.min(minX, s.bboxMin().x());
            maxZ = Math.max(maxZ, s.bboxMax().z());
        }
        assertEquals(m.get("bboxMin").get(0).asLong(), minX);
        assertEquals(m.get("bboxMax").get(2).asLong(), maxZ);
        assertEquals(m.get("storedBuckets").asInt(), box.export().annotation().storedBuckets());
    }

    @Test
    void zarr3VolumeAnnotationZip() throws Exception {
        JsonNode e = EXPECTED.get("l4_sample");
        Path zip = data("annotations/l4_sample__explorational__suser__94b271.zip");
        LoadedBox box = LoadedBox.open(zip, 2, Progress.NONE);
        assertVolume(e.get("volumes").get(0), box);
        assertEquals(64_576, box.index().voxels(box.labels().table().findSlot(1)));
        Annotation a = box.export().annotation();
        assertEquals(e.get("voxelSize").get(0).asDouble(), box.export().info().voxelSize().x(), 1e-9);
        assertEquals(28.0, box.export().info().voxelSize().z());
        assertEquals(1L, a.volume().largestSegmentId());
        assertEquals(new Vec3(3395, 3761, 1024), a.volume().segments().get(0).anchor());
        assertEquals(5, box.export().segmentationLayer().mags().size());
        assertTrue(!a.incomplete());
        assertNull(a.box());
    }

    @Test
    void twoLayerWkwAnnotationBothVolumes() throws Exception {
        JsonNode e = EXPECTED.get("multi_volume_example_CREMI");
        Path zip = data("annotations/multi_volume_example_CREMI.zip");
        for (JsonNode v : e.get("volumes")) {
            Export export = AnnotationZip.open(zip, v.get("name").asText(), null);
            LoadedBox box = LoadedBox.load(export, 2, Progress.NONE);
            assertEquals(v.get("elementClass").asText(), box.labelsArray().array().type().wkName());
            assertVolume(v, box);
            assertEquals(!v.get("fallbackLayer").isNull(), export.annotation().incomplete());
            if (export.annotation().incomplete()) assertTrue(export.annotation().banner().contains("MISSING"));
        }
        assertEquals(4.0, AnnotationZip.readNml(zip).voxelSize().x());
    }

    @Test
    void severalBoundingBoxesAndTheChosenOneIsTheRegion() throws Exception {
        JsonNode e = EXPECTED.get("bounding_boxes_example");
        Path zip = data("annotations/bounding-boxes-example.zip");
        Nml nml = AnnotationZip.readNml(zip);
        assertEquals(e.get("boxes").size(), nml.boxes().size());
        for (int i = 0; i < nml.boxes().size(); i++) {
            JsonNode b = e.get("boxes").get(i);
            assertEquals(b.get("id").asInt(), nml.boxes().get(i).id());
            assertEquals(b.get("name").asText(), nml.boxes().get(i).name());
            assertEquals(new Vec3(b.get("topLeft").get(0).asInt(), b.get("topLeft").get(1).asInt(), b.get("topLeft").get(2).asInt()), nml.boxes().get(i).box().topLeft());
            assertEquals(new Vec3(b.get("size").get(0).asInt(), b.get("size").get(1).asInt(), b.get("size").get(2).asInt()), nml.boxes().get(i).box().size());
        }
        Export second = AnnotationZip.open(zip, null, 2);
        assertEquals(nml.boxes().get(1).box(), second.info().segmentationLayer().orElseThrow().box());
        assertEquals(0, second.annotation().storedBuckets());
        assertTrue(second.annotation().incomplete());
        ExportException bad = org.junit.jupiter.api.Assertions.assertThrows(ExportException.class, () -> AnnotationZip.open(zip, null, 7));
        assertTrue(bad.getMessage().contains("no user bounding box 7"), bad.getMessage());
    }

    static JsonNode cli(int wantExit, String... args) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(), err = new java.io.ByteArrayOutputStream();
        int code = org.proofbox.cli.Cli.run(args, new java.io.PrintStream(out, true, "UTF-8"), new java.io.PrintStream(err, true, "UTF-8"));
        if (wantExit >= 0) assertEquals(wantExit, code, err.toString("UTF-8"));
        else assertTrue(code == 0 || code == 1, "check exits 0 or 1, got " + code + ": " + err.toString("UTF-8"));
        return Json.MAPPER.readTree(out.toString("UTF-8"));
    }

    @Test
    void infoAndCheckOnEveryAnnotationZip() throws Exception {
        String[][] cases = {
            {"annotations/l4_sample__explorational__suser__94b271.zip", "l4_sample", null},
            {"annotations/multi_volume_example_CREMI.zip", "multi_volume_example_CREMI", "Volume_2"},
            {"annotations/multi_volume_example_CREMI.zip", "multi_volume_example_CREMI", "Volume"},
        };
        for (String[] c : cases) {
            JsonNode e = EXPECTED.get(c[1]);
            JsonNode vol = null;
            for (JsonNode v : e.get("volumes")) if (c[2] == null || v.get("name").asText().equals(c[2])) { vol = v; break; }
            String[] args = c[2] == null ? new String[] {"info", data(c[0]).toString(), "--json"} : new String[] {"info", data(c[0]).toString(), "--json", "--volume", c[2]};
            JsonNode info = cli(0, args);
            for (int a = 0; a < 3; a++) assertEquals(e.get("voxelSize").get(a).asDouble(), info.get("voxelSize").get(a).asDouble(), 1e-9);
            assertEquals(vol.get("mag1").get("segmentCount").asInt(), info.get("segmentCount").asInt(), c[0] + " " + c[2]);
            assertEquals(vol.get("mag1").get("largestId").asLong(), info.get("largestSegmentId").get("found").asLong());
            assertEquals(e.get("boxes").size(), info.get("annotation").get("boxes").size());
            assertEquals(vol.get("mag1").get("storedBuckets").asInt(), info.get("annotation").get("storedBuckets").asInt());
            JsonNode check = cli(-1, args[0].equals("info") ? replaceFirst(args, "check") : args);
            assertTrue(check.has("summary") && check.has("annotation"));
            if (!vol.get("fallbackLayer").isNull()) assertEquals(0, check.get("summary").get("coverage_gap").asInt(), "missing data is not a coverage gap");
        }
        JsonNode boxes = cli(0, "info", data("annotations/bounding-boxes-example.zip").toString(), "--json", "--box", "2");
        assertEquals(2, boxes.get("annotation").get("boxes").size());
        assertEquals(2, boxes.get("annotation").get("box").asInt());
        assertEquals(371, boxes.get("box").get("topLeft").get(0).asInt());
        assertEquals(0, boxes.get("segmentCount").asInt());
    }

    static String[] replaceFirst(String[] a, String cmd) {
        String[] b = a.clone();
        b[0] = cmd;
        return b;
    }
}
