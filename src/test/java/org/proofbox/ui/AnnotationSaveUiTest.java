package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.cli.AnnotationRoundTripTest;
import org.proofbox.edit.Operations;
import org.proofbox.io.Json;
import org.proofbox.model.Connectivity;
import org.proofbox.task.ExecutorTaskRunner;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An annotation zip opens editable in the window; Save (Ctrl+S) asks for a new file and writes the
 * fixed annotation there in the background — read back by the independent Python checker — while
 * the source zip stays byte for byte; afterwards nothing is unsaved.
 */
@ExtendWith(ApplicationExtension.class)
class AnnotationSaveUiTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new ExecutorTaskRunner(2, javafx.application.Platform::runLater));
        window.show();
    }

    @AfterEach
    void reset() {
        EditSession.saveAsAnswer = null;
    }

    @Test
    void anEditedAnnotationIsSavedAsANewZip(FxRobot robot, @TempDir Path dir) throws Exception {
        Path src = dir.resolve("synthetic.zip"), out = dir.resolve("synthetic-proofbox.zip");
        AnnotationRoundTripTest.python("make", src.toString());
        byte[] before = Files.readAllBytes(src);
        robot.interact(() -> window.open(src));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.walkthrough() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.editable(), "an annotation without a fallback layer is editable");
        robot.interact(() -> {
            var ed = window.edit().editor();
            int slot = window.box().labels().table().findSlot(5);
            ed.apply(Operations.splitDisconnected(ed, slot, Connectivity.TWENTY_SIX));
        });
        assertTrue(window.unsaved());
        robot.interact(() -> {
            window.walkthrough().set(9, org.proofbox.model.Verdict.APPROVED, "");
            window.walkthrough().set(5, org.proofbox.model.Verdict.NEEDS_FIX, "was in two pieces");
        });
        Path[] suggested = saveInto(robot, out);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(out, suggested[0], "the suggested name sits beside the source");
        JsonNode v = Json.MAPPER.readTree(AnnotationRoundTripTest.python("verify", src.toString(), out.toString()));
        assertTrue(v.get("nmlElsewhereIdentical").asBoolean() && v.get("zerosKept").asBoolean() && v.get("coarseIsModeOfMag1").asBoolean(), v.toString());
        assertEquals(1, v.get("piecesPerId").get("5").asInt());
        assertTrue(v.get("nmlSegments").has("4294967294"), v.get("nmlSegments").toString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(src)), "the source zip is never changed");
        assertFalse(window.unsaved());
        assertEquals(java.util.Map.of("5", java.util.Map.of("Proofbox verdict", "needs fix", "Proofbox comment", "was in two pieces"),
            "9", java.util.Map.of("Proofbox verdict", "approved")), Json.MAPPER.convertValue(v.get("segmentMetadata"), java.util.Map.class),
            "the review's verdicts are in the NML as WEBKNOSSOS segment metadata");

        // a review without edits goes back too: Save annotation as… (Ctrl+Shift+S) is there for it
        Path out2 = dir.resolve("reviewed.zip");
        EditSession.saveAsAnswer = s -> out2;
        robot.interact(() -> window.walkthrough().set(4294967293L, org.proofbox.model.Verdict.SKIPPED, ""));
        assertTrue(window.actions().get("save-as").isEnabled());
        robot.interact(() -> window.actions().get("save-as").fire(false));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(out2));
        WaitForAsyncUtils.waitForFxEvents();
        JsonNode v2 = Json.MAPPER.readTree(AnnotationRoundTripTest.python("verify", src.toString(), out2.toString()));
        assertEquals("skipped", v2.get("segmentMetadata").get("4294967293").get("Proofbox verdict").asText(), v2.toString());
    }

    @Test
    void aTiffCutoutOpensWithItsColourAndIsSavedAsANewCutout(FxRobot robot, @TempDir Path dir) throws Exception {
        JsonNode made = Json.MAPPER.readTree(org.proofbox.cli.CutoutTest.python("make", org.proofbox.Shared.data("gala_fib_train").toString(), dir.toString()));
        Path src = Path.of(made.get("ome").asText());
        byte[] before = Files.readAllBytes(src);
        robot.interact(() -> window.open(src));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.walkthrough() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.editable(), "a cutout is edited like an export and saved as a new file");
        assertTrue(window.box().export().info().colorLayer().isPresent(), "the colour cutout beside it is the EM under the labels");
        robot.interact(() -> {
            var ed = window.edit().editor();
            ed.apply(Operations.delete(ed, window.box().labels().table().findSlot(16)));
        });
        Path out = dir.resolve("saved.ome.tif");
        Path[] suggested = saveInto(robot, out);
        assertEquals("gala-segmentation-proofbox.ome.tif", suggested[0].getFileName().toString());
        JsonNode v = Json.MAPPER.readTree(org.proofbox.cli.CutoutTest.python("verify", src.toString(), out.toString()));
        assertFalse(v.get("piecesPerId").has("16"), "segment 16 deleted in the written cutout");
        assertEquals(10242, v.get("changedVoxels").asLong(), "exactly its voxels changed (gala's segment 16 has 10 242)");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(src)), "the source is never changed");
    }

    /** Save, the chooser answered with {@code out}; returns the name it suggested (in [0]) once the file is there and nothing is unsaved. */
    private Path[] saveInto(FxRobot robot, Path out) throws Exception {
        Path[] suggested = new Path[1];
        EditSession.saveAsAnswer = s -> {
            suggested[0] = s;
            return out;
        };
        robot.interact(window::save);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(out) && !window.unsaved());
        return suggested;
    }
}
