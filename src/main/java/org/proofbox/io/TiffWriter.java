package org.proofbox.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.proofbox.model.ElementType;

/**
 * Writes a stack of equal pages as one TIFF, little-endian, one strip per page, uncompressed or
 * Deflate; BigTIFF when the file could pass 4 GiB. Page 0 carries {@code description} (an OME-XML
 * kept from the source). Streams page by page: each page's data, then its directory, whose link
 * to the next one is filled in when that one is written.
 */
public final class TiffWriter {
    /** Fills the little-endian bytes of page {@code z}. */
    public interface Pages {
        void page(int z, ByteBuffer out) throws ExportException;
    }

    private TiffWriter() {}

    public static void write(FileChannel ch, Path file, int width, int height, int depth, ElementType type, String description, boolean deflate,
                             Pages pages) throws ExportException {
        long pageBytes = (long) width * height * type.bytes;
        if (pageBytes > Integer.MAX_VALUE - 16) throw new ExportException(file, "a page of " + width + " × " + height + " is too large to write");
        boolean big = pageBytes * depth + (long) depth * 512 + (description == null ? 0 : description.length()) > 0xF000_0000L;
        try {
            ByteBuffer head = ByteBuffer.allocate(big ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
            head.put((byte) 'I').put((byte) 'I').putShort((short) (big ? 43 : 42));
            if (big) head.putShort((short) 8).putShort((short) 0).putLong(0);
            else head.putInt(0);
            long linkAt = big ? 8 : 4; // where the offset of the next directory goes
            writeAt(ch, 0, head.flip());
            long pos = head.capacity();
            ByteBuffer page = ByteBuffer.allocate((int) pageBytes).order(ByteOrder.LITTLE_ENDIAN);
            byte[] desc = description == null ? null : (description + "\0").getBytes(StandardCharsets.UTF_8);
            if (desc != null && desc.length <= (big ? 8 : 4)) desc = java.util.Arrays.copyOf(desc, (big ? 8 : 4) + 1); // never inline: written at an offset
            for (int z = 0; z < depth; z++) {
                page.clear();
                pages.page(z, page);
                byte[] data = deflate ? TiffCodecs.deflate(page.array(), 0, (int) pageBytes) : page.array();
                int dataLen = deflate ? data.length : (int) pageBytes;
                long dataAt = pos;
                writeAt(ch, dataAt, ByteBuffer.wrap(data, 0, dataLen));
                pos += dataLen;
                long descAt = 0;
                if (z == 0 && desc != null) {
                    descAt = pos;
                    writeAt(ch, descAt, ByteBuffer.wrap(desc));
                    pos += desc.length;
                }
                if ((pos & 1) != 0) pos++; // directories start on a word boundary
                long ifdAt = pos;
                ByteBuffer ifd = directory(big, width, height, type, deflate ? TiffCodecs.DEFLATE : TiffCodecs.NONE, dataAt, dataLen,
                    z == 0 && desc != null ? descAt : -1, desc == null ? 0 : desc.length);
                writeAt(ch, ifdAt, ifd);
                ByteBuffer link = ByteBuffer.allocate(big ? 8 : 4).order(ByteOrder.LITTLE_ENDIAN);
                if (big) link.putLong(ifdAt);
                else link.putInt((int) ifdAt);
                writeAt(ch, linkAt, link.flip());
                linkAt = ifdAt + ifd.capacity() - (big ? 8 : 4);
                pos = ifdAt + ifd.capacity();
            }
        } catch (IOException e) {
            throw new ExportException(file, "cannot write: " + e.getMessage(), e);
        }
    }

    private static ByteBuffer directory(boolean big, int width, int height, ElementType type, int compression, long dataAt, long dataLen, long descAt,
                                        int descLen) {
        int entries = descAt >= 0 ? 12 : 11;
        int entryBytes = big ? 20 : 12;
        ByteBuffer b = ByteBuffer.allocate((big ? 8 : 2) + entries * entryBytes + (big ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        if (big) b.putLong(entries);
        else b.putShort((short) entries);
        entry(b, big, 256, 4, width);
        entry(b, big, 257, 4, height);
        entry(b, big, 258, 3, type.bytes * 8);
        entry(b, big, 259, 3, compression);
        entry(b, big, 262, 3, 1); // black is zero
        if (descAt >= 0) entryAt(b, big, 270, 2, descLen, descAt);
        entry(b, big, 273, big ? 16 : 4, dataAt);
        entry(b, big, 277, 3, 1);
        entry(b, big, 278, 4, height);
        entry(b, big, 279, big ? 16 : 4, dataLen);
        entry(b, big, 284, 3, 1);
        entry(b, big, 339, 3, type.signed ? 2 : 1);
        if (big) b.putLong(0);
        else b.putInt(0);
        return b.flip();
    }

    /** An entry with one value stored inline. */
    private static void entry(ByteBuffer b, boolean big, int tag, int type, long value) {
        b.putShort((short) tag).putShort((short) type);
        if (big) b.putLong(1);
        else b.putInt(1);
        int start = b.position();
        switch (type) {
            case 3 -> b.putShort((short) value);
            case 4 -> b.putInt((int) value);
            default -> b.putLong(value);
        }
        b.position(start + (big ? 8 : 4));
    }

    /** An entry of {@code count} values stored at {@code offset}. */
    private static void entryAt(ByteBuffer b, boolean big, int tag, int type, long count, long offset) {
        b.putShort((short) tag).putShort((short) type);
        if (big) b.putLong(count).putLong(offset);
        else b.putInt((int) count).putInt((int) offset);
    }

    private static void writeAt(FileChannel ch, long at, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) at += ch.write(b, at);
    }

    /** Opens {@code file} for a fresh write. */
    public static FileChannel create(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
    }
}
