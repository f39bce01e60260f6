package org.proofbox.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.Vec3;

/** JSON values for ids (unsigned, exact beyond 2^63) and positions. */
final class JsonIds {
    private JsonIds() {}

    static ValueNode id(long id) {
        return id >= 0 ? JsonNodeFactory.instance.numberNode(id) : JsonNodeFactory.instance.numberNode(SegmentIds.toBigInteger(id));
    }

    static ArrayNode vec(Vec3 v) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        a.add(v.x()).add(v.y()).add(v.z());
        return a;
    }
}
