package org.proofbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zarr.zarrjava.ZarrException;
import dev.zarr.zarrjava.store.Store;
import dev.zarr.zarrjava.store.StoreHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;

/**
 * A Zarr3 array read and written through {@code dev.zarr:zarr-java}: plain or
 * {@code sharding_indexed}, with {@code transpose}, {@code bytes}, {@code blosc}, {@code zstd},
 * {@code gzip} and {@code crc32c}. The grid Proofbox sees is the inner chunk grid (32³ inside
 * WEBKNOSSOS's shards), and each chunk is read on its own, aligned to that grid — which keeps
 * clear of zarr-java 0.0.9's fault with unaligned reads across more than two chunks. Axes are
 * found by {@code dimension_names} (c, x, y, z), else taken as (c,) x, y, z.
 */
public final class Zarr3Array implements ChunkedArray {
    private final Path location;
    private final dev.zarr.zarrjava.v3.Array array;
    private final Store store;
    private final String[] keys;
    private final ElementType type;
    private final int rank;
    private final int[] axis = new int[3]; // index of x, y, z in the array's dimensions
    private final int channelAxis;        // -1 without one
    private final long[] shapeN;
    private final Vec3 shape, chunks;
    private final int channels;
    private final int[] outer;             // chunk-grid (shard) shape, per dimension
    private final String separator;
    private final boolean v2Keys;
    private final long fill;

    private Zarr3Array(Path location, Store store, String[] keys, dev.zarr.zarrjava.v3.Array array, JsonNode meta) throws ExportException {
        this.location = location;
        this.store = store;
        this.keys = keys;
        this.array = array;
        this.type = type(meta.path("data_type").asText(), location);
        JsonNode shapeNode = meta.path("shape");
        rank = shapeNode.size();
        if (rank < 3 || rank > 4) throw new ExportException(location, "a " + rank + "-dimensional array; Proofbox reads (c,) x, y, z");
        shapeN = new long[rank];
        for (int i = 0; i < rank; i++) shapeN[i] = dim(shapeNode.get(i), location, "shape", 0);
        int c = rank == 4 ? 0 : -1;
        int[] xyz = rank == 4 ? new int[] {1, 2, 3} : new int[] {0, 1, 2};
        JsonNode names = meta.path("dimension_names");
        if (names.isArray() && names.size() == rank) {
            int found = 0;
            for (int i = 0; i < rank; i++) {
                String n = names.get(i).asText("");
                switch (n) {
                    case "x" -> { xyz[0] = i; found++; }
                    case "y" -> { xyz[1] = i; found++; }
                    case "z" -> { xyz[2] = i; found++; }
                    case "c" -> c = i;
                    default -> { }
                }
            }
            if (found != 3) xyz = rank == 4 ? new int[] {1, 2, 3} : new int[] {0, 1, 2};
        }
        channelAxis = rank == 4 ? c : -1;
        System.arraycopy(xyz, 0, axis, 0, 3);
        channels = channelAxis >= 0 ? (int) shapeN[channelAxis] : 1;
        shape = new Vec3((int) shapeN[axis[0]], (int) shapeN[axis[1]], (int) shapeN[axis[2]]);
        JsonNode grid = meta.path("chunk_grid").path("configuration").path("chunk_shape");
        outer = new int[rank];
        if (grid.size() != rank) throw new ExportException(location, "chunk_grid chunk_shape " + grid + " does not have " + rank + " dimensions");
        for (int i = 0; i < rank; i++) outer[i] = dim(grid.get(i), location, "chunk_shape", 1);
        int[] inner = outer.clone();
        for (JsonNode codec : meta.path("codecs")) {
            if ("sharding_indexed".equals(codec.path("name").asText())) {
                JsonNode cs = codec.path("configuration").path("chunk_shape");
                if (cs.size() != rank) throw new ExportException(location, "sharding chunk_shape " + cs + " does not have " + rank + " dimensions");
                for (int i = 0; i < rank; i++) inner[i] = dim(cs.get(i), location, "sharding chunk_shape", 1);
            }
        }
        chunks = new Vec3(inner[axis[0]], inner[axis[1]], inner[axis[2]]);
        JsonNode enc = meta.path("chunk_key_encoding");
        v2Keys = "v2".equals(enc.path("name").asText());
        separator = enc.path("configuration").path("separator").asText(v2Keys ? "." : "/");
        JsonNode fv = meta.path("fill_value");
        fill = fv.isNumber() ? fv.asLong() : 0;
    }

