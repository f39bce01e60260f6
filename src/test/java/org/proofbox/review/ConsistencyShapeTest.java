package org.proofbox.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.proofbox.io.Json;

/**
 * The project's instance-shape rule on per-box JSON with convexities chosen so that the median and
 * MAD are worked out by hand: 12 instances, median 0.96, MAD 0.01 → limit 0.96 − max(3 · 1.4826 ·
 * 0.01, 0.05) = 0.91.
 */
class ConsistencyShapeTest {
    static JsonNode box(String name, double minConvexity, double... convexities) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        b.put("name", name).put("path", "/p/" + name);
        b.putObject("parameters").put("minConvexity", minConvexity);
        var segs = b.putArray("segments");
        long id = 4_294_967_000L; // uint32 ids above 2³¹ keep their value
        for (double c : convexities) segs.addObject().put("id", id++).put("convexity", c);
        segs.addObject().put("id", id).putNull("convexity"); // not judged
        return b;
    }

    @Test
    void anInstanceFarLessConvexThanTheProjectsIsNamedOnceAndTooFewAreNotJudged() {
        List<JsonNode> boxes = List.of(box("a", 0.85, 0.95, 0.96, 0.97, 0.98), box("b", 0.85, 0.96, 0.97, 0.95, 0.98),
            box("c", 0.85, 0.97, 0.96, 0.88, 0.80));
        JsonNode r = Consistency.report(boxes, List.of(), Consistency.Rules.defaults());
        List<JsonNode> shape = new ArrayList<>();
        r.get("consistency").forEach(f -> { if (f.get("rule").asText().equals("instanceShape")) shape.add(f); });
        assertEquals(1, shape.size(), r.toPrettyString());
        JsonNode f = shape.get(0);
        assertEquals("c", f.get("box").asText());
        assertEquals(4_294_967_002L, f.get("segment").asLong(), "the 0.88 one; the 0.80 one is its box's own finding already");
        assertEquals(0.88, f.get("value").asDouble(), 1e-12);
        assertEquals(0.96, f.get("projectMedian").asDouble(), 1e-12);
        assertTrue(f.get("detail").asText().contains("limit 0.91"), f.get("detail").asText());

        JsonNode few = Consistency.report(List.of(box("a", 0.85, 0.95, 0.5), box("b", 0.85, 0.9)), List.of(), Consistency.Rules.defaults());
        assertTrue(few.get("notes").toString().contains("instanceShape: 3 instances measured, fewer than 10"), few.get("notes").toString());
        JsonNode dense = Consistency.report(List.of(box("a", 0.85), box("b", 0.85)), List.of(), Consistency.Rules.defaults());
        assertTrue(!dense.get("notes").toString().contains("instanceShape"), "boxes without instances: the rule is silent");
    }
}
