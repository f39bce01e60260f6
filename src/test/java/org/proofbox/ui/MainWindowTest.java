package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.task.ExecutorTaskRunner;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window under Monocle: opening a box in the background, and a bad export. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new ExecutorTaskRunner(2, javafx.application.Platform::runLater));
        window.show();
    }

    @Test
    void opensTheSampleInTheBackground(FxRobot robot) throws Exception {
        var before = Shared.listing(Shared.sample());
        robot.interact(() -> window.open(Shared.sample()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.box() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("gala_fib_train", robot.lookup("#title").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#status").queryAs(Label.class).getText().contains("87 segments"));
        javafx.scene.control.TableView<?> table = robot.lookup("#registry-table").queryAs(javafx.scene.control.TableView.class);
        assertEquals(87, table.getItems().size());
        assertEquals(87, window.box().index().segmentCount());
        // selecting a segment enables what needs one, in the menu bar too (not only when a menu opens)
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.MenuItem export = bar.getMenus().stream().flatMap(m -> m.getItems().stream())
            .filter(i -> "menu-export-mesh".equals(i.getId())).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.walkthrough() != null);
        WaitForAsyncUtils.waitForFxEvents();
        long current = window.walkthrough().current().id();
        robot.interact(() -> window.state().setStyle(window.state().style().withSelected()));
        assertTrue(export.isDisable(), "nothing selected: no mesh to export");
        robot.interact(() -> window.select(current)); // the segment the walkthrough already stands on
        assertTrue(window.state().style().isSelected(window.box().labels().table().findSlot(current)), "clicking the current segment selects it again");
        assertTrue(!export.isDisable(), "a segment selected: Export mesh is enabled");
        // Monocle has no 3D pipeline: the fourth quadrant says so in one line and the rest works
        if (!javafx.application.Platform.isSupported(javafx.application.ConditionalFeature.SCENE3D)) {
            String caption = robot.lookup("#view3d-caption").queryAs(Label.class).getText();
            assertTrue(caption.startsWith("3D view not available"), "caption [" + caption + "] supported " + window.view3d().supported());
            assertEquals(0, window.view3d().pieceCount());
        }
        window.saver().flush();
        assertEquals(before, Shared.listing(Shared.sample()), "the bundled sample is kept as shipped: no lock, no session in it");
        assertTrue(robot.lookup("#readonly-banner").queryAs(Label.class).getText().contains("bundled sample"));
    }

    @Test
    void aBadExportShowsTheReadersMessageAndTheWindowStaysUsable(FxRobot robot, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("datasource-properties.json"), "{not json");
        robot.interact(() -> window.open(dir));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        String text = robot.lookup(".dialog-pane .content").queryAs(Label.class).getText();
        assertTrue(text.contains("datasource-properties.json: malformed JSON"), text);
        robot.interact(() -> Window.getWindows().stream().filter(w -> w != robot.window(0)).toList()
            .forEach(w -> ((Stage) w).close()));
        robot.interact(() -> window.open(Shared.sample()));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.box() != null);
    }
}
