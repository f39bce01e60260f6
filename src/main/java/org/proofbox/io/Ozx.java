package org.proofbox.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.proofbox.model.Box3;
import org.proofbox.model.ElementType;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;

/**
 * A zipped OME-Zarr cutout ({@code .ozx}, OME-Zarr RFC-9: one zip, the image's {@code zarr.json}
 * at its root, Zarr v3 arrays below): WEBKNOSSOS writes the chosen mag and coarser ones, axes
 * named {@code c, x, y, z}. Axes are read by name from the multiscales (never assumed z, y, x);
 * mags are the datasets' scales over the finest; the voxel size is the finest scale in its unit.
 * Arrays may be padded up to their shard size: the extent is taken from a
 * {@code datasource-properties.json} in the zip or an NML beside it (a user bounding box that fits)
 * before the array's own shape, and {@code info} says which. Written back as a new zip whose
 * entries are copied byte for byte except the chunks that changed.
 */
public final class Ozx {
    private Ozx() {}

    static boolean isOzxName(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ozx");
    }

    /** Collects the writes of an .ozx's arrays, then writes the new zip. */
    public static final class Writer {
        private final Path source;
        private final ZipFile zip;
        private final ZarrStores.InZip store;

        Writer(Path source, ZipFile zip, ZarrStores.InZip store) {
            this.source = source;
            this.zip = zip;
            this.store = store;
        }

        /** From now on the arrays' writeChunk lands in the returned map (entry → bytes). */
        public Map<String, byte[]> collect() {
            Map<String, byte[]> sink = new java.util.concurrent.ConcurrentHashMap<>();
            store.sink = sink;
            return sink;
        }

