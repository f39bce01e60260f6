package org.proofbox.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Writes a changed annotation anew (see {@link Annotation.Writer}), zarr3 or WKW: the outer zip's
 * entries copied raw except the NML and the volume zip, whose entries are copied raw except the
 * chunks written (collected in memory by the volume's {@link ZarrStores.InZip} store).
 */
final class AnnotationZipWriter implements Annotation.Writer {
    private final Path zip;
    private final String location;
    private final ZipFile inner;
    private final ZarrStores.InZip store;
    private final Path display;

    AnnotationZipWriter(Path zip, String location, ZipFile inner, ZarrStores.InZip store, Path display) {
        this.zip = zip;
        this.location = location;
        this.inner = inner;
        this.store = store;
        this.display = display;
    }

    @Override public Map<String, byte[]> collect() throws ExportException {
        Map<String, byte[]> sink = new java.util.concurrent.ConcurrentHashMap<>();
        store.sink = sink;
        return sink;
    }

    @Override public String nmlText() {
        try (ZipFile outer = AnnotationZip.openZip(zip)) {
            ZipArchiveEntry e = AnnotationZip.nmlEntry(outer, zip);
            try (InputStream in = outer.getInputStream(e)) {
                return new String(ZipSafety.readAll(in, e, zip, ZipSafety.MAX_NML), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException | ExportException e) {
            throw new IllegalStateException(zip + ": cannot read the NML again: " + e.getMessage(), e);
        }
    }

    @Override public void write(Path out, String nml, Map<String, byte[]> entries, boolean replace) throws ExportException {
        Path target = out.toAbsolutePath().normalize();
        try {
            if (Files.exists(target) && Files.isSameFile(target, zip)) throw new ExportException(target, "is the annotation itself; it is never changed");
        } catch (IOException e) {
            throw new ExportException(target, "cannot check the target: " + e.getMessage(), e);
        }
        if (Files.exists(target) && !replace) throw new ExportException(target, "exists already; the fixed annotation goes to a new file");
        Path dir = target.getParent();
        Path innerTmp = null, outerTmp = null;
        try {
            Files.createDirectories(dir);
            innerTmp = Files.createTempFile(AnnotationZip.tempRoot(), "volume-", ".zip");
            writeInner(innerTmp, entries);
            outerTmp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp");
            try (ZipFile outer = AnnotationZip.openZip(zip);
                 ZipArchiveOutputStream zos = new ZipArchiveOutputStream(outerTmp)) {
                String nmlName = AnnotationZip.nmlEntry(outer, zip).getName();
                for (Enumeration<ZipArchiveEntry> en = outer.getEntries(); en.hasMoreElements(); ) {
                    ZipArchiveEntry e = en.nextElement();
                    if (e.getName().equals(nmlName)) put(zos, e, nml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    else if (e.getName().equals(location)) put(zos, e, Files.readAllBytes(innerTmp));
                    else zos.addRawArchiveEntry(e, outer.getRawInputStream(e)); // byte for byte
                }
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(outerTmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(outerTmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            outerTmp = null;
        } catch (IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied" : ChunkFiles.reason(e);
            throw new ExportException(target, "cannot write the annotation (" + why + "); nothing was written", e);
        } finally {
            for (Path t : new Path[] {innerTmp, outerTmp}) {
                if (t == null) continue;
                try {
                    Files.deleteIfExists(t);
                } catch (IOException ignored) {
                    // a temporary file in our own folders
                }
            }
        }
    }

    /** The volume zip: its entries in their order, raw, the written ones replaced (or dropped), new ones after. */
    private void writeInner(Path file, Map<String, byte[]> entries) throws IOException {
        rewrite(inner, file, entries, null);
    }

    /**
     * Writes {@code file} as a copy of {@code in}: entries in their order, byte for byte, except
     * those in {@code entries} (replaced, or dropped when {@link FileWrites#DELETED}); new entries
     * after them, sorted, with the method of the last entry copied; {@code comment}: the archive's.
     */
    static void rewrite(ZipFile in, Path file, Map<String, byte[]> entries, String comment) throws IOException {
        java.util.Set<String> done = new java.util.HashSet<>();
        int method = java.util.zip.ZipEntry.DEFLATED;
        try (ZipArchiveOutputStream zos = new ZipArchiveOutputStream(file)) {
            if (comment != null) zos.setComment(comment);
            for (Enumeration<ZipArchiveEntry> en = in.getEntries(); en.hasMoreElements(); ) {
                ZipArchiveEntry e = en.nextElement();
                byte[] now = entries.get(e.getName());
                if (!e.isDirectory()) method = e.getMethod();
                if (now == null) {
                    zos.addRawArchiveEntry(e, in.getRawInputStream(e));
                } else {
                    done.add(e.getName());
                    if (now != FileWrites.DELETED) put(zos, e, now);
                }
            }
            java.util.List<String> added = new java.util.ArrayList<>(entries.keySet());
            added.removeAll(done);
            java.util.Collections.sort(added);
            for (String name : added) {
                byte[] b = entries.get(name);
                if (b == FileWrites.DELETED) continue;
                ZipArchiveEntry e = new ZipArchiveEntry(name);
                e.setMethod(method);
                e.setTime(System.currentTimeMillis());
                put(zos, e, b);
            }
        }
    }

    private static void put(ZipArchiveOutputStream zos, ZipArchiveEntry like, byte[] b) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(like.getName());
        e.setMethod(like.getMethod() == java.util.zip.ZipEntry.STORED ? java.util.zip.ZipEntry.STORED : java.util.zip.ZipEntry.DEFLATED);
        e.setTime(like.getTime());
        if (e.getMethod() == java.util.zip.ZipEntry.STORED) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(b);
            e.setSize(b.length);
            e.setCompressedSize(b.length);
            e.setCrc(crc.getValue());
        }
        zos.putArchiveEntry(e);
        zos.write(b);
        zos.closeArchiveEntry();
    }
}
