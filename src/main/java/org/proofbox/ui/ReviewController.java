package org.proofbox.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;

import org.proofbox.algo.QcEngine;
import org.proofbox.algo.QcReport;


import org.proofbox.model.Finding;
import org.proofbox.model.QcParameters;
import org.proofbox.model.SegmentIds;

import org.proofbox.render.SliceData;
import org.proofbox.render.ViewerState;
import org.proofbox.render.Visibility;
import org.proofbox.review.ReviewSetup;
import org.proofbox.review.SessionFile;
import org.proofbox.review.SessionSaver;
import org.proofbox.review.Walkthrough;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.TaskRunner;

/**
 * The review of one box: the background check and the saved session, the walkthrough and what
 * it shows (the current segment alone, fitted with context), jumps to findings (the whole piece
 * or hole in view), verdicts saved after every change, re-checks after edits, and the CSV and HTML
 * exports. The window owns the views; this class decides what they show.
 */
final class ReviewController {
    /** What the review needs from the window. */
    interface Host {
        void busy(String text);
        void progress(double fraction, String message);
        void done();
        void error(String header, Throwable error);
        void status(String text);
        /** A cancellable background task the window's Cancel button stops. */
        void cancelWith(TaskRunner.TaskHandle h);
        /** The review panel became current (the walkthrough is ready). */
        void reviewShown();
        Viewport xy();
        Iterable<Viewport> viewports();
    }

    /** The least context around a finding or a small segment, in voxels along each axis. */
    static final int CONTEXT = 64;

    private final Stage stage;
    private final TaskRunner tasks;
    private final ViewerState state;
    private final Host host;
    private final RegistryView registry;
    private final WalkthroughView walkView;
    private final javafx.animation.PauseTransition recheck = new javafx.animation.PauseTransition(javafx.util.Duration.millis(700));
    private TaskRunner.TaskHandle rechecking;
    private LoadedBox box;
    private SliceData data;
    private QcReport qc;
    private Walkthrough walkthrough;
    private QcParameters qcParameters = QcParameters.defaults();
    private java.util.function.Supplier<QcParameters> fresh = QcParameters::defaults;
    private List<SessionFile.Missing> missing = List.of();
    private SessionSaver saver;
    private final ReviewNavigator nav;

    ReviewController(Stage stage, TaskRunner tasks, ViewerState state, Host host, RegistryView registry, WalkthroughView walkView) {
        this.stage = stage;
        this.tasks = tasks;
        this.state = state;
        this.host = host;
        this.registry = registry;
        this.walkView = walkView;
        this.nav = new ReviewNavigator(tasks, state, host, registry, new ReviewNavigator.Source() {
            @Override public LoadedBox box() { return box; }
            @Override public Walkthrough walkthrough() { return walkthrough; }
            @Override public org.proofbox.model.Connectivity connectivity() { return qcParameters.connectivity(); }
        });
        recheck.setOnFinished(e -> recheckAfterEdits());
        walkView.onJump(this::jump);
        walkView.onBoxFlag(this::flagBox);
    }

    /** The thresholds a box without a saved session is checked with (the reviewer's preferences). */
    void freshParameters(java.util.function.Supplier<QcParameters> f) {
        fresh = f;
    }

    private void status(String text) {
        host.status(text);
    }

    Walkthrough walkthrough() {
        return walkthrough;
    }

    SessionSaver saver() {
        return saver;
    }

    /** The box is gone (closed, or another opened): the session is flushed and the review ends. */
    void close() {
        if (saver != null) saver.close();
        saver = null;
        walkthrough = null;
        qc = null;
        nav.forget();
        box = null;
        walkView.set(null, Map.of(), List.of());
        walkView.showBoxFindings(List.of());
    }

    /** Labels were edited: the findings are recomputed shortly. */
    void labelsChanged() {
        if (qc != null) recheck.playFromStart();
    }

    /** What the segment list and the walkthrough panel show of a report: made by the background task, not on the FX thread. */
    private record Shown(Map<Long, List<Finding>> bySegment, List<RegistryView.Row> rows) {}

    /** The findings per segment (both sides of a pair), and the registry's rows with their counts and kinds of finding. */
    private static Shown shown(QcReport r, java.util.function.LongFunction<Walkthrough.Item> items, Map<Long, String> names) {
        Map<Long, List<Finding>> bySegment = new HashMap<>();
        for (Finding f : r.findings()) {
            if (f.segment() != null) bySegment.computeIfAbsent(f.segment(), k -> new ArrayList<>()).add(f);
            if (f.otherSegment() != null) bySegment.computeIfAbsent(f.otherSegment(), k -> new ArrayList<>()).add(f);
        }
        return new Shown(bySegment, RegistryView.rows(r, items, bySegment, names));
    }

    /** The current findings of segment {@code id} (markers of the 3D view). */
    List<Finding> findingsOf(long id) {
        List<Finding> out = new ArrayList<>();
        if (qc != null) for (Finding f : qc.findings()) if ((f.segment() != null && f.segment() == id) || (f.otherSegment() != null && f.otherSegment() == id)) out.add(f);
        return out;
    }

