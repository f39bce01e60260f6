package org.proofbox.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;

/**
 * One opened bounding-box export: the parsed datasource and access to the arrays of its layers.
 * Arrays are opened on demand; each format answers through {@link ChunkedArray}.
 */
public final class Export {
    /** How the arrays of this export are opened: from folders on disk, or from entries of an annotation zip. */
    public interface ArraySource {
        /** @param end the exclusive corner of the layer at this mag (formats without a shape, WKW, need it) */
        ChunkedArray open(LayerInfo layer, MagInfo mag, Vec3 end) throws ExportException;
    }

    private final DatasetInfo info;
    private final ArraySource source;
    private final Annotation annotation;
    private final long stamp;     // CRC of datasource-properties.json as parsed (-1 for an annotation)
    private final String recovered;
    private Cutout cutout;
    private Vec3 workMag = new Vec3(1, 1, 1);
    private Export base = this; // before atMag

    private Export(DatasetInfo info, ArraySource source, Annotation annotation, long stamp, String recovered) {
        this.info = info;
        this.source = source;
        this.annotation = annotation;
        this.stamp = stamp;
        this.recovered = recovered;
    }

    /** A dataset folder (Zarr v2, Zarr3 or WKW layers), or a volume-annotation zip with its first volume and box. */
    public static Export open(Path path) throws ExportException {
        return open(path, Cutout.Options.NONE);
    }

    /** As {@link #open(Path)}; a TIFF cutout (file, stack folder or zip) opens with {@code cutout}'s colour file, offset and voxel size. */
    public static Export open(Path path, Cutout.Options cutout) throws ExportException {
        if (Cutout.handles(path)) return Cutout.open(path, cutout);
        if (Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
            return AnnotationZip.open(path, null, null);
        }
        Path root = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        String recovered = root == null ? null : recoverInterrupted(root);
        DatasetInfo info = DatasourceParser.parse(path);
        for (LayerInfo l : info.layers()) checkFormat(info, l);
        return new Export(info, Export::openFolder, null, stampOf(info.propertiesFile()), recovered).atFinestLabels();
    }

    /**
     * A layer "with restricted resolution" (its finest mag coarse, e.g. 16-16-16, WEBKNOSSOS's
     * instance annotations of nuclei) is worked on at that mag; any other export as it is.
     */
    Export atFinestLabels() throws ExportException {
        var seg = info.segmentationLayer();
        if (seg.isEmpty() || seg.get().mags().isEmpty() || seg.get().finestMag().isPresent()) return this;
        MagInfo finest = seg.get().mags().stream().min(java.util.Comparator.comparingLong(m -> m.mag().volume())).get();
        return atMag(finest.mag());
    }

    /** An export whose arrays come from somewhere else (an annotation zip). */
    static Export of(DatasetInfo info, ArraySource source, Annotation annotation) {
        return new Export(info, source, annotation, -1, null);
    }

    /** A cutout's export: arrays from its TIFF sections, saved as a new file. */
    static Export ofCutout(DatasetInfo info, ArraySource source, Cutout cutout) {
        Export e = new Export(info, source, null, -1, null);
        e.cutout = cutout;
        return e;
    }

    /** What a TIFF cutout adds (kind, files, where offset and voxel size came from), or null. */
    public Cutout cutout() {
        return cutout;
    }

