package org.proofbox.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.model.Connectivity;
import org.proofbox.model.QcParameters;

/** Preferences survive a write and a read, refuse nothing silently, and never lose a reviewer's file. */
class PreferencesTest {
    @Test
    void everyFieldSurvivesTheFile(@TempDir Path dir) throws Exception {
        QcParameters q = new QcParameters(Connectivity.SIX, 250, 0.7, 4.5, 80, 12, 55.5, true, true, 2.5, 0.75, 0.9);
        Preferences p = new Preferences(q, 9, false, 30, 200, 0.8, dir.toString(), List.of("/a/box1", "/b/ann.zip"));
        Path f = dir.resolve("cfg").resolve(Preferences.FILE);
        p.save(f);
        Preferences.Loaded l = Preferences.load(f);
        assertNull(l.note());
        assertEquals(p, l.preferences());
        assertEquals(Preferences.defaults(), Preferences.load(dir.resolve("none.json")).preferences());
    }

    @Test
    void valuesOutOfRangeAreClampedAndTheRecentListStaysShortAndUnique() {
        Preferences p = new Preferences(QcParameters.defaults(), 500, false, 250, 10, 7, null, List.of());
        assertEquals(100, p.brushRadius());
        assertEquals(250, p.contrastMin());
        assertEquals(251, p.contrastMax());
        assertEquals(1.0, p.opacity());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            p = p.withRecent(Path.of("/data/box" + i));
            expected.add(0, Path.of("/data/box" + i).toString());
        }
        p = p.withRecent(Path.of("/data/box7/../box11")); // the same export named differently comes first, once
        expected.remove("/data/box11");
        expected.add(0, "/data/box11");
        assertEquals(expected.subList(0, Preferences.MAX_RECENT), p.recent());
    }

    @Test
    void anUnreadableFileIsKeptAsideByteForByteAndDefaultsAreUsed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve(Preferences.FILE);
        byte[] bad = "{\"format\": \"proofbox-preferences\", \"brushRadius\": ".getBytes(StandardCharsets.UTF_8);
        Files.write(f, bad);
        Preferences.Loaded l = Preferences.load(f);
        assertEquals(Preferences.defaults(), l.preferences());
        assertNotNull(l.note());
        assertTrue(l.note().startsWith(f.toString() + ": cannot read the preferences"), l.note());
        assertFalse(Files.exists(f));
        try (Stream<Path> s = Files.list(dir)) {
            Path aside = s.filter(x -> x.getFileName().toString().startsWith(Preferences.FILE + ".unreadable-")).findFirst().orElseThrow();
            assertArrayEquals(bad, Files.readAllBytes(aside));
        }
        Files.writeString(f, "{\"format\": \"something-else\"}");
        assertNotNull(Preferences.load(f).note(), "another program's JSON is not taken for preferences");
    }
}
