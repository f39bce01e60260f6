package org.proofbox.ui;

import java.util.function.BiConsumer;
import javafx.application.Platform;
import org.proofbox.render.Palette;
import org.proofbox.render.SliceData;
import org.proofbox.render.SliceGeometry;
import org.proofbox.render.SliceRenderer;

/**
 * One viewport's render thread. Requests coalesce: while a frame renders, newer requests replace
 * each other and only the latest is drawn next. A finished frame is handed to the FX thread,
 * which copies it into the viewport's pixel buffer; the renderer never touches a buffer the FX
 * thread reads from.
 */
final class RenderLoop implements AutoCloseable {
    record Request(SliceGeometry geometry, SliceData data, Palette palette) {}

    private final Thread thread;
    private final SliceRenderer renderer = new SliceRenderer();
    private final BiConsumer<int[], SliceGeometry> present;
    private Request pending;
    private int[] work = new int[0], ready = new int[0];
    private SliceGeometry readyGeometry;
    private boolean scheduled, closed;
    private volatile double lastMillis;

    /** {@code present} runs on the FX thread with the newest finished frame; it must not keep the array. */
    RenderLoop(String name, BiConsumer<int[], SliceGeometry> present) {
        this.present = present;
        this.thread = new Thread(this::loop, "render-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void submit(Request r) {
        pending = r;
        notifyAll();
    }

    /** Milliseconds the last frame took to rasterise. */
    double lastMillis() {
        return lastMillis;
    }

    private void loop() {
        while (true) {
            Request r;
            synchronized (this) {
                while (pending == null && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) return;
                r = pending;
                pending = null;
            }
            int n = r.geometry().width() * r.geometry().height();
            if (work.length < n) work = new int[n];
            long t0 = System.nanoTime();
            try {
                renderer.render(r.geometry(), r.data(), r.palette(), work);
            } catch (RuntimeException e) {
                // a frame that cannot be drawn (data swapped under it) is skipped; the next request redraws
                continue;
            }
            lastMillis = (System.nanoTime() - t0) / 1e6;
            synchronized (this) {
                int[] t = ready;
                ready = work;
                work = t;
                readyGeometry = r.geometry();
                if (!scheduled) {
                    scheduled = true;
                    Platform.runLater(this::deliver);
                }
            }
        }
    }

    private void deliver() {
        synchronized (this) {
            scheduled = false;
            if (readyGeometry != null) present.accept(ready, readyGeometry);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
