package org.proofbox.io;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Who may write an export, and when it may be read. Two byte-range locks on {@value #NAME} in
 * the export folder (POSIX record locks, so the OS drops them when a process dies, even by
 * SIGKILL):
 * <ul>
 *   <li>byte 0, exclusive, for as long as a process (the app or {@code fix}) may write the export:
 *   a second writer is told who holds it (the holder's description is stored in the file);</li>
 *   <li>byte 1, shared while a reader loads the export, exclusive while a save puts its files in
 *   place: a reader sees the state before or after a save, never a mix.</li>
 * </ul>
 * The lock file is never removed (removing it while it is locked would break the locks). Inside
 * one JVM, one channel per export carries all locks (closing a channel drops the JVM's locks on
 * that file), with a read-write lock in front of byte 1.
 */
public final class ExportLock implements AutoCloseable {
    public static final String NAME = ".proofbox-lock";
    private static final int HEADER = 16;
    private static final Map<Path, Shared> OPEN = new HashMap<>();

    private static final class Shared {
        final Path key;
        final Path file;
        FileChannel channel; // null while there is no lock file (readers never create it) or it cannot be opened
        boolean writable;
        final ReentrantReadWriteLock commit = new ReentrantReadWriteLock(true);
        int users, readers;
        FileLock writer, read;
        String writerWho;

        Shared(Path key, Path file, FileChannel channel, boolean writable) {
            this.key = key;
            this.file = file;
            this.channel = channel;
            this.writable = writable;
        }
    }

    private final Shared shared;
    private boolean closed;

    private ExportLock(Shared shared) {
        this.shared = shared;
    }

    private static Path key(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root.toAbsolutePath().normalize();
        }
    }

    private static synchronized Shared use(Path root) {
        Path key = key(root);
        Shared s = OPEN.get(key);
        if (s == null) {
            Path file = key.resolve(NAME);
            FileChannel ch = null;
            boolean writable = false;
            if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try {
                    ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    writable = true;
                } catch (IOException e) {
                    try {
                        ch = FileChannel.open(file, StandardOpenOption.READ);
                    } catch (IOException e2) {
                        ch = null;
                    }
                }
            }
            s = new Shared(key, file, ch, writable);
            OPEN.put(key, s);
        }
        s.users++;
        return s;
    }

    private static synchronized void release(Shared s) {
        if (--s.users > 0) return;
        OPEN.remove(s.key);
        if (s.channel != null) {
            try {
                s.channel.close();
            } catch (IOException e) {
                // nothing is held any more
            }
        }
    }

    /**
     * Takes the writer lock of the export at {@code root} for {@code who} (e.g. "proofbox fix"), or
     * returns null when another process or window holds it ({@link #holder} says who). Fails when
     * the lock cannot be taken at all (a folder Proofbox may not write).
     */
    public static ExportLock tryWriter(Path root, String who) throws ExportException {
        Shared s = use(root);
        synchronized (s) {
            try {
                if (s.channel == null) { // the first writer creates the lock file
                    try {
                        s.channel = FileChannel.open(s.file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                        s.writable = true;
                    } catch (IOException e) {
                        throw new ExportException(s.file, "cannot create the lock file: " + e.getMessage(), e);
                    }
                }
                if (!s.writable) throw new ExportException(s.file, "cannot write the lock file");
                if (s.writer != null) {
                    release(s);
                    return null;
                }
                FileLock l = s.channel.tryLock(0, 1, false);
                if (l == null) {
                    release(s);
                    return null;
                }
                s.writer = l;
                s.writerWho = describe(who);
                byte[] text = s.writerWho.getBytes(StandardCharsets.UTF_8);
                s.channel.truncate(0);
                s.channel.write(ByteBuffer.wrap("proofbox lock  \n".getBytes(StandardCharsets.US_ASCII)), 0);
                s.channel.write(ByteBuffer.wrap(text), HEADER);
                s.channel.force(false);
                return new ExportLock(s);
            } catch (IOException e) {
                release(s);
                throw new ExportException(s.file, "cannot lock the export: " + e.getMessage(), e);
            } catch (ExportException e) {
                release(s);
                throw e;
            }
        }
    }

    private static String describe(String who) {
        String user = System.getProperty("user.name", "?");
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "this machine";
        }
        return who + " (process " + ManagementFactory.getRuntimeMXBean().getPid() + " of " + user + " on " + host + ", since "
            + LocalDateTime.now().withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replace('T', ' ') + ")";
    }

    /** Whether this JVM holds the writer lock of the export (a window or command that is not saving right now). */
    public static boolean heldHere(Path root) {
        synchronized (ExportLock.class) {
            Shared s = OPEN.get(key(root));
            if (s == null) return false;
            synchronized (s) {
                return s.writer != null;
            }
        }
    }

    /** Who holds the writer lock of the export, as they described themselves, or null when nobody does. */
    public static String holder(Path root) {
        Shared s = use(root);
        try {
            synchronized (s) {
                if (s.writer != null) return s.writerWho;
                if (s.channel == null) return null;
                try {
                    FileLock probe = s.writable ? s.channel.tryLock(0, 1, false) : s.channel.tryLock(0, 1, true);
                    if (probe != null) {
                        probe.release();
                        return null;
                    }
                    long n = Math.min(4096, s.channel.size() - HEADER);
                    if (n <= 0) return "another process";
                    ByteBuffer b = ByteBuffer.allocate((int) n);
                    s.channel.read(b, HEADER);
                    String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
                    return text.isEmpty() ? "another process" : text;
                } catch (IOException e) {
                    return "another process";
                }
            }
        } finally {
            release(s);
        }
    }

    /** The writer lock is given up. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        synchronized (shared) {
            try {
                shared.channel.truncate(HEADER);
                shared.writer.release();
            } catch (IOException e) {
                // the lock goes with the channel at the latest
            }
            shared.writer = null;
            shared.writerWho = null;
        }
        release(shared);
    }

    /** A section that must not overlap a save's commit: the holder reads the export. */
    public interface Section extends AutoCloseable {
        @Override void close();

        /**
         * Whether the section kept saves out. It could not when the export had no lock file (no
         * writer ever locked it, and readers do not create one): a reader then checks
         * {@link #writerAppeared} after reading.
         */
        default boolean guarded() {
            return true;
        }
    }

    /** Whether a writer created the lock file since an unguarded section began (what was read may be mixed: read again). */
    public static boolean writerAppeared(Path root) {
        return Files.exists(key(root).resolve(NAME), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** Waits until no save of another process or thread is putting files in place, then keeps saves out until closed. */
    public static Section reading(Path root) {
        Shared s = use(root);
        s.commit.readLock().lock();
        synchronized (s) {
            if (s.readers++ == 0 && s.channel != null) {
                try {
                    s.read = s.channel.lock(1, 1, true);
                } catch (IOException e) {
                    s.read = null; // a file system without locks: reading goes on unguarded
                }
            }
        }
        boolean guarded;
        synchronized (s) {
            guarded = s.channel != null;
        }
        return new Section() {
            boolean done;

            @Override public boolean guarded() {
                return guarded;
            }

            @Override public void close() {
                if (done) return;
                done = true;
                synchronized (s) {
                    if (--s.readers == 0 && s.read != null) {
                        try {
                            s.read.release();
                        } catch (IOException e) {
                            // released with the channel
                        }
                        s.read = null;
                    }
                }
                s.commit.readLock().unlock();
                release(s);
            }
        };
    }

    /** Waits until no reader is loading the export, then keeps readers out while a save puts its files in place. */
    static Section committing(Path root) throws IOException {
        Shared s = use(root);
        s.commit.writeLock().lock();
        FileLock l = null;
        try {
            if (s.channel != null && s.writable) l = s.channel.lock(1, 1, false);
        } catch (IOException e) {
            s.commit.writeLock().unlock();
            release(s);
            throw e;
        }
        FileLock held = l;
        return new Section() {
            boolean done;

            @Override public void close() {
                if (done) return;
                done = true;
                if (held != null) {
                    try {
                        held.release();
                    } catch (IOException e) {
                        // released with the channel
                    }
                }
                s.commit.writeLock().unlock();
                release(s);
            }
        };
    }
}
