package org.proofbox.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.animation.AnimationTimer;
import javafx.application.ConditionalFeature;
import javafx.application.Platform;
import javafx.geometry.Point3D;
import javafx.geometry.Pos;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Box;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.Sphere;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Translate;
import org.proofbox.algo.mesh.SurfaceMesh;
import org.proofbox.model.Finding;

/**
 * The 3D viewport (the fourth quadrant, as in WEBKNOSSOS): the surfaces of the segments under
 * review, each piece of a disconnected segment in its own shade (the largest in the segment's
 * colour), the findings as markers (a click jumps), the box outline and the crosshair's planes as frames.
 * Drag rotates, the wheel zooms, right or middle drag pans, a double click re-fits; Ctrl+click
 * on a surface puts the crosshair there. Meshes are prepared off the FX thread
 * ({@link MeshFollower}) and reach the scene a bounded number of triangles per frame, so the FX
 * thread never stalls on a large segment. Without a 3D pipeline the view says so in one line.
 */
final class View3D extends StackPane {
    /** Triangles added to the scene per frame at most. */
    static final int TRIANGLES_PER_FRAME = 250_000;

    /** One piece ready for the scene: arrays built off the FX thread. */
    record Piece(SurfaceMesh mesh, float[] points, int[] faces, Color colour, float[] bounds) {}

    private final boolean supported = Platform.isSupported(ConditionalFeature.SCENE3D);
    private final Label caption = new Label();
    private final Group world = new Group(), meshes = new Group(), markers = new Group(), frame = new Group();
    private final Rotate rx = new Rotate(-25, Rotate.X_AXIS), ry = new Rotate(30, Rotate.Y_AXIS);
    private final Translate pan = new Translate(), centre = new Translate();
    private final PerspectiveCamera camera; // only where 3D is supported (its constructor warns otherwise)
    private final ArrayDeque<Piece> pending = new ArrayDeque<>();
    private final AnimationTimer uploader;
    private BiConsumer<Finding, Boolean> onFinding = (f, ctrl) -> { };
    private java.util.function.Consumer<double[]> onSurfacePoint = p -> { };
    private Runnable onUploaded = () -> { };
    private double[] boxNm; // x0, y0, z0, x1, y1, z1 of the box
    private double radius = 1000, distance = 3000;
    private double lastX, lastY;
    private String shownText = "";

    View3D() {
        setId("view3d");
        setStyle("-fx-background-color: #1b1b1b;");
        caption.setId("view3d-caption");
        caption.setStyle("-fx-text-fill: #e0e0e0; -fx-background-color: rgba(0,0,0,0.5); -fx-padding: 2 6 2 6;");
        caption.setWrapText(true);
        caption.setMouseTransparent(true);
        StackPane.setAlignment(caption, Pos.TOP_LEFT);
        if (!supported) {
            caption.setText("3D view not available: this display has no 3D graphics pipeline (JavaFX SCENE3D). The slice views work as usual.");
            getChildren().add(caption);
            uploader = null;
            camera = null;
            return;
        }
        camera = new PerspectiveCamera(true);
        world.getChildren().addAll(meshes, markers, frame);
        world.getTransforms().addAll(pan, rx, ry, centre);
        AmbientLight ambient = new AmbientLight(Color.gray(0.45));
        PointLight light = new PointLight(Color.gray(0.75));
        light.getTransforms().add(new Translate(0, 0, 0));
        camera.setFarClip(1e7);
        camera.setNearClip(1);
        Group root = new Group(world, ambient, new Group(camera, light));
        SubScene sub = new SubScene(root, 10, 10, true, SceneAntialiasing.BALANCED);
        sub.setFill(Color.rgb(27, 27, 27));
        sub.setCamera(camera);
        Pane holder = new Pane(sub);
        holder.setMinSize(0, 0);
        sub.widthProperty().bind(holder.widthProperty());
        sub.heightProperty().bind(holder.heightProperty());
        light.translateZProperty().bind(camera.translateZProperty());
        getChildren().addAll(holder, caption);
        setMinSize(0, 0);
        sub.setOnMousePressed(e -> {
            lastX = e.getSceneX();
            lastY = e.getSceneY();
            if (e.isControlDown() && e.getButton() == MouseButton.PRIMARY && e.getPickResult().getIntersectedNode() instanceof MeshView) {
                Point3D p = e.getPickResult().getIntersectedNode().localToScene(e.getPickResult().getIntersectedPoint());
                Point3D w = world.sceneToLocal(p);
                onSurfacePoint.accept(new double[] {w.getX(), w.getY(), w.getZ()});
            }
        });
        sub.setOnMouseDragged(e -> {
            double dx = e.getSceneX() - lastX, dy = e.getSceneY() - lastY;
            lastX = e.getSceneX();
            lastY = e.getSceneY();
            if (e.getButton() == MouseButton.PRIMARY && !e.isControlDown()) {
                ry.setAngle(ry.getAngle() + dx * 0.4);
                rx.setAngle(Math.max(-90, Math.min(90, rx.getAngle() - dy * 0.4)));
            } else if (e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE) {
                double scale = distance / Math.max(1, getHeight()) * 0.8;
                pan.setX(pan.getX() + dx * scale);
                pan.setY(pan.getY() + dy * scale);
            }
        });
        sub.setOnScroll(e -> {
            distance = Math.max(radius * 0.2, Math.min(radius * 20, distance * (e.getDeltaY() > 0 ? 1 / 1.15 : 1.15)));
            camera.setTranslateZ(-distance);
            e.consume();
        });
        sub.setOnMouseClicked(e -> { if (e.getClickCount() == 2 && e.getButton() == MouseButton.PRIMARY) refit(); });
        uploader = new AnimationTimer() {
            @Override public void handle(long now) {
                int budget = TRIANGLES_PER_FRAME;
                while (!pending.isEmpty() && budget > 0) {
                    Piece p = pending.poll();
                    meshes.getChildren().add(meshView(p));
                    budget -= p.faces().length / 6;
                }
                if (pending.isEmpty()) {
                    stop();
                    onUploaded.run();
                }
            }
        };
    }