        /** The new .ozx at {@code out}: every entry of the source byte for byte except {@code entries}; atomic; the source never. */
        public void write(Path out, Map<String, byte[]> entries, boolean replace) throws ExportException {
            Path target = out.toAbsolutePath().normalize();
            Path tmp = null;
            try {
                if (Files.exists(target) && Files.isSameFile(target, source)) throw new ExportException(target, "is the cutout itself; it is never changed");
                if (Files.exists(target) && !replace) throw new ExportException(target, "exists already; the fixed cutout goes to a new file");
                String comment;
                try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(source.toFile())) {
                    comment = z.getComment(); // RFC-9's JSON comment, kept
                }
                tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + "-", ".tmp");
                AnnotationZipWriter.rewrite(zip, tmp, entries, comment);
                try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                tmp = null;
            } catch (IOException e) {
                throw new ExportException(target, "cannot write (" + ChunkFiles.reason(e) + "); nothing was written", e);
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // our own temporary file beside the target
                    }
                }
            }
        }
    }

    /** One opened .ozx image: its arrays by mag, the axis names, voxel size and where each came from. */
    private record Image(Path file, ZipFile zip, ZarrStores.InZip store, List<String> axes, List<MagInfo> mags, Map<Vec3, String> pathOf,
                         double[] voxelSize, double[] translation, ElementType type, Vec3 shape, Vec3 grid) {}

    static Export open(Path file, Cutout.Options o) throws ExportException {
        Image seg = image(file);
        if (!seg.type.integer) throw new ExportException(file, "a segmentation must hold integers, this holds " + seg.type.wkName());
        Path rawPath = o.raw() != null ? o.raw() : Cutout.colourBeside(file);
        Image raw = rawPath == null ? null : image(rawPath);
        Vec3 extent = seg.shape, offset = Vec3.ZERO;
        String extentFrom = "the array's shape", offsetFrom = "none: the cutout's origin (give --offset X,Y,Z)";
        if (seg.shape.x() % seg.grid.x() == 0 && seg.shape.y() % seg.grid.y() == 0 && seg.shape.z() % seg.grid.z() == 0) {
            extentFrom = "the array's shape, a multiple of its shard " + seg.grid + ": it may be padded (put the annotation's NML beside the file)";
        }
        Vec3 fromProps = propertiesExtent(seg);
        if (fromProps != null) {
            extent = fromProps;
            extentFrom = "datasource-properties.json in the zip";
        }
        double[] vs = seg.voxelSize;
        String vsFrom = "OME-Zarr multiscales";
        Path nmlFile = Cutout.nmlBeside(file);
        if (nmlFile != null) {
            Nml nml = Nml.parse(Cutout.read(nmlFile), nmlFile);
            Vec3 shape = seg.shape;
            List<Nml.UserBox> fit = nml.boxes().stream().filter(b -> b.box().size().x() <= shape.x() && b.box().size().y() <= shape.y()
                && b.box().size().z() <= shape.z()).toList();
            if (fit.size() == 1) {
                extent = fit.get(0).box().size();
                offset = fit.get(0).box().topLeft();
                extentFrom = offsetFrom = "NML " + nmlFile.getFileName() + ", bounding box \"" + fit.get(0).name() + "\"";
            }
        }
        if (seg.translation != null && o.offset() == null) {
            offset = new Vec3((int) Math.round(seg.translation[0] / vs[0]), (int) Math.round(seg.translation[1] / vs[1]), (int) Math.round(seg.translation[2] / vs[2]));
            offsetFrom = "OME-Zarr translation";
        }
        Cutout.Placement pl = new Cutout.Placement(offset, offsetFrom, vs, vsFrom).told(o);
        offset = pl.offset();
        offsetFrom = pl.offsetFrom();
        vs = pl.voxelSize();
        vsFrom = pl.voxelSizeFrom();
        if (raw != null && !raw.shape.equals(seg.shape)) {
            throw new ExportException(rawPath, "the colour cutout's array is " + raw.shape + ", the segmentation's " + seg.shape + "; they must be the same box");
        }
        Box3 box = new Box3(offset, extent);
        List<LayerInfo> layers = new ArrayList<>();
        layers.add(new LayerInfo("segmentation", "segmentation", "zarr3", seg.type, seg.type.wkName(), 1, box, seg.mags, Optional.empty()));
        if (raw != null) layers.add(new LayerInfo("color", "color", "zarr3", raw.type, raw.type.wkName(), 1, box, raw.mags, Optional.empty()));
        String name = file.getFileName().toString().replaceFirst("(?i)\\.ozx$", "");
        DatasetInfo info = new DatasetInfo(file, file, name, new VoxelSize(vs[0], vs[1], vs[2], "nanometer"), List.copyOf(layers));
        Cutout c = Cutout.ofOzx(file, rawPath, extent.z(), offsetFrom, vsFrom, extentFrom, new Writer(file, seg.zip, seg.store));
        return Export.ofCutout(info, (layer, mag, end) -> {
            Image im = layer.isSegmentation() ? seg : raw;
            String path = im.pathOf.get(mag.mag());
            return Zarr3Array.open(im.store.withDimensionNames(im.axes), path.split("/"), im.file.resolve(path));
        }, c);
    }

    private static Image image(Path file) throws ExportException {
        ZipFile zip = AnnotationZip.openZip(file);
        ZarrStores.InZip store = new ZarrStores.InZip(zip, "", file);
        JsonNode root = json(zip, "zarr.json", file);
        JsonNode attrs = root.path("attributes");
        JsonNode ms = attrs.path("ome").path("multiscales");
        if (!ms.isArray()) ms = attrs.path("multiscales");
        if (!ms.isArray() || ms.isEmpty()) throw new ExportException(file, "is not an OME-Zarr image: its zarr.json has no multiscales");
        JsonNode m0 = ms.get(0);
        List<String> axes = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (JsonNode a : m0.path("axes")) {
            axes.add(a.isTextual() ? a.asText() : a.path("name").asText());
            units.add(a.path("unit").asText(""));
        }
        int[] xyz = {axes.indexOf("x"), axes.indexOf("y"), axes.indexOf("z")};
        if (xyz[0] < 0 || xyz[1] < 0 || xyz[2] < 0) throw new ExportException(file, "its axes " + axes + " do not name x, y and z");
        for (String a : axes) if (!List.of("c", "x", "y", "z").contains(a)) throw new ExportException(file, "has an axis \"" + a + "\"; Proofbox reads c, x, y, z");
        List<String> paths = new ArrayList<>();
        List<double[]> scales = new ArrayList<>();
        double[] translation = null;
        for (JsonNode d : m0.path("datasets")) {
            double[] scale = null;
            for (JsonNode t : d.path("coordinateTransformations")) {
                if ("scale".equals(t.path("type").asText())) {
                    scale = new double[] {t.path("scale").path(xyz[0]).asDouble(), t.path("scale").path(xyz[1]).asDouble(), t.path("scale").path(xyz[2]).asDouble()};
                } else if ("translation".equals(t.path("type").asText()) && paths.isEmpty()) {
                    translation = new double[] {t.path("translation").path(xyz[0]).asDouble(), t.path("translation").path(xyz[1]).asDouble(),
                        t.path("translation").path(xyz[2]).asDouble()};
                }
            }
            if (scale == null || !(scale[0] > 0 && scale[1] > 0 && scale[2] > 0)) throw new ExportException(file, "dataset \"" + d.path("path").asText() + "\" has no positive scale");
            String p = d.path("path").asText();
            if (p.isEmpty() || p.startsWith("/") || p.contains("..")) throw new ExportException(file, "dataset path \"" + p + "\" is not inside the zip");
            paths.add(p);
            scales.add(scale);
        }
        if (paths.isEmpty()) throw new ExportException(file, "its multiscales list no datasets");
        int finest = 0;
        for (int i = 1; i < scales.size(); i++) if (scales.get(i)[0] * scales.get(i)[1] * scales.get(i)[2] < scales.get(finest)[0] * scales.get(finest)[1] * scales.get(finest)[2]) finest = i;
        double[] f = scales.get(finest);
        double[] nm = {f[0] * unit(units.get(xyz[0]), file), f[1] * unit(units.get(xyz[1]), file), f[2] * unit(units.get(xyz[2]), file)};
        if (translation != null) for (int a = 0; a < 3; a++) translation[a] *= unit(units.get(xyz[a]), file);
        List<MagInfo> mags = new ArrayList<>();
        Map<Vec3, String> pathOf = new java.util.HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            double[] s = scales.get(i);
            Vec3 mag = new Vec3((int) Math.round(s[0] / f[0]), (int) Math.round(s[1] / f[1]), (int) Math.round(s[2] / f[2]));
            if (pathOf.putIfAbsent(mag, paths.get(i)) != null) throw new ExportException(file, "two datasets at mag " + mag);
            mags.add(new MagInfo(mag, file.resolve(paths.get(i))));
        }
        mags.sort(java.util.Comparator.comparingLong(m -> m.mag().volume()));
        String p0 = pathOf.get(new Vec3(1, 1, 1));
        Zarr3Array a = Zarr3Array.open(store.withDimensionNames(axes), p0.split("/"), file.resolve(p0));
        return new Image(file, zip, store, axes, List.copyOf(mags), pathOf, nm, translation, a.type(), a.shape(), a.gridShape());
    }

    private static double unit(String u, Path file) throws ExportException {
        return switch (u) {
            case "", "nanometer", "nm" -> 1;
            case "micrometer", "µm", "um" -> 1000;
            case "angstrom" -> 0.1;
            case "picometer" -> 0.001;
            case "millimeter" -> 1e6;
            default -> throw new ExportException(file, "axis unit \"" + u + "\" is not a length Proofbox knows");
        };
    }

    private static JsonNode json(ZipFile zip, String name, Path file) throws ExportException {
        ZipArchiveEntry e = zip.getEntry(name);
        if (e == null) throw new ExportException(file, "has no " + name + " at its root (an .ozx holds an OME-Zarr image there)");
        try (InputStream in = zip.getInputStream(e)) {
            return Json.MAPPER.readTree(ZipSafety.readAll(in, e, file, ZipSafety.MAX_NML));
        } catch (IOException ex) {
            throw new ExportException(file, "cannot read " + name + ": " + ex.getMessage(), ex);
        }
    }

    /** The first segmentation (else any) layer's size in a datasource-properties.json the zip holds, when it fits the array. */
    private static Vec3 propertiesExtent(Image im) {
        ZipArchiveEntry e = im.zip.getEntry("datasource-properties.json");
        if (e == null) return null;
        try (InputStream in = im.zip.getInputStream(e)) {
            JsonNode root = Json.MAPPER.readTree(ZipSafety.readAll(in, e, im.file, ZipSafety.MAX_NML));
            for (JsonNode l : root.path("dataLayers")) {
                JsonNode b = l.path("boundingBox");
                Vec3 s = new Vec3(b.path("width").asInt(), b.path("height").asInt(), b.path("depth").asInt());
                if (s.x() > 0 && s.x() <= im.shape.x() && s.y() <= im.shape.y() && s.z() <= im.shape.z()) return s;
            }
        } catch (IOException ex) {
            return null;
        }
        return null;
    }
}
