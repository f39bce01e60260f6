package org.proofbox.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import org.proofbox.edit.Edit;
import org.proofbox.edit.EditJournal;
import org.proofbox.edit.ExportSaver;
import org.proofbox.edit.LabelEditor;
import org.proofbox.io.ExportException;
import org.proofbox.io.ExportLock;
import org.proofbox.io.FileOps;
import org.proofbox.model.SegmentIds;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;
import org.proofbox.task.TaskRunner;

/**
 * The editing session of one open box: its editor, the writer lock taken before the box was
 * read, the crash journal (recovery offered on open, a banner when it cannot be written), whether
 * the box may change (writable, no save running) and the save — in the background with Ctrl+S,
 * or on closing after asking. One session per opened box; {@link #close} gives the lock back.
 */
final class EditSession {
    /** Where the session shows its state: the read-only banner and the journal's trouble. */
    interface Banners {
        void readOnly(String text, String tooltip);
        void journalProblem(String text);
    }

    private final Stage stage;
    private final TaskRunner tasks;
    private final Consumer<String> status;
    private final Banners banners;
    private final Runnable changed;
    private final LoadedBox box;
    private final LabelEditor editor;
    private final ExportLock lock;
    private final String readOnly;
    private EditJournal journal;
    private boolean saving;
    private java.util.function.Supplier<java.util.Map<Long, org.proofbox.model.Decision>> decisions = java.util.Map::of;

    /**
     * @param lock the export's writer lock taken before it was read (null: none, and {@code holder} says who has it)
     * @param changed told whenever what the actions depend on changes (edits, saves)
     */
    /** Where a save of an annotation finds the reviewer's verdicts and comments (asked on the FX thread). */
    void decisions(java.util.function.Supplier<java.util.Map<Long, org.proofbox.model.Decision>> d) {
        decisions = d;
    }

    EditSession(Stage stage, TaskRunner tasks, Consumer<String> status, Banners banners, Runnable changed, LoadedBox box, LabelEditor editor, ExportLock lock, String holder) {
        this.stage = stage;
        this.tasks = tasks;
        this.status = status;
        this.banners = banners;
        this.changed = changed;
        this.box = box;
        this.lock = lock;
        this.editor = editor; // made by the loading task
        String ro = ExportSaver.readOnlyReason(box);
        if (ro == null && lock == null && box.export().isFolder()) ro = "the export is open for writing by " + (holder == null ? "another program" : holder);
        this.readOnly = ro;
        var ann = box.export().annotation();
        String text = readOnly == null ? "" : "Read-only: " + readOnly;
        if (ann != null && ann.incomplete()) text += " — untouched regions are MISSING (fallback layer \"" + ann.volume().fallbackLayer() + "\" not in the zip)";
        banners.readOnly(readOnly == null ? null : text, ann != null && ann.incomplete() ? ann.banner() : text);
        if (readOnly != null && lock == null && holder != null) status.accept(text); // who holds it, in full
        journalRoot = journalRoot(box);
        for (int s = 1; s < box.labels().table().slotCount(); s++) if (box.index().voxels(s) > 0) idsAtOpen.add(box.labels().table().idOf(s)); // no figures built
        if (readOnly == null) {
            Path root = journalRoot;
            try {
                Files.createDirectories(root);
            } catch (IOException e) {
                // the journal says it cannot write, below
            }
            journal = new EditJournal(root, box.labels(), ExportSaver.savedState(root));
            EditJournal j = journal;
            journal.setOnFailure(e -> javafx.application.Platform.runLater(() -> {
                banners.journalProblem("Crash recovery is off: the edit journal cannot be written (" + e.getMessage() + "). Save soon.");
                System.err.println("proofbox: " + j.file() + ": cannot write the edit journal: " + e);
            }));
            offerRecovery();
            editor.addListener(journal);
        }
    }

    LoadedBox box() {
        return box;
    }

    private final java.util.Set<Long> idsAtOpen = new java.util.HashSet<>();
    private Path journalRoot;
    /** Tests answer the Save as question (null: the file chooser asks). */
    static java.util.function.Function<Path, Path> saveAsAnswer;

