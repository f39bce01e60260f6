package org.proofbox.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongUnaryOperator;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;

/**
 * Writes a new bounding-box export in the WEBKNOSSOS layout (datasource-properties.json plus Zarr
 * v2 layers). Used to materialise synthetic boxes for tests and benchmarks.
 */
public final class ExportWriter {
    private final Path root;
    private final String name;
    private final VoxelSize voxelSize;
    private final ObjectNode props;
    private final ArrayNode layers;

    public ExportWriter(Path root, String name, VoxelSize voxelSize) {
        this.root = root;
        this.name = name;
        this.voxelSize = voxelSize;
        this.props = Json.MAPPER.createObjectNode();
        props.put("version", 1);
        props.putObject("id").put("name", name).put("team", "");
        ArrayNode scale = props.putArray("scale");
        scale.add(voxelSize.x()).add(voxelSize.y()).add(voxelSize.z());
        layers = props.putArray("dataLayers");
    }

    /** Layout options of a written layer. */
    public record Layout(Vec3 chunks, char order, String separator, ChunkCodec codec, boolean absolute) {
        public static Layout webknossos(ChunkCodec codec) {
            return new Layout(new Vec3(32, 32, 32), 'F', "/", codec, false);
        }
    }

    /**
     * Adds a layer whose voxel (x, y, z) in box-local coordinates has value {@code values.applyAsLong(x + sx*(y + sy*z))}
     * (raw bits), and writes its mag-1 array.
     */
    public ExportWriter layer(String layerName, String category, ElementType type, Box3 box, Layout layout,
                              LongUnaryOperator values, Long largestSegmentId) throws ExportException {
        ObjectNode l = layers.addObject();
        l.put("name", layerName);
        l.put("category", category);
        ObjectNode bb = l.putObject("boundingBox");
        bb.putArray("topLeft").add(box.topLeft().x()).add(box.topLeft().y()).add(box.topLeft().z());
        bb.put("width", box.size().x()).put("height", box.size().y()).put("depth", box.size().z());
        l.put("elementClass", type.wkName());
        l.put("dataFormat", "zarr");
        l.putArray("mags").addObject().<ObjectNode>set("mag", Json.MAPPER.createArrayNode().add(1).add(1).add(1))
            .put("path", "./" + layerName + "/1");
        l.put("numChannels", 1);
        if (largestSegmentId != null) {
            l.put("largestSegmentId", largestSegmentId >= 0 ? BigInteger.valueOf(largestSegmentId)
                : BigInteger.valueOf(largestSegmentId).add(BigInteger.ONE.shiftLeft(64)));
        }
        writeArray(root.resolve(layerName).resolve("1"), type, box, layout, values);
        return this;
    }

    /**
     * Adds a coarser mag to layer {@code layerName} (added before, with the same layout): the box
     * is the layer's box divided by {@code mag} (rounded up), and {@code values} gives the voxels of
     * that mag, indexed like {@link #layer}'s.
     */
    public ExportWriter mag(String layerName, Vec3 mag, ElementType type, Box3 layerBox, Layout layout, LongUnaryOperator values)
        throws ExportException {
        ObjectNode l = null;
        for (var n : layers) if (n.path("name").asText().equals(layerName)) l = (ObjectNode) n;
        if (l == null) throw new IllegalArgumentException("no layer " + layerName);
        String dir = mag.x() + "-" + mag.y() + "-" + mag.z();
        ((ArrayNode) l.get("mags")).addObject().<ObjectNode>set("mag", Json.MAPPER.createArrayNode().add(mag.x()).add(mag.y()).add(mag.z()))
            .put("path", "./" + layerName + "/" + dir);
        Vec3 start = new Vec3(layerBox.topLeft().x() / mag.x(), layerBox.topLeft().y() / mag.y(), layerBox.topLeft().z() / mag.z());
        Vec3 end = new Vec3(ChunkedArray.ceilDiv(layerBox.end().x(), mag.x()), ChunkedArray.ceilDiv(layerBox.end().y(), mag.y()),
            ChunkedArray.ceilDiv(layerBox.end().z(), mag.z()));
        writeArray(root.resolve(layerName).resolve(dir), type, new Box3(start, end.minus(start)), layout, values);
        return this;
    }

    private static void writeArray(Path dir, ElementType type, Box3 box, Layout layout, LongUnaryOperator values) throws ExportException {
        Vec3 origin = layout.absolute() ? box.topLeft() : Vec3.ZERO;
        Vec3 shape = layout.absolute() ? box.end() : box.size();
        ZarrV2Array arr = ZarrV2Array.create(dir, ZarrV2Array.Spec.of(shape, layout.chunks(), type, layout.order(), layout.separator(), layout.codec()));
        Vec3 c = layout.chunks();
        Vec3 grid = arr.chunkGrid();
        int sx = box.size().x(), sy = box.size().y(), sz = box.size().z();
        for (int gz = 0; gz < grid.z(); gz++) for (int gy = 0; gy < grid.y(); gy++) for (int gx = 0; gx < grid.x(); gx++) {
            long[] v = new long[Math.toIntExact(c.volume())];
            boolean any = false;
            for (int k = 0; k < c.z(); k++) for (int j = 0; j < c.y(); j++) for (int i = 0; i < c.x(); i++) {
                int x = gx * c.x() + i - origin.x(), y = gy * c.y() + j - origin.y(), z = gz * c.z() + k - origin.z();
                if (x < 0 || y < 0 || z < 0 || x >= sx || y >= sy || z >= sz) continue;
                long val = values.applyAsLong(x + (long) sx * (y + (long) sy * z));
                v[i + c.x() * (j + c.y() * k)] = val;
                any |= val != 0;
            }
            if (any) arr.writeChunk(gx, gy, gz, ChunkData.ofLongs(c, v), FileWrites.DIRECT);
        }
    }

    public Path write() throws ExportException {
        Path file = root.resolve(DatasourceParser.PROPERTIES);
        try {
            Files.createDirectories(root);
            AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(props));
        } catch (IOException e) {
            throw new ExportException(file, "cannot write: " + e.getMessage(), e);
        }
        return root;
    }

    public String name() {
        return name;
    }

    public VoxelSize voxelSize() {
        return voxelSize;
    }
}
