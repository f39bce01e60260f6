package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * Broken exports: each gives one message that names the file and the problem, and reading never
 * changes a byte of the export.
 */
class BadInputTest {
    @TempDir
    Path dir;
    Path export;

    @BeforeEach
    void writeExport() throws Exception {
        export = dir.resolve("box");
        Vec3 size = new Vec3(40, 30, 20);
        new ExportWriter(export, "box", new VoxelSize(1, 1, 1, "nanometer"))
            .layer("segmentation", "segmentation", ElementType.UINT32, new Box3(Vec3.ZERO, size),
                new ExportWriter.Layout(new Vec3(16, 16, 16), 'C', ".", ZarrCodecs.zlib(5), false), i -> 1 + i % 3, 3L)
            .write();
    }

    private Path chunk() {
        return export.resolve("segmentation/1/0.1.1.0");
    }

    private ExportException failsToOpen() {
        Map<Path, String> before = hashes(dir);
        ExportException e = assertThrows(ExportException.class, () -> LoadedBox.open(export, 2, Progress.NONE));
        assertEquals(before, hashes(dir), "reading changed the export");
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private static void assertMentions(ExportException e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "\"" + p + "\" missing in: " + e.getMessage());
    }

    @Test
    void missingFolderAndMissingProperties() throws Exception {
        ExportException e = assertThrows(ExportException.class, () -> LoadedBox.open(dir.resolve("nope"), 1, Progress.NONE));
        assertMentions(e, "nope", "no such file");
        Files.delete(export.resolve("datasource-properties.json"));
        assertMentions(failsToOpen(), "datasource-properties.json", "not found");
    }

    @Test
    void malformedJson() throws Exception {
        Files.writeString(export.resolve("datasource-properties.json"), "{\"scale\": [1, 1, 1], \"dataLayers\": [");
        assertMentions(failsToOpen(), "datasource-properties.json", "malformed JSON", "line 1");
    }

    @Test
    void malformedZarray() throws Exception {
        Files.writeString(export.resolve("segmentation/1/.zarray"), "{\"zarr_format\": 2, \"shape\": ");
        assertMentions(failsToOpen(), ".zarray", "malformed JSON");
    }

    @Test
    void truncatedChunk() throws Exception {
        byte[] b = Files.readAllBytes(chunk());
        Files.write(chunk(), java.util.Arrays.copyOf(b, b.length / 2));
        assertMentions(failsToOpen(), "0.1.1.0", "zlib");
    }

    @Test
    void corruptChunk() throws Exception {
        byte[] b = Files.readAllBytes(chunk());
        for (int i = 2; i < b.length; i += 3) b[i] ^= 0x5A;
        Files.write(chunk(), b);
        assertMentions(failsToOpen(), "0.1.1.0", "corrupt");
    }

    @Test
    void chunkOfTheWrongSize() throws Exception {
        Files.write(chunk(), zlib(new byte[100]));
        assertMentions(failsToOpen(), "0.1.1.0", "decodes to 100 bytes, expected 16384");
    }

    @Test
    void unknownDtypeUnsupportedCompressorAndFilters() throws Exception {
        Path zarray = export.resolve("segmentation/1/.zarray");
        String meta = Files.readString(zarray);
        Files.writeString(zarray, meta.replace("\"<u4\"", "\"<c8\""));
        assertMentions(failsToOpen(), ".zarray", "dtype \"<c8\"");
        Files.writeString(zarray, meta.replace("\"zlib\"", "\"bz2\""));
        assertMentions(failsToOpen(), ".zarray", "unsupported compressor \"bz2\"");
        Files.writeString(zarray, meta.replace("\"filters\" : null", "\"filters\" : [{\"id\": \"delta\"}]"));
        assertMentions(failsToOpen(), ".zarray", "filters");
    }

    @Test
    void dtypeDisagreesWithElementClass() throws Exception {
        Path props = export.resolve("datasource-properties.json");
        Files.writeString(props, Files.readString(props).replace("\"uint32\"", "\"uint64\""));
        assertMentions(failsToOpen(), ".zarray", "does not match elementClass uint64");
    }

    @Test
    void arraySmallerThanTheBox() throws Exception {
        Path props = export.resolve("datasource-properties.json");
        Files.writeString(props, Files.readString(props).replace("\"width\" : 40", "\"width\" : 400"));
        assertMentions(failsToOpen(), ".zarray", "smaller than the bounding box");
    }

    @Test
    void negativeIdInSignedSegmentation() throws Exception {
        Path neg = dir.resolve("neg");
        new ExportWriter(neg, "neg", new VoxelSize(1, 1, 1, "nanometer"))
            .layer("segmentation", "segmentation", ElementType.INT32, new Box3(Vec3.ZERO, new Vec3(8, 8, 8)),
                new ExportWriter.Layout(new Vec3(8, 8, 8), 'F', "/", ZarrCodecs.NONE, false), i -> i == 100 ? -7 : 1, null)
            .write();
        ExportException e = assertThrows(ExportException.class, () -> LoadedBox.open(neg, 1, Progress.NONE));
        assertMentions(e, "0/0/0/0", "negative segment id -7");
    }

    @Test
    void aDatasetWithoutSegmentationSaysSoWhenLabelsAreNeeded() {
        ExportException e = assertThrows(ExportException.class,
            () -> LoadedBox.open(Shared.data("webknossos-testdata/simple_zarr3_dataset"), 1, Progress.NONE));
        assertMentions(e, "datasource-properties.json", "no layer of category \"segmentation\"");
    }

    @Test
    void missingMagFolder() throws Exception {
        Files.move(export.resolve("segmentation/1"), export.resolve("segmentation/elsewhere"));
        assertMentions(failsToOpen(), "segmentation/1", "not found");
    }

    @Test
    void corruptZstdAndLz4Chunks() throws Exception {
        for (ChunkCodec codec : new ChunkCodec[] {ZarrCodecs.zstd(3), ZarrCodecs.lz4(), ZarrCodecs.gzip(1)}) {
            byte[] enc = codec.encode(new byte[4096], Path.of("x"));
            byte[] bad = java.util.Arrays.copyOf(enc, enc.length - 3);
            ExportException e = assertThrows(ExportException.class, () -> codec.decode(bad, 4096, Path.of("c/0/1/2")));
            assertMentions(e, "c/0/1/2");
            assertArrayEquals(new byte[4096], codec.decode(enc, 4096, Path.of("ok")));
        }
    }

    private static byte[] zlib(byte[] raw) {
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(raw);
        d.finish();
        byte[] out = new byte[raw.length + 64];
        int n = d.deflate(out);
        return java.util.Arrays.copyOf(out, n);
    }

    private static Map<Path, String> hashes(Path root) {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p), java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
