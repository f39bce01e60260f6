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
    private final DatasetInfo info;

    private Export(DatasetInfo info) {
        this.info = info;
    }

    public static Export open(Path path) throws ExportException {
        DatasetInfo info = DatasourceParser.parse(path);
        for (LayerInfo l : info.layers()) checkFormat(info, l);
        return new Export(info);
    }

    public DatasetInfo info() {
        return info;
    }

    private static void checkFormat(DatasetInfo info, LayerInfo l) throws ExportException {
        switch (l.dataFormat()) {
            case "zarr" -> { }
            case "zarr3" -> throw new ExportException(info.propertiesFile(), "layer \"" + l.name()
                + "\" uses dataFormat zarr3, which is not yet supported (this version reads Zarr v2 exports)");
            default -> throw new ExportException(info.propertiesFile(), "layer \"" + l.name() + "\" uses dataFormat \""
                + l.dataFormat() + "\", which Proofbox does not read (Zarr v2 only)");
        }
    }

    /** The segmentation layer or an error naming the properties file. */
    public LayerInfo segmentationLayer() throws ExportException {
        return info.segmentationLayer().orElseThrow(() ->
            new ExportException(info.propertiesFile(), "no layer of category \"segmentation\""));
    }

    public LayerArray open(LayerInfo layer, MagInfo mag) throws ExportException {
        Path dir = mag.path();
        if (!Files.isDirectory(dir)) {
            throw new ExportException(dir, "mag " + mag.longName() + " of layer \"" + layer.name() + "\" not found");
        }
        ChunkedArray array = ZarrV2Array.open(dir);
        Path meta = dir.resolve(".zarray");
        ElementType declared = layer.type();
        if (array.type() != declared) {
            throw new ExportException(meta, "dtype " + array.type().wkName() + " does not match elementClass "
                + layer.elementClass() + " of layer \"" + layer.name() + "\"");
        }
        if (layer.isSegmentation() && (!declared.integer)) {
            throw new ExportException(info.propertiesFile(), "segmentation layer \"" + layer.name() + "\" has non-integer type " + declared.wkName());
        }
        Vec3 m = mag.mag();
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
