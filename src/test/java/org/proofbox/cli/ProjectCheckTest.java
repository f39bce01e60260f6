package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
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
 * Projects of synthetic boxes with one planted inconsistency each (issue 16): brick-shaped cells
 * 8 voxels wide, a slab of extracellular space 8 voxels wide left unlabelled, two stray one-voxel
 * fragments. The touch-style box, the box whose extracellular space is labelled and the box with
 * ten times the fragments are each named by exactly their rule (the four ordinary boxes are alike); a clean project gives no finding;
 * the per-box figures are the ones counted from the generating function; --merge of per-box JSON
 * equals the direct run; a box that cannot be read is reported and the others go on.
 */
public class ProjectCheckTest {
    static final int SX = 48, SY = 48, SZ = 24, CELL = 8, ECS_FROM = 20, ECS_TO = 28;

    public enum Kind { GAP, TOUCH, LABELLED_ECS, FRAGMENTS }

    /** The labels of a box of that kind; {@code phase} shifts the cells so boxes differ. */
    static long label(Kind k, int phase, int x, int y, int z) {
        int fragments = k == Kind.FRAGMENTS ? 25 : 2;
        for (int f = 0; f < fragments; f++) { // one-voxel islands inside cells, an id each
            int fx = 3 + (f * 7) % 40, fy = 4 + (f * 11) % 40, fz = 3 + (f * 5) % 18;
            if (fx >= ECS_FROM - 1 && fx <= ECS_TO) fx = 2;
            if (x == fx && y == fy && z == fz) return 100_000 + f;
        }
        if (x >= ECS_FROM && x < ECS_TO) return k == Kind.LABELLED_ECS ? 99_999 : 0;
        int px = x + phase, py = y + 2 * phase;
        boolean membrane = px % CELL == 0 || py % CELL == 0 || z % CELL == 0;
        if (membrane && k != Kind.TOUCH) return 0;
        return 1 + px / CELL + 10L * (py / CELL) + 100L * (z / CELL);
    }

    public static Path box(Path dir, String name, Kind k, int phase) throws Exception {
        Path out = dir.resolve(name);
        LongUnaryOperator f = i -> label(k, phase, (int) (i % SX), (int) (i / SX % SY), (int) (i / (SX * SY)));
        Box3 b = new Box3(new Vec3(0, 0, 0), new Vec3(SX, SY, SZ));
        new ExportWriter(out, name, new VoxelSize(10, 10, 20, "nanometer"))
            .layer("color", "color", ElementType.UINT8, b, ExportWriter.Layout.webknossos(ZarrCodecs.zlib(1)), i -> (i * 31) & 0xFF, null)
            .layer("segmentation", "segmentation", ElementType.UINT32, b, ExportWriter.Layout.webknossos(ZarrCodecs.zlib(1)), f::applyAsLong, 200_000L)
            .write();
        return out;
    }

    static Path project(Path dir, Kind odd) throws Exception {
        for (int i = 0; i < 4; i++) box(dir, "box" + i, Kind.GAP, 0);
        if (odd != null) box(dir, "odd", odd, 0);
        return dir;
    }

