package org.proofbox.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * Rules every zip entry must pass before Proofbox reads it: a relative name without {@code ..},
 * no symbolic links, sizes declared and within limits (a zip bomb is refused before inflating),
 * and never more bytes read than declared.
 */
public final class ZipSafety {
    /** Largest single entry read into memory. */
    public static final long MAX_ENTRY = 1L << 31;
    /** Largest total of the declared sizes of one archive. */
    public static final long MAX_TOTAL = 64L << 30;
    /** Highest compression ratio accepted for entries above 1 MiB. */
    public static final long MAX_RATIO = 500;
    /** Largest NML read (it is parsed in memory), and its highest compression ratio: XML packs 5 to 30-fold, not hundreds. */
    public static final long MAX_NML = 256L << 20, MAX_NML_RATIO = 100;

    private ZipSafety() {}

    /** Throws with a clear message when the entry name or kind is unsafe. */
    public static void check(ZipArchiveEntry e, Path zip) throws ExportException {
        String n = e.getName();
        if (n.startsWith("/") || n.startsWith("\\") || n.matches("^[A-Za-z]:.*")) {
            throw new ExportException(zip, "zip entry \"" + n + "\" has an absolute path; refused");
        }
        for (String part : n.split("[/\\\\]")) {
            if (part.equals("..")) throw new ExportException(zip, "zip entry \"" + n + "\" points outside the archive (\"..\"); refused");
        }
        if (e.isUnixSymlink()) throw new ExportException(zip, "zip entry \"" + n + "\" is a symbolic link; refused");
        long size = e.getSize();
        if (size > MAX_ENTRY) throw new ExportException(zip, "zip entry \"" + n + "\" declares " + size + " bytes, more than Proofbox reads at once");
        long packed = e.getCompressedSize();
        if (size > (1 << 20) && packed > 0 && size / packed > MAX_RATIO) {
            throw new ExportException(zip, "zip entry \"" + n + "\" inflates " + (size / packed) + "-fold (a zip bomb?); refused");
        }
    }

    /** The NML's own limits, on top of {@link #check}. */
    static void checkNml(ZipArchiveEntry e, Path zip) throws ExportException {
        long size = e.getSize(), packed = e.getCompressedSize();
        if (size > MAX_NML) throw new ExportException(zip, "the NML \"" + e.getName() + "\" declares " + size + " bytes, more than Proofbox parses (" + MAX_NML + ")");
        if (size > (1 << 20) && packed > 0 && size / packed > MAX_NML_RATIO) {
            throw new ExportException(zip, "the NML \"" + e.getName() + "\" inflates " + (size / packed) + "-fold (a zip bomb?); refused");
        }
    }

    /** Reads an entry fully, never more than its declared size (or {@link #MAX_ENTRY} when undeclared). */
    static byte[] readAll(InputStream in, ZipArchiveEntry e, Path zip) throws IOException {
        return readAll(in, e, zip, MAX_ENTRY);
    }

    /** Reads an entry fully, never more than its declared size nor {@code max}. */
    static byte[] readAll(InputStream in, ZipArchiveEntry e, Path zip, long max) throws IOException {
        long limit = e.getSize() >= 0 ? Math.min(e.getSize(), max) : max;
        if (e.getSize() > max) throw new IOException(zip + ": zip entry \"" + e.getName() + "\" is larger than " + max + " bytes; refused");
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Math.max(limit, 16), 1 << 24));
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > limit) throw new IOException(zip + ": zip entry \"" + e.getName() + "\" holds more bytes than it declares; refused");
            out.write(buf, 0, n);
        }
        if (e.getSize() >= 0 && total != e.getSize()) throw new IOException(zip + ": zip entry \"" + e.getName() + "\" is truncated (" + total + " of " + e.getSize() + " bytes)");
        return out.toByteArray();
    }
}
