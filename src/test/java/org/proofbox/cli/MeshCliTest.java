package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.algo.SegmentComponents;
import org.proofbox.model.Connectivity;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/** {@code proofbox mesh} on real ground truth, read back by numpy alone (src/test/python/mesh_check.py). */
class MeshCliTest {
    static int run(PrintStream out, PrintStream err, String... args) {
        return Cli.run(args, out, err);
    }

    @Test
    void meshesOfRealSegmentsReadBackClosedWithTheirVolume(@TempDir Path dir) throws Exception {
        Path data = Shared.data("neuroproof_medulla_ts2");
        LoadedBox box = LoadedBox.open(data, 2, Progress.NONE);
        var vs = box.export().info().voxelSize();
        long[] ids = {135478, 2491, 197}; // the 24-piece one, a large one, a mid-sized one
        for (String ext : List.of("stl", "ply")) {
            Path file = dir.resolve("m." + ext);
            ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
            int rc = run(new PrintStream(o), new PrintStream(e), "mesh", data.toString(), "--segment", "135478", "--segment", "2491", "--segment", "197", "--out", file.toString());
            assertEquals(0, rc, e.toString());
            Process p = new ProcessBuilder("/usr/bin/python3", "src/test/python/mesh_check.py", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            assertEquals(0, p.waitFor(), out);
            JsonNode j = new ObjectMapper().readTree(out);
            assertEquals(3, j.size(), out);
            for (int k = 0; k < ids.length; k++) {
                int slot = box.labels().table().findSlot(ids[k]);
                JsonNode s = j.get(String.valueOf(k));
                assertTrue(s.get("closed").asBoolean(), ext + " segment " + ids[k] + " closed");
                double voxelVolume = box.index().voxels(slot) * vs.x() * vs.y() * vs.z();
                assertEquals(voxelVolume, s.get("volume").asDouble(), 0.15 * voxelVolume, ext + " segment " + ids[k] + " volume");
                for (int axis = 0; axis < 3; axis++) {
                    double size = axis == 0 ? vs.x() : axis == 1 ? vs.y() : vs.z();
                    assertTrue(s.get("min").get(axis).asDouble() >= box.index().min(slot, axis) * size - size, ext + " " + ids[k]);
                    assertTrue(s.get("max").get(axis).asDouble() <= (box.index().max(slot, axis) + 1) * size + size, ext + " " + ids[k]);
                }
            }
            assertTrue(o.toString().contains("24 pieces"), o.toString());
            assertEquals(24, SegmentComponents.of(box.labels(), box.index(), box.labels().table().findSlot(135478), Connectivity.TWENTY_SIX).size());
        }
        // bad input: one line naming the problem, exit 2, nothing written
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        Path bad = dir.resolve("bad.stl");
        assertEquals(2, run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(e), "mesh", data.toString(), "--segment", "999999999", "--out", bad.toString()));
        assertTrue(e.toString().contains("no segment 999999999"), e.toString());
        assertEquals(1, e.toString().trim().lines().count());
        assertTrue(!Files.exists(bad));
        e.reset();
        assertEquals(2, run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(e), "mesh", data.toString(), "--segment", "197", "--out", dir.resolve("x.obj").toString()));
        assertTrue(e.toString().contains("must end in .stl or .ply"), e.toString());
        e.reset();
        assertEquals(2, run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(e), "mesh", data.toString(), "--segment", "abc", "--out", bad.toString()));
        assertTrue(e.toString().contains("not a segment id"), e.toString());
    }
}