    /** Where the crash journal lives: the export folder, or for an annotation zip a folder of the user's data folder. */
    static Path journalRoot(LoadedBox box) {
        var ann = box.export().annotation();
        if (box.export().cutout() != null) { // a cutout's journal lives in the data folder, not beside the user's files
            String key = box.export().cutout().source().toAbsolutePath().normalize().toString().replaceAll("[^A-Za-z0-9._-]", "_");
            return org.proofbox.io.UserDirs.data().resolve("journals").resolve(key);
        }
        if (ann == null) return box.export().info().root();
        String key = ann.zip().toAbsolutePath().normalize().toString().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + ann.volume().name().replaceAll("[^A-Za-z0-9._-]", "_");
        return org.proofbox.io.UserDirs.data().resolve("journals").resolve(key);
    }

    LabelEditor editor() {
        return editor;
    }

    String readOnly() {
        return readOnly;
    }

    /** Whether the labels may change now: the box is writable and no save is running. */
    boolean editable() {
        return readOnly == null && !saving && !applying;
    }

    /** A big edit is being applied in the background: nothing else changes the labels meanwhile. */
    private volatile boolean applying;

    void applying(boolean on) {
        applying = on;
    }

    /** Says in the status line why the labels cannot change now; true then. */
    boolean refuse() {
        String why = readOnly != null ? "Read-only: " + readOnly : saving ? "Saving … (edits wait until the save is done)"
            : applying ? "Applying an edit … (other edits wait until it is in)" : null;
        if (why != null) status.accept(why);
        return why != null;
    }

