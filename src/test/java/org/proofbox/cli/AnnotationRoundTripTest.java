package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.io.Json;

/**
 * The WEBKNOSSOS round trip (issue 14): {@code fix ANNOTATION.zip … --out NEW.zip} on a zarr3
 * annotation made by an independent Python writer (zipfile + numcodecs' Blosc), checked by the same
 * independent Python reader: the NML identical but for largestSegmentId and the segments (a named
 * entry with an anchor inside for the new id, the removed id's entry gone), other entries of both
 * zips byte for byte, only the changed chunks rewritten, the split pieces one component each, the
 * coarse mag the mode of the new mag 1. WEBKNOSSOS's own WKW volume is written back and decoded
 * with Python's lz4. The original is never changed; a volume over a fallback layer is refused in
 * one line with nothing written.
 */
public class AnnotationRoundTripTest {
    static final Path SCRIPT = Path.of("src/test/resources/python/annotation_roundtrip.py");

    public static String python(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/python3", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        String s = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), s);
        return s;
    }

    @Test
    void aSplitGoesBackIntoANewZipThatAnIndependentReaderAccepts(@TempDir Path dir) throws Exception {
        Path orig = dir.resolve("synthetic.zip"), fixed = dir.resolve("fixed.zip");
        python("make", orig.toString());
        byte[] before = Files.readAllBytes(orig);
        // the review done before the fix (a session beside the zip, as the app leaves it) travels as segment metadata
        var w = new org.proofbox.review.Walkthrough(List.of(new org.proofbox.review.Walkthrough.Item(5, 10, 1, null),
            new org.proofbox.review.Walkthrough.Item(9, 10, 0, null), new org.proofbox.review.Walkthrough.Item(4294967293L, 10, 0, null)));
        w.set(5, org.proofbox.model.Verdict.NEEDS_FIX, "two pieces <split>");
        w.set(9, org.proofbox.model.Verdict.APPROVED, "");
        w.set(4294967293L, org.proofbox.model.Verdict.UNREVIEWED, "tiny & \"odd\"");
        Path session = org.proofbox.review.SessionFile.locate(orig);
        org.proofbox.review.SessionFile.write(session, "synthetic", w, org.proofbox.model.QcParameters.defaults(), List.of());
        CliTest.Result r = CliTest.run("fix", orig.toString(), "--split-disconnected", "--out", fixed.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode save = Json.MAPPER.readTree(r.out()).get("save");
        assertEquals(4294967294L, save.get("largestSegmentId").asLong());
        JsonNode v = Json.MAPPER.readTree(python("verify", orig.toString(), fixed.toString()));
        assertTrue(v.get("outerEntries").asBoolean() && v.get("readmeIdentical").asBoolean(), v.toString());
        assertTrue(v.get("nmlElsewhereIdentical").asBoolean(), "trees, comments, parameters and metadata untouched");
        assertTrue(v.get("zerosKept").asBoolean());
        assertEquals(Map.of("5", 1, "9", 1, "4294967293", 1, "4294967294", 1), Json.MAPPER.convertValue(v.get("piecesPerId"), Map.class));
        assertEquals("[5]", v.get("originOfId").get("4294967294").toString(), "the new id is the split piece of 5");
        assertEquals(List.of("volumeAnnotationData/1/c.0.2.2.0", "volumeAnnotationData/2-2-1/c.0.1.1.0"),
            Json.MAPPER.convertValue(v.get("changedEntries"), List.class), "only the chunks holding the piece, at both mags");
        assertTrue(v.get("coarseIsModeOfMag1").asBoolean());
        assertEquals(4294967294L, v.get("largestSegmentId").asLong());
        assertEquals("Axon A (piece, new id 4294967294)", v.get("nmlSegments").get("4294967294").asText());
        assertEquals("Dendrite", v.get("nmlSegments").get("9").asText());
        assertEquals("[\"4294967294\"]", v.get("nmlColoured").toString(), "the new segment has a colour of its own");
        v.get("anchorInside").fields().forEachRemaining(e -> assertTrue(e.getValue().asBoolean(), "anchor of " + e.getKey() + " lies in it"));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(orig)), "the original zip is unchanged");
        assertEquals(Map.of("5", Map.of("Proofbox verdict", "needs fix", "Proofbox comment", "two pieces <split>"), "9", Map.of("Proofbox verdict", "approved"),
            "4294967293", Map.of("Proofbox comment", "tiny & \"odd\"")), Json.MAPPER.convertValue(v.get("segmentMetadata"), Map.class),
            "verdicts and comments as WEBKNOSSOS segment metadata");
        assertEquals(3, save.get("nmlVerdicts").asInt());
        // saving again from the fixed zip with changed verdicts replaces Proofbox's entries, keeps one metadata element
        w.set(5, org.proofbox.model.Verdict.APPROVED, "");
        org.proofbox.review.SessionFile.write(org.proofbox.review.SessionFile.locate(fixed), "synthetic", w, org.proofbox.model.QcParameters.defaults(), List.of());
        Path again = dir.resolve("again.zip");
        r = CliTest.run("fix", fixed.toString(), "--remove-fragments", "30", "--out", again.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode v2 = Json.MAPPER.readTree(python("verify", orig.toString(), again.toString()));
        assertEquals(Map.of("Proofbox verdict", "approved"), Json.MAPPER.convertValue(v2.get("segmentMetadata").get("5"), Map.class));
        String nml2;
        try (var z = new java.util.zip.ZipFile(again.toFile())) {
            nml2 = new String(z.getInputStream(z.getEntry("synthetic.nml")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.regex.Matcher seg5 = java.util.regex.Pattern.compile("(?s)<segment id=\"5\".*?</segment>").matcher(nml2);
        assertTrue(seg5.find(), nml2);
        assertEquals(1, seg5.group().split("<metadata>", -1).length - 1, "one metadata element: " + seg5.group());
        assertEquals(1, seg5.group().split("Proofbox verdict", -1).length - 1, seg5.group());

        // removing a listed segment drops its NML entry
        Path fixed2 = dir.resolve("fixed2.zip");
        r = CliTest.run("fix", orig.toString(), "--remove-fragments", "30", "--out", fixed2.toString());
        assertEquals(0, r.code(), r.err());
        v = Json.MAPPER.readTree(python("verify", orig.toString(), fixed2.toString()));
        assertFalse(v.get("nmlSegments").has("4294967293"), v.get("nmlSegments").toString());
        assertTrue(v.get("nmlElsewhereIdentical").asBoolean());
        assertFalse(v.get("piecesPerId").has("4294967293"));
        assertEquals(List.of("volumeAnnotationData/1/c.0.1.2.0", "volumeAnnotationData/2-2-1/c.0.0.1.0"),
            Json.MAPPER.convertValue(v.get("changedEntries"), List.class));

        // never over an existing file, never in place
        r = CliTest.run("fix", orig.toString(), "--split-disconnected", "--out", fixed.toString());
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "exists already");
        r = CliTest.run("fix", orig.toString(), "--split-disconnected");
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "never changed in place");
    }

    @Test
    void anAttachedDatasetFillsTheFallbackAndEditsThereWriteWholeBuckets(@TempDir Path dir) throws Exception {
        Path orig = dir.resolve("fallback.zip"), ds = dir.resolve("dataset"), fixed = dir.resolve("fixed.zip");
        python("make", orig.toString(), "fallback");
        python("make-dataset", ds.toString());
        // without the dataset: missing, read-only; with it: the fallback's segment 77 is there, the zip's voxels win over the dataset's 88
        JsonNode bare = Json.MAPPER.readTree(CliTest.run("info", orig.toString(), "--json").out());
        assertTrue(bare.get("annotation").get("incomplete").asBoolean());
        CliTest.Result r = CliTest.run("info", orig.toString(), "--dataset", ds.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode info = Json.MAPPER.readTree(r.out());
        assertFalse(info.get("annotation").get("incomplete").asBoolean());
        assertEquals(ds.toString(), info.get("annotation").get("datasetAttached").asText());
        List<Long> ids = new java.util.ArrayList<>();
        info.get("segments").forEach(s -> ids.add(s.get("id").asLong()));
        assertEquals(List.of(5L, 9L, 77L, 4294967293L), ids, "77 from the fallback; 88 hidden under the stored bucket");
        assertTrue(info.get("layers").toString().contains("\"color\""), "the dataset's EM under the labels");
        // edits inside stored buckets (split of 5, erasing the 27 voxels of 4294967293) and in an unstored one (77 removed)
        r = CliTest.run("fix", orig.toString(), "--dataset", ds.toString(), "--split-disconnected", "--remove-fragments", "300", "--out", fixed.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode v = Json.MAPPER.readTree(python("verify-fallback", orig.toString(), fixed.toString(), ds.toString()));
        assertEquals("[[2,1,0]]", v.get("addedBuckets").toString(), "the untouched bucket the edit reached is now stored");
        assertTrue(v.get("addedHoldFallbackPlusEdit").asBoolean(), "it holds the fallback's voxels (9 kept) with 77 erased");
        assertTrue(v.get("storedStillStored").asBoolean(), "the erased bucket stays stored as zeros: absent it would show the fallback again");
        assertTrue(v.get("unchangedStoredIdentical").asBoolean());
        assertEquals("[0,5,9,4294967294]", v.get("idsAfter").toString());
        JsonNode after = Json.MAPPER.readTree(CliTest.run("info", fixed.toString(), "--dataset", ds.toString(), "--json").out());
        List<Long> idsAfter = new java.util.ArrayList<>();
        after.get("segments").forEach(s -> idsAfter.add(s.get("id").asLong()));
        assertEquals(List.of(5L, 9L, 4294967294L), idsAfter, "re-opened with the dataset: the edit holds everywhere");
        // a dataset without the fallback layer is refused in one line, nothing written
        Path other = dir.resolve("other");
        java.nio.file.Files.createDirectories(other);
        java.nio.file.Files.writeString(other.resolve("datasource-properties.json"), java.nio.file.Files.readString(ds.resolve("datasource-properties.json"))
            .replace("\"name\": \"segmentation\"", "\"name\": \"cells\""));
        Path never = dir.resolve("never.zip");
        r = CliTest.run("fix", orig.toString(), "--dataset", other.toString(), "--remove-fragments", "300", "--out", never.toString());
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "has no segmentation layer \"segmentation\", the annotation's fallback layer");
        assertFalse(java.nio.file.Files.exists(never));
    }

    @Test
    void webknossosOwnAnnotations(@TempDir Path dir) throws Exception {
        Path ann = Shared.data("webknossos-testdata").resolve("annotations");
        Path out = dir.resolve("l4.zip");
        CliTest.Result r = CliTest.run("fix", ann.resolve("l4_sample__explorational__suser__94b271.zip").toString(), "--split-disconnected", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Json.MAPPER.readTree(r.out()).get("save").isNull(), "one connected segment: nothing to write");
        assertFalse(Files.exists(out));
        Path src = ann.resolve("multi_volume_example_CREMI.zip"), cremi = dir.resolve("cremi.zip");
        r = CliTest.run("fix", src.toString(), "--volume", "Volume", "--remove-fragments", "1000000", "--out", cremi.toString());
        assertEquals(2, r.code(), r.out());
        CliTest.assertOneLine(r.err(), "fallback layer");
        assertFalse(Files.exists(cremi));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "nothing written");
        }
        // the WKW volume without a fallback: its one segment (16 616 voxels) removed, read back by Python (lz4)
        r = CliTest.run("fix", src.toString(), "--volume", "Volume_2", "--remove-fragments", "20000", "--out", cremi.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode v = Json.MAPPER.readTree(python("verify-wkw", src.toString(), cremi.toString(), "data_0_Volume_2.zip"));
        for (String k : List.of("outerEntries", "otherEntriesIdentical", "nmlElsewhereIdentical", "volumeEntries", "headersIdentical", "layoutSound")) {
            assertTrue(v.get(k).asBoolean(), k + " in " + v);
        }
        assertEquals("[0]", v.get("idsAfter").toString(), "every block of every mag decodes to 0");
        assertEquals(1, v.get("largestSegmentId").asLong(), "never below an id the volume held");
        JsonNode before = Json.MAPPER.readTree(python("verify-wkw", src.toString(), src.toString(), "data_0_Volume_2.zip"));
        assertEquals("[0,1]", before.get("idsAfter").toString(), "the checker sees the segment in the original");

        // verdicts go back per volume: each volume of a multi-volume annotation has a session of its own
        Path own = dir.resolve("review");
        Files.createDirectories(own);
        Path copy = own.resolve("cremi.zip");
        Files.copy(src, copy);
        for (String[] vol : new String[][] {{"Volume", "needs_fix", "wrong volume"}, {"Volume_2", "approved", "checked in 3D"}}) {
            var export = org.proofbox.io.AnnotationZip.open(copy, vol[0], null);
            var w = new org.proofbox.review.Walkthrough(List.of(new org.proofbox.review.Walkthrough.Item(1, 10, 0, null)));
            w.set(1, org.proofbox.model.Verdict.ofKey(vol[1]), vol[2]);
            org.proofbox.review.SessionFile.write(org.proofbox.review.SessionFile.locate(export), "cremi", w, org.proofbox.model.QcParameters.defaults(), List.of());
        }
        Path reviewed = own.resolve("reviewed.zip");
        r = CliTest.run("fix", copy.toString(), "--volume", "Volume_2", "--out", reviewed.toString());
        assertEquals(0, r.code(), r.err());
        v = Json.MAPPER.readTree(python("verify-wkw", copy.toString(), reviewed.toString(), "data_0_Volume_2.zip"));
        assertEquals(java.util.Map.of("1", java.util.Map.of("Proofbox verdict", "approved", "Proofbox comment", "checked in 3D")),
            Json.MAPPER.convertValue(v.get("segmentMetadata"), java.util.Map.class), "Volume_2's own verdict, not Volume's");
        assertTrue(v.get("otherEntriesIdentical").asBoolean() && v.get("volumeEntries").asBoolean(), v.toString());
        assertEquals("[0,1]", v.get("idsAfter").toString(), "a review alone changes no voxel");
    }
}
