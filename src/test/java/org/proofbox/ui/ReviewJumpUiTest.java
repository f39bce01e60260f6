package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.io.ExportWriter;
import org.proofbox.io.ZarrCodecs;
import org.proofbox.model.Box3;
import org.proofbox.model.Check;
import org.proofbox.model.ElementType;
import org.proofbox.model.Finding;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.render.Plane;
import org.proofbox.render.SliceGeometry;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A planted box: a coverage gap (an unlabelled block across two cells) and a segment in two
 * pieces. The gap is listed as a box finding; a jump to either shows the whole region in XY with
 * context, the crosshair inside it.
 */
@ExtendWith(ApplicationExtension.class)
class ReviewJumpUiTest {
    static final long A = 0xFFFF_FF10L, B = 0xFFFF_FF11L, C = 0xFFFF_FF12L;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** 120×100×20: A left, B right of a membrane at x = 60; C a 12×12 piece in A and a 30×30 piece in B; a 20×20 gap across the membrane. */
    static long id(int x, int y, int z) {
        if (x >= 50 && x < 70 && y >= 70 && y < 90 && z >= 4 && z < 16) return 0; // the coverage gap
        if (x >= 10 && x < 22 && y >= 10 && y < 22) return C; // C's small piece
        if (x >= 80 && x < 110 && y >= 10 && y < 40) return C; // C's large piece
        if (x == 60) return 0;
        return x < 60 ? A : B;
    }

    @Test
    void aBoxFindingIsListedAndJumpsShowTheWholeRegion(FxRobot robot, @TempDir Path dir) throws Exception {
        Path export = dir.resolve("planted");
        int sx = 120, sy = 100;
        new ExportWriter(export, "planted", new VoxelSize(10, 10, 20, "nanometer"))
            .layer("segmentation", "segmentation", ElementType.UINT32, new Box3(new Vec3(100, 200, 30), new Vec3(sx, sy, 20)),
                ExportWriter.Layout.webknossos(ZarrCodecs.zlib(1)), i -> id((int) (i % sx), (int) (i / sx % sy), (int) (i / ((long) sx * sy))), C)
            .write();
        MainWindow w = WalkthroughUiTest.openIn(robot, stage, export);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ListView<?> box = robot.lookup("#box-findings").queryAs(javafx.scene.control.ListView.class);
        assertTrue(box.isVisible());
        assertEquals(box.getItems().get(0), w.walkthrough().currentBoxFinding(), "the walkthrough starts on the first open box finding");
        assertEquals(org.proofbox.render.Visibility.ALL, w.state().style().visibility(), "a box finding is seen among all segments");
        Finding gap = (Finding) box.getItems().stream().filter(f -> ((Finding) f).check() == Check.COVERAGE_GAP).findFirst().orElseThrow();
        robot.clickOn(robot.from(box).lookup(".list-cell").nth(box.getItems().indexOf(gap)).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w.state().cursor().z() >= 34 && w.state().cursor().z() < 46
            && w.box().labels().idAt(w.state().cursor().x() - 100, w.state().cursor().y() - 200, w.state().cursor().z() - 30) == 0);
        assertRegionInView(w, 150, 170, 270, 290);
        robot.clickOn("#box-accept"); // the gap (selected by the click) is accepted, and that is saved
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(org.proofbox.model.Verdict.APPROVED, w.walkthrough().boxVerdict(gap).verdict());
        w.saver().flush();
        String session = java.nio.file.Files.readString(export.resolve(org.proofbox.review.SessionFile.NAME));
        assertTrue(session.contains("\"finding\" : \"" + org.proofbox.review.Walkthrough.boxKey(gap) + "\""), session);
        for (int i = 0; i < box.getItems().size() && w.walkthrough().currentBoxFinding() != null; i++) robot.type(javafx.scene.input.KeyCode.N);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, w.walkthrough().currentBoxFinding(), "N steps past the last box finding to the segments");
        assertEquals(org.proofbox.render.Visibility.ONLY_SELECTED, w.state().style().visibility(), "the segments' visibility is back");

        // the smaller piece of C: a disconnected finding of C; its jump shows all 12×12 voxels of it, not one pixel
        robot.interact(() -> w.walkthrough().goToId(C));
        WaitForAsyncUtils.waitForFxEvents();
        Finding piece = null;
        for (Finding f : w.walkthroughFindings()) if (f.check() == Check.DISCONNECTED) piece = f;
        assertTrue(piece != null, "C is reported in two pieces");
        Finding p = piece;
        robot.interact(() -> w.jumpTo(p));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            Vec3 c = w.state().cursor();
            return c.x() >= 110 && c.x() < 122 && c.y() >= 210 && c.y() < 222;
        });
        assertRegionInView(w, 110, 122, 210, 222);
        WalkthroughUiTest.waitRendered(w);
        Viewport xy = w.viewport(Plane.XY);
        SliceGeometry g = xy.shownGeometry();
        int shown = 0;
        for (int y = 0; y < g.height(); y++) for (int x = 0; x < g.width(); x++) {
            int[] v = g.voxelAt(x, y);
            if (v[0] >= 110 && v[0] < 122 && v[1] >= 210 && v[1] < 222) shown++;
        }
        assertTrue(shown >= 144 * 4, "the piece covers " + shown + " pixels in XY (at least 2×2 per voxel)");
        assertEquals(Plane.XY, xy.plane);

        // split C: the small piece gets the next id, is selected beside C, and joins the walkthrough after the re-check
        robot.interact(() -> w.edit().splitSelected());
        long fresh = C + 1;
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.walkthrough().item(fresh) != null);
        int freshSlot = w.box().labels().table().findSlot(fresh);
        assertTrue(w.state().style().isSelected(freshSlot) && w.state().style().isSelected(w.box().labels().table().findSlot(C)));
        assertEquals(12L * 12 * 20, w.box().index().voxels(freshSlot), "the small piece (12×12 over all 20 sections) left C");
        javafx.scene.control.ListView<?> log = robot.lookup("#message-log").queryAs(javafx.scene.control.ListView.class);
        assertTrue(log.getItems().stream().anyMatch(m -> m.toString().contains("split into") && m.toString().contains(Long.toUnsignedString(fresh))), log.getItems().toString());
    }

    /** The XY view shows the whole [x0, x1) × [y0, y1) region, with room around it. */
    private static void assertRegionInView(MainWindow w, int x0, int x1, int y0, int y1) {
        Viewport xy = w.viewport(Plane.XY);
        SliceGeometry g = xy.geometry();
        int[] a = g.voxelAt(0, 0), b = g.voxelAt(g.width() - 1, g.height() - 1);
        assertTrue(a[0] < x0 && a[1] < y0 && b[0] >= x1 && b[1] >= y1, "view " + a[0] + "," + a[1] + " .. " + b[0] + "," + b[1] + " holds the region");
    }
}
