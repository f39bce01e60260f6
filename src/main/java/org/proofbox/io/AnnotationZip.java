package org.proofbox.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;

/**
 * Opens a WEBKNOSSOS volume-annotation download (an NML and one {@code data_*.zip} per volume
 * layer) as an {@link Export}: the chosen volume becomes the segmentation layer, read in place
 * from the inner zip (zarr3 or WKW variant), and the chosen user bounding box becomes the box
 * (without one, the region the stored buckets cover). Every entry of both zips passes
 * {@link ZipSafety}; the only file written is the inner zip, copied into a temporary folder this
 * process owns and removes on exit.
 */
public final class AnnotationZip {
    private AnnotationZip() {}

    /** The NML of an annotation zip (to let the user pick a volume and a box). */
    public static Nml readNml(Path zip) throws ExportException {
        try (ZipFile z = openZip(zip)) {
            return nml(z, zip);
        } catch (IOException e) {
            throw new ExportException(zip, "cannot read the zip: " + e.getMessage(), e);
        }
    }

    static ZipFile openZip(Path zip) throws ExportException {
        return openZip(zip, zip);
    }

    /** Opens {@code file} as a zip; messages name {@code zip} (the user's zip, or zip!/volume.zip for the nested one). */
    private static ZipFile openZip(Path file, Path zip) throws ExportException {
        ZipFile z;
        try {
            z = ZipFile.builder().setPath(file).get();
        } catch (IOException e) {
            throw new ExportException(zip, "not a readable zip: " + e.getMessage().replace(file.toString(), zip.toString()));
        }
        long total = 0;
        for (Enumeration<ZipArchiveEntry> en = z.getEntries(); en.hasMoreElements(); ) {
            ZipArchiveEntry e = en.nextElement();
            try {
                ZipSafety.check(e, zip);
            } catch (ExportException ex) {
                close(z);
                throw ex;
            }
            total += Math.max(0, e.getSize());
        }
        if (total > ZipSafety.MAX_TOTAL) {
            close(z);
            throw new ExportException(zip, "the zip declares " + total + " bytes uncompressed, more than Proofbox accepts");
        }
        return z;
    }

    private static void close(ZipFile z) {
        try {
            z.close();
        } catch (IOException ignored) {
            // closing after an error
        }
    }

    private static Nml nml(ZipFile z, Path zip) throws ExportException, IOException {
        ZipArchiveEntry found = nmlEntry(z, zip);
        try (InputStream in = z.getInputStream(found)) {
            return Nml.parse(ZipSafety.readAll(in, found, zip, ZipSafety.MAX_NML), zip.resolve(found.getName()));
        }
    }

