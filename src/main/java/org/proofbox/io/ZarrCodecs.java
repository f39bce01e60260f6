package org.proofbox.io;

import com.bc.zarr.Compressor;
import com.bc.zarr.CompressorFactory;
import com.fasterxml.jackson.databind.JsonNode;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The Zarr v2 compressors Proofbox reads and writes. blosc goes through jzarr (via its JNA binding
 * to the system libblosc); zstd and lz4, which jzarr lacks, through aircompressor; zlib and gzip
 * through the JDK's zlib. Anything else is refused when the array is opened, not when a chunk is read.
 */
public final class ZarrCodecs {
    private ZarrCodecs() {}

    /** The codec for a {@code .zarray} {@code compressor} entry. */
    public static ChunkCodec fromMetadata(JsonNode compressor, Path zarray) throws ExportException {
        if (compressor == null || compressor.isNull()) return NONE;
        String id = compressor.path("id").asText("");
        switch (id) {
            case "zlib":
                return zlib(compressor.path("level").asInt(1));
            case "gzip":
                return gzip(compressor.path("level").asInt(1));
            case "zstd":
                return zstd(compressor.path("level").asInt(1));
            case "lz4":
                return lz4();
            case "blosc":
                return blosc(compressor.path("cname").asText("lz4"), compressor.path("clevel").asInt(5),
                    compressor.path("shuffle").asInt(1), compressor.path("blocksize").asInt(0));
            default:
                throw new ExportException(zarray, "unsupported compressor \"" + (id.isEmpty() ? compressor : id)
                    + "\" (Proofbox reads none, zlib, gzip, zstd, lz4 and blosc)");
        }
    }

    public static final ChunkCodec NONE = new ChunkCodec() {
        @Override public String id() { return "none"; }
        @Override public byte[] decode(byte[] stored, int expected, Path file) throws ExportException {
            if (stored.length != expected) throw ChunkCodec.sizeMismatch(file, "uncompressed", stored.length, expected);
            return stored;
        }
        @Override public byte[] encode(byte[] raw, Path file) { return raw; }
        @Override public Object metadata() { return null; }
    };

    /**
     * zlib through {@link Inflater}/{@link Deflater} into buffers of the known chunk size: the same
     * JDK zlib jzarr's compressor wraps, without its 4 KiB stream copies (3× faster on real chunks).
     */
    public static ChunkCodec zlib(int level) {
        Map<String, Object> m = meta("zlib", "level", level);
        return new ChunkCodec() {
            @Override public String id() { return "zlib"; }
            @Override public byte[] decode(byte[] stored, int expected, Path file) throws ExportException {
                byte[] out = new byte[expected];
                decodeInto(stored, out, file);
                return out;
            }
            @Override public void decodeInto(byte[] stored, byte[] out, Path file) throws ExportException {
                int expected = out.length;
                Inflater inf = new Inflater();
                try {
                    inf.setInput(stored);
                    int n = 0;
                    while (n < expected && !inf.finished()) {
                        int k = inf.inflate(out, n, expected - n);
                        if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
                        n += k;
                    }
                    if (n < expected) throw ChunkCodec.sizeMismatch(file, "zlib", n, expected);
                    if (!inf.finished()) {
                        byte[] more = new byte[1];
                        if (inf.inflate(more) > 0 || !inf.finished()) {
                            throw new ExportException(file, "zlib chunk decodes to more than " + expected + " bytes or does not end (corrupt chunk)");
                        }
                    }
                } catch (DataFormatException e) {
                    throw new ExportException(file, "corrupt zlib chunk: " + e.getMessage(), e);
                } finally {
                    inf.end();
                }
            }
            @Override public byte[] encode(byte[] raw, Path file) {
                Deflater def = new Deflater(level);
                try {
                    def.setInput(raw);
                    def.finish();
                    ByteArrayOutputStream bos = new ByteArrayOutputStream(raw.length / 4 + 64);
                    byte[] buf = new byte[65536];
                    while (!def.finished()) bos.write(buf, 0, def.deflate(buf));
                    return bos.toByteArray();
                } finally {
                    def.end();
                }
            }
            @Override public Object metadata() { return m; }
        };
    }

    public static ChunkCodec blosc(String cname, int clevel, int shuffle, int blocksize) {
        Map<String, Object> m = meta("blosc", "cname", cname, "clevel", clevel, "shuffle", shuffle, "blocksize", blocksize);
        return new ChunkCodec() {
            private JzarrCodec delegate;

            private synchronized JzarrCodec delegate(Path file) throws ExportException {
                if (delegate == null) {
                    try {
                        delegate = new JzarrCodec("blosc", CompressorFactory.create("blosc", "cname", cname, "clevel", clevel,
                            "shuffle", shuffle, "blocksize", blocksize), m);
                    } catch (LinkageError | RuntimeException e) {
                        throw bloscMissing(file, e);
                    }
                }
                return delegate;
            }
            @Override public String id() { return "blosc"; }
            @Override public byte[] decode(byte[] stored, int expected, Path file) throws ExportException {
                return delegate(file).decode(stored, expected, file);
            }
            @Override public byte[] encode(byte[] raw, Path file) throws ExportException { return delegate(file).encode(raw, file); }
            @Override public Object metadata() { return m; }
        };
    }

    static ExportException bloscMissing(Path file, Throwable e) {
        return new ExportException(file, "blosc-compressed chunks need the blosc library, which could not be loaded"
            + " (Debian/Ubuntu: apt-get install libblosc1): " + e, e);
    }

