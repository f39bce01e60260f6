package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.ExportLock;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.Json;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;

/**
 * Exports that lie or are built to harm, run through {@code check}, {@code info} and
 * {@code fix}: each exits 2 with one line naming the file and the problem, within seconds (a FIFO
 * never hangs a reader), and nothing is written anywhere — every file under the test folder,
 * including a folder beside the export, hashes the same before and after ({@code fix} may leave
 * only its empty lock file, {@value ExportLock#NAME}, in the export).
 */
class HostileInputTest {
    @TempDir
    Path dir;
    Path export;

    @BeforeEach
    void writeExport() throws Exception {
        export = dir.resolve("box");
        int sx = 40;
        new ExportWriter(export, "box", new VoxelSize(1, 1, 1, "nanometer"))
            .layer("segmentation", "segmentation", ElementType.UINT32, new Box3(new Vec3(8, 0, 0), new Vec3(sx, 30, 20)),
                new ExportWriter.Layout(new Vec3(16, 16, 16), 'C', ".", ZarrCodecs.zlib(5), false), i -> (i % sx) < 10 || (i % sx) > 30 ? 5 : 0, 5L)
            .write();
        Files.createDirectories(dir.resolve("outside/x"));
        FixCliTest.copy(export.resolve("segmentation/1"), dir.resolve("outside/x/1"));
    }

