package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.edit.EditJournal;
import org.proofbox.model.Vec3;
import org.proofbox.render.Plane;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.ExecutorTaskRunner;
import org.proofbox.task.Progress;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Painting with the brush in the real window, undo / redo / save with the keys, and crash recovery from the journal. */
@ExtendWith(ApplicationExtension.class)
class EditingUiTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private MainWindow openIn(FxRobot robot, Stage s, Path export) throws Exception {
        MainWindow w = WalkthroughUiTest.openIn(robot, s, export);
        robot.interact(() -> { // the whole box in view
            Viewport xy = w.viewport(Plane.XY);
            w.state().reset(w.box().labels().box(), w.box().export().info().voxelSize(), xy.viewWidth(), xy.viewHeight());
        });
        WaitForAsyncUtils.waitForFxEvents();
        return w;
    }

    private static Point2D at(MainWindow w, Vec3 voxel) {
        Viewport v = w.viewport(Plane.XY);
        double[] p = v.pointOf(voxel);
        return v.localToScreen(p[0], p[1]);
    }

    @Test
    void paintUndoRedoSaveAndReadBack(FxRobot robot, @TempDir Path dir) throws Exception {
        Path export = WalkthroughUiTest.copyOfSample(dir);
        MainWindow w = openIn(robot, stage, export);
        int z = w.state().cursor().z();
        Vec3 a = new Vec3(60, 40, z), b = new Vec3(70, 40, z);
        robot.moveTo(at(w, a));
        robot.type(KeyCode.B); // brush
        robot.type(KeyCode.C); // a new segment id becomes active
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(EditController.Tool.BRUSH, w.edit().tool());
        long newId = w.box().labels().table().idOf(w.edit().activeSlot());
        assertEquals(w.box().export().segmentationLayer().largestSegmentId().orElse(0L) + 1, newId);
        robot.drag(at(w, a), MouseButton.PRIMARY).dropTo(at(w, b));
        WaitForAsyncUtils.waitForFxEvents();
        for (int x = 60; x <= 70; x++) assertEquals(newId, w.box().labels().idAt(x, 40, z), "painted along the stroke at x " + x);
        long painted = w.box().index().voxels(w.edit().activeSlot());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w.viewport(Plane.XY).shownGeometry() != null);
        shot(robot, "target/shots/editing.png");
        assertTrue(painted >= 11 * 7, painted + " voxels for an 11-voxel stroke of radius 3");

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL); // the stroke is one undo step
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, w.box().index().voxels(w.edit().activeSlot()));
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(painted, w.box().index().voxels(w.edit().activeSlot()));
        assertTrue(Files.exists(export.resolve(EditJournal.NAME)), "edits are journalled until saved");

        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !w.edit().editor().hasUnsavedChanges() && !Files.exists(export.resolve(EditJournal.NAME)));
        LoadedBox fresh = LoadedBox.open(export, 2, Progress.NONE);
        int s = fresh.labels().table().findSlot(newId);
        assertEquals(painted, fresh.index().voxels(s));
        assertEquals(newId, fresh.export().segmentationLayer().largestSegmentId().orElseThrow());

        // the registry and walkthrough learn about the new segment once the re-check ran
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.walkthrough().item(newId) != null);
    }

    @Test
    void aReadOnlyAnnotationCannotBeChangedByAnyEditPath(FxRobot robot, @TempDir Path dir) throws Exception {
        // over a fallback layer: its untouched buckets are not in the zip, so it cannot be written back yet
        Path zip = dir.resolve("fallback.zip");
        org.proofbox.cli.AnnotationRoundTripTest.python("make", zip.toString(), "fallback");
        MainWindow w = WalkthroughUiTest.openIn(robot, stage, zip);
        WaitForAsyncUtils.waitForFxEvents();
        String banner = robot.lookup("#readonly-banner").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(banner.contains("Read-only"), banner);
        // the bucket the zip does not store (2, 1, 0) is hatched, not shown as unlabelled
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w.viewport(org.proofbox.render.Plane.XY).hatched() == 1);
        assertTrue(w.state().cursor().z() < 32);
        assertTrue(robot.lookup("#save").queryAs(javafx.scene.control.Button.class).isDisabled());
        assertTrue(robot.lookup("#tool-brush").queryAs(javafx.scene.control.ToggleButton.class).isDisabled(), "no tools on a read-only box");
        int slot = w.box().labels().table().findSlot(5);
        long voxels = w.box().index().voxels(slot);
        assertEquals(4096 + 512, voxels);
        robot.interact(() -> {
            w.state().setStyle(w.state().style().withSelected(slot));
            w.edit().deleteSelected();   // Edit ▸ Delete
            w.edit().mergeDialog();      // Edit ▸ Merge (refused before its dialog)
            w.edit().splitSelected();
            w.edit().newSegment();
            w.edit().undo();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(voxels, w.box().index().voxels(slot), "nothing deleted");
        assertTrue(!w.edit().editor().hasUnsavedChanges());
        String status = robot.lookup("#status").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(status.startsWith("Read-only"), status);

        // File ▸ Attach dataset…: the same annotation again with its dataset: EM under the labels, the fallback fills the bucket, editable
        Path ds = dir.resolve("dataset");
        org.proofbox.cli.AnnotationRoundTripTest.python("make-dataset", ds.toString());
        AnnotationChoice.datasetAnswer = () -> ds;
        try {
            assertTrue(w.actions().get("attach-dataset").isEnabled());
            robot.interact(() -> w.actions().get("attach-dataset").fire(false));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w.box() != null && w.box().export().annotation() != null
                && w.box().export().annotation().dataset() != null && w.walkthrough() != null);
            WaitForAsyncUtils.waitForFxEvents();
        } finally {
            AnnotationChoice.datasetAnswer = null;
        }
        assertTrue(w.editable(), "with the dataset attached the annotation can be edited and saved");
        assertTrue(w.box().labels().table().findSlot(77) > 0, "segment 77 lives only in the fallback layer");
        assertTrue(w.box().export().info().colorLayer().isPresent());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> w.viewport(org.proofbox.render.Plane.XY).hatched() == 0);
    }

    @Test
    void quitWithUnsavedEditsAsksAndCancelKeepsTheWindow(FxRobot robot, @TempDir Path dir) throws Exception {
        Path export = WalkthroughUiTest.copyOfSample(dir);
        MainWindow w = openIn(robot, stage, export);
        int z = w.state().cursor().z();
        robot.moveTo(at(w, new Vec3(30, 30, z)));
        robot.type(KeyCode.E);
        robot.clickOn(at(w, new Vec3(30, 30, z)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(w.edit().editor().hasUnsavedChanges());
        javafx.application.Platform.runLater(() -> w.actions().get("quit").fire(false)); // Ctrl+Q: a modal question, so not inside interact
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Save before closing?").tryQuery().isPresent());
        WalkthroughUiTest.clickButton(robot, "Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing(), "Cancel keeps the window and the edits");
        assertTrue(w.edit().editor().hasUnsavedChanges());
        robot.press(KeyCode.CONTROL).type(KeyCode.Q).release(KeyCode.CONTROL); // the key itself asks too
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Save before closing?").tryQuery().isPresent());
        WalkthroughUiTest.clickButton(robot, "Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());

        // Save: the window closes once the save (in the background) committed, and the stroke is in the export
        long painted = w.box().labels().idAt(30 - w.box().labels().box().topLeft().x(), 30 - w.box().labels().box().topLeft().y(),
            z - w.box().labels().box().topLeft().z());
        javafx.application.Platform.runLater(() -> w.actions().get("quit").fire(false));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Save before closing?").tryQuery().isPresent());
        WalkthroughUiTest.clickButton(robot, "Save");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !stage.isShowing());
        {
            org.proofbox.store.LoadedBox again = org.proofbox.store.LoadedBox.open(export, 2, org.proofbox.task.Progress.NONE);
            var l = again.labels();
            assertEquals(painted, l.idAt(30 - l.box().topLeft().x(), 30 - l.box().topLeft().y(), z - l.box().topLeft().z()), "the saved stroke");
        }
    }

    @Test
    void aFillThatFloodsUnlabelledSpaceAsksFirstAndTheLogKeepsTheOutcome(FxRobot robot, @TempDir Path dir) throws Exception {
        Path export = WalkthroughUiTest.copyOfSample(dir);
        MainWindow w = openIn(robot, stage, export);
        int z = w.state().cursor().z();
        var labels = w.box().labels();
        Vec3 seed = null; // an unlabelled voxel next to one on the box border: its fill reaches the border
        for (int zz = 0; zz < labels.sizeZ() && seed == null; zz++) {
            for (int y = 10; y < labels.sizeY() - 10 && seed == null; y++) {
                if (labels.idAt(0, y, zz) == 0 && labels.idAt(1, y, zz) == 0 && labels.idAt(2, y, zz) == 0) seed = new Vec3(2, y, zz);
            }
            for (int x = 10; x < labels.sizeX() - 10 && seed == null; x++) {
                if (labels.idAt(x, 0, zz) == 0 && labels.idAt(x, 1, zz) == 0 && labels.idAt(x, 2, zz) == 0) seed = new Vec3(x, 2, zz);
            }
        }
        assertTrue(seed != null, "the sample has unlabelled voxels at its border");
        Vec3 at = seed;
        robot.interact(() -> { w.edit().setActive(labels.table().findSlot(labels.idAt(0, 0, z) == 0 ? 1 : labels.idAt(0, 0, z))); w.edit().setTool(EditController.Tool.FILL); });
        robot.interact(() -> w.state().setCursorAndFollow(at.x(), at.y(), at.z(), null));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#fill-3d");
        long before = w.box().index().voxels(0);
        robot.clickOn(at(w, at));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("A large edit").tryQuery().isPresent());
        WalkthroughUiTest.clickButton(robot, "Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, w.box().index().voxels(0), "cancelled: nothing filled");
        assertTrue(!w.edit().editor().hasUnsavedChanges());
        javafx.scene.control.ListView<?> log = robot.lookup("#message-log").queryAs(javafx.scene.control.ListView.class);
        assertTrue(log.getItems().stream().anyMatch(m -> m.toString().contains("Not applied: 3D fill")), log.getItems().toString());
    }

    @Test
    void aBigEditItsUndoAndRedoChangeTheLabelsOffTheFxThreadWhileOtherEditsWait(FxRobot robot, @TempDir Path dir) throws Exception {
        Path export = WalkthroughUiTest.copyOfSample(dir);
        MainWindow w = openIn(robot, stage, export);
        var labels = w.box().labels();
        var seg = w.box().index().segments().stream().filter(st -> st.voxels() > 2_000 && st.voxels() < LargeEdits.LARGE)
            .max(java.util.Comparator.comparingLong(org.proofbox.model.SegmentStats::voxels)).orElseThrow();
        int slot = labels.table().findSlot(seg.id());
        long sum = 0; // the segment's voxels, as a sum of their linear indices, to compare after undo
        for (int z = 0; z < labels.sizeZ(); z++) for (int y = 0; y < labels.sizeY(); y++) for (int x = 0; x < labels.sizeX(); x++) {
            if (labels.slotAt(x, y, z) == slot) sum += x + (long) labels.sizeX() * (y + (long) labels.sizeY() * z);
        }
        List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>()); // thread, and whether an edit could start then
        javafx.scene.control.Button cancel = robot.lookup("#task-cancel").queryAs(javafx.scene.control.Button.class);
        w.edit().editor().addListener((d, diff, touched, undo) -> seen.add((javafx.application.Platform.isFxApplicationThread() ? "fx" : "worker")
            + (w.edit().editable() ? " editable" : " waiting") + (cancel.isVisible() ? " cancel" : ""))); // an edit half applied cannot be cancelled
        int old = SegmentOperations.backgroundApply;
        SegmentOperations.backgroundApply = 1_000; // the sample's segments stand in for 10⁸-voxel edits
        try {
            robot.interact(() -> {
                w.state().setStyle(w.state().style().withSelected(slot));
                w.edit().deleteSelected();
            });
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> seen.size() == 1 && w.edit().editable());
            assertEquals(0, w.box().index().voxels(slot));
            robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> seen.size() == 2 && w.edit().editable());
            assertEquals(seg.voxels(), w.box().index().voxels(slot), "undone");
            long back = 0;
            for (int z = 0; z < labels.sizeZ(); z++) for (int y = 0; y < labels.sizeY(); y++) for (int x = 0; x < labels.sizeX(); x++) {
                if (labels.slotAt(x, y, z) == slot) back += x + (long) labels.sizeX() * (y + (long) labels.sizeY() * z);
            }
            assertEquals(sum, back, "every voxel back where it was");
            robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> seen.size() == 3 && w.edit().editable());
            assertEquals(0, w.box().index().voxels(slot), "redone");
            assertEquals(List.of("worker waiting", "worker waiting", "worker waiting"), seen, "apply, undo and redo off the FX thread, other edits refused meanwhile");
            WaitForAsyncUtils.waitForFxEvents();
            String status = robot.lookup("#status").queryAs(javafx.scene.control.Label.class).getText();
            assertTrue(status.startsWith("Redone"), status);
        } finally {
            SegmentOperations.backgroundApply = old;
        }
    }

    /** A PNG of the window for a person to look at (not an assertion). */
    static void shot(FxRobot robot, String file) throws Exception {
        Path out = Path.of(file);
        Files.createDirectories(out.getParent());
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        robot.interact(() -> img[0] = robot.window(0).getScene().snapshot(null));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img[0], null), "png", out.toFile());
    }

    @Test
    void unsavedEditsComeBackAfterACrash(FxRobot robot, @TempDir Path dir) throws Exception {
        Path export = WalkthroughUiTest.copyOfSample(dir);
        MainWindow w = openIn(robot, stage, export);
        int z = w.state().cursor().z();
        robot.moveTo(at(w, new Vec3(30, 30, z)));
        robot.type(KeyCode.E); // erase
        robot.clickOn(at(w, new Vec3(30, 30, z)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, w.box().labels().idAt(30, 30, z));
        // while the first window holds the export, a second one opens it read-only and says who has it
        Stage[] second = new Stage[1];
        robot.interact(() -> second[0] = new Stage());
        MainWindow[] w2 = new MainWindow[1];
        robot.interact(() -> {
            w2[0] = new MainWindow(second[0], new ExecutorTaskRunner(2, javafx.application.Platform::runLater));
            w2[0].show();
            w2[0].open(export);
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w2[0].box() != null && w2[0].edit().editor() != null);
        WaitForAsyncUtils.waitForFxEvents();
        String banner = robot.from(second[0].getScene().getRoot()).lookup("#readonly-banner").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(banner.contains("open for writing by the Proofbox window (process " + ProcessHandle.current().pid()), banner);
        assertTrue(w2[0].box().labels().idAt(30, 30, z) != 0, "the second window reads the saved labels");
        // "crash": the first window is gone without closing (its lock goes with it, its journal stays); the second opens the export again
        robot.interact(() -> w.edit().detach());
        robot.interact(() -> w2[0].open(export));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("Recover").tryQuery().isPresent());
        WalkthroughUiTest.clickButton(robot, "Recover");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w2[0].box() != null && w2[0].edit().editor() != null && w2[0].edit().editor().hasUnsavedChanges());
        assertEquals(0, w2[0].box().labels().idAt(30, 30, z));
        assertTrue(w2[0].box().labels().idAt(31, 30, z) == 0 || w.box().labels().idAt(31, 30, z) == w2[0].box().labels().idAt(31, 30, z));
        robot.interact(() -> { w2[0].edit().detach(); second[0].hide(); });
    }
}
