package org.proofbox.review;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.proofbox.algo.QcEngine;
import org.proofbox.algo.QcReport;
import org.proofbox.io.ExportException;
import org.proofbox.model.Finding;
import org.proofbox.model.QcParameters;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * What the review of an opened box starts from, computed off the FX thread: the QC report with
 * the saved session's parameters, the walkthrough with that session applied and the box's own
 * findings first, and the notes the reviewer must read (what the session could not restore).
 *
 * @param missing saved verdicts of segments that are no longer in the labels (kept in the session)
 * @param notes what the reviewer is told when the review starts (empty: nothing to say)
 * @param saveable false when an unreadable session file could not be moved aside (it is never overwritten)
 */
public record ReviewSetup(QcReport report, Walkthrough walkthrough, List<SessionFile.Missing> missing, Path file, QcParameters parameters,
                          List<String> notes, boolean saveable) {

    /** Checks {@code b} and restores its session file (if any). */
    public static ReviewSetup prepare(LoadedBox b, int threads, Progress p) throws ExportException {
        return prepare(b, QcParameters.defaults(), threads, p);
    }

    /** As above; a box without a saved session is checked with {@code fresh} (the reviewer's preferred thresholds). */
    public static ReviewSetup prepare(LoadedBox b, QcParameters fresh, int threads, Progress p) throws ExportException {
        Path file = SessionFile.locate(b.export());
        SessionFile.Saved saved = null;
        String unreadable = null;
        if (Files.exists(file)) {
            try {
                saved = SessionFile.read(file);
            } catch (ExportException e) {
                unreadable = e.getMessage();
            }
        }
        QcParameters params = saved != null ? saved.parameters() : fresh;
        List<String> notes = new ArrayList<>();
        if (saved == null && !params.instance() && BoxCheck.looksLikeInstances(b)) { // the guide's instance annotation: judged as such from the start
            params = params.withInstance(true);
            notes.add("This box looks like an instance annotation (few segments, mostly unlabelled): it is checked as one — coverage and membrane style are"
                + " not judged. Review ▸ Instance annotation on / off switches.");
        }
        QcReport r = QcEngine.run(b.labels(), b.index(), b.export().info().voxelSize(), b.export().workMag(), params, threads, p);
        if (b.export().annotation() != null && b.export().annotation().incomplete()) r = QcEngine.onlyStored(r, b.export().annotation().isStored());
        Walkthrough w = new Walkthrough(Walkthrough.items(b.index().segments(), r.findings()));
        SessionFile.Reconciled rec = saved == null ? new SessionFile.Reconciled(List.of(), List.of()) : SessionFile.apply(saved, w);
        w.setBoxFindings(boxFindings(r), true);
        notes.addAll(rec.messages());
        boolean saveable = unreadable == null || setAside(file, unreadable, notes);
        return new ReviewSetup(r, w, rec.missing(), file, params, List.copyOf(notes), saveable);
    }

    /**
     * The thresholds a review of {@code b} checks with: its saved session's, else {@code fresh} —
     * as an instance annotation when the box looks like one (as {@link #prepare} starts a review).
     */
    public static QcParameters parametersFor(LoadedBox b, QcParameters fresh) {
        Path file = SessionFile.locate(b.export());
        if (Files.isRegularFile(file)) {
            try {
                return SessionFile.read(file).parameters();
            } catch (ExportException e) {
                // unreadable: its review starts anew, as below
            }
        }
        return !fresh.instance() && BoxCheck.looksLikeInstances(b) ? fresh.withInstance(true) : fresh;
    }

    /** Findings that name no segment, errors first, then the largest. */
    public static List<Finding> boxFindings(QcReport r) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : r.findings()) if (f.segment() == null) out.add(f);
        out.sort(Comparator.comparing(Finding::severity).thenComparing(f -> -f.voxels()));
        return out;
    }

    /** Moves an unreadable session file aside (a new session starts beside it) and says so; false if it could not be moved. */
    private static boolean setAside(Path file, String why, List<String> notes) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            Files.move(file, aside);
            notes.add("The saved session could not be read (" + why + "). It was kept as " + aside.getFileName() + "; a new session starts.");
            return true;
        } catch (IOException e) {
            notes.add("The saved session could not be read (" + why + ") nor moved aside; this session will not be saved.");
            return false;
        }
    }
}