    private static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) m.put(rel, "link " + Files.readSymbolicLink(p));
                else if (Files.isRegularFile(p)) m.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                else if (Files.isDirectory(p)) m.put(rel, "dir");
                else m.put(rel, "special");
            }
        }
        return m;
    }

    /** check, info and fix on {@code path}: exit 2, one line naming {@code file} and {@code problem}, nothing written. */
    private void refusedByAll(Path path, String file, String problem) throws Exception {
        for (String[] cmd : new String[][] {{"check", path.toString()}, {"info", path.toString()}, {"fix", path.toString(), "--split-disconnected"}}) {
            Map<String, String> before = hashes(dir);
            CliTest.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> CliTest.run(cmd));
            assertEquals(2, r.code(), cmd[0] + ": " + r.err() + r.out());
            assertTrue(r.err().contains(problem), cmd[0] + ": " + r.err());
            CliTest.assertOneLine(r.err(), problem);
            assertTrue(r.err().contains(file), cmd[0] + " names " + file + ": " + r.err());
            Map<String, String> after = hashes(dir);
            if (cmd[0].equals("fix")) {
                after.remove("box/" + ExportLock.NAME);
                before.remove("box/" + ExportLock.NAME);
            }
            assertEquals(before, after, cmd[0] + " wrote something");
        }
    }

    private void editProperties(Consumer<ObjectNode> layer) throws Exception {
        Path f = export.resolve("datasource-properties.json");
        ObjectNode root = (ObjectNode) Json.read(f);
        layer.accept((ObjectNode) root.get("dataLayers").get(0));
        Files.write(f, Json.MAPPER.writeValueAsBytes(root));
    }

    private Path chunk() {
        return export.resolve("segmentation/1/0.1.1.0");
    }

    @Test
    void aFolderInPlaceOfAChunk() throws Exception {
        Files.delete(chunk());
        Files.createDirectory(chunk());
        refusedByAll(export, chunk().toString(), "a folder where a chunk file should be");
    }

    @Test
    void aFifoInPlaceOfAChunkIsNeverOpened() throws Exception {
        Files.delete(chunk());
        assertEquals(0, new ProcessBuilder("mkfifo", chunk().toString()).start().waitFor());
        refusedByAll(export, chunk().toString(), "not a regular file");
    }

    @Test
    void aFifoInPlaceOfTheProperties() throws Exception {
        Path f = export.resolve("datasource-properties.json");
        Files.delete(f);
        assertEquals(0, new ProcessBuilder("mkfifo", f.toString()).start().waitFor());
        refusedByAll(export, f.toString(), "not a regular file");
    }

    @Test
    void aLinkLoopAndADanglingLink() throws Exception {
        Files.delete(chunk());
        Path other = export.resolve("segmentation/1/loop");
        Files.createSymbolicLink(chunk(), other.getFileName());
        Files.createSymbolicLink(other, chunk().getFileName());
        refusedByAll(export, chunk().toString(), "cannot be followed");
        Files.delete(other);
        refusedByAll(export, chunk().toString(), "dangling link");
    }

    @Test
    void sizesAreReadExactly() throws Exception {
        editProperties(l -> ((ObjectNode) l.get("boundingBox")).put("width", (1L << 32) + 200));
        refusedByAll(export, "datasource-properties.json", "boundingBox.width must be an integer from 0 to 2^31-1, found 4294967496");
        editProperties(l -> ((ObjectNode) l.get("boundingBox")).put("width", 1L << 40));
        refusedByAll(export, "datasource-properties.json", "found 1099511627776");
    }

    @Test
    void anOverflowingOrNegativeTopLeft() throws Exception {
        editProperties(l -> ((ArrayNode) l.get("boundingBox").get("topLeft")).set(0, Integer.MAX_VALUE - 10));
        refusedByAll(export, "datasource-properties.json", "beyond 2^31-1");
        editProperties(l -> ((ArrayNode) l.get("boundingBox").get("topLeft")).set(0, -8));
        refusedByAll(export, "datasource-properties.json", "is negative");
    }

    @Test
    void pathsOutsideTheExport() throws Exception {
        editProperties(l -> ((ObjectNode) l.get("mags").get(0)).put("path", "../outside/x/1"));
        refusedByAll(export, "datasource-properties.json", "lies outside the export folder");
        editProperties(l -> ((ObjectNode) l.get("mags").get(0)).put("path", dir.resolve("outside/x/1").toString()));
        refusedByAll(export, "datasource-properties.json", "lies outside the export folder");
        editProperties(l -> {
            l.put("name", "../outside");
            ((ObjectNode) l.get("mags").get(0)).remove("path");
        });
        refusedByAll(export, "datasource-properties.json", "is not a plain folder name");
    }

    @Test
    void aTinyExportDeclaringATeravoxelIsRefusedBeforeAllocating() throws Exception {
        declareSize(32768, 32768, 1024);
        refusedByAll(export, ".zarray", "TiB of memory");
    }

    /** The box and its segmentation array declare this size; the few chunks written stay as they are. */
    private void declareSize(int x, int y, int z) throws Exception {
        editProperties(l -> ((ObjectNode) l.get("boundingBox")).put("width", x).put("height", y).put("depth", z));
        Path zarray = export.resolve("segmentation/1/.zarray");
        ObjectNode a = (ObjectNode) Json.read(zarray);
        ((ArrayNode) a.get("shape")).removeAll().add(1).add(x).add(y).add(z);
        Files.write(zarray, Json.MAPPER.writeValueAsBytes(a));
    }

    /**
     * Issue 13: a 4096³ box is refused before anything is read, with the whole estimate in one
     * line — labels at 2⅛ bytes per voxel (2-byte slots and the edit bitmap), for a check its working set
     * of 1.6 bytes per voxel — and nothing is written.
     */
    @Test
    void a4096CubedBoxIsRefusedWithTheWholeEstimate() throws Exception {
        declareSize(4096, 4096, 4096);
        refusedByAll(export, ".zarray", "of memory");
        long v = 4096L * 4096 * 4096;
        double gib = 1L << 30;
        String labels = String.format(java.util.Locale.ROOT, "labels %.1f GiB", (2 * v + v / 8 + (1 << 20)) / gib);
        String check = String.format(java.util.Locale.ROOT, "check %.1f GiB", org.proofbox.store.MemoryPlan.CHECK_BYTES_PER_VOXEL * v / gib);
        CliTest.Result r = CliTest.run("check", export.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("this 4096×4096×4096 box needs about") && r.err().contains(labels) && r.err().contains(check), r.err());
        r = CliTest.run("info", export.toString());
        assertTrue(r.err().contains(labels) && !r.err().contains("check "), "info needs the labels alone: " + r.err());
    }

    @Test
    void noFreeIdAboveTwoToTheSixtyFourIsExitTwo() throws Exception {
        Path max = dir.resolve("max");
        new ExportWriter(max, "max", new VoxelSize(1, 1, 1, "nanometer"))
            .layer("segmentation", "segmentation", ElementType.UINT64, new Box3(Vec3.ZERO, new Vec3(20, 10, 10)),
                ExportWriter.Layout.webknossos(ZarrCodecs.zlib(1)), i -> (i % 20) < 5 || (i % 20) >= 10 && (i % 20) < 15 ? -1L : 0, null)
            .write();
        CliTest.Result r = CliTest.run("check", max.toString(), "--json");
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        assertTrue(r.out().contains("18446744073709551615"), "the id survives: " + r.out().substring(0, Math.min(400, r.out().length())));
        Map<String, String> before = hashes(dir);
        r = CliTest.run("fix", max.toString(), "--split-disconnected");
        assertEquals(2, r.code(), r.err());
        CliTest.assertOneLine(r.err(), "no free segment id: the largest id 18446744073709551615 is the maximum of uint64");
        Map<String, String> after = hashes(dir);
        after.remove("max/" + ExportLock.NAME);
        assertEquals(before, after);
    }

    @Test
    void zipLimitsCoverTheNmlAndNestedErrorsNameTheUsersZip() throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        String nml = org.proofbox.io.AnnotationZipSafetyTest.NML;
        byte[] big = (nml.substring(0, nml.length() - "</things>".length()) + " ".repeat(40 << 20) + "</things>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.proofbox.io.AnnotationZipSafetyTest.zip(bomb, new org.proofbox.io.AnnotationZipSafetyTest.Entry("x.nml", big, 0),
            new org.proofbox.io.AnnotationZipSafetyTest.Entry("data_Volume.zip", org.proofbox.io.AnnotationZipSafetyTest.emptyZip(), 0));
        CliTest.Result r = CliTest.run("check", bomb.toString());
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "inflates");
        assertTrue(r.err().contains("bomb.zip"), r.err());

        Path nested = dir.resolve("nested.zip");
        org.proofbox.io.AnnotationZipSafetyTest.zip(nested, new org.proofbox.io.AnnotationZipSafetyTest.Entry("x.nml", nml),
            new org.proofbox.io.AnnotationZipSafetyTest.Entry("data_Volume.zip", "this is not a zip at all".repeat(10)));
        r = CliTest.run("check", nested.toString());
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), nested + "/data_Volume.zip");
        assertFalse(r.err().contains("proofbox-annotations-"), "names the user's zip, not the temporary copy: " + r.err());
    }
}
