package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.Json;

/**
 * Instance annotation at a coarse mag (issue 15): exports whose segmentation exists only at
 * 16-16-16 or 8-8-4 (nuclei, EM at mags 1…16), made by an independent generator
 * (src/test/resources/python/instance_export.py) with planted defects; `check --instance` finds
 * exactly those, at mag-1 positions inside them; `fix` writes only the layer's own mag; a dense
 * export reviewed `--mag 4` finds its defects within one coarse voxel of where mag 1 does.
 */
public class InstanceTest {
    static final Path SCRIPT = Path.of("src/test/resources/python/instance_export.py");

    public static JsonNode gen(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(0, p.waitFor(), err);
        return Json.MAPPER.readTree(out);
    }

    static boolean inside(JsonNode at, JsonNode box, int slack) {
        for (int a = 0; a < 3; a++) {
            int v = at.get(a).asInt(), lo = box.get("topLeft").get(a).asInt(), hi = lo + box.get("size").get(a).asInt();
            if (v < lo - slack || v >= hi + slack) return false;
        }
        return true;
    }

    @Test
    void instanceChecksFindExactlyThePlantedDefectsAtEitherCoarseMag(@TempDir Path dir) throws Exception {
        for (String mag : List.of("16-16-16", "8-8-4")) {
            Path out = dir.resolve("nuclei-" + mag);
            JsonNode made = gen("instance", out.toString(), mag);
            CliTest.Result r = CliTest.run("check", out.toString(), "--instance", "--json");
            assertEquals(1, r.code(), r.err());
            JsonNode check = Json.MAPPER.readTree(r.out());
            assertEquals(made.get("mag"), check.get("workMag"));
            Set<String> want = new TreeSet<>(), got = new TreeSet<>();
            for (JsonNode p : made.get("planted")) want.add(p.get("defect").asText() + " " + p.get("id").asLong());
            for (JsonNode f : check.get("findings")) {
                String key = f.get("check").asText() + " " + f.get("segment").asLong();
                got.add(key);
                JsonNode planted = null;
                for (JsonNode p : made.get("planted")) if ((p.get("defect").asText() + " " + p.get("id").asLong()).equals(key)) planted = p;
                assertTrue(planted != null, mag + ": a finding nobody planted: " + f);
                assertTrue(inside(f.get("at"), planted.get("box"), 0), mag + ": " + key + " at " + f.get("at") + " lies in the planted " + planted.get("box"));
                if (key.startsWith("touching")) assertEquals(planted.get("other").asLong(), f.get("otherSegment").asLong());
            }
            assertEquals(want, got, mag + ": exactly the planted defects");
            for (JsonNode seg : check.get("segments")) { // a digitized ball is digitally convex: exactly 1, at any mag or aspect
                long id = seg.get("id").asLong();
                if (id == 101 || id == 104 || id == 105 || id == 107) assertEquals(1.0, seg.get("convexity").asDouble(), mag + " " + seg);
                if (id == 102 || id == 103) assertTrue(seg.get("convexity").isNull(), "in pieces or a fragment: not judged " + seg);
                if (id == 108) assertTrue(seg.get("convexity").asDouble() < 0.85, "two nuclei joined: " + seg);
            }
            assertTrue(check.get("membraneStyle").get("style").asText().startsWith("not judged"), "no membrane-style judgement in instance mode");
            assertTrue(check.get("note").asText().contains("coverage and membrane style are not checked"));
            // info: the layer's mags and the work mag, positions in mag-1 voxels
            JsonNode info = Json.MAPPER.readTree(CliTest.run("info", out.toString(), "--json").out());
            assertEquals(made.get("mag"), info.get("workMag"));
            assertEquals(made.get("box").toString(), info.get("box").get("size").toString());
            assertEquals(made.get("voxelSize").toString(), info.get("voxelSize").toString(), "the mag-1 voxel size, as the dataset declares it");
            JsonNode segLayer = null;
            for (JsonNode l : info.get("layers")) if (l.get("category").asText().equals("segmentation")) segLayer = l;
            assertEquals("[" + made.get("mag") + "]", segLayer.get("mags").findValues("mag").toString(), "the layer's own mag only");
            // without --instance the check says what it looks like
            r = CliTest.run("check", out.toString());
            assertTrue(r.err().contains("looks like an instance annotation"), r.err());
        }
    }

