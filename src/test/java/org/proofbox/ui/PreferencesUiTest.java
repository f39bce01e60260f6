package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.event.Event;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.Shared;
import org.proofbox.io.Json;
import org.proofbox.model.Connectivity;
import org.proofbox.model.QcParameters;
import org.proofbox.render.Contrast;
import org.proofbox.review.Preferences;
import org.proofbox.review.SessionFile;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The reviewer's preferences reach the window (brush radius, opacity, a fixed contrast, the QC
 * thresholds of a box without a session), and what the window learns (recent exports) is written
 * back: File ▸ Open recent lists it, the bundled sample is never listed.
 */
@ExtendWith(ApplicationExtension.class)
class PreferencesUiTest {
    private Stage stage;
    private String configBefore;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void restore() {
        if (configBefore != null) System.setProperty("proofbox.configDir", configBefore);
        else System.clearProperty("proofbox.configDir");
    }

    @Test
    void preferencesShapeTheWindowAndRecentExportsAreKept(FxRobot robot, @TempDir Path dir) throws Exception {
        configBefore = System.getProperty("proofbox.configDir");
        Path config = dir.resolve("config");
        System.setProperty("proofbox.configDir", config.toString());
        QcParameters q = new QcParameters(Connectivity.SIX, 4321, 0.5, 3.0, 100, 20, 40.0, false);
        new Preferences(q, 7, false, 20, 120, 0.6, dir.toString(), List.of()).save(Preferences.file());
        Path copy = WalkthroughUiTest.copyOfSample(dir);

        MainWindow[] w = new MainWindow[1];
        robot.interact(() -> {
            w[0] = new MainWindow(stage, new org.proofbox.task.ExecutorTaskRunner(2, javafx.application.Platform::runLater));
            w[0].show();
        });
        MainWindow window = w[0];
        assertEquals(7, window.edit().radius());
        assertEquals(0.6, window.state().style().opacity(), 1e-9);

        robot.interact(() -> window.open(Shared.sample()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.walkthrough() != null);
        robot.interact(() -> window.open(copy));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.walkthrough() != null && window.box() != null
            && window.box().export().info().root().equals(copy.toAbsolutePath().normalize()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Contrast(20, 120), window.state().style().contrast(), "a fixed contrast, not the histogram's");
        robot.interact(window::next); // the session (with its thresholds) is written when the review moves
        window.saver().flush();
        JsonNode session = Json.MAPPER.readTree(copy.resolve(SessionFile.NAME).toFile());
        assertEquals(4321, session.get("qcParameters").get("minFragment").asInt(), "the box was checked with the preferred thresholds");
        assertEquals(6, session.get("qcParameters").get("connectivity").asInt());

        // the copy is remembered (written half a second after the change, in the background); the sample is not
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Preferences.load(Preferences.file()).preferences().recent()
            .contains(copy.toAbsolutePath().normalize().toString()));
        Preferences saved = Preferences.load(Preferences.file()).preferences();
        assertEquals(List.of(copy.toAbsolutePath().normalize().toString()), saved.recent());
        assertEquals(7, saved.brushRadius());
        assertEquals(4321, saved.qc().minFragment());

        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        Menu recent = (Menu) bar.getMenus().get(0).getItems().stream().filter(i -> "menu-recent".equals(i.getId())).findFirst().orElseThrow();
        robot.interact(() -> recent.getOnShowing().handle(new Event(Menu.ON_SHOWING)));
        List<String> listed = recent.getItems().stream().map(MenuItem::getText).toList();
        assertEquals(List.of(copy.toAbsolutePath().normalize().toString()), listed);
        assertFalse(recent.getItems().get(0).isDisable());
        assertTrue(window.actions().get("preferences") != null, "File ▸ Preferences… exists");
    }
}
