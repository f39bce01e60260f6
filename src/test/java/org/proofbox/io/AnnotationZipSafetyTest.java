package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;

/** Malicious and broken annotation zips: one clear message each, and nothing written outside the app's temporary folder. */
public class AnnotationZipSafetyTest {
    public static final String NML = "<things><parameters><experiment name=\"x\"/><scale x=\"1\" y=\"1\" z=\"1\"/>"
        + "<userBoundingBox id=\"1\" name=\"b\" topLeftX=\"0\" topLeftY=\"0\" topLeftZ=\"0\" width=\"8\" height=\"8\" depth=\"8\"/></parameters>"
        + "<volume id=\"0\" name=\"Volume\" location=\"data_Volume.zip\"/></things>";

    public record Entry(String name, byte[] data, int unixMode) {
        public Entry(String name, String text) {
            this(name, text.getBytes(StandardCharsets.UTF_8), 0);
        }
    }

    public static Path zip(Path file, Entry... entries) throws Exception {
        try (OutputStream os = Files.newOutputStream(file); ZipArchiveOutputStream z = new ZipArchiveOutputStream(os)) {
            for (Entry e : entries) {
                ZipArchiveEntry ze = new ZipArchiveEntry(e.name());
                if (e.unixMode() != 0) ze.setUnixMode(e.unixMode());
                z.putArchiveEntry(ze);
                z.write(e.data());
                z.closeArchiveEntry();
            }
        }
        return file;
    }

    public static byte[] emptyZip() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(b)) {
            z.finish();
        }
        return b.toByteArray();
    }

    static String refused(Path zip) {
        ExportException e = assertThrows(ExportException.class, () -> AnnotationZip.open(zip, null, null));
        String m = e.getMessage();
        assertTrue(m.startsWith(zip.toString()), "the message names the zip: " + m);
        assertTrue(!m.contains("\n"), "one line: " + m);
        return m;
    }

    @Test
    void pathTraversalAbsolutePathsAndLinksAreRefused(@TempDir Path dir) throws Exception {
        Path box = Files.createDirectories(dir.resolve("downloads"));
        String m = refused(zip(box.resolve("a.zip"), new Entry("x.nml", NML), new Entry("../evil.nml", "pwned")));
        assertTrue(m.contains("\"../evil.nml\"") && m.contains(".."), m);
        m = refused(zip(box.resolve("b.zip"), new Entry("x.nml", NML), new Entry("/tmp/abs.txt", "pwned")));
        assertTrue(m.contains("absolute path"), m);
        m = refused(zip(box.resolve("c.zip"), new Entry("x.nml", NML), new Entry("link", "/etc/passwd".getBytes(StandardCharsets.UTF_8), 0120777)));
        assertTrue(m.contains("symbolic link"), m);
        assertTrue(!Files.exists(dir.resolve("evil.nml")) && !Files.exists(Path.of("/tmp/abs.txt")));
        try (Stream<Path> s = Files.list(box)) {
            assertEquals(List.of("a.zip", "b.zip", "c.zip"), s.map(p -> p.getFileName().toString()).sorted().toList(), "nothing written beside the zips");
        }
    }

    @Test
    void brokenZipsGiveOneClearMessage(@TempDir Path dir) throws Exception {
        byte[] real = Files.readAllBytes(Shared.data("webknossos-testdata/annotations/l4_sample__explorational__suser__94b271.zip"));
        Path truncated = dir.resolve("truncated.zip");
        Files.write(truncated, java.util.Arrays.copyOf(real, real.length / 2));
        refused(truncated);
        String m = refused(zip(dir.resolve("badxml.zip"), new Entry("x.nml", "<things><parameters><scale x=\"1\""), new Entry("data_Volume.zip", emptyZip(), 0)));
        assertTrue(m.contains("malformed NML"), m);
        m = refused(zip(dir.resolve("novolume.zip"), new Entry("x.nml", NML)));
        assertTrue(m.contains("data_Volume.zip, which is not in the zip"), m);
        m = refused(zip(dir.resolve("nonml.zip"), new Entry("data_Volume.zip", emptyZip(), 0)));
        assertTrue(m.contains("no NML"), m);
        m = refused(zip(dir.resolve("doctype.zip"), new Entry("x.nml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><things>&e;</things>")));
        assertTrue(m.contains("malformed NML"), m);
        Path notZip = dir.resolve("plain.zip");
        Files.writeString(notZip, "not a zip at all");
        refused(notZip);
    }

    @Test
    void aZipBombIsRefusedBeforeInflating(@TempDir Path dir) throws Exception {
        byte[] zeros = new byte[64 << 20]; // deflates about 1000-fold
        String m = refused(zip(dir.resolve("bomb.zip"), new Entry("x.nml", NML), new Entry("data_Volume.zip", zeros, 0)));
        assertTrue(m.contains("zip bomb"), m);
    }

    @Test
    void theCliSaysTheSameInOneLine(@TempDir Path dir) throws Exception {
        Path z = zip(dir.resolve("a.zip"), new Entry("x.nml", NML), new Entry("../evil.nml", "pwned"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(), err = new java.io.ByteArrayOutputStream();
        int code = org.proofbox.cli.Cli.run(new String[] {"info", z.toString(), "--json"}, new java.io.PrintStream(out), new java.io.PrintStream(err));
        assertEquals(2, code);
        String e = err.toString(StandardCharsets.UTF_8).trim();
        assertTrue(e.startsWith("proofbox: " + z) && !e.contains("\n") && e.contains(".."), e);
    }
}