    @Test
    void theAppsProjectChecksInstanceBoxesAsTheirReviewWould(@TempDir Path dir) throws Exception {
        List<Path> boxes = new ArrayList<>();
        for (String mag : List.of("16-16-16", "8-8-4")) {
            gen("instance", dir.resolve("nuclei-" + mag).toString(), mag);
            boxes.add(dir.resolve("nuclei-" + mag));
        }
        var q = org.proofbox.model.QcParameters.defaults();
        JsonNode asReviewed = org.proofbox.review.Project.checkAsReviewed(boxes, q, org.proofbox.task.Progress.NONE, f -> { });
        JsonNode dense = org.proofbox.review.Project.check(boxes, q, 1, org.proofbox.task.Progress.NONE, f -> { });
        for (int i = 0; i < 2; i++) {
            JsonNode a = asReviewed.get("boxes").get(i).get("summary"), d = dense.get("boxes").get(i).get("summary");
            assertEquals(0, a.get("coverage_gap").asInt() + a.get("membrane_style").asInt(), "as instances: no coverage or membrane judgement " + a);
            assertEquals(3, a.get("errors").asInt(), "the split, the fragment and the cavity " + a);
            assertEquals(1, a.get("low_convexity").asInt(), a.toString());
            assertTrue(d.get("coverage_gap").asInt() > 0, "checked densely the unlabelled space is a coverage gap: " + d);
        }
    }

    @Test
    void aFixAtTheCoarseMagWritesOnlyThatMag(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("nuclei");
        gen("instance", out.toString(), "16-16-16");
        JsonNode before = gen("read", out.toString(), "segmentation", "16-16-16");
        Files.move(Path.of(before.get("npy").asText()), dir.resolve("before.npy"));
        CliTest.Result r = CliTest.run("fix", out.toString(), "--split-disconnected", "--remove-fragments", "3");
        assertEquals(0, r.code(), r.err());
        JsonNode fix = Json.MAPPER.readTree(r.out());
        JsonNode after = gen("read", out.toString(), "segmentation", "16-16-16");
        assertEquals(List.of("16-16-16"), Files.list(out.resolve("segmentation")).map(p -> p.getFileName().toString()).sorted().toList(),
            "no finer (or other) mag invented");
        List<Long> ids = new ArrayList<>();
        after.get("ids").forEach(i -> ids.add(i.asLong()));
        assertEquals(List.of(0L, 101L, 102L, 104L, 105L, 106L, 107L, 108L, 109L), ids, "103 (2 voxels) removed, 102's second piece is 109");
        long changed = Files.size(dir.resolve("before.npy")) > 0 ? fix.get("changedVoxels").asLong() : -1;
        assertEquals(56 + 2, changed, "the split piece (56 voxels at mag 16) and the 2-voxel fragment");
        r = CliTest.run("check", out.toString(), "--instance", "--json");
        JsonNode check = Json.MAPPER.readTree(r.out());
        for (JsonNode f : check.get("findings")) {
            assertFalse(f.get("severity").asText().equals("error") && !f.get("check").asText().equals("hole"), "split and fragment fixed: " + f);
            if (f.get("check").asText().equals("low_convexity")) assertEquals(108, f.get("segment").asLong(), "the joined nuclei, still there: " + f);
        }
    }

    @Test
    void aDenseExportReviewedAtMag4FindsItsDefectsWithinOneCoarseVoxel(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("dense");
        JsonNode made = gen("dense", out.toString());
        JsonNode at1 = Json.MAPPER.readTree(CliTest.run("check", out.toString(), "--json").out());
        JsonNode at4 = Json.MAPPER.readTree(CliTest.run("check", out.toString(), "--mag", "4", "--json").out());
        assertEquals("[4,4,4]", at4.get("workMag").toString());
        for (JsonNode p : made.get("planted")) {
            JsonNode f1 = find(at1, p), f4 = find(at4, p);
            assertTrue(f1 != null && f4 != null, p + " found at mag 1 (" + f1 + ") and at mag 4 (" + f4 + ")");
            for (int a = 0; a < 3; a++) assertTrue(Math.abs(f1.get("at").get(a).asInt() - f4.get("at").get(a).asInt()) < 4, p + ": " + f1 + " vs " + f4);
            assertTrue(inside(f4.get("at"), p.get("box"), 0));
        }
        CliTest.Result r = CliTest.run("check", out.toString(), "--mag", "3");
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "has no mag 3-3-3");
    }

    private static JsonNode find(JsonNode check, JsonNode planted) {
        for (JsonNode f : check.get("findings")) {
            if (f.get("check").asText().equals(planted.get("defect").asText()) && f.get("segment").asLong() == planted.get("id").asLong()) return f;
        }
        return null;
    }
}
