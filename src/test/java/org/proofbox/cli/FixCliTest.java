package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.io.Json;

/** {@code fix} end to end on a copy of neuroproof_medulla_ts2, then {@code check}. */
public class FixCliTest {
    /** A copy of a folder tree (the shared data is read-only). */
    public static Path copy(Path src, Path dst) throws Exception {
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        return dst;
    }

    @Test
    void splitDisconnectedLeavesNoDisconnectedFindingAndTouchesOnlyTheChangedChunks(@TempDir Path dir) throws Exception {
        Path src = Shared.data("neuroproof_medulla_ts2");
        Path box = copy(src, dir.resolve("np"));
        JsonNode before = Json.MAPPER.readTree(CliTest.run("check", box.toString(), "--json").out());
        Map<Long, Long> voxels = new HashMap<>();
        for (JsonNode s : before.get("segments")) voxels.put(s.get("id").asLong(), s.get("voxels").asLong());
        assertTrue(before.get("summary").get("disconnected").asInt() > 0);

        CliTest.Result dry = CliTest.run("fix", box.toString(), "--split-disconnected", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(Json.MAPPER.readTree(dry.out()).get("save").isNull());
        CliTest.Result r = CliTest.run("fix", box.toString(), "--split-disconnected");
        assertEquals(0, r.code(), r.err());
        JsonNode fix = Json.MAPPER.readTree(r.out());
        assertEquals(fix.get("labelledVoxelsBefore").asLong(), fix.get("labelledVoxelsAfter").asLong());
        int newIds = 0;
        for (JsonNode op : fix.get("operations")) {
            long total = op.get("keptVoxels").asLong();
            for (JsonNode n : op.get("newIdVoxels")) total += n.asLong();
            assertEquals(voxels.get(op.get("segment").asLong()), total, "voxels of " + op.get("segment") + " add up");
            newIds += op.get("newIds").size();
        }
        assertEquals(before.get("summary").get("disconnected").asInt(), newIds, "one new id per extra piece");
        assertEquals(before.get("segments").size() + newIds, fix.get("segmentsAfter").asInt());

        JsonNode after = Json.MAPPER.readTree(CliTest.run("check", box.toString(), "--json").out());
        assertEquals(0, after.get("summary").get("disconnected").asInt());
        for (JsonNode s : after.get("segments")) assertEquals(1, s.get("components").asInt());

        // untouched chunks are byte-identical; the rewritten ones are exactly those the save reports
        int differ = 0, same = 0;
        try (Stream<Path> s = Files.list(src.resolve("segmentation/1"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().startsWith(".")) continue;
                if (java.util.Arrays.equals(Files.readAllBytes(p), Files.readAllBytes(box.resolve("segmentation/1").resolve(p.getFileName().toString())))) same++;
                else differ++;
            }
        }
        assertEquals(fix.get("save").get("chunksWritten").asInt(), differ);
        assertTrue(same > 0);
        try (Stream<Path> s = Files.list(src.resolve("color/1"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                assertTrue(java.util.Arrays.equals(Files.readAllBytes(p), Files.readAllBytes(box.resolve("color/1").resolve(p.getFileName().toString()))));
            }
        }
    }

    @Test
    void fragmentsSplitsAndHolesTogetherLeaveNoErrors(@TempDir Path dir) throws Exception {
        Path box = copy(Shared.data("neuroproof_medulla_ts2"), dir.resolve("np"));
        CliTest.Result r = CliTest.run("fix", box.toString(), "--remove-fragments", "100", "--merge-fragments", "--split-disconnected", "--fill-holes");
        assertEquals(0, r.code(), r.err());
        JsonNode after = Json.MAPPER.readTree(CliTest.run("check", box.toString(), "--json").out());
        assertEquals(0, after.get("summary").get("errors").asInt(), after.get("summary").toString());
    }

    @Test
    void badArgumentsAreOneLineExitTwo(@TempDir Path dir) throws Exception {
        assertEquals(2, CliTest.run("fix", dir.toString(), "--split-disconnected").code());
        CliTest.Result r = CliTest.run("fix", Shared.sample().toString());
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "nothing to do");
        r = CliTest.run("fix", Shared.sample().toString(), "--remove-fragments", "x");
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "--remove-fragments");
    }
}
