package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.io.Fixtures;
import org.proofbox.io.Json;

class CliTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void infoJsonOnNeuroproof() throws Exception {
        Result r = run("info", Shared.data("neuroproof_medulla_ts2").toString(), "--json");
        assertEquals(0, r.code, r.err);
        JsonNode o = Json.MAPPER.readTree(r.out);
        JsonNode exp = Json.MAPPER.readTree(CliTest.class.getResourceAsStream("/expected/neuroproof_medulla_ts2.json"));
        assertEquals("neuroproof_medulla_ts2", o.get("name").asText());
        assertEquals("[10.0,10.0,10.0]", o.get("voxelSize").toString());
        assertEquals("{\"topLeft\":[0,0,0],\"size\":[250,250,250]}", o.get("box").toString());
        assertEquals(exp.get("segmentCount").asInt(), o.get("segmentCount").asInt());
        assertEquals(135719, o.get("largestSegmentId").get("found").asLong());
        assertEquals(135719, o.get("largestSegmentId").get("declared").asLong());
        assertEquals(exp.get("labelledVoxels").asDouble() / 250 / 250 / 250, o.get("labelledFraction").asDouble(), 1e-12);
        assertEquals(exp.get("segments"), o.get("segments"));
        JsonNode seg = o.get("layers").get(1);
        assertEquals("segmentation", seg.get("name").asText());
        assertEquals("uint32", seg.get("dtype").asText());
        assertEquals("[250,250,250]", seg.get("mags").get(0).get("shape").toString());
    }

    @Test
    void idsBeyond2To63AreExactInJson() throws Exception {
        Result r = run("info", Fixtures.path("f_order_slash_u8_absolute").toString(), "--json");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("\"found\":18446744073709551615"), r.out);
        assertTrue(r.out.contains("\"id\":9223372036854775815"), r.out); // 2^63 + 7
        assertTrue(r.out.contains("\"declared\":null"), r.out);
    }

    @Test
    void withoutPathInfoDescribesTheBundledSample() throws Exception {
        Result r = run("info");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("gala_fib_train"), r.out);
        assertTrue(r.out.contains("segments    87"), r.out);
    }

    @Test
    void badPathIsOneLineExitTwo(@TempDir Path dir) throws Exception {
        Result r = run("info", dir.resolve("missing").toString());
        assertEquals(2, r.code);
        assertOneLine(r.err, "missing");
        Files.writeString(dir.resolve("datasource-properties.json"), "{oops");
        r = run("info", dir.toString(), "--json");
        assertEquals(2, r.code);
        assertOneLine(r.err, "datasource-properties.json: malformed JSON");
        assertEquals("", r.out);
        r = run("info", "--frobnicate");
        assertEquals(2, r.code);
        assertOneLine(r.err, "unknown option --frobnicate");
    }

    static void assertOneLine(String err, String contains) {
        assertTrue(err.contains(contains), err);
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }
}
