package org.proofbox.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.Vec3;

/** JSON values for ids (unsigned, exact beyond 2^63) and positions. */
public final class JsonIds {
    private JsonIds() {}

    public static ValueNode id(long id) {
        return id >= 0 ? JsonNodeFactory.instance.numberNode(id) : JsonNodeFactory.instance.numberNode(SegmentIds.toBigInteger(id));
    }

    /** An unsigned 64-bit id from a JSON integer (or a decimal string); throws IllegalArgumentException otherwise. */
    public static long parse(com.fasterxml.jackson.databind.JsonNode n) {
        if (n == null || !(n.isIntegralNumber() || n.isTextual())) throw new IllegalArgumentException("not a segment id: " + n);
        java.math.BigInteger b = n.isTextual() ? new java.math.BigInteger(n.asText().trim()) : n.bigIntegerValue();
        if (b.signum() < 0 || b.bitLength() > 64) throw new IllegalArgumentException("segment id out of the uint64 range: " + b);
        return b.longValue();
    }

    public static ArrayNode vec(Vec3 v) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.add(v.x()).add(v.y()).add(v.z());
        return a;
    }
}
