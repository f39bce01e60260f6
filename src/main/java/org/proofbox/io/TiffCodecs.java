package org.proofbox.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** The TIFF compressions Proofbox reads (none, LZW, Deflate, PackBits) and writes (none, Deflate), and horizontal differencing. */
final class TiffCodecs {
    static final int NONE = 1, LZW = 5, DEFLATE = 8, DEFLATE_OLD = 32946, PACKBITS = 32773;

    private TiffCodecs() {}

    /** Decodes {@code in} into {@code out} (at most {@code need} bytes); returns how many bytes came out. */
    static int decompress(int compression, byte[] in, byte[] out, int need, Path file, int page) throws ExportException {
        return switch (compression) {
            case NONE -> {
                int n = Math.min(need, in.length);
                System.arraycopy(in, 0, out, 0, n);
                yield n;
            }
            case DEFLATE, DEFLATE_OLD -> inflate(in, out, need, file, page);
            case LZW -> lzw(in, out, need, file, page);
            case PACKBITS -> packBits(in, out, need);
            default -> throw new ExportException(file, "page " + page + " uses TIFF compression " + compression
                + "; Proofbox reads none, LZW, Deflate and PackBits (re-save it with tifffile, compression=None or 'zlib')");
        };
    }

    private static int inflate(byte[] in, byte[] out, int need, Path file, int page) throws ExportException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            int n = 0;
            while (n < need && !inf.finished()) {
                int k = inf.inflate(out, n, need - n);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                n += k;
            }
            return n;
        } catch (DataFormatException e) {
            throw new ExportException(file, "page " + page + " holds damaged Deflate data: " + e.getMessage());
        } finally {
            inf.end();
        }
    }

    /** TIFF's LZW: codes MSB first, 9 to 12 bits, widened one code early; 256 clears, 257 ends. */
    private static int lzw(byte[] in, byte[] out, int need, Path file, int page) throws ExportException {
        int[] prefix = new int[4096];
        byte[] suffix = new byte[4096], first = new byte[4096];
        int[] length = new int[4096];
        for (int i = 0; i < 256; i++) {
            suffix[i] = (byte) i;
            first[i] = (byte) i;
            length[i] = 1;
        }
        int next = 258, width = 9, old = -1, n = 0;
        long bitPos = 0, bits = (long) in.length * 8;
        while (bitPos + width <= bits && n < need) {
            int code = 0;
            for (int k = 0; k < width; k++, bitPos++) code = (code << 1) | ((in[(int) (bitPos >>> 3)] >>> (7 - (bitPos & 7))) & 1);
            if (code == 257) break;
            if (code == 256) {
                next = 258;
                width = 9;
                old = -1;
                continue;
            }
            int len;
            if (code < next && (code < 256 || code >= 258)) {
                len = length[code];
                n = emit(code, len, prefix, suffix, out, n, need);
                if (old >= 0 && next < 4096) add(next++, old, first[code], prefix, suffix, first, length);
            } else if (code == next && old >= 0) {
                add(next, old, first[old], prefix, suffix, first, length);
                n = emit(next, length[next], prefix, suffix, out, n, need);
                next++;
            } else {
                throw new ExportException(file, "page " + page + " holds damaged LZW data (code " + code + ")");
            }
            old = code;
            if (next + 1 >= (1 << width) && width < 12) width++;
        }
        return n;
    }

    private static void add(int code, int prefixCode, byte last, int[] prefix, byte[] suffix, byte[] first, int[] length) {
        prefix[code] = prefixCode;
        suffix[code] = last;
        first[code] = first[prefixCode];
        length[code] = length[prefixCode] + 1;
    }

    private static int emit(int code, int len, int[] prefix, byte[] suffix, byte[] out, int n, int need) {
        int end = n + len;
        for (int i = end - 1, c = code; i >= n; i--, c = prefix[c]) if (i < need) out[i] = suffix[c];
        return Math.min(end, need);
    }

    private static int packBits(byte[] in, byte[] out, int need) {
        int i = 0, n = 0;
        while (i < in.length && n < need) {
            int h = in[i++];
            if (h >= 0) {
                int k = Math.min(h + 1, Math.min(need - n, in.length - i));
                System.arraycopy(in, i, out, n, k);
                i += h + 1;
                n += k;
            } else if (h != -128 && i < in.length) {
                int k = Math.min(1 - h, need - n);
                java.util.Arrays.fill(out, n, n + k, in[i++]);
                n += k;
            }
        }
        return n;
    }

    /** Undoes horizontal differencing (predictor 2) of integer samples of {@code bytes} each, row by row. */
    static void undoDifferencing(byte[] b, int width, int rows, int bytes, ByteOrder order) {
        java.nio.ByteBuffer v = java.nio.ByteBuffer.wrap(b).order(order);
        for (int y = 0; y < rows; y++) {
            int row = y * width * bytes;
            for (int x = 1; x < width; x++) {
                int i = row + x * bytes, p = i - bytes;
                switch (bytes) {
                    case 1 -> b[i] += b[p];
                    case 2 -> v.putShort(i, (short) (v.getShort(i) + v.getShort(p)));
                    case 4 -> v.putInt(i, v.getInt(i) + v.getInt(p));
                    default -> v.putLong(i, v.getLong(i) + v.getLong(p));
                }
            }
        }
    }

    static byte[] deflate(byte[] in, int off, int len) {
        Deflater d = new Deflater(6);
        try {
            d.setInput(in, off, len);
            d.finish();
            ByteArrayOutputStream o = new ByteArrayOutputStream(Math.max(64, len / 4));
            byte[] buf = new byte[1 << 16];
            while (!d.finished()) o.write(buf, 0, d.deflate(buf));
            return o.toByteArray();
        } finally {
            d.end();
        }
    }
}