    /**
     * This export seen at the segmentation's mag {@code m} (issue 15): a voxel here is a voxel of
     * that mag — the voxel size times {@code m}, every layer's box and mags divided by {@code m}, a
     * mag that is not a multiple of {@code m} dropped (finer EM is not shown; finer labels are never
     * invented) — so the labels load, are checked, edited and saved at that mag by the same code as
     * at mag 1. {@link #workMag} and {@link #toMag1} take positions back to mag-1 voxels, as
     * WEBKNOSSOS counts them. {@code m} = 1 returns this export.
     */
    public Export atMag(Vec3 m) throws ExportException {
        if (m.equals(new Vec3(1, 1, 1))) return this;
        LayerInfo seg = segmentationLayer();
        if (seg.mags().stream().noneMatch(x -> x.mag().equals(m))) {
            throw new ExportException(info.propertiesFile(), "segmentation layer \"" + seg.name() + "\" has no mag " + m.x() + "-" + m.y() + "-" + m.z()
                + " (it has " + seg.mags().stream().map(MagInfo::longName).toList() + ")");
        }
        java.util.Map<String, java.util.Map<Vec3, MagInfo>> real = new java.util.HashMap<>();
        java.util.List<LayerInfo> layers = new java.util.ArrayList<>();
        for (LayerInfo l : info.layers()) {
            java.util.List<MagInfo> mags = new java.util.ArrayList<>();
            java.util.Map<Vec3, MagInfo> back = new java.util.HashMap<>();
            for (MagInfo g : l.mags()) {
                Vec3 r = g.mag();
                if (r.x() % m.x() != 0 || r.y() % m.y() != 0 || r.z() % m.z() != 0) continue;
                Vec3 v = new Vec3(r.x() / m.x(), r.y() / m.y(), r.z() / m.z());
                mags.add(new MagInfo(v, g.path()));
                back.put(v, g);
            }
            if (mags.isEmpty()) continue; // a layer with nothing at or above this mag (finer EM only)
            Box3 b = l.box();
            Vec3 tl = new Vec3(Math.floorDiv(b.topLeft().x(), m.x()), Math.floorDiv(b.topLeft().y(), m.y()), Math.floorDiv(b.topLeft().z(), m.z()));
            Vec3 end = new Vec3(ChunkedArray.ceilDiv(b.end().x(), m.x()), ChunkedArray.ceilDiv(b.end().y(), m.y()), ChunkedArray.ceilDiv(b.end().z(), m.z()));
            layers.add(new LayerInfo(l.name(), l.category(), l.dataFormat(), l.type(), l.elementClass(), l.numChannels(), new Box3(tl, end.minus(tl)),
                java.util.List.copyOf(mags), l.largestSegmentId()));
            real.put(l.name(), back);
        }
        var vs = info.voxelSize();
        DatasetInfo at = new DatasetInfo(info.root(), info.propertiesFile(), info.name(),
            new org.proofbox.model.VoxelSize(vs.x() * m.x(), vs.y() * m.y(), vs.z() * m.z(), vs.unit()), java.util.List.copyOf(layers));
        java.util.Map<String, LayerInfo> original = new java.util.HashMap<>();
        for (LayerInfo l : info.layers()) original.put(l.name(), l);
        ArraySource inner = source;
        ArraySource mapped = (l, v, end) -> {
            MagInfo g = real.get(l.name()).get(v.mag());
            Vec3 r = g.mag();
            Box3 b0 = original.get(l.name()).box();
            return inner.open(original.get(l.name()), g, new Vec3(ChunkedArray.ceilDiv(b0.end().x(), r.x()), ChunkedArray.ceilDiv(b0.end().y(), r.y()),
                ChunkedArray.ceilDiv(b0.end().z(), r.z())));
        };
        Export e = new Export(at, mapped, annotation, stamp, recovered);
        e.cutout = cutout;
        e.workMag = m;
        e.base = this;
        return e;
    }

    /** This export as read, before {@link #atMag} (itself when at mag 1): its layers at their real mags, e.g. EM finer than the work mag. */
    public Export base() {
        return base;
    }

    /** The segmentation mag one voxel of this export stands for: 1-1-1, or what {@link #atMag} was given. */
    public Vec3 workMag() {
        return workMag;
    }

    /** A position in this export's voxels as mag-1 voxels (WEBKNOSSOS's coordinates): the corner of the coarse voxel. */
    public Vec3 toMag1(Vec3 p) {
        return new Vec3(p.x() * workMag.x(), p.y() * workMag.y(), p.z() * workMag.z());
    }

    /** An inclusive upper corner in this export's voxels as mag-1 voxels: the last mag-1 voxel of the coarse voxel. */
    public Vec3 toMag1Max(Vec3 p) {
        return new Vec3((p.x() + 1) * workMag.x() - 1, (p.y() + 1) * workMag.y() - 1, (p.z() + 1) * workMag.z() - 1);
    }

    /** Whether this is a dataset folder, saved in place (not an annotation zip or a cutout, which are saved as new files). */
    public boolean isFolder() {
        return annotation == null && cutout == null;
    }

    /**
     * Finishes or undoes a save that was interrupted in the export folder {@code root} (and removes
     * what it left), when no other process is writing the export; returns what was done, or null.
     */
    public static String recoverInterrupted(Path root) throws ExportException {
        if (!Files.isDirectory(root) || !Transaction.needsRecovery(root)) return null;
        ExportLock own = ExportLock.tryWriter(root, "proofbox (finishing an interrupted save)");
        if (own == null && !ExportLock.heldHere(root)) return null; // a live writer elsewhere owns its save
        try {
            return Transaction.recover(root.toRealPath(), FileOps.REAL);
        } catch (java.io.IOException e) {
            throw new ExportException(root, "cannot open: " + e.getMessage(), e);
        } finally {
            if (own != null) own.close();
        }
    }

    /** What opening did to finish an interrupted save ("completed an interrupted save (12 files)"), or null. */
    public String recovered() {
        return recovered;
    }

