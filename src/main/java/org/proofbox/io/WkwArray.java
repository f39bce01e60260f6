package org.proofbox.io;

import dev.zarr.zarrjava.store.Store;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;

/**
 * One mag of a WKW layer, as WEBKNOSSOS volume annotations store it: {@code header.wkw} and
 * files {@code z<fz>/y<fy>/x<fx>.wkw}, each holding 2^k³ blocks (Morton order) of 2^b³ voxels in
 * Fortran order, raw or LZ4 (a jump table of block end offsets follows the 16-byte header). Only
 * the container is parsed here; LZ4 is lz4-java. Files absent from the store are missing chunks
 * ("not stored"), which a fallback annotation must not present as unlabelled.
 */
public final class WkwArray implements ChunkedArray {
    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();

    private final Store store;
    private final String[] mag;
    private final Path location;
    private final ElementType type;
    private final int blockLog2, fileLog2, voxelBytes, typeBytes, channels, blockType;
    private final Vec3 shape;

    private WkwArray(Store store, String[] mag, Path location, ElementType type, int blockLog2, int fileLog2, int voxelBytes, int typeBytes, Vec3 shape,
                     int blockType) {
        this.store = store;
        this.mag = mag;
        this.location = location;
        this.type = type;
        this.blockLog2 = blockLog2;
        this.fileLog2 = fileLog2;
        this.voxelBytes = voxelBytes;
        this.typeBytes = typeBytes;
        this.channels = voxelBytes / typeBytes;
        this.shape = shape;
        this.blockType = blockType;
    }

    /** Opens the mag at {@code mag} keys of the store; {@code end} is the exclusive corner of the layer at this mag (WKW has no shape). */
    static WkwArray open(Store store, String[] mag, Path location, Vec3 end) throws ExportException {
        byte[] h = bytes(store, keys(mag, "header.wkw"), location);
        if (h == null) throw new ExportException(location.resolve("header.wkw"), "not found (a WKW mag folder has a header.wkw)");
        Header hd = header(h, location.resolve("header.wkw"));
        return new WkwArray(store, mag, location, hd.type, hd.blockLog2, hd.fileLog2, hd.voxelBytes, hd.type.bytes, end, hd.blockType);
    }

    /** Opens a WKW mag folder on disk. */
    public static WkwArray open(Path dir, Vec3 end) throws ExportException {
        return open(new ZarrStores.Folder(dir), new String[0], dir, end);
    }

    record Header(int blockLog2, int fileLog2, int blockType, ElementType type, int voxelBytes, long dataOffset) {}

    static Header header(byte[] h, Path where) throws ExportException {
        if (h.length < 16 || h[0] != 'W' || h[1] != 'K' || h[2] != 'W') throw new ExportException(where, "not a WKW file (magic \"WKW\" missing)");
        if (h[3] != 1) throw new ExportException(where, "WKW version " + h[3] + " is not supported (1 is)");
        int per = h[4] & 0xFF;
        int blockLog2 = per & 0x0F, fileLog2 = per >>> 4;
        int blockType = h[5] & 0xFF;
        if (blockType < 1 || blockType > 3) throw new ExportException(where, "unknown WKW block type " + blockType);
        ElementType t = switch (h[6] & 0xFF) {
            case 1 -> ElementType.UINT8;
            case 2 -> ElementType.UINT16;
            case 3 -> ElementType.UINT32;
            case 4 -> ElementType.UINT64;
            case 7 -> ElementType.INT8;
            case 8 -> ElementType.INT16;
            case 9 -> ElementType.INT32;
            case 10 -> ElementType.INT64;
            default -> throw new ExportException(where, "unsupported WKW voxel type " + (h[6] & 0xFF));
        };
        int voxelBytes = h[7] & 0xFF;
        if (voxelBytes == 0 || voxelBytes % t.bytes != 0) throw new ExportException(where, "WKW voxel size " + voxelBytes + " does not fit type " + t.wkName());
        long off = ByteBuffer.wrap(h, 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new Header(blockLog2, fileLog2, blockType, t, voxelBytes, off);
    }

    private static String[] keys(String[] base, String... more) {
        String[] k = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, k, base.length, more.length);
        return k;
    }

