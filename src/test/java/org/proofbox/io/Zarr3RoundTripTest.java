package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zarr.zarrjava.v3.Array;
import dev.zarr.zarrjava.v3.ArrayMetadataBuilder;
import dev.zarr.zarrjava.v3.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;

/**
 * Zarr3 written through Proofbox's writer and read back by its reader, for every dtype and codec
 * combination WEBKNOSSOS uses (and the chunk key encodings), and cross-checked with zarr-java's
 * own full-array read: what Proofbox writes is standard Zarr3.
 */
class Zarr3RoundTripTest {
    record Config(String name, String keys, Function<dev.zarr.zarrjava.v3.codec.CodecBuilder, dev.zarr.zarrjava.v3.codec.CodecBuilder> codecs,
                  boolean sharded, boolean orderF) {}

    static final Config[] CONFIGS = {
        new Config("bytes LE", "default /", c -> c.withBytes("LITTLE"), false, false),
        new Config("bytes BE", "default .", c -> c.withBytes("BIG"), false, false),
        new Config("transpose + bytes + blosc lz4", "v2 .", c -> c.withTranspose(new int[] {3, 2, 1, 0}).withBytes("LITTLE").withBlosc("lz4", "shuffle", 5), false, false),
        new Config("transpose order F (as WEBKNOSSOS writes it) + bytes + blosc", "default .", c -> c.withTranspose(new int[] {3, 2, 1, 0}).withBytes("LITTLE").withBlosc("lz4", "shuffle", 5), false, true),
        new Config("bytes + zstd", "default /", c -> c.withBytes("LITTLE").withZstd(3), false, false),
        new Config("bytes + gzip", "default /", c -> c.withBytes("LITTLE").withGzip(5), false, false),
        new Config("sharding(transpose F + bytes + zstd; index bytes + crc32c)", "default /",
            c -> c.withSharding(new int[] {1, 16, 16, 8}, in -> in.withTranspose(new int[] {3, 2, 1, 0}).withBytes("LITTLE").withZstd(3)), true, true),
    };

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (ElementType t : new ElementType[] {ElementType.UINT8, ElementType.UINT16, ElementType.UINT32, ElementType.UINT64}) {
            for (Config c : CONFIGS) b.add(Arguments.of(t, c));
        }
        return b.build();
    }

    static DataType zt(ElementType t) {
        return switch (t) { case UINT8 -> DataType.UINT8; case UINT16 -> DataType.UINT16; case UINT32 -> DataType.UINT32; default -> DataType.UINT64; };
    }

    static long random(Random r, ElementType t) {
        long v = r.nextLong();
        return switch (t.bytes) { case 1 -> v & 0xFF; case 2 -> v & 0xFFFF; case 4 -> v & 0xFFFF_FFFFL; default -> v; };
    }

    /** Creates an empty array with zarr-java; with orderF, rewrites its transpose codecs as {"order": "F"} like WEBKNOSSOS. */
    static void create(Path dir, ElementType t, Config c, Vec3 shape) throws Exception {
        ArrayMetadataBuilder m = Array.metadataBuilder().withShape(1, shape.x(), shape.y(), shape.z()).withDataType(zt(t))
            .withChunkShape(c.sharded() ? new int[] {1, 32, 32, 16} : new int[] {1, 16, 16, 8}).withFillValue(0)
            .withDimensionNames("c", "x", "y", "z").withCodecs(c.codecs());
        m = switch (c.keys()) {
            case "default ." -> m.withDefaultChunkKeyEncoding(dev.zarr.zarrjava.core.chunkkeyencoding.Separator.DOT);
            case "v2 ." -> m.withV2ChunkKeyEncoding(dev.zarr.zarrjava.core.chunkkeyencoding.Separator.DOT);
            default -> m.withDefaultChunkKeyEncoding(dev.zarr.zarrjava.core.chunkkeyencoding.Separator.SLASH);
        };
        Array.create(dir, m.build());
        // Proofbox replaces zarr-java's zstd codec class (see ZarrStores.SafeZstd), so zarr-java names its own class on writing: fix the name
        Files.writeString(dir.resolve("zarr.json"), Files.readString(dir.resolve("zarr.json")).replace("\"ZstdCodec\"", "\"zstd\""));
        if (c.orderF()) {
            String json = Files.readString(dir.resolve("zarr.json"));
            String f = json.replaceAll("\"order\"\\s*:\\s*\\[\\s*3\\s*,\\s*2\\s*,\\s*1\\s*,\\s*0\\s*\\]", "\"order\":\"F\"");
            if (f.equals(json)) throw new AssertionError("no transpose order to rewrite in " + json);
            Files.writeString(dir.resolve("zarr.json"), f);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void writtenChunksReadBackAndAreStandardZarr3(ElementType t, Config c, @TempDir Path dir) throws Exception {
        Vec3 shape = new Vec3(40, 36, 20); // partial edge chunks on every axis
        create(dir, t, c, shape);
        Zarr3Array a = Zarr3Array.open(dir);
        assertEquals(t, a.type());
        assertEquals(new Vec3(16, 16, 8), a.chunkShape());
        Random r = new Random(t.ordinal() * 31L + c.name().hashCode());
        long[][][] want = new long[shape.x()][shape.y()][shape.z()];
        Vec3 g = a.chunkGrid(), cs = a.chunkShape();
        for (int cz = 0; cz < g.z(); cz++) for (int cy = 0; cy < g.y(); cy++) for (int cx = 0; cx < g.x(); cx++) {
            if ((cx + cy + cz) % 5 == 4) continue; // some chunks stay unwritten: fill value
            long[] v = new long[(int) cs.volume()];
            for (int k = 0; k < cs.z(); k++) for (int j = 0; j < cs.y(); j++) for (int i = 0; i < cs.x(); i++) {
                int x = cx * cs.x() + i, y = cy * cs.y() + j, z = cz * cs.z() + k;
                long val = random(r, t);
                v[i + cs.x() * (j + cs.y() * k)] = val;
                if (x < shape.x() && y < shape.y() && z < shape.z()) want[x][y][z] = val;
            }
            a.writeChunk(cx, cy, cz, ChunkData.ofLongs(cs, v), org.proofbox.io.FileWrites.DIRECT);
        }
        Zarr3Array again = Zarr3Array.open(dir);
        for (int cz = 0; cz < g.z(); cz++) for (int cy = 0; cy < g.y(); cy++) for (int cx = 0; cx < g.x(); cx++) {
            ChunkData d = again.readChunk(cx, cy, cz);
            for (int k = 0; k < cs.z(); k++) for (int j = 0; j < cs.y(); j++) for (int i = 0; i < cs.x(); i++) {
                int x = cx * cs.x() + i, y = cy * cs.y() + j, z = cz * cs.z() + k;
                if (x >= shape.x() || y >= shape.y() || z >= shape.z()) continue;
                assertEquals(want[x][y][z], d.bits(i + cs.x() * (j + cs.y() * k), true), c.name() + " " + t + " at " + x + "," + y + "," + z);
            }
        }
        // zarr-java's own read of the whole array (through the store that understands "F")
        Array z = Array.open(new dev.zarr.zarrjava.store.StoreHandle(new ZarrStores.Folder(dir)));
        ucar.ma2.Array all = z.read(new long[] {0, 0, 0, 0}, new int[] {1, shape.x(), shape.y(), shape.z()});
        ucar.ma2.Index idx = all.getIndex();
        long mask = t.bytes == 8 ? -1L : (1L << (8 * t.bytes)) - 1;
        for (int x = 0; x < shape.x(); x += 3) for (int y = 0; y < shape.y(); y += 2) for (int zz = 0; zz < shape.z(); zz++) {
            assertEquals(want[x][y][zz], all.getLong(idx.set(0, x, y, zz)) & mask, "zarr-java reads what Proofbox wrote at " + x + "," + y + "," + zz);
        }
    }
}
