package org.proofbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.edit.ExportSaver;
import org.proofbox.io.Export;
import org.proofbox.io.UserDirs;
import org.proofbox.review.ReviewSetup;
import org.proofbox.review.SessionFile;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * The bundled sample is kept as shipped (an installed app's folder may be read-only, a checkout's
 * is versioned): reading, checking and reviewing it write nothing into it, its session goes to the
 * user's data folder, a fix is refused in one line; a copy of it is an ordinary export.
 */
class BundledSampleTest {
    @Test
    void nothingIsWrittenIntoTheSample(@TempDir Path dir) throws Exception {
        Path sample = Shared.sample();
        Map<String, String> before = Shared.listing(sample);
        assertEquals(0, CliTest.run("info").code());
        assertTrue(CliTest.run("check", "--json").code() <= 1);
        CliTest.Result r = CliTest.run("fix", sample.toString(), "--split-disconnected");
        assertEquals(2, r.code());
        CliTest.assertOneLine(r.err(), "bundled sample is kept as shipped");

        LoadedBox box = LoadedBox.load(Export.open(sample), 2, Progress.NONE);
        assertNotNull(ExportSaver.readOnlyReason(box));
        assertTrue(ExportSaver.readOnlyReason(box).contains("bundled sample"));
        ReviewSetup s = ReviewSetup.prepare(box, 2, Progress.NONE);
        assertTrue(s.file().startsWith(UserDirs.data().resolve("sessions")), s.file().toString());
        SessionFile.write(s.file(), box.export().info().name(), s.walkthrough(), s.parameters(), s.missing());
        assertTrue(Files.isRegularFile(s.file()));
        assertEquals(before, Shared.listing(sample), "the sample's files, sizes and times are unchanged");

        Path copy = FixCliTest.copy(sample, dir.resolve("copy"));
        LoadedBox mine = LoadedBox.load(Export.open(copy), 2, Progress.NONE);
        assertNull(ExportSaver.readOnlyReason(mine), "a copy of the sample is an ordinary export");
        assertEquals(copy.resolve(SessionFile.NAME), SessionFile.locate(copy));
    }
}
