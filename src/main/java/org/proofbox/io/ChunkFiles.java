package org.proofbox.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reading one stored file (a chunk, a shard, a WKW file) honestly: absent means "missing" (the
 * fill value), but a folder, a FIFO, a device, a dangling link or a link loop in its place is an
 * error naming it — a FIFO is never opened, so a read cannot hang on one.
 */
public final class ChunkFiles {
    private ChunkFiles() {}

    /** The file's bytes, or null when nothing is stored under that name. */
    public static byte[] read(Path file) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (a.isSymbolicLink()) {
            try {
                a = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                throw new FileSystemException(file.toString(), null, "a link to nothing (dangling link) where a chunk file should be");
            } catch (FileSystemException e) {
                throw new FileSystemException(file.toString(), null, "a link that cannot be followed (" + e.getReason() + ") where a chunk file should be");
            }
        }
        if (a.isDirectory()) throw new FileSystemException(file.toString(), null, "a folder where a chunk file should be");
        if (!a.isRegularFile()) throw new FileSystemException(file.toString(), null, "not a regular file (a FIFO, socket or device) where a chunk file should be");
        if (a.size() > Integer.MAX_VALUE - 16) throw new FileSystemException(file.toString(), null, "a chunk file of " + a.size() + " bytes (over 2 GiB)");
        return Files.readAllBytes(file);
    }

    /** The error for a failed read: names the file the system named (a chunk inside the array), else {@code where}. */
    public static ExportException error(Path where, String what, IOException e) {
        Path file = e instanceof FileSystemException f && f.getFile() != null ? Path.of(f.getFile()) : where;
        return new ExportException(file, what + ": " + reason(e), e);
    }

    /** One line for a read failure: the file's own reason when the system gave one. */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