    /** A box finding needs a fix: the reviewer says what; if it is the one under review, the walkthrough moves on. */
    private void flagBox(Finding f) {
        needsFix(f.check().key + " at " + f.at(), walkthrough.boxVerdict(f).comment()).ifPresent(text -> {
            if (walkthrough == null) return;
            if (f.equals(walkthrough.currentBoxFinding())) walkthrough.flag(text);
            else walkthrough.decideBox(f, org.proofbox.model.Verdict.NEEDS_FIX, text);
        });
    }

    /** Segments whose open errors the reviewer chose to approve over (asked once each). */
    private final java.util.Set<Long> approvedOverErrors = new java.util.HashSet<>();

    /** Approve; a segment with open errors asks once whether it really is fine. */
    void approve() {
        if (walkthrough.currentBoxFinding() != null) {
            walkthrough.approve();
            return;
        }
        Walkthrough.Item it = walkthrough.current();
        if (it != null && it.worst() == org.proofbox.model.Severity.ERROR && approvedOverErrors.add(it.id())) {
            if (!LargeEdits.approveWithErrors(stage, it.id(), walkView.currentFindings())) {
                approvedOverErrors.remove(it.id());
                return;
            }
        }
        walkthrough.approve();
    }
    void skip() { walkthrough.skip(); }
    void next() { walkthrough.next(); }
    void previous() { walkthrough.previous(); }

    void jumpToFinding() {
        if (!walkView.currentFindings().isEmpty()) jump(walkView.currentFindings().get(0));
    }

    /** A table row: the walkthrough follows a single segment (true), or the window centres on it. */
    boolean follow(long id) {
        return walkthrough != null && walkthrough.goToId(id);
    }

    /** A finding: its whole piece, hole or gap in view with context, the crosshair on a voxel near its middle. */
    void jump(Finding f) {
        nav.jump(f);
    }

    private void showCurrent() {
        nav.showCurrent();
    }

    /** Called as a viewport shows a frame: when all three show the state after a walkthrough move, that move is timed. */
    void presented() {
        nav.presented();
    }

    /** Milliseconds from the last walkthrough move to all three views showing it (-1 before the first). */
    double lastNavigationMillis() {
        return nav.lastNavigationMillis();
    }

    void flag() {
        if (walkthrough != null && walkthrough.currentBoxFinding() != null) {
            flagBox(walkthrough.currentBoxFinding());
            return;
        }
        if (walkthrough == null || walkthrough.current() == null) return;
        long id = walkthrough.current().id();
        needsFix("Segment " + SegmentIds.toString(id), walkthrough.comment(id)).ifPresent(text -> {
            if (walkthrough != null && walkthrough.current() != null && walkthrough.current().id() == id) walkthrough.flag(text);
        });
    }

    private java.util.Optional<String> needsFix(String what, String comment) {
        return LargeEdits.needsFix(stage, what, comment);
    }

    private void walkthroughChanged() {
        if (saver != null) saver.save(SessionFile.toBytes(box.export().info().name(), walkthrough, qcParameters, missing));
        walkView.refresh();
        registry.refresh();
        Finding boxed = walkthrough.currentBoxFinding();
        Walkthrough.Item cur = walkthrough.current();
        if (nav.moved(boxed, cur)) showCurrent();
    }


    /** Review ▸ Instance annotation: the checks switch between dense and instance mode (issue 15); the session keeps it. */
    void toggleInstance() {
        if (walkthrough == null) return;
        qcParameters = qcParameters.withInstance(!qcParameters.instance());
        walkthroughChanged(); // the session is written with the new mode
        status(qcParameters.instance() ? "Instance annotation: coverage and membrane style not checked; fragments under "
            + qcParameters.minFragmentUm3() + " µm³; checking again …" : "Dense annotation: every check; checking again …");
        recheckAfterEdits();
    }

    boolean instanceMode() {
        return qcParameters.instance();
    }

    /** Re-runs the checks after edits (in the background) so the registry and the walkthrough stay current. */
    private void recheckAfterEdits() {
        if (box == null || walkthrough == null) return;
        if (rechecking != null) rechecking.cancel();
        LoadedBox b = box;
        QcParameters params = qcParameters;
        // the reviewer is editing: one core stays free for the window and the views (on 2 cores the
        // re-check of a 1024³ box on both starved the FX thread for 120–220 ms at a time)
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        Map<Long, String> names = names();
        rechecking = tasks.submit("recheck", p -> {
                QcReport r = QcEngine.run(b.labels(), b.index(), b.export().info().voxelSize(), b.export().workMag(), params, threads, p);
                List<Walkthrough.Item> items = Walkthrough.items(b.index().segments(), r.findings());
                Map<Long, Walkthrough.Item> byId = new HashMap<>();
                for (Walkthrough.Item it : items) byId.put(it.id(), it);
                return new Rechecked(r, items, shown(r, byId::get, names));
            },
            new TaskRunner.Listener<Rechecked>() {
                @Override public void succeeded(Rechecked r) {
                    if (box != b || walkthrough == null) return;
                    applyReport(r);
                }

                @Override public void failed(Throwable error) {
                    recheck.playFromStart(); // edited while it ran: try again once things settle
                }
            });
    }

