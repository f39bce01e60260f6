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
}
