package org.proofbox.io;

import java.nio.file.Path;

/**
 * The compressor of a Zarr array: turns the stored bytes of one chunk into its raw bytes and back.
 * {@link #decode} checks the decoded length so that a truncated or corrupt chunk is reported, never
 * padded with zeros.
 */
public interface ChunkCodec {
    /** The Zarr {@code compressor.id} ("zlib", "blosc", ...), or "none". */
    String id();

    byte[] decode(byte[] stored, int expectedBytes, Path file) throws ExportException;

    /** Decodes into {@code out}, whose length is the expected size; codecs that can avoid the copy override this. */
    default void decodeInto(byte[] stored, byte[] out, Path file) throws ExportException {
        System.arraycopy(decode(stored, out.length, file), 0, out, 0, out.length);
    }

    byte[] encode(byte[] raw, Path file) throws ExportException;

    /** The JSON the codec writes as {@code compressor} into {@code .zarray} (null for none). */
    Object metadata();

    static ExportException sizeMismatch(Path file, String codec, long got, long expected) {
        return new ExportException(file, codec + " chunk decodes to " + got + " bytes, expected " + expected
            + " (truncated or corrupt chunk)");
    }
}
