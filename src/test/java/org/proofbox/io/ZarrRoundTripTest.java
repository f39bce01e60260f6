package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.SegmentStats;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Progress;

/**
 * Every dtype × order × separator × compressor, written by {@link ExportWriter} and read back
 * through the whole open path (parser, array, loader, index), on a box that is not chunk-aligned,
 * with ids at 2^31 and 2^63 and ids that agree in their low 32 bits.
 */
class ZarrRoundTripTest {
    static final long[] SPECIAL_64 = {1, 5, (1L << 32) + 5, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 1L << 62,
        Long.MIN_VALUE, Long.MIN_VALUE + 1, -2L /* 2^64 - 2 */, -1L /* 2^64 - 1 */};
    static final long[] SPECIAL_32 = {1, 5, 255, 256, 65535, 65536, 0x7FFF_FFFFL, 0x8000_0000L, 0x8000_0001L, 0xFFFF_FFFEL, 0xFFFF_FFFFL};

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        String[] codecs = {"none", "zlib", "gzip", "zstd", "lz4", "blosc"};
        int n = 0;
        for (ElementType t : new ElementType[] {ElementType.UINT8, ElementType.UINT16, ElementType.UINT32, ElementType.UINT64})
            for (char order : new char[] {'C', 'F'})
                for (String sep : new String[] {".", "/"})
                    for (String codec : codecs) out.add(Arguments.of(t, order, sep, codec, (n++ % 2) == 0));
        return out.stream();
    }

    static ChunkCodec codec(String name) {
        return switch (name) {
            case "none" -> ZarrCodecs.NONE;
            case "zlib" -> ZarrCodecs.zlib(5);
            case "gzip" -> ZarrCodecs.gzip(3);
            case "zstd" -> ZarrCodecs.zstd(3);
            case "lz4" -> ZarrCodecs.lz4();
            case "blosc" -> ZarrCodecs.blosc("lz4", 5, 1, 0);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Ids in blobs of 4³ voxels drawn from the special values the type can hold, 0 on a lattice of planes. */
    static LongUnaryOperator values(ElementType t, Vec3 size) {
        long[] pool = t.bytes == 8 ? SPECIAL_64 : SPECIAL_32;
        List<Long> fit = new ArrayList<>();
        for (long v : pool) if (Long.compareUnsigned(v, t.maxId()) <= 0) fit.add(v);
        return i -> {
            int x = (int) (i % size.x()), y = (int) (i / size.x() % size.y()), z = (int) (i / ((long) size.x() * size.y()));
            if (x % 7 == 6 || y % 9 == 8) return 0;
            int blob = (x / 4) * 31 + (y / 4) * 17 + (z / 4) * 7;
            return fit.get(blob % fit.size());
        };
    }

    @ParameterizedTest(name = "{0} order {1} sep \"{2}\" {3} absolute={4}")
    @MethodSource("combinations")
    void writeThenReadGivesTheSameVoxelsAndIndex(ElementType type, char order, String sep, String codecName, boolean absolute,
                                                 @TempDir Path dir) throws Exception {
        Vec3 size = new Vec3(37, 29, 23);
        Box3 box = new Box3(new Vec3(5, 70, 3), size);
        LongUnaryOperator values = values(type, size);
        new ExportWriter(dir, "rt", new VoxelSize(11.24, 11.24, 28, "nanometer"))
            .layer("segmentation", "segmentation", type, box, new ExportWriter.Layout(new Vec3(16, 8, 11), order, sep, codec(codecName), absolute),
                values, null)
            .write();
        for (int threads : new int[] {1, 3}) {
            LoadedBox loaded = LoadedBox.open(dir, threads, Progress.NONE);
            Long2LongOpenHashMap counts = new Long2LongOpenHashMap();
            for (int z = 0; z < size.z(); z++) for (int y = 0; y < size.y(); y++) for (int x = 0; x < size.x(); x++) {
                long want = values.applyAsLong(x + (long) size.x() * (y + (long) size.y() * z));
                long got = loaded.labels().idAt(x, y, z);
                if (want != got) {
                    throw new AssertionError("voxel " + x + "," + y + "," + z + ": want " + Long.toUnsignedString(want) + " got " + Long.toUnsignedString(got));
                }
                if (want != 0) counts.addTo(want, 1);
            }
            assertEquals(counts.size(), loaded.index().segmentCount());
            for (SegmentStats s : loaded.index().segments()) assertEquals(counts.get(s.id()), s.voxels(), "count of " + Long.toUnsignedString(s.id()));
        }
    }
}
