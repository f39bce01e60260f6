package org.proofbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;

/**
 * A Zarr v2 array laid out as WEBKNOSSOS writes it: axes (c, x, y, z) or (x, y, z); C or F
 * order; "." or "/" chunk-key separator; little- or big-endian integer dtypes including
 * {@code <u8}, which jzarr itself refuses. Layout is handled here; compression by {@link ChunkCodec}.
 */
public final class ZarrV2Array implements ChunkedArray {
    /** Everything {@code .zarray} says that matters for reading and writing chunks. */
    public record Spec(Vec3 shape, Vec3 chunks, int channels, boolean channelAxis, ElementType type, ByteOrder byteOrder,
                       char order, String separator, ChunkCodec codec, long fill) {
        public Spec {
            if (order != 'C' && order != 'F') throw new IllegalArgumentException("order " + order);
            if (!".".equals(separator) && !"/".equals(separator)) throw new IllegalArgumentException("separator " + separator);
        }

        /** A WEBKNOSSOS-style spec: axes (c, x, y, z), one channel, little-endian, fill 0. */
        public static Spec of(Vec3 shape, Vec3 chunks, ElementType type, char order, String separator, ChunkCodec codec) {
            return new Spec(shape, chunks, 1, true, type, ByteOrder.LITTLE_ENDIAN, order, separator, codec, 0);
        }
    }

    private final Path dir;
    private final Spec spec;
    private final int chunkVoxels;
    private final int storedChannels;

    private ZarrV2Array(Path dir, Spec spec, int storedChannels) {
        this.dir = dir;
        this.spec = spec;
        this.storedChannels = storedChannels;
        this.chunkVoxels = Math.toIntExact(spec.chunks().volume());
    }

    public Spec spec() {
        return spec;
    }

    @Override public Path location() { return dir; }
    @Override public Path metadataFile() { return dir.resolve(".zarray"); }
    @Override public ElementType type() { return spec.type(); }
    @Override public Vec3 shape() { return spec.shape(); }
    @Override public Vec3 chunkShape() { return spec.chunks(); }
    @Override public int channels() { return spec.channels(); }

    public static boolean isZarrV2(Path dir) {
        return Files.isRegularFile(dir.resolve(".zarray"));
    }

