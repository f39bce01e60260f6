package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bc.zarr.ZarrArray;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.proofbox.Shared;
import org.proofbox.model.Vec3;
import org.proofbox.render.Plane;
import org.proofbox.task.ExecutorTaskRunner;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The three linked viewports on the bundled sample, driven with the mouse and keys under Monocle. */
@ExtendWith(ApplicationExtension.class)
class ViewportsTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new ExecutorTaskRunner(2, javafx.application.Platform::runLater));
        window.show();
    }

    @BeforeEach
    void open(FxRobot robot, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path copy = WalkthroughUiTest.copyOfSample(dir);
        robot.interact(() -> window.open(copy));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.walkthrough() != null); // the walkthrough has moved to its first segment
        robot.interact(() -> { // back to the whole box, as after opening
            Viewport xy = window.viewport(Plane.XY);
            window.state().reset(window.box().labels().box(), window.box().export().info().voxelSize(), xy.viewWidth(), xy.viewHeight());
        });
        for (Plane p : Plane.values()) waitShown(p);
    }

    private void waitShown(Plane p) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            var shown = window.viewport(p).shownGeometry();
            return shown != null && shown.equals(window.viewport(p).geometry());
        });
    }

    private Point2D screenPoint(Plane p, Vec3 voxel) {
        Viewport v = window.viewport(p);
        double[] local = v.pointOf(voxel);
        return v.localToScreen(local[0], local[1]);
    }

    /** The id at a global voxel, read with jzarr (not with Proofbox's reader). */
    private static long idAt(Vec3 v) throws Exception {
        ZarrArray a = ZarrArray.open(Shared.sample().resolve("segmentation/1"));
        Object data = a.read(new int[] {1, 1, 1, 1}, new int[] {0, v.x(), v.y(), v.z()});
        return data instanceof int[] i ? i[0] & 0xFFFF_FFFFL : ((long[]) data)[0];
    }

    @Test
    void clickingInXyMovesTheOtherSlices(FxRobot robot) throws Exception {
        Vec3 start = window.state().cursor();
        Vec3 target = new Vec3(37, 81, start.z());
        robot.clickOn(screenPoint(Plane.XY, target));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(target, window.state().cursor());
        assertEquals(81, window.viewport(Plane.XZ).geometry().slice());
        assertEquals(37, window.viewport(Plane.YZ).geometry().slice());
        waitShown(Plane.XZ);
        waitShown(Plane.YZ);
        assertEquals(81, window.viewport(Plane.XZ).shownGeometry().slice(), "XZ shows the clicked y");
        assertEquals(37, window.viewport(Plane.YZ).shownGeometry().slice(), "YZ shows the clicked x");
        // the other views follow: the clicked voxel is at their centre
        assertEquals(37.5, window.viewport(Plane.XZ).geometry().centreU(), 1e-9);
        assertEquals(81.5, window.viewport(Plane.YZ).geometry().centreV(), 1e-9);
    }

    @Test
    void theWheelStepsTheSliceOfTheViewUnderTheMouse(FxRobot robot) throws Exception {
        Vec3 c = window.state().cursor();
        robot.moveTo(screenPoint(Plane.XZ, c));
        robot.scroll(1, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        Vec3 after = window.state().cursor();
        assertEquals(1, Math.abs(after.y() - c.y()), "XZ steps along y: " + c + " → " + after);
        assertEquals(c.x(), after.x());
        assertEquals(c.z(), after.z());
        robot.scroll(1, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(c, window.state().cursor());
        robot.type(KeyCode.F);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(c.y() + 1, window.state().cursor().y(), "F: next slice of the view under the mouse");
        robot.press(KeyCode.SHIFT).type(KeyCode.D).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(c.y() + 1 - 10, window.state().cursor().y(), "Shift+D: ten back");
        waitShown(Plane.XZ);
    }

    @Test
    void theStatusBarNamesTheSegmentUnderTheMouse(FxRobot robot) throws Exception {
        Vec3 c = window.state().cursor();
        for (Vec3 v : new Vec3[] {new Vec3(20, 30, c.z()), new Vec3(150, 70, c.z()), new Vec3(101, 12, c.z())}) {
            robot.moveTo(screenPoint(Plane.XY, v));
            WaitForAsyncUtils.waitForFxEvents();
            String text = robot.lookup("#hover").queryAs(Label.class).getText();
            long id = idAt(v);
            assertTrue(text.startsWith("x " + v.x() + "  y " + v.y() + "  z " + v.z()), text);
            assertTrue(text.endsWith("segment " + (id == 0 ? "0 (unlabelled)" : Long.toString(id))), text + " expected id " + id);
        }
    }

    @Test
    void keysToggleTheOverlayAndMaximiseTheViewUnderTheMouse(FxRobot robot) throws Exception {
        robot.moveTo(screenPoint(Plane.YZ, window.state().cursor()));
        robot.type(KeyCode.DIGIT3);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.state().style().overlay());
        robot.type(KeyCode.DIGIT3);
        robot.type(KeyCode.PERIOD);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.state().style().overlay());
        assertEquals(Plane.YZ, window.maximised());
        assertFalse(window.viewport(Plane.XY).isVisible());
        robot.type(KeyCode.PERIOD);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(window.maximised());
        assertTrue(window.viewport(Plane.XY).isVisible());
        // the fourth quadrant (3D view) maximises the same way
        robot.moveTo(window.view3d());
        robot.type(KeyCode.PERIOD);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(window.viewport(Plane.XY).isVisible());
        assertTrue(window.view3d().isVisible() && window.view3d().getWidth() > window.viewport(Plane.YZ).getWidth() * 1.5, "the 3D view fills the panel");
        robot.type(KeyCode.PERIOD);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.viewport(Plane.XY).isVisible() && window.viewport(Plane.YZ).isVisible());
    }

    @Test
    void arrowsAndHomeWorkAfterClickingATableRowAndF1ListsEveryKey(FxRobot robot) throws Exception {
        javafx.scene.control.TableView<?> table = robot.lookup("#registry-table").queryAs(javafx.scene.control.TableView.class);
        robot.clickOn(table.lookup(".table-row-cell"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(table.isFocused() || table.getScene().getFocusOwner() != null, "the table has the focus");
        robot.moveTo(window.viewport(Plane.XY));
        robot.interact(() -> window.state().setCursor(100, 50, 25)); // room on every side (the row's segment may lie at the border)
        Vec3 before = window.state().cursor();
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.DOWN);
        robot.press(KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        Vec3 after = window.state().cursor();
        assertEquals(before.x() + 11, after.x(), "Right, then Shift+Right: 1 + 10 voxels in XY");
        assertEquals(before.y() + 1, after.y());
        assertEquals(before.z(), after.z());
        assertTrue(table.getScene().getFocusOwner() == table || table.isFocused(), "the keys went to the viewer though the table kept the focus");
        window.state().setZoom(window.state().nmPerPixel() / 3);
        robot.type(KeyCode.HOME);
        WaitForAsyncUtils.waitForFxEvents();
        Viewport xy = window.viewport(Plane.XY);
        double[] corner = xy.pointOf(window.box().labels().box().topLeft());
        assertTrue(corner[0] >= 0 && corner[1] >= 0, "Home fits the box: its corner is on screen again");
        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#shortcut-table").tryQuery().isPresent());
        javafx.scene.layout.GridPane g = robot.lookup("#shortcut-table").queryAs(javafx.scene.layout.GridPane.class);
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (var n : g.getChildren()) if (n instanceof Label l) shown.add(l.getText());
        for (String[] r : window.actions().shortcutRows()) assertTrue(shown.contains(r[1]) && shown.contains(r[2]), "overlay lacks " + r[1] + " " + r[2]);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#shortcut-table").tryQuery().isEmpty());
    }
}
