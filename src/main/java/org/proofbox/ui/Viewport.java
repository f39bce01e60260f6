package org.proofbox.ui;

import java.nio.IntBuffer;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.proofbox.model.Box3;
import org.proofbox.model.Vec3;
import org.proofbox.render.Palette;
import org.proofbox.render.Plane;
import org.proofbox.render.SliceData;
import org.proofbox.render.SliceGeometry;
import org.proofbox.render.ViewerState;

/**
 * One orthogonal slice view: the rendered slice in an {@link ImageView} backed by a
 * {@link PixelBuffer} (updated in place, never a new image per frame), and a {@link Canvas} on
 * top for the crosshair, the box outline and the caption, which redraw without re-rendering the
 * slice. Mouse: click moves the crosshair (the other views follow), drag pans, wheel steps the
 * slice (Shift: 10), Ctrl+wheel zooms around the mouse.
 */
final class Viewport extends Region {
    /** WEBKNOSSOS's plane colours: XY red, YZ blue, XZ green. */
    static Color colour(Plane p) {
        return switch (p) { case XY -> Color.web("#ff4d4d"); case YZ -> Color.web("#4d8cff"); case XZ -> Color.web("#3ccf5a"); };
    }

    final Plane plane;
    private final ViewerState state;
    private final Supplier<SliceData> data;
    private final Supplier<Palette> palette;
    private final ImageView imageView = new ImageView();
    private final Canvas overlay = new Canvas();
    private final RenderLoop loop;
    private WritableImage image;
    private PixelBuffer<IntBuffer> pixels;
    private int[] pixelArray;
    private SliceGeometry shown;
    private double pressX, pressY, lastX, lastY;
    private boolean dragging;
    private Consumer<int[]> hover = v -> { };
    private Runnable entered = () -> { };
    private Runnable presented = () -> { };
    private ToolHandler tool;
    private boolean toolStroke;
    private double hoverX = -1, hoverY = -1;

    /** An editing tool takes the primary button (press, drag, release) and Shift+wheel; without one the view navigates. */
    interface ToolHandler {
        /** Whether the tool wants this press (then drag and release go to it too). */
        boolean press(Viewport v, int[] voxel, MouseEvent e);

        void drag(Viewport v, int[] voxel, MouseEvent e);

        void release(Viewport v, MouseEvent e);

        /** Brush radius in voxels for the outline under the mouse, or -1 for none. */
        int brushRadius();

        /** Shift+wheel: brush size; true when used. */
        boolean wheel(double delta);
    }
    private int frames;

