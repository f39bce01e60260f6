package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.proofbox.Shared;
import org.proofbox.model.SegmentStats;
import org.proofbox.store.LoadedBox;
import org.proofbox.store.RawLoader;
import org.proofbox.store.RawVolume;
import org.proofbox.task.Progress;

/**
 * The real datasets against values an independent numpy reader computed
 * (src/test/python/expected_from_wkref.py → src/test/resources/expected/*.json).
 */
class RealDataTest {
    private static JsonNode expected(String name) throws Exception {
        try (InputStream in = RealDataTest.class.getResourceAsStream("/expected/" + name + ".json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gala_fib_train", "neuroproof_medulla_ts2"})
    void everySegmentMatchesTheIndependentReader(String name) throws Exception {
        JsonNode exp = expected(name);
        for (int threads : new int[] {1, 2}) {
            LoadedBox box = LoadedBox.open(Shared.data(name), threads, Progress.NONE);
            assertEquals(exp.get("segmentCount").asInt(), box.index().segmentCount());
            assertEquals(exp.get("largestSegmentId").asLong(), box.index().largestId());
            assertEquals(exp.get("labelledVoxels").asLong(), box.index().labelledVoxels());
            List<SegmentStats> segs = box.index().segments();
            assertEquals(exp.get("segments").size(), segs.size());
            for (int i = 0; i < segs.size(); i++) {
                JsonNode e = exp.get("segments").get(i);
                SegmentStats s = segs.get(i);
                String what = name + " segment " + e.get("id");
                assertEquals(e.get("id").asLong(), s.id(), what);
                assertEquals(e.get("voxels").asLong(), s.voxels(), what);
                assertEquals(e.get("bboxMin").toString(), "[" + s.bboxMin().x() + "," + s.bboxMin().y() + "," + s.bboxMin().z() + "]", what);
                assertEquals(e.get("bboxMax").toString(), "[" + s.bboxMax().x() + "," + s.bboxMax().y() + "," + s.bboxMax().z() + "]", what);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gala_fib_train", "neuroproof_medulla_ts2"})
    void voxelValuesAtKnownPositions(String name) throws Exception {
        JsonNode exp = expected(name);
        LoadedBox box = LoadedBox.open(Shared.data(name), 2, Progress.NONE);
        Export export = box.export();
        LayerInfo color = export.info().colorLayer().orElseThrow();
        RawVolume raw = RawLoader.load(export.open(color, color.finestMag().orElseThrow()), 2, Progress.NONE);
        var o = box.labels().box().topLeft();
        for (JsonNode p : exp.get("probes")) {
            int x = p.get("at").get(0).asInt() - o.x(), y = p.get("at").get(1).asInt() - o.y(), z = p.get("at").get(2).asInt() - o.z();
            assertEquals(p.get("segment").asLong(), box.labels().idAt(x, y, z), "segment at " + p.get("at"));
            assertEquals(p.get("raw").asInt(), raw.valueAt(x, y, z), "raw at " + p.get("at"));
        }
    }
}
