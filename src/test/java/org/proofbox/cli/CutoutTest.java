package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.io.Json;

/**
 * WEBKNOSSOS-style TIFF cutouts of real ground truth (gala_fib_train), written by tifffile and
 * Pillow (src/test/resources/python/cutouts.py): an OME-TIFF with its colour cutout, a plain uint64
 * TIFF (ids beyond 2³², Deflate, 7-row strips), a tiled big-endian TIFF with differencing, a TIFF
 * stack as folder and zip, LZW and PackBits sections. Each reads as the Zarr export does (info,
 * check), a fix written back decodes in tifffile to what the same fix gives on the export, and bad
 * files are refused in one line with nothing written.
 */
public class CutoutTest {
    static final Path SCRIPT = Path.of("src/test/resources/python/cutouts.py");
    @TempDir static Path dir;
    static JsonNode made;
    static JsonNode zarrInfo;

    public static String python(String... args) throws Exception {
        return run(SCRIPT, args);
    }

    static String ozx(String... args) throws Exception {
        return run(Path.of("src/test/resources/python/ozx.py"), args);
    }

    /** Runs a Python helper with ../shared known to it; its stdout, or the test fails with its stderr. */
    static String run(Path script, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("PROOFBOX_SHARED", Shared.root().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), err);
        return out;
    }

    @BeforeAll
    static void make() throws Exception {
        made = Json.MAPPER.readTree(python("make", Shared.data("gala_fib_train").toString(), dir.toString()));
        CliTest.Result r = CliTest.run("info", Shared.data("gala_fib_train").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        zarrInfo = Json.MAPPER.readTree(r.out());
    }

    static JsonNode info(String... args) throws Exception {
        List<String> a = new java.util.ArrayList<>(List.of("info"));
        a.addAll(List.of(args));
        a.add("--json");
        CliTest.Result r = CliTest.run(a.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return Json.MAPPER.readTree(r.out());
    }

    @Test
    void everyKindReadsAsTheExportDoes() throws Exception {
        for (String k : List.of("ome", "stack", "stackZip", "tiled", "tiff_lzw", "packbits")) {
            JsonNode i = info(made.get(k).asText());
            assertEquals(zarrInfo.get("box"), i.get("box"), k);
            assertEquals(zarrInfo.get("segmentCount"), i.get("segmentCount"), k);
            assertEquals(zarrInfo.get("segments"), i.get("segments"), k + ": every segment's voxels and bounding box");
            assertEquals(zarrInfo.get("labelledFraction"), i.get("labelledFraction"), k);
        }
        JsonNode ome = info(made.get("ome").asText());
        assertEquals(zarrInfo.get("voxelSize"), ome.get("voxelSize"), "OME-XML's physical sizes (µm) in nm");
        assertEquals("ome-tiff", ome.get("cutout").get("kind").asText());
        assertEquals("OME-XML", ome.get("cutout").get("voxelSizeFrom").asText());
        assertTrue(ome.get("cutout").get("color").asText().endsWith("gala-color.ome.tif"), "the colour cutout beside it is found by name");
        assertTrue(ome.get("cutout").get("offsetFrom").asText().startsWith("none"), ome.toString());
        // a folder with both cutouts under names that do not tell: --raw says which is the EM (the app asks)
        Path pair = dir.resolve("pair");
        Files.createDirectories(pair);
        Files.copy(Path.of(made.get("ome").asText()), pair.resolve("a.ome.tif"));
        Files.copy(Path.of(made.get("ome").asText()).resolveSibling("gala-color.ome.tif"), pair.resolve("b.ome.tif"));
        CliTest.Result unclear = CliTest.run("info", pair.toString());
        assertEquals(2, unclear.code());
        CliTest.assertOneLine(unclear.err(), "holds no TIFF cutout this can tell apart");
        JsonNode told = info(pair.toString(), "--raw", pair.resolve("b.ome.tif").toString());
        assertEquals(zarrInfo.get("segments"), told.get("segments"));
        assertTrue(told.get("cutout").get("color").asText().endsWith("b.ome.tif"));
        JsonNode stack = info(made.get("stack").asText());
        assertEquals("tiff-stack", stack.get("cutout").get("kind").asText());
        assertTrue(stack.get("cutout").get("voxelSizeFrom").asText().startsWith("unknown"), "a stack carries no metadata: said so");

        // uint64 ids beyond 2^32: the same segments, each id + 2^33
        JsonNode u64 = info(made.get("u64").asText());
        assertEquals(zarrInfo.get("segmentCount"), u64.get("segmentCount"));
        for (int s = 0; s < zarrInfo.get("segments").size(); s++) {
            JsonNode a = zarrInfo.get("segments").get(s), b = u64.get("segments").get(s);
            assertEquals(a.get("id").asLong() + (1L << 33), b.get("id").asLong());
            assertEquals(a.get("voxels"), b.get("voxels"));
            assertEquals(a.get("bboxMin"), b.get("bboxMin"));
        }
    }

    @Test
    void whereTheBoxSitsComesFromTheOptionsOrAnNmlBeside() throws Exception {
        Path nmlDir = dir.resolve("with-nml");
        Files.createDirectories(nmlDir);
        Path tif = nmlDir.resolve("seg.tif");
        Files.copy(Path.of(made.get("u64").asText()), tif);
        Files.writeString(nmlDir.resolve("box.nml"), """
            <things><parameters><experiment name="gala" /><scale x="8.0" y="8.0" z="30.0" />
            <userBoundingBox id="1" name="other" topLeftX="0" topLeftY="0" topLeftZ="0" width="10" height="10" depth="10" />
            <userBoundingBox id="2" name="task 7" topLeftX="1024" topLeftY="2048" topLeftZ="300" width="200" height="100" depth="50" />
            </parameters></things>""");
        JsonNode i = info(tif.toString());
        assertEquals("[1024,2048,300]", i.get("box").get("topLeft").toString());
        assertEquals("[8.0,8.0,30.0]", i.get("voxelSize").toString());
        assertEquals("NML box.nml, bounding box \"task 7\"", i.get("cutout").get("offsetFrom").asText());
        i = info(tif.toString(), "--offset", "5,6,7", "--voxel-size", "4,4,40");
        assertEquals("[5,6,7]", i.get("box").get("topLeft").toString());
        assertEquals("[4.0,4.0,40.0]", i.get("voxelSize").toString());
        assertEquals("--offset", i.get("cutout").get("offsetFrom").asText());
        // findings sit at the same place in the dataset: the stack with the export's voxel size checks as the export does
        CliTest.Result a = CliTest.run("check", Shared.data("gala_fib_train").toString(), "--json");
        CliTest.Result b = CliTest.run("check", made.get("stack").asText(), "--voxel-size", "10,10,10", "--json");
        CliTest.Result c = CliTest.run("check", made.get("ome").asText(), "--json");
        assertEquals(a.code(), b.code(), b.err());
        assertEquals(a.code(), c.code(), c.err());
        JsonNode fa = Json.MAPPER.readTree(a.out()).get("findings");
        assertTrue(fa.size() > 0);
        assertEquals(fa, Json.MAPPER.readTree(b.out()).get("findings"));
        assertEquals(fa, Json.MAPPER.readTree(c.out()).get("findings"));
    }

    @Test
    void aFixGoesBackInTheSameFormAndDecodesInTifffile() throws Exception {
        Path copy = dir.resolve("gala-copy");
        try (var s = Files.walk(Shared.data("gala_fib_train"))) {
            for (Path p : s.toList()) {
                Path t = copy.resolve(Shared.data("gala_fib_train").relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t); else Files.copy(p, t);
            }
        }
        CliTest.Result r = CliTest.run("fix", copy.toString(), "--split-disconnected", "--remove-fragments", "3");
        assertEquals(0, r.code(), r.err());
        long changed = Json.MAPPER.readTree(r.out()).get("changedVoxels").asLong();
        assertTrue(changed > 0);
        for (String k : List.of("ome", "stack", "stackZip", "tiled")) {
            Path src = Path.of(made.get(k).asText());
            String ext = k.equals("stackZip") ? ".zip" : k.equals("stack") ? "" : ".tif";
            Path out = dir.resolve("fixed-" + k + ext);
            java.util.Map<String, String> before = Files.isDirectory(src) ? Shared.listing(src) : java.util.Map.of("f", Long.toString(Files.size(src)) + Files.getLastModifiedTime(src));
            r = CliTest.run("fix", src.toString(), "--split-disconnected", "--remove-fragments", "3", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
            assertEquals(changed, Json.MAPPER.readTree(r.out()).get("changedVoxels").asLong(), k);
            assertEquals("{\"same\": true, \"a\": [200, 100, 50], \"b\": [200, 100, 50]}", python("same", copy.toString(), out.toString()).strip(),
                k + ": tifffile reads the same labels as the fixed export");
            JsonNode v = Json.MAPPER.readTree(python("verify", src.toString(), out.toString()));
            v.get("piecesPerId").fields().forEachRemaining(e -> assertEquals(1, e.getValue().asInt(), k + ": id " + e.getKey() + " is one piece"));
            v.get("originOfId").fields().forEachRemaining(e -> assertTrue(e.getValue().size() == 1, k + ": id " + e.getKey() + " comes from one old id"));
            assertEquals(before, Files.isDirectory(src) ? Shared.listing(src) : java.util.Map.of("f", Long.toString(Files.size(src)) + Files.getLastModifiedTime(src)),
                "the source is never changed");
        }
        // uint64 beyond 2^32 survives the write
        Path out64 = dir.resolve("fixed-u64.tif");
        r = CliTest.run("fix", made.get("u64").asText(), "--split-disconnected", "--remove-fragments", "3", "--out", out64.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode v = Json.MAPPER.readTree(python("verify", made.get("u64").asText(), out64.toString()));
        assertEquals("uint64", v.get("dtype").asText());
        assertEquals(changed, v.get("changedVoxels").asLong());
        v.get("originOfId").fields().forEachRemaining(e -> assertTrue(e.getValue().get(0).asLong() > (1L << 33), "old ids beyond 2^33 kept"));
        // never over the source or an existing file, never in place
        r = CliTest.run("fix", made.get("ome").asText(), "--remove-fragments", "3", "--out", out64.toString());
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "exists already");
        r = CliTest.run("fix", made.get("ome").asText(), "--split-disconnected");
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "never changed in place");
    }

    @Test
    void badCutoutsAreRefusedInOneLineWithNothingWritten() throws Exception {
        Path bad = Path.of(made.get("bad").asText());
        String[][] cases = {{"truncated.tif", "truncated"}, {"sizes.tif", "page 1 is 200 × 99, but the first section is 200 × 100"},
            {"gap", "the TIFF stack has a gap: section 3 is missing"}};
        for (String[] c : cases) {
            for (String cmd : List.of("info", "check", "fix")) {
                Path out = dir.resolve("never-" + cmd + ".tif");
                CliTest.Result r = cmd.equals("fix") ? CliTest.run("fix", bad.resolve(c[0]).toString(), "--split-disconnected", "--out", out.toString())
                    : CliTest.run(cmd, bad.resolve(c[0]).toString());
                assertEquals(2, r.code(), cmd + " " + c[0] + ": " + r.out());
                CliTest.assertOneLine(r.err(), c[1]);
                assertTrue(r.err().contains(bad.resolve(c[0]).toString()), "names the file: " + r.err());
                assertFalse(Files.exists(out));
            }
        }
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void aZippedOmeZarrCutoutReadsByAxisNameCropsItsPaddingAndGoesBackAsANewOzx() throws Exception {
        Path d = dir.resolve("ozx"), withNml = d.resolve("with-nml");
        Files.createDirectories(withNml);
        Path bare = d.resolve("gala-segmentation.ozx"), seg = withNml.resolve("gala-segmentation.ozx");
        ozx("make", Shared.data("gala_fib_train").toString(), bare.toString());
        ozx("make", Shared.data("gala_fib_train").toString(), seg.toString(), "nml");
        // without the exported extent: the padded array, said to be padded
        JsonNode b = info(bare.toString());
        assertEquals("[256,128,64]", b.get("box").get("size").toString());
        assertTrue(b.get("cutout").get("extentFrom").asText().contains("may be padded"), b.get("cutout").toString());
        // with the NML beside it: cropped to the box, read as the export (voxel size from the multiscales, colour beside it)
        JsonNode i = info(seg.toString());
        assertEquals(zarrInfo.get("box"), i.get("box"));
        assertEquals(zarrInfo.get("voxelSize"), i.get("voxelSize"));
        assertEquals(zarrInfo.get("segments"), i.get("segments"));
        assertEquals("ozx", i.get("cutout").get("kind").asText());
        assertTrue(i.get("cutout").get("color").asText().endsWith("gala-color.ozx"));
        assertTrue(i.get("cutout").get("extentFrom").asText().startsWith("NML cutout.nml"));
        CliTest.Result a = CliTest.run("check", Shared.data("gala_fib_train").toString(), "--json");
        CliTest.Result c = CliTest.run("check", seg.toString(), "--json");
        assertEquals(Json.MAPPER.readTree(a.out()).get("findings"), Json.MAPPER.readTree(c.out()).get("findings"), "no padding gap, same findings");
        // a fix: a new .ozx, only the shards holding the change rewritten, decoded independently
        Path out = dir.resolve("fixed.ozx");
        byte[] before = Files.readAllBytes(seg);
        CliTest.Result r = CliTest.run("fix", seg.toString(), "--split-disconnected", "--remove-fragments", "3", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode v = Json.MAPPER.readTree(ozx("read", out.toString(), "200,100,50"));
        assertTrue(v.get("paddingZero").asBoolean());
        assertTrue(v.get("comment").asText().contains("\"jsonFirst\": true"), "the RFC-9 zip comment is kept");
        Path copy = dir.resolve("gala-for-ozx");
        try (var s = Files.walk(Shared.data("gala_fib_train"))) {
            for (Path p : s.toList()) {
                Path t = copy.resolve(Shared.data("gala_fib_train").relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t); else Files.copy(p, t);
            }
        }
        assertEquals(0, CliTest.run("fix", copy.toString(), "--split-disconnected", "--remove-fragments", "3").code());
        assertEquals("{\"same\": true, \"a\": [200, 100, 50], \"b\": [200, 100, 50]}", python("same", copy.toString(), v.get("npy").asText()).strip(),
            "the written .ozx holds what the same fix gives on the export");
        try (var zo = new java.util.zip.ZipFile(seg.toFile()); var zn = new java.util.zip.ZipFile(out.toFile())) {
            List<String> changed = new java.util.ArrayList<>();
            for (var e : java.util.Collections.list(zo.entries())) {
                if (!java.util.Arrays.equals(zo.getInputStream(e).readAllBytes(), zn.getInputStream(zn.getEntry(e.getName())).readAllBytes())) changed.add(e.getName());
                assertEquals(java.util.zip.ZipEntry.STORED, zn.getEntry(e.getName()).getMethod(), "entries stay stored (RFC-9)");
            }
            assertEquals(List.of("1/c/0/2/0/0", "2-2-1/c/0/1/0/0"), changed, "only the shard holding the removed voxel, at both mags");
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(seg)), "the source is never changed");
        // not an OME-Zarr image: one line
        Path notOme = dir.resolve("plain.ozx");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(notOme))) {
            z.putNextEntry(new java.util.zip.ZipEntry("zarr.json"));
            z.write("{\"zarr_format\": 3, \"node_type\": \"group\"}".getBytes());
        }
        r = CliTest.run("info", notOme.toString());
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "is not an OME-Zarr image: its zarr.json has no multiscales");
    }
}
