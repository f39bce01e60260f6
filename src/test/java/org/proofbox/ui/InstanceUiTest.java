package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.model.Vec3;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on instance exports (issue 15): nuclei that exist only at 16-16-16 open at that mag,
 * are checked as an instance annotation from the start (the walkthrough begins at the split
 * nucleus), Review ▸ Instance annotation on / off switches and the session keeps it; View ▸ Review
 * at mag… reopens a dense export at a coarser mag.
 */
@ExtendWith(ApplicationExtension.class)
class InstanceUiTest {
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
    }

    @AfterEach
    void reset() {
        AnnotationChoice.magAnswer = null;
    }

    @Test
    void nucleiAtMag16AreReviewedAsInstancesAndTheModeIsKept(FxRobot robot, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("nuclei");
        org.proofbox.cli.InstanceTest.gen("instance", out.toString(), "16-16-16");
        MainWindow w = WalkthroughUiTest.openIn(robot, stage, out);
        assertEquals(new Vec3(16, 16, 16), w.box().export().workMag());
        assertTrue(w.instanceMode(), "a box of few, large, sparse segments starts as an instance annotation");
        assertEquals(102L, w.walkthrough().current().id(), "the split nucleus (an error) comes first");
        robot.interact(() -> w.actions().get("instance").fire(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(w.instanceMode());
        robot.interact(() -> w.actions().get("instance").fire(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(w.instanceMode());
        Path session = out.resolve("proofbox-review.json");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(session) && Files.readString(session).contains("\"instance\" : true"));
    }

    @Test
    void aDenseExportIsReviewedAtACoarserMag(FxRobot robot, @TempDir Path dir) throws Exception {
        Path out = dir.resolve("dense");
        org.proofbox.cli.InstanceTest.gen("dense", out.toString());
        MainWindow w = WalkthroughUiTest.openIn(robot, stage, out);
        assertEquals(new Vec3(1, 1, 1), w.box().export().workMag());
        long voxels1 = w.box().labels().voxelCount();
        AnnotationChoice.magAnswer = names -> {
            assertEquals(java.util.List.of("1-1-1", "2-2-2", "4-4-4"), names);
            return "4-4-4";
        };
        robot.interact(() -> w.actions().get("review-at-mag").fire(false));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> w.box() != null && w.box().export().workMag().equals(new Vec3(4, 4, 4)) && w.walkthrough() != null);
        assertEquals(voxels1 / 64, w.box().labels().voxelCount(), "the labels at mag 4: 64× fewer voxels");
    }
}