    static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : report.get("consistency")) out.add(f.get("rule").asText() + " " + Path.of(f.get("path").asText()).getFileName());
        return out;
    }

    @Test
    void eachPlantedInconsistencyIsNamedByItsRuleAndACleanProjectByNone(@TempDir Path dir) throws Exception {
        JsonNode clean = run(project(dir.resolve("clean"), Kind.GAP));
        assertEquals(List.of(), findings(clean), clean.get("consistency").toString());
        assertEquals(5, clean.get("boxes").size());
        JsonNode touch = run(project(dir.resolve("touch"), Kind.TOUCH));
        assertTrue(findings(touch).contains("membraneStyle odd"), findings(touch).toString());
        assertTrue(findings(touch).stream().noneMatch(s -> s.endsWith(" box0") || s.endsWith(" box1") || s.endsWith(" box2") || s.endsWith(" box3")));
        JsonNode ecs = run(project(dir.resolve("ecs"), Kind.LABELLED_ECS));
        assertEquals(List.of("labelledFraction odd"), findings(ecs));
        JsonNode frag = run(project(dir.resolve("frag"), Kind.FRAGMENTS));
        assertEquals(List.of("fragmentRate odd"), findings(frag));
        JsonNode fr = frag.get("consistency").get(0);
        assertTrue(fr.get("value").asDouble() > 9 * fr.get("projectMedian").asDouble(), fr.toString());
    }

    @Test
    void figuresAreTheCountedOnesAndMergeEqualsTheDirectRun(@TempDir Path dir) throws Exception {
        Path p = project(dir.resolve("p"), Kind.TOUCH);
        JsonNode direct = run(p);
        List<String> files = new ArrayList<>(List.of("check", "--merge", "--json"));
        for (String name : List.of("box0", "box1", "box2", "box3", "odd")) {
            CliTest.Result r = CliTest.run("check", p.resolve(name).toString(), "--json");
            Path f = dir.resolve(name + ".json");
            Files.writeString(f, r.out());
            files.add(f.toString());
        }
        CliTest.Result merged = CliTest.run(files.toArray(String[]::new));
        assertEquals(direct, Json.MAPPER.readTree(merged.out()), "the merge of per-box JSON is the direct run");

        for (JsonNode b : direct.get("boxes")) { // labelled fraction and segment count, counted from the generator
            Kind k = b.get("path").asText().endsWith("odd") ? Kind.TOUCH : Kind.GAP;
            int phase = 0;
            long labelled = 0;
            java.util.Set<Long> ids = new java.util.HashSet<>();
            for (int z = 0; z < SZ; z++) for (int y = 0; y < SY; y++) for (int x = 0; x < SX; x++) {
                long id = label(k, phase, x, y, z);
                if (id != 0) {
                    labelled++;
                    ids.add(id);
                }
            }
            JsonNode m = b.get("metrics");
            assertEquals(labelled / (double) (SX * SY * SZ), m.get("labelledFraction").asDouble(), 1e-12);
            assertEquals(ids.size(), m.get("segments").asInt());
            assertEquals(SX * SY * SZ * 10 * 10 * 20 / 1e9, m.get("boxUm3").asDouble(), 1e-12);
            assertEquals(k == Kind.TOUCH ? "touch" : "gap", m.get("membraneStyle").asText());
            if (k == Kind.GAP) assertEquals(10.0, m.get("medianGapNm").asDouble(), "one-voxel membranes along x of 10 nm voxels");
            else assertTrue(m.get("medianGapNm").isNull() || m.get("medianGapNm").asDouble() > 10, m.toString());
        }
    }

    @Test
    void aBoxThatCannotBeReadIsReportedAndTheOthersGoOn(@TempDir Path dir) throws Exception {
        Path p = project(dir.resolve("p"), null);
        Path bad = Files.createDirectories(p.resolve("broken"));
        Files.writeString(bad.resolve("datasource-properties.json"), "{oops");
        CliTest.Result r = CliTest.run("check", p.toString(), "--json");
        assertEquals(2, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(4, j.get("boxes").size());
        assertEquals(1, j.get("failed").size());
        assertTrue(j.get("failed").get(0).get("error").asText().contains("datasource-properties.json: malformed JSON"), j.get("failed").toString());
        assertTrue(r.err().contains("malformed JSON"), r.err());
        CliTest.Result m = CliTest.run("check", "--merge", bad.resolve("datasource-properties.json").toString());
        assertEquals(2, m.code());
        CliTest.assertOneLine(m.err(), "not readable JSON");
    }

    @Test
    void realExportsTogetherNameTheTouchStyleBoxAndKeepTheirOwnFigures() throws Exception {
        Path gala = org.proofbox.Shared.data("gala_fib_train"), np = org.proofbox.Shared.data("neuroproof_medulla_ts2");
        CliTest.Result r = CliTest.run("check", gala.toString(), np.toString(), gala.toString(), gala.toString(), "--json");
        assertEquals(1, r.code(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertTrue(findings(j).contains("membraneStyle neuroproof_medulla_ts2"), findings(j).toString());
        assertTrue(findings(j).stream().noneMatch(f -> f.endsWith("gala_fib_train")), findings(j).toString());
        for (JsonNode b : j.get("boxes")) {
            JsonNode single = Json.MAPPER.readTree(CliTest.run("check", b.get("path").asText(), "--json").out());
            assertEquals(single.get("summary"), b.get("summary"));
            assertEquals(single.get("metrics"), b.get("metrics"));
        }
    }

    @Test
    void theDashboardIsSelfContainedMarksTheOutlierAndLinksEachBoxReport(@TempDir Path dir) throws Exception {
        Path p = project(dir.resolve("p"), Kind.LABELLED_ECS);
        Path html = dir.resolve("report.html");
        CliTest.Result r = CliTest.run("check", p.toString(), "--html", html.toString());
        assertTrue(r.code() <= 1, r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("labelledFraction</span> <a href=\"report-boxes/05-odd.html\">odd</a>"), "the finding names and links the box");
        for (String b : List.of("box0", "box1", "box2", "box3", "odd")) assertTrue(page.contains(">" + b + "</a>"), b);
        assertEquals(1, page.split("<td class=\"out\"", -1).length - 1, "exactly one marked cell: the odd box's labelled fraction");
        assertTrue(!page.matches("(?s).*(src|href)=\"https?:.*"), "nothing loaded from the network");
        assertTrue(page.contains("<svg") && page.contains("sortBy("), "plots and the sortable table");
        String own = Files.readString(dir.resolve("report-boxes").resolve("05-odd.html"));
        assertTrue(own.contains("data:image/png;base64"), "the box's own report has its crops inline");
        // merged per-box JSON makes the same dashboard, without links (no crops were made)
        CliTest.Result one = CliTest.run("check", p.resolve("odd").toString(), "--json");
        Path f = Files.writeString(dir.resolve("odd.json"), one.out());
        Path merged = dir.resolve("merged.html");
        CliTest.run("check", "--merge", f.toString(), "--html", merged.toString());
        assertTrue(Files.readString(merged).contains("<td class=\"l\" data-v") || Files.readString(merged).contains(">odd<"));
    }

    private static JsonNode run(Path project) throws Exception {
        CliTest.Result r = CliTest.run("check", project.toString(), "--json", "--jobs", "2");
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        return Json.MAPPER.readTree(r.out());
    }
}
