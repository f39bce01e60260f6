package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.algo.SegmentComponents;
import org.proofbox.model.Connectivity;
import org.proofbox.review.Walkthrough;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The 3D view follows the walkthrough: after each N (pressed quickly, so meshing requests
 * overtake each other) what the view is handed names the walkthrough's current segment, with one
 * surface per piece of it. Monocle has no 3D pipeline, so the follower is told to mesh anyway.
 */
@ExtendWith(ApplicationExtension.class)
class View3DFollowTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void theMeshesNameTheCurrentSegmentAfterEveryStep(FxRobot robot, @TempDir Path dir) throws Exception {
        MainWindow w = WalkthroughUiTest.openIn(robot, stage, WalkthroughUiTest.copyOfSample(dir));
        robot.interact(() -> w.meshes().meshWithout3D(true));
        for (int step = 0; step < 6; step++) {
            for (int k = 0; k < 1 + step % 3; k++) robot.type(KeyCode.N); // bursts of 1–3 steps
            WaitForAsyncUtils.waitForFxEvents();
            Walkthrough.Item cur = w.walkthrough().current();
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> w.meshes().last() != null && w.meshes().last().ids().equals(List.of(cur.id())));
            Thread.sleep(300); // a slower, older request finishing now must not replace it
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(List.of(cur.id()), w.meshes().last().ids(), "still the current segment");
            var labels = w.box().labels();
            int pieces = SegmentComponents.of(labels, w.box().index(), labels.table().findSlot(cur.id()), Connectivity.TWENTY_SIX).size();
            MeshFollower.Shown shown = w.meshes().last();
            assertEquals(pieces, shown.meshes(), "segment " + cur.id());
            assertTrue(shown.text().contains("segment " + Long.toUnsignedString(cur.id())), shown.text());
        }
    }
}