    /** The box is closed: the journal file stays (a later open offers it unless a save or discard removed it), the lock goes. */
    void close() {
        if (journal != null && !box.export().isFolder() && !editor.hasUnsavedChanges() && savedAs) {
            try {
                journal.clear(); // every edit is in the new zip; the source zip was never changed
            } catch (IOException e) {
                // a later open offers it; Discard removes it
            }
        }
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                // the journal is forced after every record already
            }
        }
        if (lock != null) lock.close();
    }

    private void offerRecovery() {
        Path root = journalRoot;
        if (!Files.exists(root.resolve(EditJournal.NAME))) return;
        EditJournal.Contents c;
        try {
            c = EditJournal.read(root, box.labels(), ExportSaver.savedState(root));
        } catch (ExportException e) {
            setAside("it cannot be used: " + e.getMessage());
            return;
        }
        List<EditJournal.Entry> entries = c.unsaved();
        if (entries.isEmpty()) {
            if (c.damage() != null) setAside("nothing in it can be recovered: " + c.damage());
            else {
                try {
                    journal.clear(); // its edits were all saved
                } catch (IOException e) {
                    status.accept("The old edit journal could not be removed: " + e.getMessage());
                }
            }
            return;
        }
        ButtonType recover = new ButtonType("Recover", ButtonBar.ButtonData.YES);
        ButtonType aside = new ButtonType("Set aside", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, entries.size() + " edits were not saved when Proofbox last closed on this export"
            + " (the last: " + entries.get(entries.size() - 1).description() + "). " + c.summary() + ".\n\nRecover them? \"Set aside\" keeps the journal in a file beside the export.",
            recover, aside);
        a.setHeaderText("Unsaved edits found");
        a.initOwner(stage);
        Optional<ButtonType> answer = a.showAndWait();
        if (answer.isPresent() && answer.get() == recover) {
            try {
                Edit e = EditJournal.replay(editor, entries, journal.file());
                editor.apply(e);
                status.accept(e.description() + "; save to keep them");
            } catch (ExportException ex) {
                setAside("it does not match the labels: " + ex.getMessage());
            }
        } else {
            setAside("you chose not to recover it");
        }
    }

    private void setAside(String why) {
        Path f = journalRoot.resolve(EditJournal.NAME);
        Path to = f.resolveSibling("proofbox-journal-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".bin");
        try {
            Files.move(f, to);
            status.accept("Edit journal set aside as " + to.getFileName() + " (" + why + ")");
        } catch (IOException e) {
            status.accept("The edit journal " + f + " could not be set aside: " + e.getMessage());
        }
    }

    /** Ctrl+S: writes the changed chunks in the background as one transaction; the journal follows the new state. */
    void save() {
        save(() -> { });
    }

    /** An annotation's "Save as…": a new zip with the edits (if any) and the review's verdicts, even when no voxel changed. */
    void saveAnnotationAs() {
        if (box.export().annotation() == null) status.accept("Save as… writes annotation zips; an export folder is saved in place (Ctrl+S)");
        else if (readOnly != null) status.accept("Read-only annotation: " + readOnly);
        else if (saving) status.accept("A save is running");
        else if (applying) status.accept("An edit is being applied; save when it is in");
        else saveAs(() -> { });
    }

    /** Where a running save shows its progress (its handle cancels it; null handle: it ended). */
    void onSaving(java.util.function.BiConsumer<TaskRunner.TaskHandle, Double> sink) {
        savingSink = sink;
    }

    private java.util.function.BiConsumer<TaskRunner.TaskHandle, Double> savingSink = (h, f) -> { };

    /** What a save's listener changes here: the saving flag, the progress sink, the status line, the owner of its error dialog. */
    private SaveListener.Host saveHost() {
        return new SaveListener.Host() {
            @Override public void saving(boolean on) { saving = on; }
            @Override public void progress(TaskRunner.TaskHandle h, double f) { savingSink.accept(h, f); }
            @Override public void status(String text) { status.accept(text); }
            @Override public void changed() { changed.run(); }
            @Override public Stage owner() { return stage; }
        };
    }

    private boolean savedAs;

    /** An annotation: Save as a new zip (suggested beside it), in the background; the source zip is never changed. */
    private void saveAs(Runnable afterSaved) {
        Path src = box.export().annotation().zip();
        String base = src.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
        Path target = chooseNewFile(src.resolveSibling(base + "-proofbox.zip"), "Save the fixed annotation as a new zip (WEBKNOSSOS imports it)",
            "WEBKNOSSOS annotation", "*.zip");
        if (target == null) return;
        java.util.Set<Long> before = java.util.Set.copyOf(idsAtOpen);
        java.util.Map<Long, org.proofbox.model.Decision> review = java.util.Map.copyOf(decisions.get()); // read here, on the FX thread
        // the chooser asked before a file is replaced; the replacement is one atomic step
        saveAsNewFile(target, "The annotation could not be saved; nothing was written",
            p -> org.proofbox.edit.AnnotationSaver.saveAs(box, editor, before, java.util.Map.of(), review, target, true, p),
            r -> String.format(Locale.ROOT, "Saved as %s: %d chunks written (%d coarse), %d new segments listed, %d verdicts as segment metadata; "
                + "drag it onto WEBKNOSSOS to import it", r.file(), r.chunksWritten(), r.coarseChunksWritten(), r.added().size(), r.verdicts()), afterSaved);
    }

    /** A TIFF cutout: Save writes the labels as a new cutout of the same form beside it (OME-TIFF, TIFF, stack folder or zip). */
    private void saveCutoutAs(Runnable afterSaved) {
        org.proofbox.io.Cutout c = box.export().cutout();
        String name = c.source().getFileName().toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)^(.*?)((\\.ome)?\\.(tiff?|zip|ozx))?$").matcher(name);
        String suggested = m.matches() ? m.group(1) + "-proofbox" + (m.group(2) == null ? "" : m.group(2)) : name + "-proofbox";
        Path target = chooseNewFile(c.source().resolveSibling(suggested), "Save the fixed cutout as a new " + c.kind() + " (the source is never changed)",
            "Cutout", "*.tif", "*.tiff", "*.zip", "*.ozx", "*");
        if (target == null) return;
        saveAsNewFile(target, "The cutout could not be saved; nothing was written", p -> org.proofbox.edit.CutoutSaver.saveAs(box, editor, target, true, p),
            r -> String.format(Locale.ROOT, "Saved as %s: %d sections", r.file(), r.sections()), afterSaved);
    }

    /** The file a new-file save goes to: asked in a chooser starting at {@code suggested} (tests answer through {@link #saveAsAnswer}); null: cancelled. */
    private Path chooseNewFile(Path suggested, String title, String filter, String... globs) {
        if (saveAsAnswer != null) return saveAsAnswer.apply(suggested);
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle(title);
        fc.setInitialDirectory(suggested.toAbsolutePath().getParent().toFile());
        fc.setInitialFileName(suggested.getFileName().toString());
        fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(filter, globs));
        java.io.File f = fc.showSaveDialog(stage);
        return f == null ? null : f.toPath();
    }

    /** Runs a save into a new file in the background; on success the edits count as saved as a copy and {@code said} tells the status line. */
    private <R> void saveAsNewFile(Path target, String failed, TaskRunner.Work<R> work, java.util.function.Function<R, String> said, Runnable afterSaved) {
        status.accept("Saving " + target.getFileName() + " …");
        saving = true;
        changed.run();
        TaskRunner.TaskHandle[] handle = new TaskRunner.TaskHandle[1];
        handle[0] = tasks.submit("save as", work, new SaveListener<R>(saveHost(), handle, "Save cancelled: nothing was written", failed, "") {
            @Override public void succeeded(R r) {
                ended();
                savedAs = true;
                editor.markSavedAsCopy();
                status.accept(said.apply(r));
                changed.run();
                afterSaved.run();
            }
        });
        if (!handle[0].isDone()) savingSink.accept(handle[0], 0.0);
    }

    /** Saves in the background with progress; {@code afterSaved} runs once the save committed (not after a failure or cancel). */
    private void save(Runnable afterSaved) {
        if (readOnly != null) {
            status.accept("Read-only export: " + readOnly);
            return;
        }
        if (saving) {
            status.accept("A save is running");
            return;
        }
        if (applying) {
            status.accept("An edit is being applied; save when it is in");
            return;
        }
        if (!editor.hasUnsavedChanges()) {
            status.accept("Nothing to save");
            return;
        }
        if (box.export().cutout() != null) {
            saveCutoutAs(afterSaved);
            return;
        }
        if (box.export().annotation() != null) {
            saveAs(afterSaved);
            return;
        }
        EditJournal j = journal;
        status.accept("Saving …");
        saving = true;
        changed.run();
        TaskRunner.TaskHandle[] handle = new TaskRunner.TaskHandle[1];
        handle[0] = tasks.submit("save", p -> ExportSaver.save(box, editor, FileOps.REAL, st -> { if (j != null) j.saveBegins(st); }, p),
                new SaveListener<ExportSaver.Result>(saveHost(), handle, "Save cancelled: the export is as it was; the edits are still unsaved", "Could not save",
                    "\n\nUnsaved edits are still in memory and in the journal; the window stays open.") {
            @Override public void succeeded(ExportSaver.Result r) {
                ended();
                try {
                    if (j != null) j.saved(r.state());
                } catch (IOException e) {
                    status.accept("Saved, but the journal could not be removed: " + e.getMessage());
                }
                status.accept(String.format(Locale.ROOT, "Saved: %d chunks written (%d coarse), largest id %s", r.chunksWritten(), r.coarseChunksWritten(),
                    SegmentIds.toString(r.largestSegmentId())));
                changed.run();
                afterSaved.run();
            }
        });
    }

    /** What every save does when it reports, ends, is cancelled or fails (the last two: edits kept, an alert). */
    /**
     * Closing: unsaved edits are asked about first. {@code then} (closing the window, opening
     * another box) runs at once when nothing is unsaved or the reviewer discards, after the save
     * committed when they choose Save (the save runs in the background with progress; a failed or
     * cancelled save keeps the window and the edits), and never when they cancel.
     */
    void closeThen(Runnable then) {
        if (saving) { // never a second save beside the running one
            status.accept("A save is running: close again when it is done");
            return;
        }
        if (!editor.hasUnsavedChanges()) {
            then.run();
            return;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "The labels have unsaved edits (" + editor.undoDescription() + " …).", save, discard, ButtonType.CANCEL);
        a.setHeaderText("Save before closing?");
        a.initOwner(stage);
        Optional<ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == ButtonType.CANCEL) return;
        if (r.get() == save) {
            save(then);
            return;
        }
        if (journal != null) {
            try {
                journal.clear();
            } catch (IOException e) {
                // the journal stays; the next open offers it
            }
        }
        then.run();
    }
}
