package org.proofbox.cli;

import org.proofbox.render.HtmlReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.Json;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;

/**
 * {@code check} end to end on an export with known defects at a box corner far from the origin:
 * two cells split by an unlabelled membrane plane, a stray voxel of A inside B and a 3 × 3 × 3
 * cavity in A. The JSON names exactly those, in global coordinates; the HTML report shows them.
 */
class CheckCliTest {
    static final long A = 0xFFFF_FFF0L, B = 7;
    static final Vec3 TL = new Vec3(1000, 2000, 3000);

    static Path export(Path dir) throws Exception {
        int sx = 40, sy = 40, sz = 20;
        new ExportWriter(dir, "planted", new VoxelSize(10, 10, 10, "nanometer"))
            .layer("color", "color", ElementType.UINT8, new Box3(TL, new Vec3(sx, sy, sz)), ExportWriter.Layout.webknossos(ZarrCodecs.zlib(5)),
                i -> (i * 37) & 0xFF, null)
            .layer("segmentation", "segmentation", ElementType.UINT32, new Box3(TL, new Vec3(sx, sy, sz)),
                ExportWriter.Layout.webknossos(ZarrCodecs.zlib(5)), i -> {
                    int x = (int) (i % sx), y = (int) (i / sx % sy), z = (int) (i / (sx * sy));
                    if (x == 30 && y == 20 && z == 10) return A; // stray voxel of A inside B
                    if (x >= 7 && x <= 9 && y >= 19 && y <= 21 && z >= 9 && z <= 11) return 0; // cavity in A
                    return x < 19 ? A : x == 19 ? 0 : B;
                }, A)
            .write();
        return dir;
    }

    @Test
    void jsonNamesExactlyThePlantedDefects(@TempDir Path dir) throws Exception {
        CliTest.Result r = CliTest.run("check", export(dir).toString(), "--json");
        assertEquals(1, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(26, j.get("parameters").get("connectivity").asInt());
        assertEquals(100, j.get("parameters").get("minFragment").asInt());
        assertEquals("gap", j.get("membraneStyle").get("style").asText());
        List<String> found = new ArrayList<>();
        for (JsonNode f : j.get("findings")) {
            found.add(f.get("check").asText() + " " + f.get("segment").asText() + " " + f.get("at") + " " + f.get("voxels").asLong());
        }
        assertEquals(List.of(
            "disconnected 4294967280 [1030,2020,3010] 1",
            "small_fragment 4294967280 [1030,2020,3010] 1",
            "hole 4294967280 [1007,2019,3009] 27"), found.stream().sorted((a, b) -> order(a) - order(b)).toList());
        JsonNode segA = null;
        for (JsonNode s : j.get("segments")) if (s.get("id").asLong() == A) segA = s;
        assertEquals(2, segA.get("components").asInt());
        assertEquals(1, segA.get("holes").asInt());
        assertEquals(19 * 40 * 20 - 27 + 1, segA.get("voxels").asLong());
        assertEquals(1, j.get("summary").get("disconnected").asInt());
        assertEquals(3, j.get("summary").get("errors").asInt());
    }

    private static int order(String s) {
        return s.startsWith("disconnected") ? 0 : s.startsWith("small") ? 1 : 2;
    }

    @Test
    void htmlReportShowsEveryFindingWithThreeCrops(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        CliTest.Result r = CliTest.run("check", export(dir.resolve("box")).toString(), "--html", html.toString());
        assertEquals(1, r.code(), r.err());
        String s = Files.readString(html);
        assertEquals(3, count(s, "<div class=\"f\">"));
        assertTrue(s.contains("hole</b> segment 4294967280 at [1007, 2019, 3009], 27 voxels"), s);
        Matcher m = Pattern.compile("src=\"data:image/png;base64,([^\"]+)\"").matcher(s);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertEquals(HtmlReport.CROP_PX, img.getWidth());
            assertEquals(HtmlReport.CROP_PX, img.getHeight());
            images++;
        }
        assertEquals(9, images);
        assertTrue(s.contains("<td>4294967280</td>"));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(html)));
    }

    @Test
    void badOptionsAndUnwritableReportAreOneLineExitTwo(@TempDir Path dir) throws Exception {
        Path box = export(dir.resolve("box"));
        CliTest.Result r = CliTest.run("check", box.toString(), "--connectivity", "7");
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "--connectivity");
        r = CliTest.run("check", box.toString(), "--html", dir.resolve("missing/dir/report.html").toString());
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "report.html");
    }

    @Test
    void reviewVerdictsAndCommentsAppearInTheReport(@TempDir Path dir) throws Exception {
        var box = org.proofbox.store.LoadedBox.open(export(dir), 2, org.proofbox.task.Progress.NONE);
        var data = org.proofbox.render.SliceDataLoader.load(box, 2, org.proofbox.task.Progress.NONE);
        var report = org.proofbox.algo.QcEngine.run(box.labels(), box.index(), box.export().info().voxelSize(),
            org.proofbox.model.QcParameters.defaults(), org.proofbox.task.Progress.NONE);
        String html = HtmlReport.render(box, data, report, java.util.Map.of(A, new HtmlReport.Note("needs fix", "stray <voxel> & cavity"),
            B, new HtmlReport.Note("approved", "")));
        assertTrue(html.contains("<th>verdict</th><th>comment</th>"));
        assertTrue(html.contains("<td>needs fix</td><td>stray &lt;voxel&gt; &amp; cavity</td>"), html);
        assertTrue(html.contains("<td>approved</td><td></td>"));
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
        return n;
    }
}
