package org.proofbox.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.proofbox.model.ElementType;

/**
 * The pages (image file directories) of a TIFF or BigTIFF file, either byte order, and the
 * decoding of one page into voxels: strips or tiles, uncompressed, Deflate, LZW or PackBits, with
 * or without horizontal differencing, one integer sample per pixel of 8 to 64 bits — what
 * WEBKNOSSOS's cutouts and tifffile write for labels and EM.
 *
 * <p>Hand-written rather than through ImageIO (TwelveMonkeys' reader, which STACK.md names): Java's
 * rasters have no 64-bit integer type, so uint64 labels — which WEBKNOSSOS exports — could not be
 * read exactly; one decoder for every width keeps a single path. Every offset is checked against
 * the file's size, so a damaged file is one line naming it, never a wrong image.
 */
public final class TiffPages {
    /** One page: its size, sample layout, compression and where its strips or tiles are. */
    public record Page(int index, int width, int height, int bits, int sampleFormat, int samples, int compression, int predictor,
                       int blockWidth, int blockHeight, boolean tiled, long[] offsets, long[] counts, String description) {
        /** The element type of its samples, or null if Proofbox does not read it (floats, odd widths). */
        public ElementType type() {
            boolean signed = sampleFormat == 2;
            if (sampleFormat != 1 && sampleFormat != 2) return null;
            return switch (bits) {
                case 8 -> signed ? ElementType.INT8 : ElementType.UINT8;
                case 16 -> signed ? ElementType.INT16 : ElementType.UINT16;
                case 32 -> signed ? ElementType.INT32 : ElementType.UINT32;
                case 64 -> signed ? ElementType.INT64 : ElementType.UINT64;
                default -> null;
            };
        }
    }

    private final Path file;
    private final ByteOrder order;
    private final boolean big;
    private final long size;
    private final List<Page> pages;

    private TiffPages(Path file, ByteOrder order, boolean big, long size, List<Page> pages) {
        this.file = file;
        this.order = order;
        this.big = big;
        this.size = size;
        this.pages = pages;
    }

    public List<Page> pages() {
        return pages;
    }

    public ByteOrder order() {
        return order;
    }

