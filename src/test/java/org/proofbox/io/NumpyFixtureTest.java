package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.proofbox.model.SegmentIds;
import org.proofbox.model.SegmentStats;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/** Layouts the real datasets lack, written and measured by numpy alone. */
class NumpyFixtureTest {
    @ParameterizedTest
    @ValueSource(strings = {"f_order_slash_u8_absolute", "c_order_bigendian_u4_gzip_nopath", "f_order_dot_u4_missing_chunk"})
    void statisticsAndVoxelsMatchNumpy(String name) throws Exception {
        JsonNode exp = Json.read(Fixtures.path(name + ".expected.json"));
        LoadedBox box = LoadedBox.open(Fixtures.path(name), 2, Progress.NONE);
        List<SegmentStats> segs = box.index().segments();
        assertEquals(exp.get("segments").size(), segs.size());
        for (int i = 0; i < segs.size(); i++) {
            JsonNode e = exp.get("segments").get(i);
            SegmentStats s = segs.get(i);
            assertEquals(e.get("id").bigIntegerValue(), SegmentIds.toBigInteger(s.id()));
            assertEquals(e.get("voxels").asLong(), s.voxels());
            assertEquals(e.get("bboxMin").toString().replace(" ", ""), s.bboxMin().toString().replace(" ", ""));
            assertEquals(e.get("bboxMax").toString().replace(" ", ""), s.bboxMax().toString().replace(" ", ""));
        }
        var o = box.labels().box().topLeft();
        for (JsonNode p : exp.get("probes")) {
            JsonNode at = p.get("at");
            long got = box.labels().idAt(at.get(0).asInt() - o.x(), at.get(1).asInt() - o.y(), at.get(2).asInt() - o.z());
            assertEquals(p.get("segment").bigIntegerValue(), SegmentIds.toBigInteger(got), "at " + at);
        }
    }
}