    private static long stampOf(Path file) {
        try {
            java.util.zip.CRC32C c = new java.util.zip.CRC32C();
            c.update(Files.readAllBytes(file));
            return c.getValue();
        } catch (java.io.IOException e) {
            return -2;
        }
    }

    /**
     * Whether what was parsed still describes the folder: the properties are unchanged and no save
     * is between its commit point and its end. Asked inside {@link ExportLock#reading}.
     */
    public boolean isCurrent() {
        if (!isFolder()) return true;
        return stampOf(info.propertiesFile()) == stamp && !Transaction.committedPending(info.root());
    }

    public DatasetInfo info() {
        return info;
    }

    /** What a volume-annotation zip adds (NML segments, boxes, fallback), or null for a dataset folder. */
    public Annotation annotation() {
        return annotation;
    }

    private static ChunkedArray openFolder(LayerInfo layer, MagInfo mag, Vec3 end) throws ExportException {
        Path dir = mag.path();
        if (!Files.isDirectory(dir)) {
            throw new ExportException(dir, "mag " + mag.longName() + " of layer \"" + layer.name() + "\" not found");
        }
        return switch (layer.dataFormat()) {
            case "zarr3" -> Zarr3Array.open(dir);
            case "wkw" -> WkwArray.open(dir, end);
            default -> ZarrV2Array.open(dir);
        };
    }

    private static void checkFormat(DatasetInfo info, LayerInfo l) throws ExportException {
        switch (l.dataFormat()) {
            case "zarr", "zarr3", "wkw" -> { }
            default -> throw new ExportException(info.propertiesFile(), "layer \"" + l.name() + "\" uses dataFormat \""
                + l.dataFormat() + "\", which Proofbox does not read (zarr, zarr3 and wkw)");
        }
    }

    /** The segmentation layer or an error naming the properties file. */
    public LayerInfo segmentationLayer() throws ExportException {
        return info.segmentationLayer().orElseThrow(() ->
            new ExportException(info.propertiesFile(), "no layer of category \"segmentation\""));
    }

    public LayerArray open(LayerInfo layer, MagInfo mag) throws ExportException {
        Vec3 m = mag.mag();
        Box3 box0 = layer.box();
        Vec3 end0 = new Vec3(ChunkedArray.ceilDiv(box0.end().x(), m.x()), ChunkedArray.ceilDiv(box0.end().y(), m.y()),
            ChunkedArray.ceilDiv(box0.end().z(), m.z()));
        ChunkedArray array = source.open(layer, mag, end0);
        Path meta = array.metadataFile();
        ElementType declared = layer.type();
        if (array.type() != declared) {
            throw new ExportException(meta, "dtype " + array.type().wkName() + " does not match elementClass "
                + layer.elementClass() + " of layer \"" + layer.name() + "\"");
        }
        if (layer.isSegmentation() && (!declared.integer)) {
            throw new ExportException(info.propertiesFile(), "segmentation layer \"" + layer.name() + "\" has non-integer type " + declared.wkName());
        }
        Box3 box = layer.box();
        Vec3 start = new Vec3(box.topLeft().x() / m.x(), box.topLeft().y() / m.y(), box.topLeft().z() / m.z());
        Vec3 end = new Vec3(ChunkedArray.ceilDiv(box.end().x(), m.x()), ChunkedArray.ceilDiv(box.end().y(), m.y()),
            ChunkedArray.ceilDiv(box.end().z(), m.z()));
        Box3 region = new Box3(start, end.minus(start));
        Vec3 shape = array.shape();
        Vec3 origin;
        if (covers(shape, end)) {
            origin = Vec3.ZERO; // absolute coordinates
        } else if (covers(shape, region.size())) {
            origin = start; // box-local array
        } else {
            // Some writers trim the last partial voxel of a coarse mag; accept arrays short by one voxel per axis.
            Vec3 tolerant = new Vec3(Math.max(0, region.size().x() - 1), Math.max(0, region.size().y() - 1), Math.max(0, region.size().z() - 1));
            if (!m.equals(new Vec3(1, 1, 1)) && covers(shape, tolerant)) {
                origin = start;
                region = new Box3(start, new Vec3(Math.min(shape.x(), region.size().x()), Math.min(shape.y(), region.size().y()),
                    Math.min(shape.z(), region.size().z())));
            } else {
                throw new ExportException(meta, "array shape " + shape + " is smaller than the bounding box of layer \""
                    + layer.name() + "\" at mag " + mag.longName() + " (needs " + region.size() + " box-local or " + end + " absolute)");
            }
        }
        return new LayerArray(layer, mag, array, origin, region);
    }

    private static boolean covers(Vec3 shape, Vec3 need) {
        return shape.x() >= need.x() && shape.y() >= need.y() && shape.z() >= need.z();
    }
}