    /** The zip's one NML entry at its top level (checked by ZipSafety); refused when there is none or more than one. */
    static ZipArchiveEntry nmlEntry(ZipFile z, Path zip) throws ExportException {
        ZipArchiveEntry found = null;
        for (Enumeration<ZipArchiveEntry> en = z.getEntries(); en.hasMoreElements(); ) {
            ZipArchiveEntry e = en.nextElement();
            if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".nml") && !e.getName().contains("/")) {
                if (found != null) throw new ExportException(zip, "more than one NML in the zip (" + found.getName() + ", " + e.getName() + ")");
                found = e;
            }
        }
        if (found == null) throw new ExportException(zip, "no NML file in the zip (a WEBKNOSSOS annotation download holds one)");
        ZipSafety.checkNml(found, zip);
        return found;
    }

    /**
     * Opens the annotation. {@code volumeName}: a volume's name or id (null: the first);
     * {@code boxId}: a user bounding box id (null: the only box, the first of several, or none).
     */
    public static Export open(Path zip, String volumeName, Integer boxId) throws ExportException {
        return open(zip, volumeName, boxId, null);
    }

    /**
     * As {@link #open(Path, String, Integer)}, with a local copy of the annotation's dataset
     * attached ({@code dataset}, null: none): its colour layer becomes the EM under the labels and,
     * for a volume over a fallback layer, its segmentation fills every bucket the zip does not store.
     */
    public static Export open(Path zip, String volumeName, Integer boxId, Path dataset) throws ExportException {
        Export ds = dataset == null ? null : Export.open(dataset);
        if (ds != null && !ds.isFolder()) throw new ExportException(dataset, "is not a dataset folder (datasource-properties.json)");
        ZipFile outer = openZip(zip);
        try {
            Nml nml = nml(outer, zip);
            if (nml.volumes().isEmpty()) throw new ExportException(zip, "the annotation has no volume layer (only skeletons?)");
            Nml.Volume volume = null;
            for (Nml.Volume v : nml.volumes()) {
                if (volumeName == null || v.name().equals(volumeName) || String.valueOf(v.id()).equals(volumeName)) {
                    volume = v;
                    break;
                }
            }
            if (volume == null) {
                throw new ExportException(zip, "no volume layer \"" + volumeName + "\"; the annotation has " + nml.volumes().stream().map(Nml.Volume::name).toList());
            }
            Nml.UserBox box = null;
            if (boxId != null) {
                for (Nml.UserBox b : nml.boxes()) if (b.id() == boxId) box = b;
                if (box == null) throw new ExportException(zip, "no user bounding box " + boxId + "; the NML has " + nml.boxes().stream().map(b -> b.id() + " \"" + b.name() + "\"").toList());
            } else if (!nml.boxes().isEmpty()) {
                box = nml.boxes().get(0);
            }
            ZipArchiveEntry inner = outer.getEntry(volume.location());
            if (inner == null) throw new ExportException(zip, "volume \"" + volume.name() + "\" names " + volume.location() + ", which is not in the zip");
            Path tmp = extract(outer, inner, zip);
            Path display = zip.resolve(volume.location());
            ZipFile in = openZip(tmp, display);
            return build(zip, nml, volume, box, in, display, ds);
        } catch (IOException e) {
            throw new ExportException(zip, "cannot read the zip: " + e.getMessage(), e);
        } finally {
            close(outer);
        }
    }

    private static Path tempRoot;

    /** The temporary folder this process owns; removed when the JVM exits. */
    static synchronized Path tempRoot() throws IOException {
        if (tempRoot == null) {
            tempRoot = Files.createTempDirectory("proofbox-annotations-");
            Path root = tempRoot;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var s = Files.walk(root)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort at exit
                }
            }));
        }
        return tempRoot;
    }

    private static Path extract(ZipFile outer, ZipArchiveEntry e, Path zip) throws IOException, ExportException {
        Path dir = Files.createTempDirectory(tempRoot(), "volume-");
        Path out = dir.resolve("volume.zip"); // a fixed name: nothing from the archive decides where we write
        long limit = e.getSize() >= 0 ? e.getSize() : ZipSafety.MAX_ENTRY;
        long total = 0;
        try (InputStream in = outer.getInputStream(e); OutputStream os = Files.newOutputStream(out)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) throw new ExportException(zip, "zip entry \"" + e.getName() + "\" holds more bytes than it declares; refused");
                os.write(buf, 0, n);
            }
        } catch (java.util.zip.ZipException ex) {
            throw new ExportException(zip, "zip entry \"" + e.getName() + "\" is corrupt: " + ex.getMessage());
        }
        if (e.getSize() >= 0 && total != e.getSize()) throw new ExportException(zip, "zip entry \"" + e.getName() + "\" is truncated");
        return out;
    }

    private static Export build(Path zip, Nml nml, Nml.Volume volume, Nml.UserBox userBox, ZipFile in, Path display, Export ds) throws ExportException, IOException {
        boolean zarr3 = in.getEntry("datasource-properties.json") != null || "zarr3".equals(volume.format());
        List<String> magDirs = new ArrayList<>();
        String prefix = "";
        if (zarr3) {
            String layerDir = null;
            for (Enumeration<ZipArchiveEntry> en = in.getEntries(); en.hasMoreElements(); ) {
                String n = en.nextElement().getName();
                String[] p = n.split("/");
                if (p.length == 3 && p[2].equals("zarr.json")) {
                    layerDir = p[0];
                    magDirs.add(p[1]);
                }
            }
            if (layerDir == null) throw new ExportException(display, "no Zarr3 array (<layer>/<mag>/zarr.json) in the volume zip");
            prefix = layerDir + "/";
        } else {
            for (Enumeration<ZipArchiveEntry> en = in.getEntries(); en.hasMoreElements(); ) {
                String n = en.nextElement().getName();
                String[] p = n.split("/");
                if (p.length == 2 && p[1].equals("header.wkw")) magDirs.add(p[0]);
            }
            if (magDirs.isEmpty()) {
                if (in.getEntries().hasMoreElements()) {
                    throw new ExportException(display, "neither a zarr3 volume (datasource-properties.json) nor a WKW volume (<mag>/header.wkw)");
                }
                if (ds != null) throw new ExportException(display, "the volume zip is empty; attaching a dataset to it is not supported");
                return empty(zip, nml, volume, userBox, display);
            }
        }
        List<MagInfo> mags = new ArrayList<>();
        for (String d : magDirs) mags.add(new MagInfo(magOf(d, display), display.resolve(prefix + d)));
        mags.sort(java.util.Comparator.comparingLong(m -> m.mag().volume()));
        Vec3 f = mags.get(0).mag(); // 1-1-1, or a volume "with restricted resolution" (worked on at that mag, see Export.atMag)
        for (MagInfo m : mags) {
            if (m.mag().x() % f.x() != 0 || m.mag().y() % f.y() != 0 || m.mag().z() % f.z() != 0) {
                throw new ExportException(display, "the volume's mags " + magDirs + " are not multiples of its finest " + f);
            }
        }
        ZarrStores.InZip store = new ZarrStores.InZip(in, prefix, display);
        String mag1 = magDirs.get(magDirs.indexOf(mags.get(0).path().getFileName().toString()));
        // element type and stored buckets of mag 1
        ChunkedArray probe;
        Vec3 far = new Vec3(1 << 20, 1 << 20, 1 << 20);
        if (zarr3) probe = Zarr3Array.open(store, new String[] {mag1}, display.resolve(prefix + mag1));
        else probe = WkwArray.open(store, new String[] {mag1}, display.resolve(mag1), far);
        Vec3 cs = probe.chunkShape();
        List<Vec3> buckets = storedBuckets(in, prefix + mag1 + "/", zarr3);
        java.util.Set<Vec3> stored = new java.util.HashSet<>(buckets);
        Box3 region;
        if (userBox != null) {
            region = userBox.box();
        } else if (!buckets.isEmpty()) {
            int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, hi = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
            for (Vec3 b : buckets) for (int a = 0; a < 3; a++) {
                lo[a] = Math.min(lo[a], b.get(a) * cs.get(a));
                hi[a] = Math.max(hi[a], (b.get(a) + 1) * cs.get(a));
            }
            region = new Box3(new Vec3(lo[0] * f.x(), lo[1] * f.y(), lo[2] * f.z()), new Vec3((hi[0] - lo[0]) * f.x(), (hi[1] - lo[1]) * f.y(), (hi[2] - lo[2]) * f.z()));
        } else {
            throw new ExportException(display, "the volume stores no data and the NML has no bounding box: nothing to review");
        }
        if (zarr3) { // clip to the array
            Vec3 s = new Vec3(probe.shape().x() * f.x(), probe.shape().y() * f.y(), probe.shape().z() * f.z());
            Vec3 e = new Vec3(Math.min(region.end().x(), s.x()), Math.min(region.end().y(), s.y()), Math.min(region.end().z(), s.z()));
            region = new Box3(region.topLeft(), e.minus(region.topLeft()));
        }
        ElementType type = probe.type();
        LayerInfo layer = new LayerInfo(volume.name().isEmpty() ? "Volume" : volume.name(), "segmentation", zarr3 ? "zarr3" : "wkw", type, type.wkName(), 1,
            region, List.copyOf(mags), Optional.ofNullable(volume.largestSegmentId()));
        String name = (nml.dataset().isEmpty() ? zip.getFileName().toString() : nml.dataset()) + " / " + layer.name();
        List<LayerInfo> layers = new ArrayList<>(List.of(layer));
        LayerInfo dsSeg = null, dsColour = null;
        if (ds != null) {
            if (volume.fallbackLayer() != null) {
                dsSeg = ds.info().layer(volume.fallbackLayer()).filter(LayerInfo::isSegmentation).orElseThrow(() -> new ExportException(ds.info().propertiesFile(),
                    "has no segmentation layer \"" + volume.fallbackLayer() + "\", the annotation's fallback layer"));
            }
            dsColour = ds.info().colorLayer().orElse(null);
            if (dsColour != null) { // only the review region of it: a dataset is far larger than a box
                Box3 cut = dsColour.box().intersect(region);
                if (cut == null) throw new ExportException(ds.info().propertiesFile(), "its colour layer does not cover the annotation's region " + region);
                dsColour = new LayerInfo(dsColour.name(), dsColour.category(), dsColour.dataFormat(), dsColour.type(), dsColour.elementClass(), dsColour.numChannels(),
                    cut, dsColour.mags(), dsColour.largestSegmentId());
                layers.add(dsColour);
            }
        }
        DatasetInfo info = new DatasetInfo(zip, zip, name, nml.voxelSize(), List.copyOf(layers));
        final boolean z3 = zarr3;
        final String pre = prefix;
        final LayerInfo fallbackLayer = dsSeg;
        Export.ArraySource source = (l, m, end) -> {
            if (!l.isSegmentation()) return ds.open(l, m).array(); // the attached dataset's colour layer
            String dir = m.path().getFileName().toString();
            ChunkedArray a = z3 ? Zarr3Array.open(store, new String[] {dir}, display.resolve(pre + dir)) : WkwArray.open(store, new String[] {dir}, display.resolve(dir), end);
            if (fallbackLayer == null) return a;
            MagInfo fm = fallbackLayer.mags().stream().filter(x -> x.mag().equals(m.mag())).findFirst().orElse(null);
            LayerArray fb = fm == null ? null : ds.open(fallbackLayer, fm);
            ChunkedArray zeros = z3 ? Zarr3Array.open(store.withFill(1), new String[] {dir}, display.resolve(pre + dir)) : null; // WKW writes zero blocks
            return new FallbackArray(a, fb, new java.util.HashSet<>(storedBuckets(in, pre + dir + "/", z3)), zeros);
        };
        Annotation ann = new Annotation(zip, nml, volume, userBox, region, buckets.size(), stored::contains,
            new AnnotationZipWriter(zip, volume.location(), in, store, display), ds == null ? null : ds.info().root());
        return Export.of(info, source, ann).atFinestLabels();
    }

    /** A volume whose zip holds nothing (the annotator drew no voxel): only the NML's box can be the region. */
    private static Export empty(Path zip, Nml nml, Nml.Volume volume, Nml.UserBox userBox, Path display) throws ExportException {
        if (userBox == null) throw new ExportException(display, "the volume zip is empty and the NML has no bounding box: nothing to review");
        LayerInfo layer = new LayerInfo(volume.name().isEmpty() ? "Volume" : volume.name(), "segmentation", "empty", ElementType.UINT32, "uint32", 1,
            userBox.box(), List.of(new MagInfo(new Vec3(1, 1, 1), display.resolve("1"))), Optional.ofNullable(volume.largestSegmentId()));
        String name = (nml.dataset().isEmpty() ? zip.getFileName().toString() : nml.dataset()) + " / " + layer.name();
        DatasetInfo info = new DatasetInfo(zip, zip, name, nml.voxelSize(), List.of(layer));
        Annotation ann = new Annotation(zip, nml, volume, userBox, userBox.box(), 0, v -> false, null, null);
        return Export.of(info, (l, m, end) -> new EmptyArray(display, end), ann);
    }

    /** An array that stores nothing: every chunk is missing. */
    static final class EmptyArray implements ChunkedArray {
        private final Path location;
        private final Vec3 shape;

        EmptyArray(Path location, Vec3 shape) {
            this.location = location;
            this.shape = shape;
        }

        @Override public Path location() { return location; }
        @Override public ElementType type() { return ElementType.UINT32; }
        @Override public Vec3 shape() { return shape; }
        @Override public Vec3 chunkShape() { return new Vec3(32, 32, 32); }
        @Override public int channels() { return 1; }
        @Override public ChunkData readChunk(int cx, int cy, int cz) { return ChunkData.missing(chunkShape(), 0); }
    }

    /** "1", "2" (isotropic), "2-2-1" or "1-1-1". */
    static Vec3 magOf(String d, Path where) throws ExportException {
        try {
            String[] p = d.split("-");
            if (p.length == 1) {
                int m = Integer.parseInt(p[0]);
                return new Vec3(m, m, m);
            }
            if (p.length == 3) return new Vec3(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new ExportException(where, "\"" + d + "\" is not a mag folder name");
    }

    /** Chunk coordinates of the buckets stored for mag 1 (zarr3: keys c.0.x.y.z or c/0/x/y/z; WKW: z{bz}/y{by}/x{bx}.wkw, one block per file). */
    static List<Vec3> storedBuckets(ZipFile in, String magPrefix, boolean zarr3) {
        List<Vec3> out = new ArrayList<>();
        for (Enumeration<ZipArchiveEntry> en = in.getEntries(); en.hasMoreElements(); ) {
            String n = en.nextElement().getName();
            if (!n.startsWith(magPrefix)) continue;
            String rest = n.substring(magPrefix.length());
            try {
                if (zarr3) {
                    if (!rest.startsWith("c")) continue;
                    String[] p = rest.substring(2).split("[./]");
                    if (p.length == 4) out.add(new Vec3(Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3])));
                    else if (p.length == 3) out.add(new Vec3(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])));
                } else {
                    String[] p = rest.split("/");
                    if (p.length == 3 && p[0].startsWith("z") && p[1].startsWith("y") && p[2].startsWith("x") && p[2].endsWith(".wkw")) {
                        out.add(new Vec3(Integer.parseInt(p[2].substring(1, p[2].length() - 4)), Integer.parseInt(p[1].substring(1)), Integer.parseInt(p[0].substring(1))));
                    }
                }
            } catch (NumberFormatException ignored) {
                // not a chunk
            }
        }
        return out;
    }
}
