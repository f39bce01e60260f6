package org.proofbox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofbox.model.ElementType;

/**
 * TiffWriter's files read back by TiffPages voxel for voxel, for every integer width, with and
 * without Deflate, with descriptions short enough to fit a directory entry and long ones (an
 * OME-XML): the description always comes back as written. (tifffile reads them in CutoutTest.)
 */
class TiffRoundTripTest {
    @Test
    void everyWidthAndDescriptionComesBack(@TempDir Path dir) throws Exception {
        int w = 13, h = 7, d = 3;
        for (ElementType t : new ElementType[] {ElementType.UINT8, ElementType.UINT16, ElementType.UINT32, ElementType.UINT64}) {
            for (boolean deflate : new boolean[] {false, true}) {
                for (String desc : new String[] {null, "a", "abc", "abcdefg", "<OME>" + "x".repeat(300) + "</OME>"}) {
                    Path f = dir.resolve(t + "-" + deflate + "-" + (desc == null ? 0 : desc.length()) + ".tif");
                    try (FileChannel ch = TiffWriter.create(f)) {
                        TiffWriter.write(ch, f, w, h, d, t, desc, deflate, (z, b) -> {
                            for (int i = 0; i < w * h; i++) {
                                long v = value(t, z, i);
                                switch (t.bytes) {
                                    case 1 -> b.put((byte) v);
                                    case 2 -> b.putShort((short) v);
                                    case 4 -> b.putInt((int) v);
                                    default -> b.putLong(v);
                                }
                            }
                        });
                    }
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                        TiffPages p = TiffPages.read(ch, f);
                        assertEquals(d, p.pages().size());
                        assertEquals(desc, p.pages().get(0).description(), f.toString());
                        for (int z = 0; z < d; z++) {
                            TiffPages.Page pg = p.pages().get(z);
                            assertEquals(t, pg.type());
                            int[] ints = new int[w * h];
                            long[] longs = new long[w * h];
                            p.decode(ch, pg, ints, longs);
                            for (int i = 0; i < w * h; i++) {
                                long got = t.bytes == 8 ? longs[i] : t.bytes == 4 ? ints[i] & 0xFFFF_FFFFL : ints[i];
                                assertEquals(value(t, z, i), got, f + " page " + z + " voxel " + i);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Values that use the whole width: ids near 2^32 and beyond 2^63 for the wide types. */
    private static long value(ElementType t, int z, int i) {
        return switch (t.bytes) {
            case 1 -> (i * 7 + z) & 0xFF;
            case 2 -> (i * 977 + z * 31) & 0xFFFF;
            case 4 -> (0xFFFF_FFF0L - i - z) & 0xFFFF_FFFFL;
            default -> 0x8000_0000_0000_0000L + i * 1_000_003L + z;
        };
    }
}
