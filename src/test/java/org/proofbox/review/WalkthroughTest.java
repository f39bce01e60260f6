package org.proofbox.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.ExportException;
import org.proofbox.model.Check;
import org.proofbox.model.Finding;
import org.proofbox.model.QcParameters;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Severity;
import org.proofbox.model.Vec3;
import org.proofbox.model.Verdict;

/** The walkthrough and its session file without a window. */
class WalkthroughTest {
    static final long BIG = 0x8000_0000_0000_0005L; // an id beyond 2^63

    static SegmentStats seg(long id, long voxels) {
        return new SegmentStats(id, voxels, Vec3.ZERO, Vec3.ZERO);
    }

    static Finding finding(long id, Severity s) {
        return new Finding(Check.HOLE, id, null, Vec3.ZERO, 1, null, null, s, "");
    }

    /** 7 segments: 3 has an error, 5 two warnings, BIG one warning; the rest are clean. */
    static Walkthrough box() {
        List<SegmentStats> segs = List.of(seg(1, 500), seg(2, 9000), seg(3, 10), seg(4, 700), seg(5, 20), seg(BIG, 30), seg(7, 9000));
        List<Finding> f = List.of(finding(5, Severity.WARNING), finding(3, Severity.ERROR), finding(5, Severity.WARNING), finding(BIG, Severity.WARNING));
        return new Walkthrough(Walkthrough.items(segs, f));
    }