    boolean supported() {
        return supported;
    }

    void onFinding(BiConsumer<Finding, Boolean> c) { onFinding = c; }

    /** Ctrl+click on a surface: the point in nm. */
    void onSurfacePoint(java.util.function.Consumer<double[]> c) { onSurfacePoint = c; }

    private static MeshView meshView(Piece p) {
        TriangleMesh m = new TriangleMesh();
        m.getTexCoords().addAll(0, 0);
        m.getPoints().setAll(p.points());
        m.getFaces().setAll(p.faces());
        MeshView v = new MeshView(m);
        v.setCullFace(CullFace.NONE);
        PhongMaterial mat = new PhongMaterial(p.colour());
        mat.setSpecularColor(Color.gray(0.25));
        v.setMaterial(mat);
        v.setUserData(p.mesh());
        return v;
    }

    /** The box whose outline frames the view (nm: x0, y0, z0, x1, y1, z1). */
    void box(double[] nm) {
        boxNm = nm;
        if (!supported) return;
        frame.getChildren().removeIf(n -> "outline".equals(n.getUserData()));
        double w = Math.max(nm[3] - nm[0], Math.max(nm[4] - nm[1], nm[5] - nm[2])) * 0.003;
        PhongMaterial mat = new PhongMaterial(Color.rgb(230, 190, 60));
        for (int axis = 0; axis < 3; axis++) {
            for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) {
                double[] lo = {nm[0], nm[1], nm[2]}, hi = {nm[3], nm[4], nm[5]};
                int u = (axis + 1) % 3, v = (axis + 2) % 3;
                double[] c = new double[3];
                c[axis] = (lo[axis] + hi[axis]) / 2;
                c[u] = a == 0 ? lo[u] : hi[u];
                c[v] = b == 0 ? lo[v] : hi[v];
                double[] size = {w, w, w};
                size[axis] = hi[axis] - lo[axis];
                frame.getChildren().add(bar(c, size, mat, "outline"));
            }
        }
        buildPlanes();
    }

    /** A thin box centred at {@code c} (nm), not pickable, tagged for replacement. */
    private static Box bar(double[] c, double[] size, PhongMaterial mat, String tag) {
        Box b = new Box(size[0], size[1], size[2]);
        b.setTranslateX(c[0]);
        b.setTranslateY(c[1]);
        b.setTranslateZ(c[2]);
        b.setMaterial(mat);
        b.setUserData(tag);
        b.setMouseTransparent(true);
        return b;
    }

    /** The crosshair's three planes as frames (outlines in the colours of the views' borders), built once per box; the cursor only moves them. */
    private final Box[][] planeBars = new Box[3][];

    private void buildPlanes() {
        frame.getChildren().removeIf(n -> "plane".equals(n.getUserData()));
        Color[] colours = {Color.rgb(80, 120, 255), Color.rgb(60, 200, 80), Color.rgb(255, 70, 70)}; // YZ blue, XZ green, XY red as the views' frames
        double[] lo = {boxNm[0], boxNm[1], boxNm[2]}, hi = {boxNm[3], boxNm[4], boxNm[5]};
        double w = Math.max(hi[0] - lo[0], Math.max(hi[1] - lo[1], hi[2] - lo[2])) * 0.002;
        for (int axis = 0; axis < 3; axis++) {
            PhongMaterial mat = new PhongMaterial(colours[axis]);
            int u = (axis + 1) % 3, v = (axis + 2) % 3;
            planeBars[axis] = new Box[4];
            for (int side = 0; side < 4; side++) { // the plane's four edges
                int along = side < 2 ? u : v, across = side < 2 ? v : u;
                double[] c = new double[3], size = {w, w, w};
                c[axis] = (lo[axis] + hi[axis]) / 2;
                c[along] = (lo[along] + hi[along]) / 2;
                c[across] = side % 2 == 0 ? lo[across] : hi[across];
                size[along] = hi[along] - lo[along];
                planeBars[axis][side] = bar(c, size, mat, "plane");
                frame.getChildren().add(planeBars[axis][side]);
            }
        }
    }

    /** The crosshair moved to {@code nm}: its planes follow (12 translations, nothing rebuilt). */
    void crosshair(double[] nm) {
        if (!supported || boxNm == null || planeBars[0] == null) return;
        for (int axis = 0; axis < 3; axis++) {
            double at = Math.max(boxNm[axis], Math.min(boxNm[3 + axis], nm[axis]));
            for (Box bar : planeBars[axis]) {
                if (axis == 0) bar.setTranslateX(at);
                else if (axis == 1) bar.setTranslateY(at);
                else bar.setTranslateZ(at);
            }
        }
    }

    /** Replaces what is shown: {@code pieces} of the segments named by {@code text}, and the findings as markers. */
    void show(String text, List<Piece> pieces, List<Finding> findings, double[] voxelNm) {
        if (!supported) return; // the caption keeps saying why there is no 3D
        shownText = text;
        caption.setText(text);
        meshes.getChildren().clear();
        markers.getChildren().clear();
        pending.clear();
        pending.addAll(pieces);
        if (!pending.isEmpty()) uploader.start();
        else onUploaded.run();
        double[] b = bounds(pieces);
        if (b != null) {
            double size = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
            for (Finding f : findings) {
                Sphere s = new Sphere(Math.max(size * 0.02, 2 * voxelNm[0]));
                s.setTranslateX((f.at().x() + 0.5) * voxelNm[0]);
                s.setTranslateY((f.at().y() + 0.5) * voxelNm[1]);
                s.setTranslateZ((f.at().z() + 0.5) * voxelNm[2]);
                s.setMaterial(new PhongMaterial(f.severity() == org.proofbox.model.Severity.ERROR ? Color.rgb(255, 60, 60) : Color.rgb(255, 190, 40)));
                s.setUserData(f);
                s.setOnMouseClicked(e -> { onFinding.accept(f, e.isControlDown()); e.consume(); });
                javafx.scene.control.Tooltip.install(s, new javafx.scene.control.Tooltip(f.check().key + " at " + f.at() + ": " + f.detail()));
                markers.getChildren().add(s);
            }
            fitTo(b);
        }
    }

    /** Called on the FX thread when the last piece of what {@link #show} was handed is in the scene. */
    void onUploaded(Runnable r) {
        onUploaded = r;
    }

    String shownText() {
        return shownText;
    }

    /** Pieces shown or waiting for their frame (tests and the status line). */
    int pieceCount() {
        return supported ? meshes.getChildren().size() + pending.size() : 0;
    }

    private double[] fitted;

    private void fitTo(double[] b) {
        fitted = b;
        centre.setX(-(b[0] + b[3]) / 2);
        centre.setY(-(b[1] + b[4]) / 2);
        centre.setZ(-(b[2] + b[5]) / 2);
        radius = Math.max(1, 0.5 * Math.sqrt(sq(b[3] - b[0]) + sq(b[4] - b[1]) + sq(b[5] - b[2])));
        distance = radius / Math.tan(Math.toRadians(camera.getFieldOfView() / 2)) * 1.1;
        camera.setTranslateZ(-distance);
        pan.setX(0);
        pan.setY(0);
    }

    /** Home / double click: the shown segment fills the view again. */
    void refit() {
        if (supported && fitted != null) fitTo(fitted);
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double[] bounds(List<Piece> pieces) {
        double[] b = null;
        for (Piece p : pieces) {
            float[] m = p.bounds(); // of the whole piece, computed off the FX thread
            if (b == null) b = new double[] {m[0], m[1], m[2], m[3], m[4], m[5]};
            for (int k = 0; k < 3; k++) {
                b[k] = Math.min(b[k], m[k]);
                b[3 + k] = Math.max(b[3 + k], m[3 + k]);
            }
        }
        return b;
    }

    /**
     * A piece's arrays for the scene (call off the FX thread): points as they are, faces with
     * texture index 0; a piece of more than {@link #TRIANGLES_PER_FRAME} triangles comes as
     * several parts (each with its own points) so no frame uploads more than that.
     */
    static List<Piece> pieces(SurfaceMesh m, int rgb) {
        Color colour = Color.rgb(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
        int[] t = m.triangles();
        float[] v = m.vertices();
        List<Piece> out = new ArrayList<>();
        float[] bounds = m.bounds();
        int per = 3 * TRIANGLES_PER_FRAME;
        for (int from = 0; from < t.length || from == 0; from += per) {
            int to = Math.min(t.length, from + per);
            int[] local = new int[m.vertexCount()];
            java.util.Arrays.fill(local, -1);
            float[] pts = new float[Math.min(v.length, 3 * (to - from))];
            int n = 0;
            int[] faces = new int[2 * (to - from)];
            for (int i = from; i < to; i++) {
                int g = t[i];
                if (local[g] < 0) {
                    local[g] = n;
                    System.arraycopy(v, 3 * g, pts, 3 * n, 3);
                    n++;
                }
                faces[2 * (i - from)] = local[g];
            }
            out.add(new Piece(m, java.util.Arrays.copyOf(pts, 3 * n), faces, colour, bounds));
            if (t.length == 0) break;
        }
        return out;
    }

    /** The colour of piece {@code i} of a segment coloured {@code rgb}: the largest in it, the others in clearly other shades. */
    static int shade(int rgb, int piece) {
        if (piece == 0) return rgb;
        Color c = Color.rgb(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
        Color s = Color.hsb((c.getHue() + 137.5 * piece) % 360, 0.75, 0.95);
        return (int) Math.round(s.getRed() * 255) << 16 | (int) Math.round(s.getGreen() * 255) << 8 | (int) Math.round(s.getBlue() * 255);
    }

    static String describe(long id, List<SurfaceMesh> ms) {
        if (ms.isEmpty()) return "segment " + org.proofbox.model.SegmentIds.toString(id) + ": nothing to show";
        long tris = 0;
        for (SurfaceMesh m : ms) tris += m.triangleCount();
        SurfaceMesh big = ms.get(0);
        String pieces = ms.size() == 1 ? "one piece" : String.format(Locale.ROOT, "%d pieces — the largest (%,d voxels) in the segment's colour, the others in other shades", ms.size(), big.voxels());
        return String.format(Locale.ROOT, "3D: segment %s, %s; %,d triangles%s", org.proofbox.model.SegmentIds.toString(id), pieces, tris,
            big.factor() > 1 ? " (meshed in " + big.factor() + "³ blocks)" : "");
    }

    /** Nodes for tests: the meshes shown. */
    List<Node> meshNodes() {
        return supported ? new ArrayList<>(meshes.getChildren()) : List.of();
    }

    void clear() {
        show("", List.of(), List.of(), new double[] {1, 1, 1});
    }
}