    /** One extent of the metadata: an integer from {@code min} to 2^31-1, exactly (2^32+200 is not 200). */
    private static int dim(JsonNode n, Path where, String what, int min) throws ExportException {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < min) {
            throw new ExportException(where, what + " must hold integers from " + min + " to 2^31-1, found " + n);
        }
        return n.intValue();
    }

    static ElementType type(String t, Path where) throws ExportException {
        return switch (t) {
            case "uint8" -> ElementType.UINT8;
            case "uint16" -> ElementType.UINT16;
            case "uint32" -> ElementType.UINT32;
            case "uint64" -> ElementType.UINT64;
            case "int8" -> ElementType.INT8;
            case "int16" -> ElementType.INT16;
            case "int32" -> ElementType.INT32;
            case "int64" -> ElementType.INT64;
            case "float32" -> ElementType.FLOAT32;
            case "float64" -> ElementType.FLOAT64;
            default -> throw new ExportException(where, "unsupported Zarr3 data_type \"" + t + "\"");
        };
    }

    /** The chunk-grid shape along x, y, z: the shard when the array is sharded, else the chunk. */
    Vec3 gridShape() {
        return new Vec3(outer[axis[0]], outer[axis[1]], outer[axis[2]]);
    }

    /** Opens the array in a folder (its {@code zarr.json}). */
    public static Zarr3Array open(Path dir) throws ExportException {
        return open(new ZarrStores.Folder(dir), new String[0], dir.resolve("zarr.json"));
    }

    /** Opens the array at {@code keys} of a store; {@code location} names it in messages. */
    static Zarr3Array open(Store store, String[] keys, Path location) throws ExportException {
        ZarrStores.init();
        ByteBuffer raw;
        try {
            String[] meta = java.util.Arrays.copyOf(keys, keys.length + 1);
            meta[keys.length] = "zarr.json";
            raw = store.get(meta);
        } catch (UncheckedIOException e) {
            throw new ExportException(location, "cannot read: " + e.getCause().getMessage(), e);
        }
        if (raw == null) throw new ExportException(location, "not found (a Zarr3 array has a zarr.json)");
        byte[] b = new byte[raw.remaining()];
        raw.get(b);
        JsonNode meta;
        try {
            meta = Json.MAPPER.readTree(b);
        } catch (IOException e) {
            throw new ExportException(location, "malformed JSON: " + e.getMessage());
        }
        if (meta.path("zarr_format").asInt(0) != 3 || !"array".equals(meta.path("node_type").asText())) {
            throw new ExportException(location, "not a Zarr3 array (zarr_format 3, node_type array)");
        }
        try {
            dev.zarr.zarrjava.v3.Array a = dev.zarr.zarrjava.v3.Array.open(new StoreHandle(store, keys));
            return new Zarr3Array(location, store, keys, a, meta);
        } catch (IOException | ZarrException | RuntimeException e) {
            throw new ExportException(location, "cannot open the Zarr3 array: " + e.getMessage(), e);
        }
    }

    @Override public Path location() { return location; }
    @Override public ElementType type() { return type; }
    @Override public Vec3 shape() { return shape; }
    @Override public Vec3 chunkShape() { return chunks; }
    @Override public int channels() { return channels; }

    /** Whether the store holds the (outer) chunk or shard file that contains inner chunk (cx, cy, cz). */
    public boolean isStored(int cx, int cy, int cz) {
        long[] coords = new long[rank];
        int[] c = {cx, cy, cz};
        for (int i = 0; i < 3; i++) coords[axis[i]] = (long) c[i] * chunkDim(i) / outer[axis[i]];
        String[] k = new String[keys.length + (v2Keys ? 1 : 1)];
        System.arraycopy(keys, 0, k, 0, keys.length);
        StringBuilder sb = new StringBuilder(v2Keys ? "" : "c");
        for (int i = 0; i < rank; i++) {
            if (!v2Keys || i > 0) sb.append(separator);
            sb.append(coords[i]);
        }
        String key = sb.toString();
        String[] parts = separator.equals("/") ? key.split("/") : new String[] {key};
        String[] full = java.util.Arrays.copyOf(keys, keys.length + parts.length);
        System.arraycopy(parts, 0, full, keys.length, parts.length);
        return store.exists(full);
    }

    private int chunkDim(int i) {
        return i == 0 ? chunks.x() : i == 1 ? chunks.y() : chunks.z();
    }

    /** Where chunk (cx, cy, cz) lies in the array's own dimension order, clipped at the array's end; n is its extent along x, y, z. */
    private record Region(long[] offset, int[] size, int[] n) {}

    private Region region(int cx, int cy, int cz) {
        int[] c = {cx, cy, cz};
        long[] offset = new long[rank];
        int[] size = new int[rank];
        int[] n = new int[3];
        for (int i = 0; i < 3; i++) {
            long o = (long) c[i] * chunkDim(i);
            int len = (int) Math.max(0, Math.min(chunkDim(i), shapeN[axis[i]] - o));
            offset[axis[i]] = o;
            size[axis[i]] = len;
            n[i] = len;
        }
        if (channelAxis >= 0) size[channelAxis] = 1;
        return new Region(offset, size, n);
    }

    @Override
    public ChunkData readChunk(int cx, int cy, int cz) throws ExportException {
        Region reg = region(cx, cy, cz);
        long[] offset = reg.offset;
        int[] size = reg.size, n = reg.n;
        Vec3 cs = chunks;
        int total = (int) cs.volume();
        if (n[0] == 0 || n[1] == 0 || n[2] == 0) return ChunkData.missing(cs, fill);
        ucar.ma2.Array data;
        try { // (zarr-java returns transposed chunks as permuted views; ucar's flat getters ignore the view)
            data = array.read(offset, size).copy(); // a transposed read is a view: copy to C order before flat indexing
        } catch (UncheckedIOException e) {
            throw ChunkFiles.error(location, "cannot read chunk " + cx + "," + cy + "," + cz, e.getCause());
        } catch (ZarrException | RuntimeException e) {
            throw new ExportException(location, "cannot decode chunk " + cx + "," + cy + "," + cz + ": " + e.getMessage(), e);
        }
        // C-order strides of the read region
        long[] stride = new long[rank];
        long s = 1;
        for (int i = rank - 1; i >= 0; i--) {
            stride[i] = s;
            s *= size[i];
        }
        long sx = stride[axis[0]], sy = stride[axis[1]], sz = stride[axis[2]];
        if (type.bytes == 8) {
            long[] out = new long[total];
            if (fill != 0) java.util.Arrays.fill(out, fill);
            for (int z = 0; z < n[2]; z++) for (int y = 0; y < n[1]; y++) for (int x = 0; x < n[0]; x++) {
                out[x + cs.x() * (y + cs.y() * z)] = data.getLong((int) (x * sx + y * sy + z * sz));
            }
            return ChunkData.ofLongs(cs, out);
        }
        int[] out = new int[total];
        if (fill != 0) java.util.Arrays.fill(out, (int) fill);
        long mask = type.bytes == 1 ? 0xFF : type.bytes == 2 ? 0xFFFF : 0xFFFF_FFFFL;
        boolean unsigned = !type.signed;
        for (int z = 0; z < n[2]; z++) for (int y = 0; y < n[1]; y++) for (int x = 0; x < n[0]; x++) {
            long v = data.getLong((int) (x * sx + y * sy + z * sz));
            out[x + cs.x() * (y + cs.y() * z)] = (int) (unsigned ? v & mask : v);
        }
        return ChunkData.ofInts(cs, out);
    }

    @Override
    public void writeChunk(int cx, int cy, int cz, ChunkData d, FileWrites writes) throws ExportException {
        ZarrStores.Folder folder = store instanceof ZarrStores.Folder f ? f : null;
        boolean toZip = store instanceof ZarrStores.InZip z && z.writable(); // an annotation being written anew (AnnotationZip.Writer)
        if (folder == null && !toZip) throw new ExportException(location, "this array is read-only (it is not in a folder)");
        if (channels != 1) throw new ExportException(location, "writing multi-channel Zarr3 arrays is not supported");
        Region reg = region(cx, cy, cz);
        long[] offset = reg.offset;
        int[] size = reg.size, n = reg.n;
        ucar.ma2.Array a = ucar.ma2.Array.factory(array.metadata().dataType().getMA2DataType(), size);
        long[] stride = new long[rank];
        long s = 1;
        for (int i = rank - 1; i >= 0; i--) {
            stride[i] = s;
            s *= size[i];
        }
        Vec3 cs = chunks;
        for (int z = 0; z < n[2]; z++) for (int y = 0; y < n[1]; y++) for (int x = 0; x < n[0]; x++) {
            int at = (int) (x * stride[axis[0]] + y * stride[axis[1]] + z * stride[axis[2]]);
            long v = d.bits(x + cs.x() * (y + cs.y() * z), true);
            switch (type.bytes) {
                case 1 -> a.setByte(at, (byte) v);
                case 2 -> a.setShort(at, (short) v);
                case 4 -> a.setInt(at, (int) v);
                default -> a.setLong(at, v);
            }
        }
        if (folder != null) folder.writes = writes;
        try {
            array.write(offset, a);
        } catch (RuntimeException e) {
            Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new ExportException(location, "cannot write chunk " + cx + "," + cy + "," + cz + ": " + c.getMessage(), e);
        } finally {
            if (folder != null) folder.writes = FileWrites.DIRECT;
        }
    }
}