    private static byte[] bytes(Store store, String[] keys, Path where) throws ExportException {
        try {
            ByteBuffer b = store.get(keys);
            if (b == null) return null;
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (UncheckedIOException e) {
            throw ChunkFiles.error(where, "cannot read", e.getCause());
        }
    }

    @Override public Path location() { return location; }
    @Override public Path metadataFile() { return location.resolve("header.wkw"); }
    @Override public ElementType type() { return type; }
    @Override public Vec3 shape() { return shape; }
    @Override public Vec3 chunkShape() { int b = 1 << blockLog2; return new Vec3(b, b, b); }
    @Override public int channels() { return channels; }

    private String[] fileKeys(int bx, int by, int bz) {
        return keys(mag, "z" + (bz >> fileLog2), "y" + (by >> fileLog2), "x" + (bx >> fileLog2) + ".wkw");
    }

    /** Whether the file holding block (bx, by, bz) is stored. */
    public boolean isStored(int bx, int by, int bz) {
        return store.exists(fileKeys(bx, by, bz));
    }

    static long morton(int x, int y, int z) {
        long m = 0;
        for (int i = 0; i < 21; i++) {
            m |= ((long) (x >> i) & 1) << (3 * i) | ((long) (y >> i) & 1) << (3 * i + 1) | ((long) (z >> i) & 1) << (3 * i + 2);
        }
        return m;
    }

    /** Block {@code idx} of a WKW file, decoded (voxels in Fortran order, little-endian). */
    private byte[] rawBlock(byte[] f, Header h, int idx, Path where) throws ExportException {
        int blockBytes = (int) chunkShape().volume() * voxelBytes;
        byte[] raw;
        if (h.blockType() == 1) {
            long start = h.dataOffset() + (long) idx * blockBytes;
            if (start + blockBytes > f.length) throw new ExportException(where, "truncated WKW file (block " + idx + " ends past " + f.length + " bytes)");
            raw = java.util.Arrays.copyOfRange(f, (int) start, (int) start + blockBytes);
        } else {
            int blocks = 1 << (3 * fileLog2);
            ByteBuffer jt = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
            if (16 + 8L * blocks > f.length) throw new ExportException(where, "truncated WKW jump table");
            long start = idx == 0 ? h.dataOffset() : jt.getLong(16 + 8 * (idx - 1));
            long end = jt.getLong(16 + 8 * idx);
            if (start < 0 || end < start || end > f.length) throw new ExportException(where, "corrupt WKW jump table (block " + idx + ": " + start + ".." + end + " of " + f.length + " bytes)");
            raw = new byte[blockBytes];
            try {
                int n = LZ4.decompress(f, (int) start, (int) (end - start), raw, 0, blockBytes);
                if (n != blockBytes) throw new ExportException(where, "LZ4 block " + idx + " decodes to " + n + " bytes, expected " + blockBytes);
            } catch (LZ4Exception e) {
                throw new ExportException(where, "corrupt LZ4 block " + idx + ": " + e.getMessage());
            }
        }
        return raw;
    }

    /**
     * Writes block (bx, by, bz): its file is read (the other blocks it holds kept), the block
     * replaced and the file encoded again with its own block type (raw, LZ4 or LZ4HC) and header.
     * Into a store that takes writes: an annotation's volume zip being written anew.
     */
    @Override
    public void writeChunk(int bx, int by, int bz, ChunkData d, FileWrites writes) throws ExportException {
        if (channels != 1) throw new ExportException(location, "writing multi-channel WKW is not supported");
        Vec3 cs = chunkShape();
        String[] k = fileKeys(bx, by, bz);
        Path where = location.resolve(String.join("/", java.util.Arrays.copyOfRange(k, mag.length, k.length)));
        int blocks = 1 << (3 * fileLog2), blockVoxels = (int) cs.volume(), blockBytes = blockVoxels * voxelBytes;
        byte[][] raw = new byte[blocks][];
        byte[] f = bytes(store, k, where);
        int type = blockType;
        if (f != null) {
            Header h = header(f, where);
            type = h.blockType();
            for (int i = 0; i < blocks; i++) raw[i] = rawBlock(f, h, i, where);
        }
        int mask = (1 << fileLog2) - 1;
        ByteBuffer nb = ByteBuffer.allocate(blockBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < blockVoxels; i++) {
            long v = d.bits(i, true);
            switch (typeBytes) {
                case 1 -> nb.put((byte) v);
                case 2 -> nb.putShort((short) v);
                case 4 -> nb.putInt((int) v);
                default -> nb.putLong(v);
            }
        }
        raw[(int) morton(bx & mask, by & mask, bz & mask)] = nb.array();
        byte[][] enc = new byte[blocks][];
        for (int i = 0; i < blocks; i++) {
            byte[] r = raw[i] == null ? new byte[blockBytes] : raw[i];
            enc[i] = type == 1 ? r : type == 2 ? LZ4Factory.fastestInstance().fastCompressor().compress(r) : LZ4Factory.fastestInstance().highCompressor().compress(r);
        }
        long offset = 16 + (type == 1 ? 0 : 8L * blocks), total = offset;
        for (byte[] e : enc) total += e.length;
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {'W', 'K', 'W', 1, (byte) (fileLog2 << 4 | blockLog2), (byte) type, (byte) voxelTypeCode(), (byte) voxelBytes});
        out.putLong(offset);
        if (type != 1) {
            long end = offset;
            for (byte[] e : enc) out.putLong(end += e.length);
        }
        for (byte[] e : enc) out.put(e);
        out.flip();
        ZarrStores.Folder folder = store instanceof ZarrStores.Folder fo ? fo : null;
        if (folder != null) folder.writes = writes;
        try {
            store.set(k, out);
        } catch (UnsupportedOperationException | UncheckedIOException e) {
            throw new ExportException(where, "cannot write: " + e.getMessage(), e);
        } finally {
            if (folder != null) folder.writes = FileWrites.DIRECT;
        }
    }