    /** A re-check's report, the walkthrough's items for it and what the panels show of it. */
    private record Rechecked(QcReport report, List<Walkthrough.Item> items, Shown shown) {}

    private void applyReport(Rechecked rc) {
        QcReport r = rc.report();
        qc = r;
        List<Long> gone = walkthrough.update(rc.items());
        if (!gone.isEmpty()) {
            List<SessionFile.Missing> m = new ArrayList<>(missing);
            for (long id : gone) {
                if (walkthrough.verdict(id) != org.proofbox.model.Verdict.UNREVIEWED || !walkthrough.comment(id).isEmpty()) {
                    m.add(new SessionFile.Missing(id, walkthrough.verdict(id), walkthrough.comment(id), 0));
                }
            }
            missing = m;
        }
        Map<Long, List<Finding>> bySegment = rc.shown().bySegment();
        registry.set(rc.shown().rows(), walkthrough);
        walkthrough.setBoxFindings(ReviewSetup.boxFindings(r), false);
        walkView.updateFindings(bySegment);
        walkView.showBoxFindings(ReviewSetup.boxFindings(r));
        status(String.format(Locale.ROOT, "Re-checked%s: %d errors, %d warnings", qcParameters.instance() ? " (instance annotation)" : "", r.count(org.proofbox.model.Severity.ERROR),
            r.count(org.proofbox.model.Severity.WARNING)));
    }


    /** Segment names an annotation's NML gives (empty for dataset folders). */
    private Map<Long, String> names() {
        var ann = box == null ? null : box.export().annotation();
        return ann == null ? Map.of() : ann.segmentNames();
    }

    /** A box was opened: checks it and restores its session in the background, then starts the walkthrough. */
    void start(LoadedBox b, SliceData d) {
        close();
        box = b;
        data = d;
        nav.firstOfBox();
        host.busy("Checking " + b.export().info().name() + " …");
        int threads = Runtime.getRuntime().availableProcessors();
        QcParameters params = fresh.get();
        Map<Long, String> names = names();
        host.cancelWith(tasks.submit("check", p -> {
            ReviewSetup s = ReviewSetup.prepare(b, params, threads, p);
            return new Ready(s, shown(s.report(), s.walkthrough()::item, names));
        }, new TaskRunner.Listener<Ready>() {
            @Override public void progress(double fraction, String message) {
                host.progress(fraction, message);
            }

            @Override public void succeeded(Ready r) {
                host.done();
                if (box == b) reviewReady(r.setup(), r.shown());
            }

            @Override public void failed(Throwable error) {
                host.done();
                status("The check failed");
                host.error("Could not check the box", error);
            }

            @Override public void cancelled() {
                host.done();
                status("Check cancelled: the walkthrough needs it");
            }
        }));
    }

    /** A checked box with its session, and what the panels show of it. */
    private record Ready(ReviewSetup setup, Shown shown) {}

    private void reviewReady(ReviewSetup s, Shown shown) {
        List<String> notes = s.notes();
        qc = s.report();
        qcParameters = s.parameters();
        missing = s.missing();
        walkthrough = s.walkthrough();
        Map<Long, List<Finding>> bySegment = shown.bySegment();
        registry.set(shown.rows(), walkthrough);
        walkView.set(walkthrough, bySegment, notes);
        walkView.showBoxFindings(ReviewSetup.boxFindings(qc));
        saver = !s.saveable() ? null : new SessionSaver(s.file(), e -> Platform.runLater(() -> status(e.getMessage())));
        if (!s.missing().isEmpty() && saver != null) saver.save(SessionFile.toBytes(box.export().info().name(), walkthrough, qcParameters, missing));
        walkthrough.addListener(this::walkthroughChanged);
        state.setStyle(state.style().withVisibility(Visibility.ONLY_SELECTED));
        host.reviewShown();
        walkView.positions(box.export()::toMag1);
        showCurrent();
        String ready = String.format(Locale.ROOT, "%s: %d errors, %d warnings; review %d segments (session %s)", box.export().info().name(),
            qc.count(org.proofbox.model.Severity.ERROR), qc.count(org.proofbox.model.Severity.WARNING), walkthrough.size(), s.file());
        status(ready);
        System.err.println("proofbox: ready for review: " + ready); // a terminal sees when a big box is ready
        if (!notes.isEmpty()) {
            Alert a = new Alert(Alert.AlertType.INFORMATION, String.join("\n\n", notes));
            a.setHeaderText("About this review");
            a.initOwner(stage);
            a.show();
        }
    }


    void exportCsv() {
        if (walkthrough != null) ReviewExports.csv(stage, host, box, walkthrough, missing);
    }

    void exportHtml() {
        if (walkthrough != null && qc != null) ReviewExports.html(stage, tasks, host, box, data, qc, walkthrough);
    }
}