    public static ZarrV2Array open(Path dir) throws ExportException {
        Path zarray = dir.resolve(".zarray");
        if (!Files.isDirectory(dir)) throw new ExportException(dir, "array folder not found");
        if (!Files.isRegularFile(zarray)) {
            if (Files.isRegularFile(dir.resolve("zarr.json"))) {
                throw new ExportException(dir.resolve("zarr.json"), "this is a Zarr3 array; Zarr3 is not yet supported (Zarr v2 only)");
            }
            throw new ExportException(zarray, "file not found: not a Zarr v2 array");
        }
        JsonNode z = Json.read(zarray);
        String fmt = z.path("zarr_format").asText("");
        if (!"2".equals(fmt)) throw new ExportException(zarray, "zarr_format must be 2, found " + z.get("zarr_format"));
        int[] shape = Json.intArray(Json.require(z, "shape", zarray, ".zarray"), 0, zarray, "shape");
        int[] chunks = Json.intArray(Json.require(z, "chunks", zarray, ".zarray"), 0, zarray, "chunks");
        if (shape.length != chunks.length || (shape.length != 3 && shape.length != 4)) {
            throw new ExportException(zarray, "expected shape and chunks with axes (c, x, y, z) or (x, y, z), found shape "
                + z.get("shape") + " chunks " + z.get("chunks"));
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || chunks[i] < 1) throw new ExportException(zarray, "invalid shape " + z.get("shape") + " or chunks " + z.get("chunks"));
        }
        String dtype = Json.require(z, "dtype", zarray, ".zarray").asText();
        ElementType type = parseDtype(dtype, zarray);
        ByteOrder bo = dtype.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String orderText = z.path("order").asText("C");
        if (!orderText.equals("C") && !orderText.equals("F")) throw new ExportException(zarray, "order must be \"C\" or \"F\", found \"" + orderText + "\"");
        String sep = z.path("dimension_separator").asText(".");
        if (!sep.equals(".") && !sep.equals("/")) throw new ExportException(zarray, "dimension_separator must be \".\" or \"/\", found \"" + sep + "\"");
        JsonNode filters = z.get("filters");
        if (filters != null && !filters.isNull() && !(filters.isArray() && filters.isEmpty())) {
            throw new ExportException(zarray, "filters are not supported, found " + filters);
        }
        ChunkCodec codec = ZarrCodecs.fromMetadata(z.get("compressor"), zarray);
        JsonNode fv = z.get("fill_value");
        long fill = fv == null || !fv.isIntegralNumber() ? 0 : fv.bigIntegerValue().longValue();
        boolean channelAxis = shape.length == 4;
        int off = channelAxis ? 1 : 0;
        int channels = channelAxis ? shape[0] : 1;
        int storedChannels = channelAxis ? chunks[0] : 1;
        long cv = (long) chunks[off] * chunks[off + 1] * chunks[off + 2] * storedChannels * type.bytes;
        if (cv > Integer.MAX_VALUE - 16) throw new ExportException(zarray, "chunks " + z.get("chunks") + " are too large (over 2 GiB per chunk)");
        Spec spec = new Spec(new Vec3(shape[off], shape[off + 1], shape[off + 2]), new Vec3(chunks[off], chunks[off + 1], chunks[off + 2]),
            channels, channelAxis, type, bo, orderText.charAt(0), sep, codec, fill);
        return new ZarrV2Array(dir, spec, storedChannels);
    }

    static ElementType parseDtype(String dtype, Path zarray) throws ExportException {
        String d = dtype.toLowerCase(Locale.ROOT);
        if (d.length() == 3 && "<>|=".indexOf(d.charAt(0)) >= 0) {
            ElementType t = switch (d.substring(1)) {
                case "u1" -> ElementType.UINT8; case "u2" -> ElementType.UINT16;
                case "u4" -> ElementType.UINT32; case "u8" -> ElementType.UINT64;
                case "i1" -> ElementType.INT8; case "i2" -> ElementType.INT16;
                case "i4" -> ElementType.INT32; case "i8" -> ElementType.INT64;
                case "f4" -> ElementType.FLOAT32; case "f8" -> ElementType.FLOAT64;
                default -> null;
            };
            if (t != null) return t;
        }
        throw new ExportException(zarray, "unknown or unsupported dtype \"" + dtype + "\"");
    }

    /** Creates an empty array (writes {@code .zarray}, atomically). Existing chunks are left alone. */
    public static ZarrV2Array create(Path dir, Spec spec) throws ExportException {
        ObjectNode z = Json.MAPPER.createObjectNode();
        ArrayNode shape = z.putArray("shape");
        ArrayNode chunks = z.putArray("chunks");
        if (spec.channelAxis()) {
            shape.add(spec.channels());
            chunks.add(spec.channels());
        }
        for (int a = 0; a < 3; a++) {
            shape.add(spec.shape().get(a));
            chunks.add(spec.chunks().get(a));
        }
        z.set("compressor", Json.MAPPER.valueToTree(spec.codec().metadata()));
        z.put("dimension_separator", spec.separator());
        String end = spec.type().bytes == 1 ? "|" : spec.byteOrder() == ByteOrder.BIG_ENDIAN ? ">" : "<";
        String kind = spec.type().integer ? (spec.type().signed ? "i" : "u") : "f";
        z.put("dtype", end + kind + spec.type().bytes);
        z.put("fill_value", spec.fill());
        z.putNull("filters");
        z.put("order", String.valueOf(spec.order()));
        z.put("zarr_format", 2);
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(dir.resolve(".zarray"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(z));
        } catch (IOException e) {
            throw new ExportException(dir.resolve(".zarray"), "cannot write: " + e.getMessage(), e);
        }
        return new ZarrV2Array(dir, spec, spec.channelAxis() ? spec.channels() : 1);
    }

    public Path chunkFile(int cx, int cy, int cz) {
        String s = spec.separator();
        String key = (spec.channelAxis() ? "0" + s : "") + cx + s + cy + s + cz;
        return dir.resolve(key);
    }

    @Override
    public ChunkData readChunk(int cx, int cy, int cz) throws ExportException {
        return readChunk(cx, cy, cz, null);
    }

    @Override
    public ChunkData readChunk(int cx, int cy, int cz, ChunkBuffers buffers) throws ExportException {
        Path file = chunkFile(cx, cy, cz);
        byte[] stored;
        try {
            stored = ChunkFiles.read(file);
        } catch (IOException e) {
            throw new ExportException(file, "cannot read chunk: " + ChunkFiles.reason(e), e);
        }
        if (stored == null) return ChunkData.missing(spec.chunks(), spec.fill());
        int bytes = chunkVoxels * storedChannels * spec.type().bytes;
        byte[] raw;
        if (buffers == null) {
            raw = spec.codec().decode(stored, bytes, file);
        } else {
            raw = buffers.raw(bytes);
            spec.codec().decodeInto(stored, raw, file);
        }
        return decodeLayout(raw, buffers);
    }

    /** Raw chunk bytes in this array's order, dtype and byte order → x-fastest first-channel values. */
    private ChunkData decodeLayout(byte[] raw, ChunkBuffers buffers) {
        Vec3 c = spec.chunks();
        int n = chunkVoxels;
        int nc = storedChannels;
        ByteBuffer buf = ByteBuffer.wrap(raw).order(spec.byteOrder());
        ElementType t = spec.type();
        if (t.bytes == 8) {
            boolean direct = spec.order() == 'F' && nc == 1;
            long[] all = direct && buffers != null ? buffers.longs(n) : new long[n * nc];
            buf.asLongBuffer().get(all);
            long[] v = direct ? all : buffers != null ? buffers.longs(n) : new long[n];
            if (v != all) reorder(c, nc, (src, dst) -> v[dst] = all[src]);
            return ChunkData.ofLongs(c, v);
        }
        boolean direct = spec.order() == 'F' && nc == 1;
        int[] all = direct && buffers != null ? buffers.ints(n) : new int[n * nc];
        switch (t.bytes) {
            case 4 -> buf.asIntBuffer().get(all);
            case 2 -> { for (int i = 0; i < all.length; i++) all[i] = t.signed ? buf.getShort(2 * i) : buf.getShort(2 * i) & 0xFFFF; }
            default -> { for (int i = 0; i < all.length; i++) all[i] = t.signed ? raw[i] : raw[i] & 0xFF; }
        }
        if (direct) return ChunkData.ofInts(c, all);
        int[] v = buffers != null ? buffers.ints(n) : new int[n];
        reorder(c, nc, (src, dst) -> v[dst] = all[src]);
        return ChunkData.ofInts(c, v);
    }

    private interface Move {
        void move(int src, int dst);
    }

    /**
     * Visits every voxel of channel 0 with its element index in the stored chunk ({@code src}) and
     * its x-fastest index ({@code dst}); no division per voxel.
     */
    private void reorder(Vec3 c, int nc, Move m) {
        int cx = c.x(), cy = c.y(), cz = c.z();
        if (spec.order() == 'F') { // (c, x, y, z), c fastest
            for (int i = 0, n = cx * cy * cz; i < n; i++) m.move(nc * i, i);
            return;
        }
        // C order: (c, x, y, z) with z fastest; channel 0 comes first
        for (int x = 0; x < cx; x++) {
            for (int y = 0; y < cy; y++) {
                int src = (x * cy + y) * cz;
                int dst = x + cx * y;
                for (int z = 0; z < cz; z++) m.move(src + z, dst + cx * cy * z);
            }
        }
    }

    /** Element index in the stored chunk of x-fastest voxel {@code i} of channel 0. */
    private int sourceIndex(int i, Vec3 c, int nc) {
        int x = i % c.x();
        int y = (i / c.x()) % c.y();
        int z = i / (c.x() * c.y());
        if (spec.order() == 'F') return nc * i;
        return (x * c.y() + y) * c.z() + z; // C order: (c, x, y, z) with z fastest; channel 0 first
    }

    /** Encodes one chunk (first channel; other channels are written as 0) and hands it to {@code writes}. */
    @Override
    public void writeChunk(int cx, int cy, int cz, ChunkData data, FileWrites writes) throws ExportException {
        Path file = chunkFile(cx, cy, cz);
        Vec3 c = spec.chunks();
        ElementType t = spec.type();
        int nc = storedChannels;
        ByteBuffer buf = ByteBuffer.allocate(chunkVoxels * nc * t.bytes).order(spec.byteOrder());
        for (int i = 0; i < chunkVoxels; i++) {
            int at = sourceIndex(i, c, nc) * t.bytes;
            long v = data.bits(i, true);
            switch (t.bytes) {
                case 1 -> buf.put(at, (byte) v);
                case 2 -> buf.putShort(at, (short) v);
                case 4 -> buf.putInt(at, (int) v);
                default -> buf.putLong(at, v);
            }
        }
        byte[] stored = spec.codec().encode(buf.array(), file);
        try {
            writes.write(file, stored);
        } catch (IOException e) {
            throw new ExportException(file, "cannot write chunk: " + e.getMessage(), e);
        }
    }
}