    private int voxelTypeCode() {
        return switch (type) {
            case UINT8 -> 1;
            case UINT16 -> 2;
            case UINT32 -> 3;
            case UINT64 -> 4;
            case INT8 -> 7;
            case INT16 -> 8;
            case INT32 -> 9;
            default -> 10;
        };
    }

    @Override
    public ChunkData readChunk(int bx, int by, int bz) throws ExportException {
        Vec3 cs = chunkShape();
        String[] k = fileKeys(bx, by, bz);
        Path where = location.resolve(String.join("/", java.util.Arrays.copyOfRange(k, mag.length, k.length)));
        byte[] f = bytes(store, k, where);
        if (f == null) return ChunkData.missing(cs, 0);
        Header h = header(f, where);
        int mask = (1 << fileLog2) - 1;
        int idx = (int) morton(bx & mask, by & mask, bz & mask);
        int blockVoxels = (int) cs.volume();
        byte[] raw = rawBlock(f, h, idx, where);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (typeBytes == 8) {
            long[] out = new long[blockVoxels];
            for (int i = 0; i < blockVoxels; i++) out[i] = b.getLong(i * voxelBytes);
            return ChunkData.ofLongs(cs, out);
        }
        int[] out = new int[blockVoxels];
        for (int i = 0; i < blockVoxels; i++) {
            int at = i * voxelBytes;
            out[i] = switch (typeBytes) {
                case 1 -> type.signed ? b.get(at) : b.get(at) & 0xFF;
                case 2 -> type.signed ? b.getShort(at) : b.getShort(at) & 0xFFFF;
                default -> b.getInt(at);
            };
        }
        return ChunkData.ofInts(cs, out);
    }
}