    @Test
    void findingsFirstMostSevereFirstThenBySize() {
        Walkthrough w = box();
        assertEquals(List.of(3L, 5L, BIG, 2L, 7L, 4L, 1L), w.order());
        assertEquals(3L, w.current().id());
        assertEquals(1, w.item(3).findings());
        assertEquals(Severity.ERROR, w.item(3).worst());
        w.sort(Walkthrough.BY_ID);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 7L, BIG), w.order());
        assertEquals(3L, w.current().id(), "reordering stays on the segment");
    }

    @Test
    void verdictsMoveOnToTheNextOpenSegmentAndAreCounted() {
        Walkthrough w = box();
        List<Long> seen = new ArrayList<>();
        w.addListener(() -> seen.add(w.current().id()));
        w.approve();                 // 3
        w.flag("merge with 7");      // 5
        w.skip();                    // BIG
        assertEquals(2L, w.current().id());
        w.previous();
        w.previous();
        assertEquals(5L, w.current().id());
        w.approve();                 // 5 changes its mind; moves to the next without a verdict: 2
        assertEquals(2L, w.current().id());
        assertEquals(Verdict.APPROVED, w.verdict(5));
        assertEquals("merge with 7", w.comment(5), "a verdict without a comment keeps the comment");
        assertEquals(Verdict.SKIPPED, w.verdict(BIG));
        assertEquals(2, w.reviewed());
        assertEquals(Map.of(Verdict.APPROVED, 2, Verdict.NEEDS_FIX, 0, Verdict.SKIPPED, 1, Verdict.UNREVIEWED, 4), w.counts());
        assertEquals(List.of(5L, BIG, 2L, BIG, 5L, 2L), seen);
        for (int i = 0; i < 10; i++) w.approve();
        assertEquals(1L, w.current().id(), "stays on the last segment");
        assertEquals(6, w.reviewed());
    }

    @Test
    void aSavedSessionResumesWhereTheReviewerStopped(@TempDir Path dir) throws Exception {
        Walkthrough w = box();
        w.approve();
        w.flag("id switch at z=12, \"quoted\" ünïcode");
        w.approve();
        QcParameters p = QcParameters.defaults().withConnectivity(org.proofbox.model.Connectivity.SIX);
        Path file = dir.resolve(SessionFile.NAME);
        SessionFile.write(file, "box", w, p, List.of());
        SessionFile.Saved s = SessionFile.read(file);
        assertEquals(p, s.parameters());
        Walkthrough again = box();
        SessionFile.Reconciled r = SessionFile.apply(s, again);
        assertEquals(List.of(), r.messages());
        assertEquals(w.order(), again.order());
        assertEquals(2L, again.current().id());
        assertEquals(w.verdicts(), again.verdicts());
        assertEquals("id switch at z=12, \"quoted\" ünïcode", again.comment(5));
        assertEquals(Verdict.APPROVED, again.verdict(BIG));
    }

    @Test
    void idsThatDisappearedAreKeptAndNamedAndNewIdsAreAdded(@TempDir Path dir) throws Exception {
        Walkthrough w = box();
        w.approve();              // 3
        w.flag("split");          // 5
        w.approve();              // BIG
        Path file = dir.resolve(SessionFile.NAME);
        SessionFile.write(file, "box", w, QcParameters.defaults(), List.of());
        // the labels changed outside: 5 and BIG are gone (merged away), 8 is new
        List<SegmentStats> segs = List.of(seg(1, 500), seg(2, 9000), seg(3, 10), seg(4, 700), seg(7, 9000), seg(8, 5));
        Walkthrough now = new Walkthrough(Walkthrough.items(segs, List.of()));
        SessionFile.Reconciled r = SessionFile.apply(SessionFile.read(file), now);
        assertEquals(2, r.missing().size());
        assertEquals(new SessionFile.Missing(5, Verdict.NEEDS_FIX, "split", 20), r.missing().get(0));
        assertEquals(BIG, r.missing().get(1).id());
        assertEquals(2, r.messages().size(), r.messages().toString());
        assertTrue(r.messages().get(0).startsWith("2 reviewed segments are no longer in the labels: 5 (needs fix), 9223372036854775813 (approved)"),
            r.messages().get(0));
        assertTrue(r.messages().get(1).startsWith("1 segment is new"), r.messages().get(1));
        assertEquals(List.of(3L, 2L, 7L, 4L, 1L, 8L), now.order());
        assertEquals(2L, now.current().id(), "the saved current segment");
        // saved again, the missing entries survive
        SessionFile.write(file, "box", now, QcParameters.defaults(), r.missing());
        assertEquals(r.missing(), SessionFile.read(file).missing());
    }

    @Test
    void aBrokenOrNewerSessionIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(SessionFile.NAME);
        Files.writeString(file, "{\"format\": \"proofbox-review\", \"version\": 99}");
        ExportException e = assertThrows(ExportException.class, () -> SessionFile.read(file));
        assertTrue(e.getMessage().contains(SessionFile.NAME) && e.getMessage().contains("version 99"), e.getMessage());
        Files.writeString(file, "{\"format\": \"proofbox-review\", \"version\": 1, \"order\": [-3]}");
        e = assertThrows(ExportException.class, () -> SessionFile.read(file));
        assertTrue(e.getMessage().contains("uint64"), e.getMessage());
        Files.writeString(file, "{trunc");
        assertThrows(ExportException.class, () -> SessionFile.read(file));
    }

    @Test
    void csvHasOneRowPerSegmentInOrderWithQuotedComments() {
        Walkthrough w = box();
        w.approve();
        w.flag("two, \"pieces\"\nhere");
        String csv = new String(ReviewCsv.toBytes(w, List.of(new SessionFile.Missing(99, Verdict.APPROVED, "", 4))), java.nio.charset.StandardCharsets.UTF_8);
        String[] lines = csv.split("\n", -1);
        assertEquals(ReviewCsv.HEADER, lines[0]);
        assertEquals("1,3,10,1,error,approved,", lines[1]);
        assertEquals("2,5,20,2,warning,needs_fix,\"two, \"\"pieces\"\"", lines[2]);
        assertEquals("here\"", lines[3]);
        assertEquals("3,9223372036854775813,30,1,warning,unreviewed,", lines[4]);
        assertEquals("missing,99,4,,,approved,", lines[lines.length - 2]);
    }

    @Test
    void theOrderAWalkthroughStandsInIsKnown() {
        Walkthrough w = box();
        assertTrue(w.isSortedBy(Walkthrough.FINDINGS_FIRST));
        assertTrue(!w.isSortedBy(Walkthrough.BY_ID));
        w.sort(Walkthrough.BY_ID);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 7L, BIG), w.order(), "unsigned: 2^63+5 last");
        assertTrue(w.isSortedBy(Walkthrough.BY_ID));
        assertTrue(!w.isSortedBy(Walkthrough.BY_SIZE) && !w.isSortedBy(Walkthrough.FINDINGS_FIRST));
    }

    @Test
    void boxFindingVerdictsAreSavedAndResumed(@TempDir Path dir) throws Exception {
        Walkthrough w = box();
        Finding gap = new Finding(Check.COVERAGE_GAP, null, null, new Vec3(3000, 2000, 1000), 800, null, null, Severity.ERROR, "");
        Finding style = new Finding(Check.MEMBRANE_STYLE, null, null, Vec3.ZERO, 250, null, null, Severity.WARNING, "");
        List<Integer> changes = new java.util.ArrayList<>();
        w.addListener(() -> changes.add(1));
        w.decideBox(gap, Verdict.NEEDS_FIX, "cell body left unlabelled");
        w.decideBox(style, Verdict.APPROVED, "");
        assertEquals(2, changes.size(), "a box verdict saves the session like a segment's");
        Path file = dir.resolve(SessionFile.NAME);
        SessionFile.write(file, "box", w, QcParameters.defaults(), List.of());
        Walkthrough again = box();
        SessionFile.apply(SessionFile.read(file), again);
        assertEquals(new Walkthrough.BoxVerdict(Verdict.NEEDS_FIX, "cell body left unlabelled"), again.boxVerdict(gap));
        assertEquals(Verdict.APPROVED, again.boxVerdict(style).verdict());
        assertEquals(Verdict.UNREVIEWED, again.boxVerdict(new Finding(Check.COVERAGE_GAP, null, null, new Vec3(1, 2, 3), 5, null, null, Severity.ERROR, "")).verdict());
        assertEquals(Verdict.UNREVIEWED, again.verdict(3), "segment verdicts untouched");
    }

    @Test
    void boxFindingsAreSteppedBeforeTheSegmentsWithTheSameKeys(@TempDir Path dir) throws Exception {
        Walkthrough w = box();
        Finding gap = new Finding(Check.COVERAGE_GAP, null, null, new Vec3(30, 20, 10), 800, null, null, Severity.ERROR, "");
        Finding gap2 = new Finding(Check.COVERAGE_GAP, null, null, new Vec3(1, 2, 3), 40, null, null, Severity.ERROR, "");
        Finding style = new Finding(Check.MEMBRANE_STYLE, null, null, Vec3.ZERO, 250, null, null, Severity.WARNING, "");
        w.setBoxFindings(List.of(gap, gap2, style), true);
        assertEquals(gap, w.currentBoxFinding(), "opening a box starts on its first open box finding");
        assertEquals(3L, w.current().id(), "the segment it will return to");
        w.approve();
        assertEquals(gap2, w.currentBoxFinding(), "Space accepts and moves to the next open box finding");
        w.flag("unlabelled dendrite");
        assertEquals(style, w.currentBoxFinding());
        assertEquals(new Walkthrough.BoxVerdict(Verdict.NEEDS_FIX, "unlabelled dendrite"), w.boxVerdict(gap2));
        w.previous();
        assertEquals(gap2, w.currentBoxFinding(), "P goes back through the box findings");
        w.next();
        w.next();
        assertEquals(null, w.currentBoxFinding(), "N after the last box finding reaches the segments");
        assertEquals(3L, w.current().id());
        w.previous();
        assertEquals(style, w.currentBoxFinding(), "P from the first segment goes back to the last box finding");
        w.skip();
        assertEquals(null, w.currentBoxFinding(), "deciding the last open box finding moves to the first open segment");
        assertEquals(3L, w.current().id());
        assertEquals(Verdict.SKIPPED, w.boxVerdict(style).verdict());
        assertEquals(Verdict.UNREVIEWED, w.verdict(3), "no segment verdict was given while on box findings");
        assertEquals(Verdict.APPROVED, w.boxVerdict(gap).verdict());

        w.goToBox(gap);
        w.setBoxFindings(List.of(gap2, gap), false); // a re-check reorders: the walkthrough stays on the same finding
        assertEquals(gap, w.currentBoxFinding());
        w.setBoxFindings(List.of(gap2), false); // and when it is gone, leaves the box findings
        assertEquals(null, w.currentBoxFinding());
        w.goToId(5);
        assertEquals(5L, w.current().id());

        Path file = dir.resolve(SessionFile.NAME);
        SessionFile.write(file, "box", w, QcParameters.defaults(), List.of());
        Walkthrough again = box();
        SessionFile.apply(SessionFile.read(file), again);
        again.setBoxFindings(List.of(gap, gap2, style), true);
        assertEquals(null, again.currentBoxFinding(), "a resumed session with every box finding decided starts on its segment");
        assertEquals(5L, again.current().id());
    }
}
