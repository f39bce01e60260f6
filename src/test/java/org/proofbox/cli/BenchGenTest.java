package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.Json;

/**
 * {@code bench gen} writes what it says: both layers at the asked size, uint64 ids all above 2³²,
 * the 28 planted ids found by {@code check} as disconnected (and nothing else in error), and it
 * never writes into a folder that holds something.
 */
class BenchGenTest {
    @Test
    void aSmallUint64BoxHasItsPlantedSplitsAndWideIds(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("gen");
        CliTest.Result r = CliTest.run("bench", "gen", "--size", "96,80,48", "--segments", "400", "--dtype", "uint64", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        CliTest.Result info = CliTest.run("info", out.toString(), "--json");
        assertEquals(0, info.code(), info.err());
        JsonNode i = Json.MAPPER.readTree(info.out());
        assertEquals("[96,80,48]", i.get("box").get("size").toString());
        assertEquals(2, i.get("layers").size());
        BigInteger twoTo32 = BigInteger.ONE.shiftLeft(32);
        for (JsonNode s : i.get("segments")) assertTrue(new BigInteger(s.get("id").asText()).compareTo(twoTo32) > 0, "uint64 ids lie above 2^32: " + s.get("id"));
        CliTest.Result check = CliTest.run("check", out.toString(), "--json");
        JsonNode c = Json.MAPPER.readTree(check.out());
        assertEquals(28, c.get("summary").get("disconnected").asInt(), c.get("summary").toString());
        assertEquals(28, c.get("summary").get("errors").asInt(), "only the planted splits are errors: " + c.get("summary"));
    }

    @Test
    void refusesAFolderThatHoldsSomething(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("keep.txt"), "mine");
        CliTest.Result r = CliTest.run("bench", "gen", "--size", "32,32,32", "--out", dir.toString());
        assertEquals(2, r.code(), r.err());
        CliTest.assertOneLine(r.err(), "not an empty folder");
        assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
        assertEquals(1, Files.list(dir).count());
    }

    /** Coarse mags as WEBKNOSSOS exports have them (x and y first): each voxel the mag-1 voxel at its corner, in both layers. */
    @Test
    void coarseMagsSampleMagOne(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("gen");
        CliTest.Result r = CliTest.run("bench", "gen", "--size", "300,260,40", "--segments", "300", "--out", out.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("mags 1, 2-2-1, 4-4-2;"), r.out()); // 300/8 = 37 ≤ 64: no 8-8-4
        org.proofbox.io.Export e = org.proofbox.io.Export.open(out);
        org.proofbox.store.LoadedBox fine = org.proofbox.store.LoadedBox.load(e, 2, org.proofbox.task.Progress.NONE);
        for (org.proofbox.model.Vec3 m : java.util.List.of(new org.proofbox.model.Vec3(2, 2, 1), new org.proofbox.model.Vec3(4, 4, 2))) {
            org.proofbox.store.LoadedBox c = org.proofbox.store.LoadedBox.load(e.atMag(m), 2, org.proofbox.task.Progress.NONE);
            var s = c.labels().box().size();
            assertEquals(new org.proofbox.model.Vec3((300 + m.x() - 1) / m.x(), (260 + m.y() - 1) / m.y(), (40 + m.z() - 1) / m.z()), s);
            for (int z = 0; z < s.z(); z++) for (int y = 0; y < s.y(); y++) for (int x = 0; x < s.x(); x++) {
                assertEquals(fine.labels().idAt(x * m.x(), y * m.y(), z * m.z()), c.labels().idAt(x, y, z));
            }
        }
    }
}