    Viewport(Plane plane, ViewerState state, Supplier<SliceData> data, Supplier<Palette> palette) {
        this.plane = plane;
        this.state = state;
        this.data = data;
        this.palette = palette;
        setId("viewport-" + plane.name().toLowerCase(Locale.ROOT));
        setStyle("-fx-background-color: #1e1e1e; -fx-border-color: " + toWeb(colour(plane)) + "; -fx-border-width: 2;");
        setMinSize(120, 120);
        imageView.setSmooth(false);
        overlay.setMouseTransparent(true);
        getChildren().addAll(imageView, overlay);
        loop = new RenderLoop(plane.name(), this::present);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            hover.accept(voxelAt(e.getX(), e.getY()));
            hoverX = e.getX();
            hoverY = e.getY();
            if (tool != null && tool.brushRadius() >= 0) drawOverlay();
        });
        addEventHandler(MouseEvent.MOUSE_ENTERED, e -> entered.run());
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover.accept(null));
        addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        widthProperty().addListener((o, a, b) -> requestRender());
        heightProperty().addListener((o, a, b) -> requestRender());
    }

    private static String toWeb(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) (c.getRed() * 255), (int) (c.getGreen() * 255), (int) (c.getBlue() * 255));
    }

    void onHover(Consumer<int[]> h) { hover = h; }
    void onEntered(Runnable r) { entered = r; }
    void onPresented(Runnable r) { presented = r; }
    void setTool(ToolHandler t) { tool = t; }

    /** Inner size in pixels (inside the 2 px border). */
    int viewWidth() { return Math.max(1, (int) Math.floor(getWidth()) - 4); }
    int viewHeight() { return Math.max(1, (int) Math.floor(getHeight()) - 4); }

    SliceGeometry geometry() {
        return state.geometry(plane, viewWidth(), viewHeight());
    }

    /** The geometry of the frame on screen now (null before the first frame). */
    SliceGeometry shownGeometry() {
        return shown;
    }

    int framesPresented() {
        return frames;
    }

    double lastRenderMillis() {
        return loop.lastMillis();
    }

    /** Global voxel under a point of this node (its local coordinates), or null outside the box. */
    int[] voxelAt(double x, double y) {
        int[] v = geometry().voxelAt(x - 2, y - 2);
        Box3 b = state.box();
        return b.contains(v[0], v[1], v[2]) ? v : null;
    }

    /** Local node coordinates of the centre of a global voxel. */
    double[] pointOf(Vec3 voxel) {
        SliceGeometry g = geometry();
        return new double[] {g.screenX(voxel.get(plane.u) + 0.5) + 2, g.screenY(voxel.get(plane.v) + 0.5) + 2};
    }

    void requestRender() {
        SliceData d = data.get();
        if (d == null || getWidth() < 5 || getHeight() < 5) {
            drawOverlay();
            return;
        }
        loop.submit(new RenderLoop.Request(geometry(), d, palette.get()));
        drawOverlay();
    }

    void dispose() {
        loop.close();
    }

    private void present(int[] argb, SliceGeometry g) {
        int w = g.width(), h = g.height();
        if (pixels == null || pixels.getWidth() != w || pixels.getHeight() != h) {
            pixelArray = new int[w * h];
            pixels = new PixelBuffer<>(w, h, IntBuffer.wrap(pixelArray), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixels);
            imageView.setImage(image);
        }
        System.arraycopy(argb, 0, pixelArray, 0, w * h);
        pixels.updateBuffer(b -> null);
        shown = g;
        frames++;
        drawOverlay();
        presented.run();
    }

    /** A copy of the pixels on screen now (ARGB, row after row, {@link #shownGeometry()}'s size). */
    int[] pixels() {
        return pixelArray == null ? new int[0] : pixelArray.clone();
    }

    @Override
    protected void layoutChildren() {
        imageView.relocate(2, 2);
        overlay.relocate(2, 2);
        overlay.setWidth(viewWidth());
        overlay.setHeight(viewHeight());
    }

    /** Buckets an annotation over a fallback layer does not store (hatched; null: none). */
    private java.util.function.Predicate<Vec3> missing;
    private int hatched;

    void missing(java.util.function.Predicate<Vec3> p) {
        missing = p;
        drawOverlay();
    }

    /** The mag one voxel of the shown box stands for (null or 1-1-1: mag 1); the caption's slice is said in mag-1 voxels. */
    private Vec3 workMag;

    void workMag(Vec3 m) {
        workMag = m;
        drawOverlay();
    }

    /** How many missing buckets the last overlay hatched. */
    int hatched() {
        return hatched;
    }

    void drawOverlay() {
        GraphicsContext gc = overlay.getGraphicsContext2D();
        double w = overlay.getWidth(), h = overlay.getHeight();
        gc.clearRect(0, 0, w, h);
        if (data.get() == null) {
            gc.setFill(Color.gray(0.7));
            gc.setFont(Font.font(13));
            gc.fillText(plane.label(), 8, 18);
            return;
        }
        SliceGeometry g = geometry();
        // box outline
        Box3 b = state.box();
        double x0 = g.screenX(b.topLeft().get(plane.u)), x1 = g.screenX(b.end().get(plane.u));
        double y0 = g.screenY(b.topLeft().get(plane.v)), y1 = g.screenY(b.end().get(plane.v));
        gc.setStroke(Color.web("#ffd24d", 0.8));
        gc.setLineWidth(1);
        gc.strokeRect(Math.round(x0) + 0.5, Math.round(y0) + 0.5, Math.round(x1) - Math.round(x0) - 1, Math.round(y1) - Math.round(y0) - 1);
        hatched = MissingBuckets.draw(gc, g, plane, state.slice(plane), b, missing, w, h);
        // crosshair with a gap around the cursor voxel
        Vec3 c = state.cursor();
        double cx0 = g.screenX(c.get(plane.u)), cx1 = g.screenX(c.get(plane.u) + 1);
        double cy0 = g.screenY(c.get(plane.v)), cy1 = g.screenY(c.get(plane.v) + 1);
        double cx = Math.floor((cx0 + cx1) / 2) + 0.5, cy = Math.floor((cy0 + cy1) / 2) + 0.5;
        double gapX = Math.max(6, (cx1 - cx0) / 2 + 3), gapY = Math.max(6, (cy1 - cy0) / 2 + 3);
        gc.setLineWidth(1);
        gc.setStroke(colour(across(plane.u)).deriveColor(0, 1, 1, 0.85)); // vertical line: the plane at the cursor's u
        gc.strokeLine(cx, 0, cx, cy - gapY);
        gc.strokeLine(cx, cy + gapY, cx, h);
        gc.setStroke(colour(across(plane.v)).deriveColor(0, 1, 1, 0.85)); // horizontal line: the plane at the cursor's v
        gc.strokeLine(0, cy, cx - gapX, cy);
        gc.strokeLine(cx + gapX, cy, w, cy);
        // brush outline under the mouse
        int br = tool == null ? -1 : tool.brushRadius();
        if (br >= 0 && hoverX >= 0) {
            int[] hv = voxelAt(hoverX, hoverY);
            if (hv != null) {
                double ux = g.screenX(hv[plane.u] + 0.5), uy = g.screenY(hv[plane.v] + 0.5);
                double rx = (br + 0.5) / g.voxelsPerPixelU(), ry = (br + 0.5) / g.voxelsPerPixelV();
                gc.setStroke(Color.WHITE);
                gc.setLineWidth(1);
                gc.strokeOval(ux - rx, uy - ry, 2 * rx, 2 * ry);
            }
        }
        // caption
        String axis = switch (plane.w) { case 0 -> "x"; case 1 -> "y"; default -> "z"; };
        int slice = state.slice(plane), per = workMag == null ? 1 : plane.w == 0 ? workMag.x() : plane.w == 1 ? workMag.y() : workMag.z();
        String caption = per == 1 ? String.format(Locale.ROOT, "%s  %s = %d   %.3g nm/px", plane.label(), axis, slice, state.nmPerPixel())
            : String.format(Locale.ROOT, "%s  %s = %d (mag %d-%d-%d: %d)   %.3g nm/px", plane.label(), axis, slice * per, // mag-1 voxels, as WEBKNOSSOS
                workMag.x(), workMag.y(), workMag.z(), slice, state.nmPerPixel());
        Font font = Font.font(12);
        gc.setFont(font);
        gc.setTextBaseline(VPos.TOP);
        javafx.scene.text.Text measure = new javafx.scene.text.Text(caption);
        measure.setFont(font);
        gc.setFill(Color.color(0, 0, 0, 0.55));
        gc.fillRect(4, 4, measure.getLayoutBounds().getWidth() + 10, 18);
        gc.setFill(colour(plane));
        gc.fillText(caption, 8, 6);
    }

    /** The plane whose slices run across {@code axis}. */
    private static Plane across(int axis) {
        for (Plane p : Plane.values()) if (p.w == axis) return p;
        throw new IllegalArgumentException("axis " + axis);
    }

    private void pressed(MouseEvent e) {
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        dragging = false;
        toolStroke = false;
        requestFocus();
        if (tool != null && e.getButton() == MouseButton.PRIMARY && data.get() != null) {
            int[] v = voxelAt(e.getX(), e.getY());
            if (v != null && tool.press(this, v, e)) toolStroke = true;
        }
    }

    private void dragged(MouseEvent e) {
        hoverX = e.getX();
        hoverY = e.getY();
        if (toolStroke) {
            int[] v = voxelAt(e.getX(), e.getY());
            if (v != null) tool.drag(this, v, e);
            return;
        }
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) > 3) dragging = true;
        if (dragging) {
            state.pan(plane, e.getX() - lastX, e.getY() - lastY);
            lastX = e.getX();
            lastY = e.getY();
        }
    }

    private void released(MouseEvent e) {
        if (toolStroke) {
            toolStroke = false;
            tool.release(this, e);
            return;
        }
        if (!dragging && e.getButton() == MouseButton.PRIMARY && data.get() != null) {
            int[] v = voxelAt(e.getX(), e.getY());
            if (v != null) state.setCursorAndFollow(v[0], v[1], v[2], plane);
        }
        dragging = false;
    }

    private void scrolled(ScrollEvent e) {
        if (data.get() == null) return;
        double d = e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX(); // Shift turns the wheel sideways on some systems
        if (d == 0) return;
        if (e.isShiftDown() && tool != null && tool.wheel(d)) {
            drawOverlay();
            e.consume();
            return;
        }
        if (e.isControlDown() || e.isShortcutDown()) {
            state.zoomAt(plane, Math.pow(1.1, d / 40.0), e.getX() - 2, e.getY() - 2, viewWidth(), viewHeight());
        } else {
            state.step(plane, (d < 0 ? 1 : -1) * (e.isShiftDown() ? 10 : 1));
        }
        e.consume();
    }
}
