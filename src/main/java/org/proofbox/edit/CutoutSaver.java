package org.proofbox.edit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.proofbox.io.Cutout;
import org.proofbox.io.ExportException;
import org.proofbox.io.TiffWriter;
import org.proofbox.model.ElementType;
import org.proofbox.store.LabelVolume;
import org.proofbox.store.LoadedBox;
import org.proofbox.task.Cancelled;
import org.proofbox.task.Progress;

/**
 * Writes the labels of a cutout back in its own form, as a new file (issue 14): an .ozx with its
 * changed chunks rewritten (see {@link org.proofbox.io.Ozx}), a multi-page
 * (OME-)TIFF with the source's OME-XML kept, or a TIFF stack as a folder or zip of sections named
 * as in the source; Deflate where the source was compressed, else uncompressed; the element type
 * of the source. Everything is written beside the target first and moved into place in one step,
 * so the target is either absent or whole; the source is never changed.
 */
public final class CutoutSaver {
    private CutoutSaver() {}

    public record Result(Path file, int sections) {}

    public static Result saveAs(LoadedBox box, LabelEditor ed, Path out, boolean replace, Progress progress) throws ExportException {
        Cutout c = box.export().cutout();
        if (c == null) throw new ExportException(box.export().info().root(), "not a cutout");
        if (c.ozx() != null) { // a zip of Zarr arrays: the changed chunks (and coarse mags) anew, every other entry byte for byte
            java.util.Map<String, byte[]> entries = c.ozx().collect();
            ExportSaver.Changes ch = ExportSaver.changes(box, ed);
            org.proofbox.io.FileWrites none = (t, b) -> {
                throw new IOException("unexpected write of " + t + " while writing an .ozx");
            };
            ExportSaver.writeChanges(box, ch.chunks(), ch.voxels(), none, progress);
            c.ozx().write(out, entries, replace);
            return new Result(out.toAbsolutePath().normalize(), box.labels().sizeZ());
        }
        Path target = out.toAbsolutePath().normalize();
        try {
            if (Files.exists(target) && Files.isSameFile(target, c.source())) throw new ExportException(target, "is the cutout itself; it is never changed, choose a new name");
        } catch (IOException e) {
            throw new ExportException(target, "cannot check the target: " + e.getMessage(), e);
        }
        if (Files.exists(target) && !(replace && Files.isRegularFile(target))) throw new ExportException(target, "exists already; the fixed cutout goes to a new file");
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new ExportException(target, "its folder does not exist");
        LabelVolume labels = box.labels();
        ElementType type = box.labelsArray().array().type();
        long[] ids = labels.table().idsBySlot();
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp");
        try {
            if (!c.stack()) {
                try (FileChannel ch = TiffWriter.create(tmp)) {
                    TiffWriter.write(ch, target, labels.sizeX(), labels.sizeY(), labels.sizeZ(), type, c.description(), c.compressed(),
                        (z, b) -> section(labels, ids, type, z, b, progress));
                    ch.force(true);
                }
            } else if (c.zipped()) {
                writeZip(labels, ids, type, c, tmp, dir, progress);
            } else {
                Files.createDirectory(tmp);
                for (int z = 0; z < labels.sizeZ(); z++) {
                    String name = c.sectionNames().get(z);
                    Path f = tmp.resolve(name.substring(name.lastIndexOf('/') + 1));
                    writePage(labels, ids, type, c, z, f, progress);
                }
            }
            if (replace && Files.isRegularFile(target)) Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            else Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            delete(tmp);
            throw new ExportException(target, "cannot write: " + e.getMessage() + "; nothing was written", e);
        } catch (ExportException | RuntimeException e) {
            delete(tmp);
            throw e;
        }
        progress.report(1, "saved " + target.getFileName());
        return new Result(target, labels.sizeZ());
    }

    private static void writeZip(LabelVolume labels, long[] ids, ElementType type, Cutout c, Path tmp, Path dir, Progress progress)
            throws IOException, ExportException {
        Path page = dir.resolve(tmp.getFileName() + ".page");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.CREATE_NEW))) {
            for (int z = 0; z < labels.sizeZ(); z++) {
                writePage(labels, ids, type, c, z, page, progress);
                zip.putNextEntry(new java.util.zip.ZipEntry(c.sectionNames().get(z)));
                Files.copy(page, zip);
                zip.closeEntry();
                Files.delete(page);
            }
        } finally {
            Files.deleteIfExists(page);
        }
        try (FileChannel ch = FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void writePage(LabelVolume labels, long[] ids, ElementType type, Cutout c, int z, Path f, Progress progress) throws IOException, ExportException {
        try (FileChannel ch = TiffWriter.create(f)) {
            TiffWriter.write(ch, f, labels.sizeX(), labels.sizeY(), 1, type, z == 0 ? c.description() : null, c.compressed(),
                (k, b) -> section(labels, ids, type, z, b, progress));
            ch.force(true);
        }
    }

    /** Section {@code z} as little-endian ids of {@code type}. */
    private static void section(LabelVolume labels, long[] ids, ElementType type, int z, ByteBuffer b, Progress progress) {
        if (Thread.currentThread().isInterrupted()) throw new Cancelled();
        LabelVolume.Slots st = labels.slots();
        int n = labels.sizeX() * labels.sizeY();
        for (int i = 0; i < n; i++) {
            long id = ids[st.get(z, i)];
            switch (type.bytes) {
                case 1 -> b.put((byte) id);
                case 2 -> b.putShort((short) id);
                case 4 -> b.putInt((int) id);
                default -> b.putLong(id);
            }
        }
        progress.report((z + 1.0) / labels.sizeZ(), "writing section " + z);
    }

    private static void delete(Path p) {
        try {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
                }
            } else {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a leftover .tmp beside the target names itself
        }
    }
}