    public static ChunkCodec gzip(int level) {
        Map<String, Object> m = meta("gzip", "level", level);
        return new ChunkCodec() {
            @Override public String id() { return "gzip"; }
            @Override public byte[] decode(byte[] stored, int expected, Path file) throws ExportException {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                    byte[] out = in.readNBytes(expected + 1);
                    if (out.length != expected) throw ChunkCodec.sizeMismatch(file, "gzip", out.length, expected);
                    return out;
                } catch (IOException e) {
                    throw new ExportException(file, "corrupt gzip chunk: " + e.getMessage(), e);
                }
            }
            @Override public byte[] encode(byte[] raw, Path file) throws ExportException {
                ByteArrayOutputStream bos = new ByteArrayOutputStream(raw.length / 2 + 64);
                try (GZIPOutputStream out = new GZIPOutputStream(bos) { { def.setLevel(level); } }) {
                    out.write(raw);
                } catch (IOException e) {
                    throw new ExportException(file, "cannot gzip chunk: " + e.getMessage(), e);
                }
                return bos.toByteArray();
            }
            @Override public Object metadata() { return m; }
        };
    }

    /** One zstd decompressor per thread: making one allocates its tables (a tenth of the decoding time per 32³ chunk). */
    private static final ThreadLocal<ZstdDecompressor> ZSTD = ThreadLocal.withInitial(ZstdDecompressor::new);

    public static ChunkCodec zstd(int level) {
        Map<String, Object> m = meta("zstd", "level", level);
        return new ChunkCodec() {
            @Override public String id() { return "zstd"; }
            @Override public byte[] decode(byte[] stored, int expected, Path file) throws ExportException {
                try {
                    long declared = ZstdDecompressor.getDecompressedSize(stored, 0, stored.length);
                    if (declared >= 0 && declared != expected) throw ChunkCodec.sizeMismatch(file, "zstd", declared, expected);
                    byte[] out = new byte[expected];
                    int n = ZSTD.get().decompress(stored, 0, stored.length, out, 0, out.length);
                    if (n != expected) throw ChunkCodec.sizeMismatch(file, "zstd", n, expected);
                    return out;
                } catch (MalformedInputException | IllegalArgumentException | IndexOutOfBoundsException e) {
                    ZSTD.remove(); // a fresh one after a corrupt chunk
                    throw new ExportException(file, "corrupt zstd chunk: " + e.getMessage(), e);
                }
            }
            @Override public byte[] encode(byte[] raw, Path file) {
                ZstdCompressor c = new ZstdCompressor();
                byte[] out = new byte[c.maxCompressedLength(raw.length)];
                int n = c.compress(raw, 0, raw.length, out, 0, out.length);
                return Arrays.copyOf(out, n);
            }
            @Override public Object metadata() { return m; }
        };
    }

    /** numcodecs LZ4: a little-endian int32 with the decoded size, then one LZ4 block. */
    public static ChunkCodec lz4() {
        Map<String, Object> m = meta("lz4", "acceleration", 1);
        return new ChunkCodec() {
            @Override public String id() { return "lz4"; }
            @Override public byte[] decode(byte[] stored, int expected, Path file) throws ExportException {
                if (stored.length < 4) throw new ExportException(file, "corrupt lz4 chunk: " + stored.length + " bytes");
                int declared = ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (declared != expected) throw ChunkCodec.sizeMismatch(file, "lz4", declared, expected);
                try {
                    byte[] out = new byte[expected];
                    int n = new Lz4Decompressor().decompress(stored, 4, stored.length - 4, out, 0, out.length);
                    if (n != expected) throw ChunkCodec.sizeMismatch(file, "lz4", n, expected);
                    return out;
                } catch (MalformedInputException | IndexOutOfBoundsException e) {
                    throw new ExportException(file, "corrupt lz4 chunk: " + e.getMessage(), e);
                }
            }
            @Override public byte[] encode(byte[] raw, Path file) {
                Lz4Compressor c = new Lz4Compressor();
                byte[] out = new byte[4 + c.maxCompressedLength(raw.length)];
                ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(raw.length);
                int n = c.compress(raw, 0, raw.length, out, 4, out.length - 4);
                return Arrays.copyOf(out, 4 + n);
            }
            @Override public Object metadata() { return m; }
        };
    }

    private static Map<String, Object> meta(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", kv[0]);
        for (int i = 1; i + 1 < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** A jzarr {@link Compressor} with length checks and messages that name the chunk file. */
    private record JzarrCodec(String id, Compressor compressor, Map<String, Object> metadata) implements ChunkCodec {
        @Override
        public byte[] decode(byte[] stored, int expected, Path file) throws ExportException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(expected);
            try {
                compressor.uncompress(new ByteArrayInputStream(stored), out);
            } catch (IOException | RuntimeException e) {
                Throwable c = e.getCause() instanceof DataFormatException ? e.getCause() : e;
                throw new ExportException(file, "corrupt " + id + " chunk: " + c.getMessage(), e);
            } catch (LinkageError e) {
                throw bloscMissing(file, e);
            }
            if (out.size() != expected) throw ChunkCodec.sizeMismatch(file, id, out.size(), expected);
            return out.toByteArray();
        }

        @Override
        public byte[] encode(byte[] raw, Path file) throws ExportException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
            try {
                compressor.compress(new ByteArrayInputStream(raw), out);
            } catch (IOException | RuntimeException e) {
                throw new ExportException(file, "cannot " + id + "-compress chunk: " + e.getMessage(), e);
            } catch (LinkageError e) {
                throw bloscMissing(file, e);
            }
            return out.toByteArray();
        }
    }
}
