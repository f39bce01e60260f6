package org.proofbox.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.Check;
import org.proofbox.model.ElementType;
import org.proofbox.model.Finding;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/** The start of a review without a window: the check, the session restored or set aside, the box findings first. */
class ReviewSetupTest {
    /** 60×40×10: two cells beside a membrane at x = 30, and a 20×20×8 unlabelled block across the membrane (a coverage gap). */
    static long id(int x, int y, int z) {
        if (x >= 20 && x < 40 && y >= 10 && y < 30 && z >= 1 && z < 9) return 0;
        if (x == 30) return 0;
        return x < 30 ? 7 : 0xFFFF_FFF0L;
    }

    static Path export(Path dir) throws Exception {
        Path export = dir.resolve("gap");
        new ExportWriter(export, "gap", new VoxelSize(10, 10, 20, "nanometer"))
            .layer("segmentation", "segmentation", ElementType.UINT32, new Box3(Vec3.ZERO, new Vec3(60, 40, 10)),
                ExportWriter.Layout.webknossos(ZarrCodecs.zlib(1)), i -> id((int) (i % 60), (int) (i / 60 % 40), (int) (i / 2400)), 0xFFFF_FFF0L)
            .write();
        return export;
    }

    @Test
    void anUnreadableSessionIsSetAsideAndTheBoxFindingComesFirst(@TempDir Path dir) throws Exception {
        Path export = export(dir);
        Path session = SessionFile.locate(export);
        Files.writeString(session, "{ not json");
        LoadedBox box = LoadedBox.open(export, 2, Progress.NONE);
        ReviewSetup s = ReviewSetup.prepare(box, 2, Progress.NONE);
        assertTrue(s.saveable());
        assertEquals(1, s.notes().size(), s.notes().toString());
        assertTrue(s.notes().get(0).contains("could not be read"), s.notes().get(0));
        assertTrue(!Files.exists(session), "the unreadable file was moved aside");
        try (var files = Files.list(session.getParent())) {
            List<Path> aside = files.filter(f -> f.getFileName().toString().startsWith(SessionFile.NAME + ".unreadable-")).toList();
            assertEquals(1, aside.size());
            assertEquals("{ not json", Files.readString(aside.get(0)), "kept byte for byte");
        }
        Finding gap = s.walkthrough().currentBoxFinding();
        assertTrue(gap != null && gap.check() == Check.COVERAGE_GAP, "the walkthrough starts on the coverage gap: " + s.report().findings());
        Vec3 at = gap.at();
        assertTrue(at.x() >= 20 && at.x() < 40 && at.y() >= 10 && at.y() < 30 && at.z() >= 1 && at.z() < 9, "inside the block: " + at);
        assertEquals(ReviewSetup.boxFindings(s.report()), s.walkthrough().boxFindings());
        assertEquals(2, s.walkthrough().size(), "two segments to review after it");

        // the gap accepted and saved: the next start resumes on the segments
        s.walkthrough().approve();
        SessionFile.write(session, "gap", s.walkthrough(), s.parameters(), s.missing());
        ReviewSetup again = ReviewSetup.prepare(box, 2, Progress.NONE);
        assertEquals(List.of(), again.notes());
        assertEquals(null, again.walkthrough().currentBoxFinding());
        assertEquals(org.proofbox.model.Verdict.APPROVED, again.walkthrough().boxVerdict(gap).verdict());
    }
}
