package org.proofbox.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.animation.PauseTransition;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.util.Duration;
import org.proofbox.io.ExportException;
import org.proofbox.io.SampleLocator;
import org.proofbox.review.Preferences;
import org.proofbox.task.TaskRunner;

/**
 * The window's side of {@link Preferences}: holds the current ones, writes them in the background
 * half a second after the last change (and at once when the window closes), remembers the folder
 * the file choosers were last used in and the exports opened (File ▸ Open recent).
 */
final class UserPreferences {
    private final TaskRunner tasks;
    private final Path file;
    private final Consumer<String> say;
    private final PauseTransition later = new PauseTransition(Duration.millis(500));
    private Preferences prefs;
    private boolean dirty;

    UserPreferences(TaskRunner tasks, Path file, Consumer<String> say) {
        this.tasks = tasks;
        this.file = file;
        this.say = say;
        Preferences.Loaded l = Preferences.load(file);
        prefs = l.preferences();
        if (l.note() != null) {
            say.accept(l.note());
            System.err.println("proofbox: " + l.note());
        }
        later.setOnFinished(e -> saveInBackground());
    }

    Preferences get() {
        return prefs;
    }

    void update(UnaryOperator<Preferences> change) {
        Preferences next = change.apply(prefs);
        if (next.equals(prefs)) return;
        prefs = next;
        dirty = true;
        later.playFromStart();
    }

    private void saveInBackground() {
        if (!dirty) return;
        dirty = false;
        Preferences p = prefs;
        tasks.submit("preferences", progress -> {
            p.save(file);
            return null;
        }, new TaskRunner.Listener<Object>() {
            @Override public void succeeded(Object r) {}

            @Override public void failed(Throwable error) {
                say.accept(error.getMessage());
            }
        });
    }

    /** Writes what changed now (the window is closing: a background write could be cut off). */
    void flush() {
        later.stop();
        if (!dirty) return;
        dirty = false;
        try {
            prefs.save(file);
        } catch (ExportException e) {
            System.err.println("proofbox: " + e.getMessage());
        }
    }

    /** Open export… / Open volume annotation…: the chooser starts in the folder used last, which the choice then becomes. */
    java.util.Optional<Path> chooseExport(javafx.stage.Stage stage, boolean zip) {
        File chosen;
        if (zip) {
            javafx.stage.FileChooser c = new javafx.stage.FileChooser();
            c.setTitle("Open a WEBKNOSSOS volume-annotation download or a TIFF cutout");
            c.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter("WEBKNOSSOS annotation or cutout", "*.zip", "*.tif", "*.tiff", "*.ozx"),
                new javafx.stage.FileChooser.ExtensionFilter("WEBKNOSSOS annotation", "*.zip"),
                new javafx.stage.FileChooser.ExtensionFilter("Cutout (OME-TIFF, TIFF, zipped stack, OME-Zarr .ozx)", "*.tif", "*.tiff", "*.zip", "*.ozx"));
            c.setInitialDirectory(initialFolder());
            chosen = c.showOpenDialog(stage);
        } else {
            javafx.stage.DirectoryChooser c = new javafx.stage.DirectoryChooser();
            c.setTitle("Open a WEBKNOSSOS bounding-box export");
            c.setInitialDirectory(initialFolder());
            chosen = c.showDialog(stage);
        }
        if (chosen == null) return java.util.Optional.empty();
        chosen(chosen.toPath());
        return java.util.Optional.of(chosen.toPath());
    }

    /** A folder, the chooser starting where the last one was chosen. */
    java.util.Optional<Path> chooseFolder(javafx.stage.Stage stage, String title) {
        javafx.stage.DirectoryChooser c = new javafx.stage.DirectoryChooser();
        c.setTitle(title);
        c.setInitialDirectory(initialFolder());
        File chosen = c.showDialog(stage);
        if (chosen == null) return java.util.Optional.empty();
        chosen(chosen.toPath());
        return java.util.Optional.of(chosen.toPath());
    }

    /** The folder a file chooser starts in: the last one used, while it exists. */
    File initialFolder() {
        String f = prefs.lastFolder();
        if (f == null) return null;
        File d = new File(f);
        return d.isDirectory() ? d : null;
    }

    /** A file or folder was chosen in a chooser: its folder is where the next chooser starts. */
    void chosen(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null) update(x -> x.withLastFolder(parent));
    }

    /** An export opened: first in the recent list (the bundled sample is not listed). */
    void opened(Path p) {
        if (!SampleLocator.isBundled(p)) update(x -> x.withRecent(p));
    }

    /** File ▸ Open recent, filled each time it opens (exports that no longer exist are left out). */
    Menu recentMenu(Consumer<Path> open) {
        Menu m = new Menu("Open recent");
        m.setId("menu-recent");
        m.getItems().add(new MenuItem()); // a menu without items never shows, so never fills itself
        m.setOnShowing(e -> {
            m.getItems().clear();
            for (String s : prefs.recent()) {
                Path p = Path.of(s);
                if (!Files.exists(p)) continue;
                MenuItem i = new MenuItem(s);
                i.setMnemonicParsing(false);
                i.setOnAction(a -> open.accept(p));
                m.getItems().add(i);
            }
            if (m.getItems().isEmpty()) {
                MenuItem none = new MenuItem("(nothing opened yet)");
                none.setDisable(true);
                m.getItems().add(none);
            }
        });
        return m;
    }
}