    /** Reads the header and every directory of {@code ch} ({@code file} names it in messages). */
    public static TiffPages read(SeekableByteChannel ch, Path file) throws ExportException {
        try {
            long size = ch.size();
            ByteBuffer h = readAt(ch, 0, 16, size, file, "the header");
            ByteOrder order;
            if (h.get(0) == 'I' && h.get(1) == 'I') order = ByteOrder.LITTLE_ENDIAN;
            else if (h.get(0) == 'M' && h.get(1) == 'M') order = ByteOrder.BIG_ENDIAN;
            else throw new ExportException(file, "not a TIFF file (it does not start with II or MM)");
            h.order(order);
            int version = h.getShort(2) & 0xFFFF;
            boolean big = version == 43;
            if (version != 42 && !big) throw new ExportException(file, "not a TIFF file (version " + version + ", expected 42 or 43)");
            long next = big ? h.getLong(8) : h.getInt(4) & 0xFFFF_FFFFL;
            List<Page> pages = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            while (next != 0) {
                if (!seen.add(next)) throw new ExportException(file, "its directories form a loop (page " + pages.size() + ")");
                long[] after = new long[1];
                pages.add(page(ch, file, order, big, size, next, pages.size(), after));
                next = after[0];
            }
            if (pages.isEmpty()) throw new ExportException(file, "holds no image");
            return new TiffPages(file, order, big, size, pages);
        } catch (IOException e) {
            throw new ExportException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static Page page(SeekableByteChannel ch, Path file, ByteOrder order, boolean big, long size, long at, int index, long[] next)
            throws IOException, ExportException {
        int countBytes = big ? 8 : 2, entryBytes = big ? 20 : 12;
        ByteBuffer c = readAt(ch, at, countBytes, size, file, "directory of page " + index).order(order);
        long n = big ? c.getLong(0) : c.getShort(0) & 0xFFFF;
        if (n <= 0 || n > 4096) throw new ExportException(file, "page " + index + " has a damaged directory (" + n + " entries)");
        ByteBuffer d = readAt(ch, at + countBytes, (int) n * entryBytes + (big ? 8 : 4), size, file, "directory of page " + index).order(order);
        int width = -1, height = -1, bits = 1, format = 1, samples = 1, compression = 1, predictor = 1, rows = Integer.MAX_VALUE, tw = -1, th = -1;
        long[] offsets = null, counts = null;
        String description = null;
        for (int e = 0; e < n; e++) {
            int p = e * entryBytes;
            int tag = d.getShort(p) & 0xFFFF, type = d.getShort(p + 2) & 0xFFFF;
            long count = big ? d.getLong(p + 4) : d.getInt(p + 4) & 0xFFFF_FFFFL;
            int valueAt = p + (big ? 12 : 8);
            switch (tag) {
                case 256 -> width = (int) first(ch, d, valueAt, type, count, big, order, size, file, index);
                case 257 -> height = (int) first(ch, d, valueAt, type, count, big, order, size, file, index);
                case 258 -> bits = (int) first(ch, d, valueAt, type, count, big, order, size, file, index);
                case 259 -> compression = (int) first(ch, d, valueAt, type, count, big, order, size, file, index);
                case 270 -> description = ascii(ch, d, valueAt, count, big, size, file, index);
                case 273, 324 -> offsets = values(ch, d, valueAt, type, count, big, order, size, file, index);
                case 277 -> samples = (int) first(ch, d, valueAt, type, count, big, order, size, file, index);
                case 278 -> rows = (int) Math.min(Integer.MAX_VALUE, first(ch, d, valueAt, type, count, big, order, size, file, index));
                case 279, 325 -> counts = values(ch, d, valueAt, type, count, big, order, size, file, index);
                case 317 -> predictor = (int) first(ch, d, valueAt, type, count, big, order, size, file, index);
                case 322 -> tw = (int) first(ch, d, valueAt, type, count, big, order, size, file, index);
                case 323 -> th = (int) first(ch, d, valueAt, type, count, big, order, size, file, index);
                case 339 -> format = (int) first(ch, d, valueAt, type, count, big, order, size, file, index);
                default -> { }
            }
        }
        int nextAt = (int) n * entryBytes;
        next[0] = big ? d.getLong(nextAt) : d.getInt(nextAt) & 0xFFFF_FFFFL;
        if (width <= 0 || height <= 0) throw new ExportException(file, "page " + index + " has no image size");
        if (offsets == null || counts == null || offsets.length != counts.length) {
            throw new ExportException(file, "page " + index + " does not say where its image data are (strip or tile offsets)");
        }
        boolean tiled = tw > 0 && th > 0;
        int bw = tiled ? tw : width, bh = tiled ? th : (int) Math.min(rows, height);
        long blocks = (long) ((width + bw - 1) / bw) * ((height + bh - 1) / bh);
        if (offsets.length != blocks) {
            throw new ExportException(file, "page " + index + " lists " + offsets.length + " " + (tiled ? "tiles" : "strips") + " but its size needs " + blocks);
        }
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] < 0 || counts[i] < 0 || offsets[i] + counts[i] > size) {
                throw new ExportException(file, "is truncated: page " + index + "'s data run to byte " + (offsets[i] + counts[i]) + " but the file has " + size);
            }
        }
        return new Page(index, width, height, bits, format, samples, compression, predictor, bw, bh, tiled, offsets, counts, description);
    }

    private static int typeBytes(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    /** The bytes of an entry's value: inline in the entry when they fit, else at the offset it holds. */
    private static ByteBuffer valueBytes(SeekableByteChannel ch, ByteBuffer d, int valueAt, int type, long count, boolean big, ByteOrder order,
                                         long size, Path file, int index) throws IOException, ExportException {
        int tb = typeBytes(type);
        if (tb == 0) throw new ExportException(file, "page " + index + " has a tag of unknown type " + type);
        long bytes = tb * count;
        if (bytes > (1 << 28)) throw new ExportException(file, "page " + index + " has a tag of " + bytes + " bytes");
        int inline = big ? 8 : 4;
        if (bytes <= inline) return d.duplicate().order(order).position(valueAt).slice().order(order);
        long off = big ? d.getLong(valueAt) : d.getInt(valueAt) & 0xFFFF_FFFFL;
        return readAt(ch, off, (int) bytes, size, file, "a tag of page " + index).order(order);
    }

    private static long[] values(SeekableByteChannel ch, ByteBuffer d, int valueAt, int type, long count, boolean big, ByteOrder order,
                                 long size, Path file, int index) throws IOException, ExportException {
        ByteBuffer b = valueBytes(ch, d, valueAt, type, count, big, order, size, file, index);
        long[] out = new long[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (type) {
                case 1, 7 -> b.get(i) & 0xFF;
                case 3 -> b.getShort(2 * i) & 0xFFFF;
                case 4, 13 -> b.getInt(4 * i) & 0xFFFF_FFFFL;
                case 16, 18 -> b.getLong(8 * i);
                default -> throw new ExportException(file, "page " + index + " has an offset or size tag of type " + type);
            };
        }
        return out;
    }

    private static long first(SeekableByteChannel ch, ByteBuffer d, int valueAt, int type, long count, boolean big, ByteOrder order,
                              long size, Path file, int index) throws IOException, ExportException {
        if (count < 1) throw new ExportException(file, "page " + index + " has an empty tag");
        return values(ch, d, valueAt, type, 1, big, order, size, file, index)[0];
    }

    private static String ascii(SeekableByteChannel ch, ByteBuffer d, int valueAt, long count, boolean big, long size, Path file, int index)
            throws IOException, ExportException {
        ByteBuffer b = valueBytes(ch, d, valueAt, 2, count, big, ByteOrder.LITTLE_ENDIAN, size, file, index);
        byte[] a = new byte[(int) count];
        b.get(0, a);
        int end = a.length;
        while (end > 0 && a[end - 1] == 0) end--;
        return new String(a, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    static ByteBuffer readAt(SeekableByteChannel ch, long at, int n, long size, Path file, String what) throws IOException, ExportException {
        if (at < 0 || at + n > size) throw new ExportException(file, "is truncated: " + what + " at byte " + at + " runs past its end (" + size + " bytes)");
        ByteBuffer b = ByteBuffer.allocate(n);
        ch.position(at);
        while (b.hasRemaining()) if (ch.read(b) < 0) throw new ExportException(file, "is truncated: " + what + " at byte " + at);
        return b.flip();
    }

    /**
     * Decodes page {@code p} into {@code ints} (types up to 32 bits, zero- or sign-extended as
     * {@link ChunkData} holds them) or {@code longs} (64-bit), x fastest then y.
     */
    public void decode(SeekableByteChannel ch, Page p, int[] ints, long[] longs) throws ExportException {
        if (p.samples() != 1) throw new ExportException(file, "page " + p.index() + " has " + p.samples() + " samples per pixel; Proofbox reads one (grey or labels)");
        ElementType t = p.type();
        if (t == null) throw new ExportException(file, "page " + p.index() + " holds " + p.bits() + "-bit samples of format " + p.sampleFormat() + "; Proofbox reads 8/16/32/64-bit integers");
        int bytes = t.bytes;
        int bw = p.blockWidth(), bh = p.blockHeight(), across = (p.width() + bw - 1) / bw;
        int blockBytes = bw * bh * bytes;
        byte[] raw = new byte[blockBytes];
        try {
            for (int b = 0; b < p.offsets().length; b++) {
                int x0 = (b % across) * bw, y0 = (b / across) * bh;
                int rowsHere = Math.min(bh, p.height() - y0);
                int need = (p.tiled() ? bh : rowsHere) * bw * bytes; // tiles are whole; the last strip may be short
                ByteBuffer comp = readAt(ch, p.offsets()[b], (int) p.counts()[b], size, file, "page " + p.index() + "'s data");
                int got = TiffCodecs.decompress(p.compression(), comp.array(), raw, need, file, p.index());
                if (got < rowsHere * bw * bytes) {
                    throw new ExportException(file, "page " + p.index() + " block " + b + " decodes to " + got + " bytes, fewer than its " + (rowsHere * bw * bytes));
                }
                if (p.predictor() == 2) TiffCodecs.undoDifferencing(raw, bw, rowsHere, bytes, order);
                else if (p.predictor() != 1) throw new ExportException(file, "page " + p.index() + " uses predictor " + p.predictor() + ", which Proofbox does not read");
                ByteBuffer v = ByteBuffer.wrap(raw).order(order);
                int cols = Math.min(bw, p.width() - x0);
                for (int y = 0; y < rowsHere; y++) {
                    int src = y * bw, dst = x0 + p.width() * (y0 + y);
                    for (int x = 0; x < cols; x++) {
                        int i = (src + x) * bytes;
                        switch (t) {
                            case UINT8 -> ints[dst + x] = raw[i] & 0xFF;
                            case INT8 -> ints[dst + x] = raw[i];
                            case UINT16 -> ints[dst + x] = v.getShort(i) & 0xFFFF;
                            case INT16 -> ints[dst + x] = v.getShort(i);
                            case UINT32, INT32 -> ints[dst + x] = v.getInt(i);
                            default -> longs[dst + x] = v.getLong(i);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new ExportException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    public boolean isBig() {
        return big;
    }
}
