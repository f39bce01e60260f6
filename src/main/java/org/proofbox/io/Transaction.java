package org.proofbox.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * One save as one step: every file a save writes (chunks of every mag, the properties, the save
 * marker) is first staged in {@code .proofbox-tx/ID/} inside the export and forced to disk; the
 * files it replaces get a second name there (a hard link, no copy). Then a checksummed manifest
 * {@code COMMIT} is written (temporary name, forced, renamed, folder forced): that rename is the
 * commit point. Only after it are the staged files renamed over their targets, with readers held
 * off by {@link ExportLock#committing}. If any of those renames fails, the old files are renamed
 * back. Whatever stops a save (an error, a full disk, SIGKILL, power loss), {@link #recover} on
 * the next open finishes it (manifest present and every staged file still there to move) or puts
 * the old files back, and removes what the save left: the export is exactly the old or exactly
 * the new state. See docs/decisions/0003-transactional-save.md.
 */
public final class Transaction implements FileWrites, AutoCloseable {
    public static final String DIR = ".proofbox-tx";
    static final String MANIFEST = "COMMIT";
    private static final String HEAD = "proofbox-transaction 1";

    /** One file of the save: written (new-N replaces it) or deleted; whether it existed before (old-N is then its second name). */
    private record Entry(int index, String target, boolean existed, boolean delete) {}

    private final Path root;
    private final Path dir;
    private final String id;
    private final FileOps ops;
    private final Map<Path, Integer> staged = new LinkedHashMap<>();
    private final Set<Integer> deleted = new java.util.HashSet<>();
    private boolean finished;
    /** Folders of the transactions running in this JVM: recovery leaves them alone. */
    private static final Set<Path> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Transaction(Path root, Path dir, String id, FileOps ops) {
        this.root = root;
        this.dir = dir;
        this.id = id;
        this.ops = ops;
    }

    /** Starts a transaction in the export folder {@code root}; a pending one is recovered first. */
    public static Transaction begin(Path root, FileOps ops) throws ExportException {
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            throw new ExportException(root, "cannot open the export folder: " + e.getMessage(), e);
        }
        recover(real, ops);
        String id = Long.toString(System.currentTimeMillis(), 36) + "-" + Long.toString(ProcessHandle.current().pid(), 36)
            + "-" + Integer.toString(new java.util.Random().nextInt(1 << 20), 36);
        Path dir = real.resolve(DIR).resolve(id);
        try {
            ops.mkdirs(dir);
        } catch (IOException e) {
            throw new ExportException(dir, "the save failed before anything was changed: cannot start it: " + e.getMessage(), e);
        }
        RUNNING.add(dir);
        return new Transaction(real, dir, id, ops);
    }

    /** A name for the state this transaction leaves behind (the save marker holds it). */
    public String id() {
        return id;
    }

    public Path root() {
        return root;
    }

    /** Files staged so far. */
    public int size() {
        return staged.size();
    }

    private Path newFile(int i) {
        return dir.resolve("new-" + i);
    }

    private Path oldFile(int i) {
        return dir.resolve("old-" + i);
    }

    @Override
    public void write(Path target, byte[] bytes) throws IOException {
        int i = slot(target);
        deleted.remove(i);
        ops.write(newFile(i), bytes);
    }

    /** The staging number of a target (new-N, old-N), given on its first write or delete. */
    private int slot(Path target) throws IOException {
        if (finished) throw new IllegalStateException("transaction already finished");
        return staged.computeIfAbsent(inside(target), t -> staged.size());
    }

    @Override
    public void delete(Path target) throws IOException {
        int i = slot(target);
        ops.delete(newFile(i));
        deleted.add(i);
    }

    @Override
    public byte[] staged(Path target) throws IOException {
        if (staged.isEmpty()) return null;
        Integer i;
        try {
            i = staged.get(inside(target));
        } catch (IOException e) {
            return null;
        }
        if (i == null) return null;
        return deleted.contains(i) ? DELETED : Files.readAllBytes(newFile(i));
    }

    /** The real path of {@code target} (links of its folders resolved), refused unless it lies inside the export folder. */
    private Path inside(Path target) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        String name = t.toString();
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) throw new IOException(t + ": a file name with a line break");
        if (Files.isSymbolicLink(t)) throw new IOException(t + " is a symbolic link; Proofbox replaces only regular files");
        java.util.ArrayDeque<Path> rest = new java.util.ArrayDeque<>();
        Path p = t.getParent();
        rest.push(t.getFileName());
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            rest.push(p.getFileName());
            p = p.getParent();
        }
        if (p == null) throw new IOException(t + " lies outside the export folder " + root);
        Path real = p.toRealPath();
        while (!rest.isEmpty()) real = real.resolve(rest.pop());
        if (!real.startsWith(root) || real.equals(root) || real.startsWith(root.resolve(DIR))) {
            throw new IOException(t + " lies outside the export folder " + root + (real.equals(t) ? "" : " (through a link)"));
        }
        return real;
    }

    /**
     * Puts every staged file in place as one step. On failure the export keeps its old state (or
     * it is restored on the next open, which the message then says) and the exception names the
     * problem.
     */
    public void commit() throws ExportException {
        if (finished) throw new IllegalStateException("transaction already finished");
        finished = true;
        try {
            commitNow();
        } finally {
            RUNNING.remove(dir);
        }
    }

    private void commitNow() throws ExportException {
        List<Entry> entries = new ArrayList<>();
        try {
            Set<Path> parents = new LinkedHashSet<>();
            for (var e : staged.entrySet()) {
                Path t = e.getKey();
                boolean existed = Files.exists(t, LinkOption.NOFOLLOW_LINKS);
                if (existed && !Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS)) throw new IOException(t + " is not a regular file");
                if (existed) ops.link(oldFile(e.getValue()), t);
                boolean del = deleted.contains(e.getValue());
                if (del && !existed) continue;
                entries.add(new Entry(e.getValue(), root.relativize(t).toString().replace('\\', '/'), existed, del));
                parents.add(t.getParent());
            }
            for (Path p : parents) if (!Files.isDirectory(p)) ops.mkdirs(p);
            ops.syncDir(dir);
            byte[] manifest = manifest(id, entries);
            Path tmp = dir.resolve(MANIFEST + ".tmp");
            ops.write(tmp, manifest);
            ops.rename(tmp, dir.resolve(MANIFEST));
            ops.syncDir(dir);
        } catch (IOException | RuntimeException e) {
            discard(ops, dir);
            throw new ExportException(root, "the save failed before anything was changed: " + message(e), e);
        }
        // committed: from here the new state is what the export should hold
        try (ExportLock.Section s = ExportLock.committing(root)) {
            forward(ops, root, dir, entries);
        } catch (IOException e) {
            try (ExportLock.Section s = ExportLock.committing(root)) {
                backward(ops, root, dir, entries);
            } catch (IOException e2) {
                throw new ExportException(root, "the save failed (" + message(e) + ") and the old files could not all be put back ("
                    + message(e2) + "); they will be when the export is next opened");
            }
            throw new ExportException(root, "the save failed, nothing was changed: " + message(e), e);
        }
        finish(ops, dir);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            m = f.getFile() + ": " + f.getReason();
        }
        return m == null ? e.toString() : m;
    }

    /** Gives up a transaction that was not committed: the staged files go, the export is untouched. */
    @Override
    public void close() {
        if (finished) return;
        finished = true;
        discard(ops, dir);
        RUNNING.remove(dir);
    }

    private static void forward(FileOps ops, Path root, Path dir, List<Entry> entries) throws IOException {
        Set<Path> parents = new LinkedHashSet<>();
        for (Entry e : entries) {
            Path from = dir.resolve("new-" + e.index());
            Path to = root.resolve(e.target());
            if (e.delete()) {
                if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                    ops.delete(to);
                    parents.add(to.getParent());
                }
            } else if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                ops.rename(from, to);
                parents.add(to.getParent());
            }
        }
        for (Path p : parents) ops.syncDir(p);
    }

    private static void backward(FileOps ops, Path root, Path dir, List<Entry> entries) throws IOException {
        Set<Path> parents = new LinkedHashSet<>();
        for (Entry e : entries) {
            Path to = root.resolve(e.target());
            if (e.delete() ? Files.exists(to, LinkOption.NOFOLLOW_LINKS) : Files.exists(dir.resolve("new-" + e.index()), LinkOption.NOFOLLOW_LINKS)) continue; // never moved
            if (e.existed()) ops.rename(dir.resolve("old-" + e.index()), to);
            else ops.delete(to);
            parents.add(to.getParent());
        }
        for (Path p : parents) ops.syncDir(p);
        ops.delete(dir.resolve(MANIFEST));
        ops.syncDir(dir);
    }

    /** The commit record is gone first (the save is complete), then the rest of the folder, as far as it goes. */
    private static void finish(FileOps ops, Path dir) {
        try {
            ops.delete(dir.resolve(MANIFEST));
            ops.syncDir(dir);
        } catch (IOException e) {
            System.err.println("proofbox: " + dir + ": the save is complete but its record could not be removed (" + message(e) + "); it goes on the next open");
            return;
        }
        discard(ops, dir);
    }

    private static void discard(FileOps ops, Path dir) {
        try {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    for (Path p : ds) ops.delete(p);
                }
                ops.delete(dir);
            }
            Path parent = dir.getParent();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                if (!ds.iterator().hasNext()) ops.delete(parent);
            }
        } catch (IOException e) {
            // what is left is removed by the next recovery
        }
    }

    static byte[] manifest(String id, List<Entry> entries) {
        StringBuilder b = new StringBuilder(HEAD).append('\n').append(id).append('\n').append(entries.size()).append('\n');
        for (Entry e : entries) b.append(e.index()).append(' ').append(e.delete() ? 'd' : 'w').append(e.existed() ? 1 : 0).append(' ').append(e.target()).append('\n');
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] tail = String.format("crc32c %08x\n", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[body.length + tail.length];
        System.arraycopy(body, 0, out, 0, body.length);
        System.arraycopy(tail, 0, out, body.length, tail.length);
        return out;
    }

    private static List<Entry> readManifest(Path file, Path root) throws ExportException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ExportException(file, "cannot read the record of an interrupted save: " + e.getMessage(), e);
        }
        String text = new String(all, StandardCharsets.UTF_8);
        int cut = text.lastIndexOf("crc32c ");
        ExportException bad = new ExportException(file, "the record of an interrupted save is damaged; the export may hold a mix of two states."
            + " Its folder keeps the new (new-N) and old (old-N) files; restore the export from a copy");
        if (cut < 0 || !text.endsWith("\n")) throw bad;
        byte[] body = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(body);
        if (!text.substring(cut).equals(String.format("crc32c %08x\n", crc.getValue()))) throw bad;
        String[] lines = text.substring(0, cut).split("\n");
        if (lines.length < 3 || !lines[0].equals(HEAD)) throw bad;
        List<Entry> out = new ArrayList<>();
        try {
            int n = Integer.parseInt(lines[2]);
            if (lines.length != n + 3) throw bad;
            for (int i = 0; i < n; i++) {
                String[] f = lines[3 + i].split(" ", 3);
                if (!f[1].matches("[dw][01]")) throw bad;
                Entry e = new Entry(Integer.parseInt(f[0]), f[2], f[1].charAt(1) == '1', f[1].charAt(0) == 'd');
                if (e.delete() && !e.existed()) throw bad;
                Path t = root.resolve(e.target()).normalize();
                if (!t.startsWith(root) || t.equals(root)) throw bad;
                out.add(e);
            }
        } catch (RuntimeException e) {
            throw bad;
        }
        return out;
    }

    /** Temporary files of single-file writes ({@link AtomicFiles}) that a killed process left in the export folder. */
    private static void removeTemporaries(FileOps ops, Path root) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "." + "*" + AtomicFiles.SUFFIX)) {
            for (Path p : ds) if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) ops.delete(p);
        } catch (IOException e) {
            // left for the next open
        }
    }

    /** Whether an interrupted or running save left its folder in the export, or a killed single-file write its temporary file. */
    public static boolean needsRecovery(Path root) {
        if (Files.exists(root.resolve(DIR), LinkOption.NOFOLLOW_LINKS)) return true;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, "." + "*" + AtomicFiles.SUFFIX)) {
            return ds.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether a save in the export has passed its commit point and not yet finished (its files may be half in place). */
    public static boolean committedPending(Path root) {
        Path txs = root.resolve(DIR);
        if (!Files.isDirectory(txs, LinkOption.NOFOLLOW_LINKS)) return false;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(txs)) {
            for (Path d : ds) if (Files.exists(d.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) return true;
        } catch (IOException e) {
            return true;
        }
        return false;
    }

    /**
     * Finishes or undoes every save interrupted in the export {@code root} and removes what it
     * left; returns what was done in words, or null when nothing was pending. The caller holds the
     * writer lock (no save is running).
     */
    public static String recover(Path root, FileOps ops) throws ExportException {
        Path txs = root.resolve(DIR);
        removeTemporaries(ops, root);
        if (!Files.isDirectory(txs, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(txs, LinkOption.NOFOLLOW_LINKS)) throw new ExportException(txs, "is not a folder; Proofbox keeps interrupted saves there");
            return null;
        }
        List<String> done = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(txs)) {
            for (Path d : ds) {
                if (RUNNING.contains(d)) continue;
                if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    ops.delete(d);
                    continue;
                }
                Path m = d.resolve(MANIFEST);
                if (!Files.exists(m, LinkOption.NOFOLLOW_LINKS)) {
                    discard(ops, d);
                    done.add("removed an unfinished save that had changed nothing");
                    continue;
                }
                List<Entry> entries = readManifest(m, root);
                try (ExportLock.Section s = ExportLock.committing(root)) {
                    try {
                        forward(ops, root, d, entries);
                        done.add("completed an interrupted save (" + entries.size() + " files)");
                    } catch (IOException e) {
                        backward(ops, root, d, entries);
                        done.add("undid an interrupted save that could not be completed (" + message(e) + ")");
                    }
                }
                finish(ops, d);
            }
        } catch (IOException e) {
            throw new ExportException(txs, "cannot recover an interrupted save: " + message(e), e);
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(txs)) {
            if (!ds.iterator().hasNext()) ops.delete(txs);
        } catch (IOException e) {
            // an empty folder left behind is harmless
        }
        return done.isEmpty() ? null : String.join("; ", done);
    }
}
