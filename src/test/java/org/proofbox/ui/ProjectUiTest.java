package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.cli.ProjectCheckTest;
import org.proofbox.model.QcParameters;
import org.proofbox.task.ExecutorTaskRunner;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File ▸ Open project in the window: the boxes are checked in the background and listed with the
 * consistency finding on top (the touch-style box named); "Next unreviewed box" opens the boxes
 * in the list's order, each as opening it alone does.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectUiTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new ExecutorTaskRunner(2, javafx.application.Platform::runLater));
        window.show();
    }

    @Test
    void theProjectListsItsBoxesAndWalksThemInOrder(FxRobot robot, @TempDir Path dir) throws Exception {
        for (int i = 0; i < 3; i++) ProjectCheckTest.box(dir, "box" + i, ProjectCheckTest.Kind.GAP, 0);
        ProjectCheckTest.box(dir, "odd", ProjectCheckTest.Kind.TOUCH, 0);
        assertTrue(!window.actions().get("next-box").isEnabled(), "no project: no next box");
        robot.interact(() -> window.project().openProject(dir, QcParameters.defaults()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.project().rows().size() == 4);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("box0", "box1", "box2", "odd"), window.project().rows().stream().map(ProjectPanel.Row::name).toList());
        assertTrue(window.project().findingLines().stream().anyMatch(l -> l.startsWith("odd: membraneStyle")), window.project().findingLines().toString());
        assertTrue(window.project().rows().get(3).flags().startsWith("membraneStyle"), window.project().rows().get(3).flags()); // its labelled fraction differs too (no membranes)
        assertEquals("", window.project().rows().get(0).flags());
        robot.interact(() -> window.actions().refresh());
        assertTrue(window.actions().get("next-box").isEnabled());

        for (String expected : List.of("box0", "box1", "box2")) {
            robot.interact(() -> window.nextBox());
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.walkthrough() != null && window.box() != null
                && window.box().export().info().root().getFileName().toString().equals(expected));
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertEquals(dir.resolve("box2").toAbsolutePath().normalize(), window.box().export().info().root());
    }
}
