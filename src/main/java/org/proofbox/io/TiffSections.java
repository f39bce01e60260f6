package org.proofbox.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.proofbox.model.ElementType;

/**
 * The z-sections of a TIFF cutout: the pages of one (OME-)TIFF file, or a TIFF stack — a folder or
 * zip of numbered single-page files ({@code 000.tiff}, {@code 001.tiff}, …), one per section. All
 * sections must have one size and type; a stack's numbers must run without gaps. Sections are
 * decoded one at a time (a big cutout streams), each read on its own channel so loader threads
 * can share the object.
 */
final class TiffSections {
    static final Pattern NUMBERED = Pattern.compile("(?i)^(.*?)(\\d+)\\.tiff?$");

    final Path source;
    final boolean stack, zipped;
    final int width, height;
    final ElementType type;
    final List<String> names;      // a stack's files (zip entries) in z order
    final int[] pageOfZ;           // a multi-page file: the page holding section z
    final String description;      // page 0's ImageDescription (OME-XML when present), or null
    final int compression;
    private final org.apache.commons.compress.archivers.zip.ZipFile zip; // a zipped stack: opened once, its sections read from it

    private TiffSections(Path source, boolean stack, boolean zipped, int width, int height, ElementType type, List<String> names, int[] pageOfZ,
                         String description, int compression, org.apache.commons.compress.archivers.zip.ZipFile zip) {
        this.source = source;
        this.stack = stack;
        this.zipped = zipped;
        this.width = width;
        this.height = height;
        this.type = type;
        this.names = names;
        this.pageOfZ = pageOfZ;
        this.description = description;
        this.compression = compression;
        this.zip = zip;
    }

    int depth() {
        return stack ? names.size() : pageOfZ.length;
    }

