package org.proofbox.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The few file operations a {@link Transaction} is made of, each durable when it returns. One
 * interface so that tests can put a fault (disk full, EIO, an unwritable file) at any one of them,
 * and so that a crash test can stop the process between any two.
 */
public interface FileOps {
    /** Creates or truncates {@code file}, writes all of {@code bytes} and forces them to disk. */
    void write(Path file, byte[] bytes) throws IOException;

    /** A second name {@code link} for the existing file {@code existing} (a copy where hard links are not supported). */
    void link(Path link, Path existing) throws IOException;

    /** Renames {@code from} over {@code to} atomically. */
    void rename(Path from, Path to) throws IOException;

    void delete(Path file) throws IOException;

    /** Creates a folder (and its parents) and forces the new entries to disk. */
    void mkdirs(Path dir) throws IOException;

    /** Forces a folder's entries (names created, renamed or removed in it) to disk. */
    void syncDir(Path dir) throws IOException;

    /** Told before each operation of {@link #observed} ops: it may throw to make that operation fail. */
    interface Observer {
        void before(String op, Path target) throws IOException;
    }

    /** {@code ops}, with {@code observer} told before each operation (its target: the file written, linked, renamed over or removed). */
    static FileOps observed(FileOps ops, Observer observer) {
        return new FileOps() {
            @Override public void write(Path file, byte[] bytes) throws IOException { observer.before("write", file); ops.write(file, bytes); }
            @Override public void link(Path link, Path existing) throws IOException { observer.before("link", existing); ops.link(link, existing); }
            @Override public void rename(Path from, Path to) throws IOException { observer.before("rename", to); ops.rename(from, to); }
            @Override public void delete(Path file) throws IOException { observer.before("delete", file); ops.delete(file); }
            @Override public void mkdirs(Path dir) throws IOException { observer.before("mkdirs", dir); ops.mkdirs(dir); }
            @Override public void syncDir(Path dir) throws IOException { observer.before("sync", dir); ops.syncDir(dir); }
        };
    }

    /**
     * {@code ops} with one line on {@code log} before each operation ("file-op 17 rename TARGET"),
     * so that a test can stop the process at a chosen point of a save (set by
     * {@code PROOFBOX_TRACE_FILE_OPS=1} for {@code fix}).
     */
    static FileOps traced(FileOps ops, java.io.PrintStream log) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return observed(ops, (op, target) -> {
            log.println("file-op " + n.incrementAndGet() + " " + op + " " + target);
            log.flush();
        });
    }

    /** The file operations of this process: the real ones, traced on stderr when {@code PROOFBOX_TRACE_FILE_OPS} is set. */
    public static FileOps forProcess() {
        return System.getenv("PROOFBOX_TRACE_FILE_OPS") != null ? traced(REAL, System.err) : REAL;
    }

    /** The real file system. */
    FileOps REAL = new FileOps() {
        @Override public void write(Path file, byte[] bytes) throws IOException {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
        }

        @Override public void link(Path link, Path existing) throws IOException {
            try {
                Files.createLink(link, existing);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (Files.exists(link)) throw e;
                Files.copy(existing, link, StandardCopyOption.COPY_ATTRIBUTES);
                try (FileChannel ch = FileChannel.open(link, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        }

        @Override public void rename(Path from, Path to) throws IOException {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override public void delete(Path file) throws IOException {
            Files.deleteIfExists(file);
        }

        @Override public void mkdirs(Path dir) throws IOException {
            Path missing = dir;
            while (missing.getParent() != null && !Files.exists(missing.getParent())) missing = missing.getParent();
            Files.createDirectories(dir);
            for (Path p = dir; p != null; p = p.getParent()) { // the new folders and the one that gained the first of them
                syncDir(p);
                if (p.equals(missing)) {
                    if (p.getParent() != null) syncDir(p.getParent());
                    break;
                }
            }
        }

        @Override public void syncDir(Path dir) throws IOException {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                // some file systems refuse to open or force a folder; the renames are still atomic there
                if (!Files.isDirectory(dir)) throw e;
            }
        }
    };
}
