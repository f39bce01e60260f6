package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.model.Verdict;
import org.proofbox.render.Plane;
import org.proofbox.render.SliceGeometry;
import org.proofbox.render.Visibility;
import org.proofbox.review.SessionFile;
import org.proofbox.task.ExecutorTaskRunner;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The walkthrough on a copy of the bundled sample: keys, a comment, the session surviving a restart, selective visibility on the pixels. */
@ExtendWith(ApplicationExtension.class)
class WalkthroughUiTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    static Path copyOfSample(Path dir) throws Exception {
        Path src = Shared.sample(), dst = dir.resolve("gala");
        try (Stream<Path> files = Files.walk(src)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path t = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else if (!p.getFileName().toString().equals(SessionFile.NAME)) Files.copy(p, t);
            }
        }
        return dst;
    }

    /** A window on {@code s} that has opened {@code export}, checked it and started the walkthrough. */
    static MainWindow openIn(FxRobot robot, Stage s, Path export) throws Exception {
        MainWindow[] w = new MainWindow[1];
        robot.interact(() -> {
            w[0] = new MainWindow(s, new ExecutorTaskRunner(2, javafx.application.Platform::runLater));
            w[0].show();
            w[0].open(export);
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> w[0].walkthrough() != null);
        waitRendered(w[0]);
        return w[0];
    }

    /** Clicks the visible button labelled {@code text} once a dialog has laid it out (a dialog's nodes exist before they show). */
    /** Clicks the visible button labelled {@code text}, one of a dialog first (the window's tool bar may have one named alike). */
    static void clickButton(FxRobot robot, String text) throws Exception {
        java.util.function.Predicate<javafx.scene.Node> shown = n -> n instanceof javafx.scene.control.Button x && text.equals(x.getText()) && x.isVisible()
            && x.getScene() != null && x.getScene().getWindow().isShowing();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".button").queryAll().stream().anyMatch(shown));
        javafx.scene.Node b = robot.lookup(".button").queryAll().stream().filter(shown)
            .min(java.util.Comparator.comparing(n -> !(n.getScene().getRoot() instanceof javafx.scene.control.DialogPane))).orElseThrow();
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(b);
    }

    static void waitRendered(MainWindow w) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            for (Plane p : Plane.values()) {
                Viewport v = w.viewport(p);
                if (v.shownGeometry() == null || !v.shownGeometry().equals(v.geometry())) return false;
            }
            return true;
        });
    }

    @Test
    void approveFlagCloseReopenResumesAndOnlyTheSelectedSegmentShows(FxRobot robot, @TempDir Path dir) throws Exception {
        Path export = copyOfSample(dir);
        MainWindow w = openIn(robot, stage, export);
        List<Long> order = w.walkthrough().order();
        assertEquals(87, order.size());
        assertEquals(order.get(0), w.walkthrough().current().id());
        robot.moveTo(w.viewport(Plane.XY));
        // the first segment has an open error: approving asks; Cancel leaves it open, OK approves
        robot.type(javafx.scene.input.KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Approve a segment with errors?").tryQuery().isPresent());
        clickButton(robot, "Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(order.get(0), w.walkthrough().current().id());
        assertEquals(Verdict.UNREVIEWED, w.walkthrough().verdict(order.get(0)));
        robot.type(javafx.scene.input.KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Approve a segment with errors?").tryQuery().isPresent());
        clickButton(robot, "OK");
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 1; i < 3; i++) { // warnings only: no question
            robot.type(javafx.scene.input.KeyCode.SPACE);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(order.get(3), w.walkthrough().current().id());
        robot.type(javafx.scene.input.KeyCode.X);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#flag-comment").tryQuery().isPresent());
        robot.clickOn("#flag-comment").write("id switch at z 12").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 3; i++) assertEquals(Verdict.APPROVED, w.walkthrough().verdict(order.get(i)));
        assertEquals(Verdict.NEEDS_FIX, w.walkthrough().verdict(order.get(3)));
        assertEquals("id switch at z 12", w.walkthrough().comment(order.get(3)));
        // the segment list's verdict cell of that row follows without the table being rebuilt
        w.registry().reveal(order.get(3));
        WaitForAsyncUtils.waitForFxEvents();
        String shownVerdict = robot.lookup(".table-cell").queryAll().stream()
            .map(n -> (javafx.scene.control.TableCell<?, ?>) n)
            .filter(c -> c.getTableColumn() != null && "column-verdict".equals(c.getTableColumn().getId()) && c.getTableRow() != null
                && c.getTableRow().getItem() instanceof RegistryView.Row r && r.id() == order.get(3))
            .map(c -> String.valueOf(c.getText())).findFirst().orElse("no cell");
        assertEquals(Verdict.NEEDS_FIX.label(), shownVerdict);
        long resumeAt = order.get(4);
        assertEquals(resumeAt, w.walkthrough().current().id());
        waitRendered(w);

        // "only selected": on the rendered XY pixels, the current segment is tinted and every other segment's interior is grey
        assertEquals(Visibility.ONLY_SELECTED, w.state().style().visibility());
        checkOnlySelected(w, resumeAt);

        w.saver().flush();
        robot.interact(() -> stage.close());
        Stage[] holder = new Stage[1];
        robot.interact(() -> holder[0] = new Stage());
        Stage second = holder[0];
        MainWindow again = openIn(robot, second, export);
        assertEquals(resumeAt, again.walkthrough().current().id(), "resumes at the segment after the last verdict");
        assertEquals(order, again.walkthrough().order());
        for (int i = 0; i < 3; i++) assertEquals(Verdict.APPROVED, again.walkthrough().verdict(order.get(i)));
        assertEquals("id switch at z 12", again.walkthrough().comment(order.get(3)));
        assertEquals(4, again.walkthrough().reviewed());

        // efficiency: next → all three views rendered, and keystrokes to approve every clean segment
        List<Double> ms = new ArrayList<>();
        robot.moveTo(again.viewport(Plane.XY));
        for (int i = 0; i < 8; i++) {
            robot.type(javafx.scene.input.KeyCode.N);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> again.lastNavigationMillis() >= 0 && navigated(again));
            ms.add(again.lastNavigationMillis());
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "walkthrough next → rendered (Monocle, software): median %.1f ms, max %.1f ms over %d moves%n",
            sorted[sorted.length / 2], sorted[sorted.length - 1], sorted.length);
        int clean = 0, firstClean = -1;
        for (int i = 0; i < order.size(); i++) {
            if (again.walkthrough().item(order.get(i)).findings() == 0) {
                clean++;
                if (firstClean < 0) firstClean = i;
            }
        }
        final int start = firstClean;
        robot.interact(() -> again.walkthrough().goTo(start));
        int keys = 0;
        while (again.walkthrough().verdict(again.walkthrough().current().id()) == Verdict.UNREVIEWED) {
            robot.type(javafx.scene.input.KeyCode.SPACE);
            keys++;
            if (keys > 200) break;
        }
        WaitForAsyncUtils.waitForFxEvents();
        long approvedClean = order.stream().filter(id -> again.walkthrough().item(id).findings() == 0 && again.walkthrough().verdict(id) == Verdict.APPROVED).count();
        assertEquals(clean - (int) order.subList(0, 4).stream().filter(id -> again.walkthrough().item(id).findings() == 0).count(), keys);
        assertEquals(clean, approvedClean);
        System.out.printf(Locale.ROOT, "gala_fib_train: %d segments, %d with findings first, %d clean approved with %d keystrokes (one each)%n",
            order.size(), order.size() - clean, clean, keys);
        again.saver().flush();
        assertTrue(Files.readString(export.resolve(SessionFile.NAME)).contains("\"verdict\" : \"approved\""));
        robot.interact(second::close);
    }

    private static boolean navigated(MainWindow w) {
        for (Plane p : Plane.values()) {
            Viewport v = w.viewport(p);
            if (v.shownGeometry() == null || !v.shownGeometry().equals(v.geometry())) return false;
        }
        return true;
    }

    private static void checkOnlySelected(MainWindow w, long selected) {
        Viewport v = w.viewport(Plane.XY);
        SliceGeometry g = v.shownGeometry();
        int[] px = v.pixels();
        var labels = w.box().labels();
        var tl = labels.box().topLeft();
        int width = g.width(), height = g.height();
        long[] ids = new long[width * height];
        Arrays.fill(ids, -1);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) {
            int[] vox = g.voxelAt(x, y);
            if (labels.box().contains(vox[0], vox[1], vox[2])) ids[y * width + x] = labels.idAt(vox[0] - tl.x(), vox[1] - tl.y(), vox[2] - tl.z());
        }
        int tinted = 0, grey = 0;
        for (int y = 2; y < height - 2; y++) for (int x = 2; x < width - 2; x++) {
            int i = y * width + x;
            long id = ids[i];
            if (id < 0) continue;
            int p = px[i], r = (p >> 16) & 0xFF, gr = (p >> 8) & 0xFF, b = p & 0xFF;
            boolean isGrey = r == gr && gr == b;
            boolean interior = true; // two pixels from any other id: zoomed out, outlines are drawn at a coarser level and may reach a pixel further
            for (int d = -2; d <= 2 && interior; d++) {
                interior = ids[i + d] == id && ids[i + d * width] == id && ids[i + d * (width + 1)] == id && ids[i + d * (width - 1)] == id;
            }
            if (id == selected && interior) {
                assertTrue(!isGrey, "selected segment pixel " + x + "," + y + " is not tinted");
                tinted++;
            } else if (id != selected && interior) {
                assertTrue(isGrey, "pixel " + x + "," + y + " of segment " + id + " is coloured: " + Integer.toHexString(p));
                grey++;
            }
        }
        assertTrue(tinted > 0, "the selected segment shows in XY");
        assertNotEquals(0, grey);
    }
}
