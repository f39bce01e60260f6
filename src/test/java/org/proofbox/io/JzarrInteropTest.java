package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bc.zarr.ArrayParams;
import com.bc.zarr.CompressorFactory;
import com.bc.zarr.DataType;
import com.bc.zarr.DimensionSeparator;
import com.bc.zarr.ZarrArray;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.model.Vec3;

/**
 * Arrays written by an independent writer (jzarr's own, C order) read back through
 * {@link ZarrV2Array}; the uint types jzarr lacks are written as the signed type of the same width
 * and the dtype patched, as zarr-python would have written them.
 */
class JzarrInteropTest {
    private static final int X = 19, Y = 13, Z = 11;

    private static long expected(int x, int y, int z) {
        long v = (x * 7L + y * 131L + z * 9973L) % 5;
        return v == 0 ? 0 : v == 1 ? 0x8000_0001L : v == 2 ? 0xFFFF_FFFFL : v == 3 ? Long.MIN_VALUE + 3 : -2L;
    }

    @Test
    void uint32WrittenAsInt32() throws Exception {
        roundTrip(DataType.i4, "<i4", "<u4", "zlib", DimensionSeparator.DOT);
        roundTrip(DataType.i4, "<i4", "<u4", "blosc", DimensionSeparator.SLASH);
    }

    @Test
    void uint64WrittenAsInt64() throws Exception {
        roundTrip(DataType.i8, "<i8", "<u8", "null", DimensionSeparator.SLASH);
        roundTrip(DataType.i8, "<i8", "<u8", "zlib", DimensionSeparator.DOT);
    }

    @TempDir
    Path tmp;

    private void roundTrip(DataType type, String written, String patched, String compressor, DimensionSeparator sep) throws Exception {
        Path dir = tmp.resolve(type + "-" + compressor + "-" + sep.getSeparatorChar());
        ArrayParams params = new ArrayParams().shape(1, X, Y, Z).chunks(1, 8, 5, 4).dataType(type)
            .byteOrder(ByteOrder.LITTLE_ENDIAN).dimensionSeparator(sep)
            .compressor("null".equals(compressor) ? CompressorFactory.nullCompressor : CompressorFactory.create(compressor));
        ZarrArray array = ZarrArray.create(dir, params);
        int n = X * Y * Z;
        boolean wide = type == DataType.i8;
        int[] ints = new int[n];
        long[] longs = new long[n];
        for (int x = 0; x < X; x++) for (int y = 0; y < Y; y++) for (int z = 0; z < Z; z++) {
            int c = (x * Y + y) * Z + z; // C order over (c, x, y, z)
            long v = expected(x, y, z);
            ints[c] = (int) v;
            longs[c] = v;
        }
        array.write(wide ? longs : ints, new int[] {1, X, Y, Z}, new int[] {0, 0, 0, 0});
        Path zarray = dir.resolve(".zarray");
        String meta = Files.readString(zarray);
        Files.writeString(zarray, meta.replace("\"" + written + "\"", "\"" + patched + "\""));

        ZarrV2Array mine = ZarrV2Array.open(dir);
        assertEquals(new Vec3(X, Y, Z), mine.shape());
        Vec3 c = mine.chunkShape();
        for (int x = 0; x < X; x++) for (int y = 0; y < Y; y++) for (int z = 0; z < Z; z++) {
            ChunkData chunk = mine.readChunk(x / c.x(), y / c.y(), z / c.z());
            int i = x % c.x() + c.x() * (y % c.y() + c.y() * (z % c.z()));
            long want = wide ? expected(x, y, z) : expected(x, y, z) & 0xFFFF_FFFFL;
            assertEquals(want, chunk.bits(i, true), "voxel " + x + "," + y + "," + z + " of " + dir.getFileName());
        }
    }
}
