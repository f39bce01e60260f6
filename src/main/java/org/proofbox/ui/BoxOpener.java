package org.proofbox.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.proofbox.io.ExportException;
import org.proofbox.io.ExportLock;
import org.proofbox.render.Plane;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.TaskRunner;

/**
 * Opening a box in the background: the annotation's question (which volume, which box), progress
 * with Cancel, a first frame before the box is read (a coarse mag, or the middle planes of mag 1),
 * and failure, which leaves the window usable with nothing half-read on screen. One open at a
 * time: a newer one cancels the older, and an older one's late messages are dropped.
 */
final class BoxOpener {
    /** What the window does at each step, on the FX thread. */
    interface Host {
        /** A first frame is about to replace what the window shows: the review, list and 3D view go. */
        void clearForPreview();

        /** The box is read; {@code keepViews}: the views have shown it since a first frame (leave them where the reviewer took them). */
        void opened(Opened o, boolean keepViews);

        void say(String text);

        void error(String header, Throwable error);
    }

    /** At most this long the loader waits for a preview's first frame. */
    static final int PREVIEW_WAIT_SECONDS = 3;

    private final Stage stage;
    private final TaskRunner tasks;
    private final StatusLine status;
    private final ViewerPanel views;
    private final Host host;
    private TaskRunner.TaskHandle loading;
    /** Which open is current, which one ended, and which one showed a first frame before its box was read. */
    private long opening, previewed = -1, ended = -1;

    BoxOpener(Stage stage, TaskRunner tasks, StatusLine status, ViewerPanel views, Host host) {
        this.stage = stage;
        this.tasks = tasks;
        this.status = status;
        this.views = views;
        this.host = host;
    }

    /** Opens {@code given} ({@code preset}: what the command line or Attach dataset… chose; null: ask when it is an annotation). */
    void open(Path given, AnnotationChoice.Choice preset) {
        Path path = given.toAbsolutePath().normalize();
        AnnotationChoice.Choice chosen;
        try {
            chosen = preset != null ? preset : AnnotationChoice.forPath(stage, path).orElse(null);
        } catch (ExportException e) {
            host.error("Could not open the annotation", e);
            return;
        }
        if (chosen == null) return; // the reviewer closed the question
        if (loading != null) loading.cancel();
        status.busy("Opening " + path + " …", null);
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicReference<ExportLock> taken = new AtomicReference<>();
        long gen = ++opening;
        long openStarted = System.nanoTime();
        java.util.function.Consumer<LoadedBox.Preview> preview = pv -> {
            var drawn = new java.util.concurrent.CountDownLatch(1);
            Platform.runLater(() -> {
                if (gen != opening || ended == gen) { // another open started since, or this one already ended (a small box: its preview comes too late)
                    drawn.countDown();
                    return;
                }
                host.clearForPreview();
                Viewport xy = views.viewport(Plane.XY);
                views.preview(pv, xy.viewWidth(), xy.viewHeight());
                views.afterNextFrames(() -> afterPulses(2, drawn::countDown)); // presented, then rendered to the screen
                previewed = gen;
                var m = pv.export().workMag();
                String msg = String.format(Locale.ROOT, "Showing %s while the rest is read (%.1f s after the open began)", (pv.whole()
                    ? "mag " + m.x() + "-" + m.y() + "-" + m.z() + " of " : "the middle of ") + pv.export().info().name(), (System.nanoTime() - openStarted) / 1e9);
                host.say(msg);
                System.err.println("proofbox: " + msg);
            });
            // the loader waits for the first frame before it allocates and reads the rest: gigabytes
            // of fresh memory and every core would otherwise delay that frame by seconds
            if (!Platform.isFxApplicationThread()) {
                try {
                    drawn.await(PREVIEW_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // a cancel: the loader sees it at its next check
                }
            }
        };
        loading = tasks.submit("open " + path, p -> Opened.load(path, chosen, threads, taken, p, preview), new TaskRunner.Listener<>() {
            @Override public void progress(double fraction, String message) {
                status.progress(fraction, message);
            }

            @Override public void succeeded(Opened result) {
                ended = gen;
                status.done();
                boolean keep = previewed == gen;
                previewed = -1;
                host.opened(result, keep);
            }

            @Override public void failed(Throwable error) {
                ended = gen;
                status.done();
                if (previewed == gen) views.show(null, null); // no half-read box stays on screen
                host.say("Could not open " + path);
                host.error("Could not open the export", error);
            }

            @Override public void cancelled() {
                ended = gen;
                status.done();
                if (previewed == gen) views.show(null, null);
                if (taken.get() != null) taken.get().close();
                host.say("Opening cancelled");
            }
        });
        if (!loading.isDone()) status.cancelWith(loading);
    }

    /** Runs {@code r} at the {@code n}-th pulse from now: a pulse starts only when the previous frame is rendered. */
    private static void afterPulses(int n, Runnable r) {
        new javafx.animation.AnimationTimer() {
            private int left = n;

            @Override
            public void handle(long now) {
                if (--left > 0) return;
                stop();
                r.run();
            }
        }.start();
    }
}