    static boolean isTiffName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tif") || n.endsWith(".tiff");
    }

    /** A multi-page TIFF file; {@code zPages} picks the page of each section (OME's first channel and time point), null: every page. */
    static TiffSections file(Path file, java.util.function.Function<TiffPages, int[]> zPages) throws ExportException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            TiffPages t = TiffPages.read(ch, file);
            int[] pages = zPages == null ? null : zPages.apply(t);
            if (pages == null) {
                pages = new int[t.pages().size()];
                for (int i = 0; i < pages.length; i++) pages[i] = i;
            }
            TiffPages.Page p0 = t.pages().get(0);
            ElementType type = typeOf(p0, file);
            for (int z : pages) {
                if (z >= t.pages().size()) throw new ExportException(file, "has " + t.pages().size() + " pages, fewer than its OME-XML describes");
                same(p0, t.pages().get(z), file, "page " + z);
            }
            return new TiffSections(file, false, false, p0.width(), p0.height(), type, List.of(), pages, p0.description(), p0.compression(), null);
        } catch (IOException e) {
            throw new ExportException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** A TIFF stack: a folder or zip of numbered files, one section each. */
    static TiffSections stack(Path where) throws ExportException {
        boolean zipped = Files.isRegularFile(where);
        TreeMap<Long, String> byNumber = new TreeMap<>();
        for (String n : listing(where, zipped)) {
            String leaf = n.substring(n.lastIndexOf('/') + 1);
            Matcher m = NUMBERED.matcher(leaf);
            if (!m.matches()) continue;
            long k = Long.parseLong(m.group(2).length() > 17 ? m.group(2).substring(m.group(2).length() - 17) : m.group(2));
            String other = byNumber.put(k, n);
            if (other != null) throw new ExportException(where, "holds two sections numbered " + k + ": " + other + " and " + n);
        }
        if (byNumber.isEmpty()) throw new ExportException(where, "holds no numbered TIFF sections (000.tiff, 001.tiff, …)");
        long first = byNumber.firstKey(), expect = first;
        for (long k : byNumber.keySet()) {
            if (k != expect) throw new ExportException(where, "the TIFF stack has a gap: section " + expect + " is missing (" + byNumber.get(k) + " follows "
                + byNumber.get(byNumber.lowerKey(k)) + ")");
            expect++;
        }
        List<String> names = new ArrayList<>(byNumber.values());
        org.apache.commons.compress.archivers.zip.ZipFile zip = zipped ? AnnotationZip.openZip(where) : null;
        TiffPages.Page p0 = null;
        for (String n : names) {
            try (SeekableByteChannel ch = open(where, zip, n)) {
                TiffPages t = TiffPages.read(ch, where.resolve(n));
                TiffPages.Page p = t.pages().get(0);
                if (p0 == null) {
                    p0 = p;
                    typeOf(p0, where.resolve(n));
                } else {
                    same(p0, p, where, n);
                }
            } catch (IOException e) {
                throw new ExportException(where.resolve(n), "cannot read: " + e.getMessage(), e);
            }
        }
        return new TiffSections(where, true, zipped, p0.width(), p0.height(), p0.type(), List.copyOf(names), null, p0.description(), p0.compression(), zip);
    }

    /** Whether {@code p} (a folder or zip) holds numbered TIFF sections. */
    static boolean looksLikeStack(Path p) {
        try {
            boolean zipped = Files.isRegularFile(p);
            long n = listing(p, zipped).stream().filter(s -> NUMBERED.matcher(s.substring(s.lastIndexOf('/') + 1)).matches()).count();
            return n > 0;
        } catch (ExportException e) {
            return false;
        }
    }

    private static List<String> listing(Path where, boolean zipped) throws ExportException {
        List<String> out = new ArrayList<>();
        if (zipped) {
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(where.toFile())) {
                z.stream().filter(e -> !e.isDirectory()).forEach(e -> out.add(e.getName()));
            } catch (IOException e) {
                throw new ExportException(where, "cannot read the zip: " + e.getMessage(), e);
            }
            for (String n : out) if (n.startsWith("/") || n.contains("..") || n.contains("\\")) throw new ExportException(where, "zip entry \"" + n + "\" leaves the zip");
        } else {
            try (Stream<Path> s = Files.list(where)) {
                s.filter(f -> Files.isRegularFile(f)).forEach(f -> out.add(f.getFileName().toString()));
            } catch (IOException e) {
                throw new ExportException(where, "cannot list: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** A section's bytes: the file of a folder stack, or the entry of a zipped one read within the zip limits ({@link ZipSafety}). */
    private static SeekableByteChannel open(Path where, org.apache.commons.compress.archivers.zip.ZipFile zip, String name) throws IOException, ExportException {
        if (zip == null) return FileChannel.open(where.resolve(name), StandardOpenOption.READ);
        var e = zip.getEntry(name);
        if (e == null) throw new ExportException(where, "section " + name + " is no longer in the zip");
        ZipSafety.check(e, where);
        try (var in = zip.getInputStream(e)) {
            return new SeekableInMemoryByteChannel(ZipSafety.readAll(in, e, where, Integer.MAX_VALUE - 16));
        }
    }

    private static ElementType typeOf(TiffPages.Page p, Path file) throws ExportException {
        if (p.samples() != 1) throw new ExportException(file, "has " + p.samples() + " samples per pixel; a cutout layer has one (grey or labels)");
        ElementType t = p.type();
        if (t == null) throw new ExportException(file, "holds " + p.bits() + "-bit samples of format " + p.sampleFormat() + "; Proofbox reads 8/16/32/64-bit integers");
        return t;
    }

    private static void same(TiffPages.Page a, TiffPages.Page b, Path file, String what) throws ExportException {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new ExportException(file, what + " is " + b.width() + " × " + b.height() + ", but the first section is " + a.width() + " × " + a.height());
        }
        if (a.type() != b.type() || a.samples() != b.samples()) {
            throw new ExportException(file, what + " holds " + b.bits() + "-bit samples, but the first section " + a.bits() + "-bit");
        }
    }

    /** Decodes section {@code z} into {@code ints} or {@code longs} (width × height, x fastest). */
    void decode(int z, int[] ints, long[] longs) throws ExportException {
        String name = stack ? names.get(z) : null;
        Path where = stack && !zipped ? source.resolve(name) : source;
        try (SeekableByteChannel ch = stack ? open(source, zip, name) : FileChannel.open(source, StandardOpenOption.READ)) {
            TiffPages t = TiffPages.read(ch, zipped ? source.resolve(name) : where);
            TiffPages.Page p = t.pages().get(stack ? 0 : pageOfZ[z]);
            if (p.width() != width || p.height() != height) throw new ExportException(where, "section " + z + " changed size since it was opened");
            t.decode(ch, p, ints, longs);
        } catch (IOException e) {
            throw new ExportException(where, "cannot read: " + e.getMessage(), e);
        }
    }
}
