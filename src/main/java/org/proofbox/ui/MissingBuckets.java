package org.proofbox.ui;

import java.util.function.Predicate;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import org.proofbox.model.Box3;
import org.proofbox.model.Vec3;
import org.proofbox.render.Plane;
import org.proofbox.render.SliceGeometry;

/**
 * Hatches the 32³ buckets an annotation over a fallback layer does not store (issue 14): what
 * shows there is not the annotator's labels but missing data (the dataset's segmentation, not in
 * the zip), so it must not look unlabelled.
 */
final class MissingBuckets {
    static final int BUCKET = 32;
    /** Beyond this many buckets in view the hatching is left out (far zoomed out: a few pixels each). */
    static final int MAX_BUCKETS = 1 << 14;
    private static ImagePattern hatch;

    private MissingBuckets() {}

    private static ImagePattern hatch() {
        if (hatch == null) {
            int n = 10;
            WritableImage img = new WritableImage(n, n);
            for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) {
                boolean line = Math.floorMod(x - y, n) < 2;
                img.getPixelWriter().setColor(x, y, line ? Color.rgb(255, 120, 40, 0.75) : Color.rgb(40, 40, 40, 0.35));
            }
            hatch = new ImagePattern(img, 0, 0, n, n, false);
        }
        return hatch;
    }

    /** Draws the missing buckets of the slice {@code w} (global voxel) inside {@code box}; returns how many. */
    static int draw(GraphicsContext gc, SliceGeometry g, Plane plane, int w, Box3 box, Predicate<Vec3> missing, double width, double height) {
        if (missing == null || w < box.topLeft().get(plane.w) || w >= box.end().get(plane.w)) return 0;
        int u0 = (int) Math.max(box.topLeft().get(plane.u), Math.floor(g.u(0))), u1 = (int) Math.min(box.end().get(plane.u), Math.ceil(g.u(width)));
        int v0 = (int) Math.max(box.topLeft().get(plane.v), Math.floor(g.v(0))), v1 = (int) Math.min(box.end().get(plane.v), Math.ceil(g.v(height)));
        if (u1 <= u0 || v1 <= v0) return 0;
        int bu0 = Math.floorDiv(u0, BUCKET), bu1 = Math.floorDiv(u1 - 1, BUCKET), bv0 = Math.floorDiv(v0, BUCKET), bv1 = Math.floorDiv(v1 - 1, BUCKET);
        if ((long) (bu1 - bu0 + 1) * (bv1 - bv0 + 1) > MAX_BUCKETS) return 0;
        int bw = Math.floorDiv(w, BUCKET), drawn = 0;
        gc.setFill(hatch());
        int[] b = new int[3];
        for (int bv = bv0; bv <= bv1; bv++) for (int bu = bu0; bu <= bu1; bu++) {
            b[plane.u] = bu;
            b[plane.v] = bv;
            b[plane.w] = bw;
            if (!missing.test(new Vec3(b[0], b[1], b[2]))) continue;
            double x0 = g.screenX(Math.max(u0, bu * BUCKET)), x1 = g.screenX(Math.min(u1, (bu + 1) * BUCKET));
            double y0 = g.screenY(Math.max(v0, bv * BUCKET)), y1 = g.screenY(Math.min(v1, (bv + 1) * BUCKET));
            gc.fillRect(x0, y0, x1 - x0, y1 - y0);
            drawn++;
        }
        return drawn;
    }
}
