package org.proofbox.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.proofbox.model.Check;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Severity;
import org.proofbox.model.Vec3;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The registry's filters: by kind of finding, by size range (the slider and a click on a histogram bar), with exactly known rows. */
@ExtendWith(ApplicationExtension.class)
class RegistryFilterTest {
    private RegistryView view;

    @Start
    void start(Stage stage) {
        view = new RegistryView();
        stage.setScene(new Scene(view, 420, 600));
        stage.show();
    }

    /** Segments of 1, 10, 100, …, 10^6 voxels; ids 1..7; the 10- and 10^4-voxel ones are disconnected, the 10^4 one also has a hole. */
    static List<RegistryView.Row> rows() {
        List<RegistryView.Row> out = new ArrayList<>();
        for (int k = 0; k <= 6; k++) {
            long v = (long) Math.pow(10, k);
            Set<Check> kinds = k == 1 ? EnumSet.of(Check.DISCONNECTED) : k == 4 ? EnumSet.of(Check.DISCONNECTED, Check.HOLE) : EnumSet.noneOf(Check.class);
            out.add(new RegistryView.Row(new SegmentStats(k + 1, v, Vec3.ZERO, Vec3.ZERO), 1, 0, kinds.size(), kinds.isEmpty() ? null : Severity.ERROR, "", kinds));
        }
        return out;
    }

    private List<Long> shown() {
        return view.table().getItems().stream().map(RegistryView.Row::id).sorted().toList();
    }

    @Test
    void filtersByKindAndBySize(FxRobot robot) {
        robot.interact(() -> view.set(rows(), null));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), shown());
        javafx.scene.control.ChoiceBox<String> kind = robot.lookup("#registry-kind").queryAs(javafx.scene.control.ChoiceBox.class);
        robot.interact(() -> kind.setValue(Check.DISCONNECTED.key));
        assertEquals(List.of(2L, 5L), shown());
        robot.interact(() -> kind.setValue(Check.HOLE.key));
        assertEquals(List.of(5L), shown());
        robot.interact(() -> kind.setValue(RegistryView.ANY_KIND));
        org.controlsfx.control.RangeSlider size = robot.lookup("#registry-size").queryAs(org.controlsfx.control.RangeSlider.class);
        robot.interact(() -> { size.setLowValue(2); size.setHighValue(4); });
        assertEquals(List.of(3L, 4L, 5L), shown(), "100 to 10 000 voxels");
        // a click on the bar of the quarter decade [10^3, 10^3.25): only the 1000-voxel segment
        javafx.scene.canvas.Canvas h = (javafx.scene.canvas.Canvas) view.getChildren().stream().filter(n -> n instanceof javafx.scene.canvas.Canvas).findFirst().orElseThrow();
        robot.interact(() -> { size.setLowValue(0); size.setHighValue(size.getMax()); });
        int bins = 6 * 4 + 1;
        double x = (12 + 0.5) * h.getWidth() / bins;
        robot.clickOn(h.localToScreen(x, h.getHeight() / 2));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(4L), shown());
        robot.clickOn(h.localToScreen(x, h.getHeight() / 2)); // again: every size
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(7, shown().size());
    }
}
