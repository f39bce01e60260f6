package org.proofbox.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;
import org.proofbox.io.SampleLocator;
import org.proofbox.task.TaskRunner;

/**
 * The JavaFX application and composition root: builds the task runner and the main window and
 * opens the export given on the command line, or the bundled sample.
 */
public final class ProofboxApp extends Application {
    private TaskRunner tasks;

    /** Called by the launcher. */
    public static void start(String[] args) {
        Application.launch(ProofboxApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        tasks = FxTaskRunner.create();
        MainWindow window = new MainWindow(stage, tasks);
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256}) { // assets/icon, in the jar
            var in = ProofboxApp.class.getResourceAsStream("icon/proofbox-" + size + ".png");
            if (in != null) stage.getIcons().add(new javafx.scene.image.Image(in));
        }
        List<String> args = new java.util.ArrayList<>(getParameters().getUnnamed());
        Path dataset = option(args, "--dataset"), raw = option(args, "--raw");
        Path path = args.isEmpty() ? SampleLocator.find() : Path.of(args.get(0));
        FxStallMeter.startIfAsked();
        boolean project = !args.isEmpty() && org.proofbox.review.Project.isProjectFolder(path); // a folder of boxes
        boolean export = java.nio.file.Files.isRegularFile(path.resolve("datasource-properties.json")); // a dataset folder never asks a question
        if (project || dataset != null || raw != null || !export) {
            window.show(); // an annotation or a folder of cutouts may ask first: the window is up behind the question
            if (project) window.openProjectAt(path);
            else if (dataset != null || raw != null) window.open(path, new AnnotationChoice.Choice(null, null, dataset, new org.proofbox.io.Cutout.Options(raw, null, null)));
            else window.open(path);
        } else {
            window.open(path); // read while the window is laid out and shown: the first frame comes ~0.6 s sooner
            window.show();
        }
    }

    /** Takes {@code name VALUE} out of {@code args}: {@code proofbox ANNOTATION.zip --dataset DIR}, {@code proofbox SEG.tif --raw COLOR.tif}. */
    private static Path option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) return null;
        Path p = Path.of(args.get(i + 1));
        args.subList(i, i + 2).clear();
        return p;
    }

    @Override
    public void stop() {
        if (tasks instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // shutting down
            }
        }
    }
}
