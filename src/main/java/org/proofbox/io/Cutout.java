package org.proofbox.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.proofbox.model.Box3;
import org.proofbox.model.Vec3;
import org.proofbox.model.VoxelSize;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A WEBKNOSSOS cutout (Download ▸ Export): an OME-TIFF or plain multi-page TIFF, or a TIFF stack
 * (folder or zip of numbered sections), of a segmentation layer, with the matching colour cutout
 * when given or found beside it. Cutouts are translated to the origin and stacks carry no metadata
 * at all, so where the box sits and how large a voxel is come, in this order, from the options
 * ({@code --offset}, {@code --voxel-size}), the OME-XML, an NML beside the cutout (its scale; the
 * user bounding box of the cutout's size), else the origin and 1 nm — and {@link #json} says which.
 */
public final class Cutout {
    /** What the command line (or the app) says about a cutout; nulls: not said. */
    public record Options(Path raw, Vec3 offset, double[] voxelSize) {
        public static final Options NONE = new Options(null, null, null);
    }

    private final String kind;
    private final Path source, rawSource;
    private final int sections;
    private final boolean compressed, stack, zipped;
    private final List<String> names;
    private final String description;
    private final String offsetFrom, voxelSizeFrom, extentFrom;
    private final Ozx.Writer ozx;

    private Cutout(String kind, Path source, Path rawSource, int sections, boolean compressed, boolean stack, boolean zipped, List<String> names,
                   String description, String offsetFrom, String voxelSizeFrom, String extentFrom, Ozx.Writer ozx) {
        this.kind = kind;
        this.source = source;
        this.rawSource = rawSource;
        this.sections = sections;
        this.compressed = compressed;
        this.stack = stack;
        this.zipped = zipped;
        this.names = names;
        this.description = description;
        this.offsetFrom = offsetFrom;
        this.voxelSizeFrom = voxelSizeFrom;
        this.extentFrom = extentFrom;
        this.ozx = ozx;
    }

    private static Cutout ofTiff(String kind, TiffSections seg, TiffSections raw, String offsetFrom, String voxelSizeFrom) {
        return new Cutout(kind, seg.source, raw == null ? null : raw.source, seg.depth(), seg.compression != TiffCodecs.NONE, seg.stack, seg.zipped, seg.names,
            seg.description, offsetFrom, voxelSizeFrom, "the image size", null);
    }

    static Cutout ofOzx(Path source, Path rawSource, int sections, String offsetFrom, String voxelSizeFrom, String extentFrom, Ozx.Writer writer) {
        return new Cutout("ozx", source, rawSource, sections, true, false, false, List.of(), null, offsetFrom, voxelSizeFrom, extentFrom, writer);
    }

    /** Whether {@code p} is a cutout this class opens: a .tif/.tiff file or .ozx, or a folder or zip of numbered TIFF sections. */
    public static boolean handles(Path p) {
        if (Files.isRegularFile(p) && (TiffSections.isTiffName(p) || Ozx.isOzxName(p))) return true;
        if (Files.isDirectory(p)) return !Files.exists(p.resolve("datasource-properties.json")) && (TiffSections.looksLikeStack(p) || pair(p) != null || unclearPair(p) != null);
        if (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(p.toFile())) {
                return z.stream().noneMatch(e -> e.getName().toLowerCase(Locale.ROOT).endsWith(".nml")) && TiffSections.looksLikeStack(p);
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return false;
    }

    public String kind() { return kind; }
    public Path source() { return source; }
    /** Page 0's description (the OME-XML), kept when the labels are written back. */
    public String description() { return description; }
    public boolean compressed() { return compressed; }
    public boolean stack() { return stack; }
    public boolean zipped() { return zipped; }
    /** A stack's section files (zip entries) in z order. */
    public List<String> sectionNames() { return names; }
    /** An .ozx cutout's writer (its Zarr chunks collected, then a new zip), or null for TIFF. */
    public Ozx.Writer ozx() { return ozx; }

    public static Export open(Path path, Options o) throws ExportException {
        if (Files.isRegularFile(path) && Ozx.isOzxName(path)) return Ozx.open(path, o);
        Path segPath = path, rawPath = o.raw();
        if (Files.isDirectory(path) && !TiffSections.looksLikeStack(path)) {
            Path[] p = pair(path);
            List<Path> two = unclearPair(path);
            if (p == null && two != null && rawPath != null && two.contains(rawPath.toAbsolutePath().normalize())) { // told which is the colour
                p = new Path[] {two.get(0).equals(rawPath.toAbsolutePath().normalize()) ? two.get(1) : two.get(0), rawPath};
            }
            if (p == null) throw new ExportException(path, "holds no TIFF cutout this can tell apart (give SEGMENTATION.tif --raw COLOR.tif)");
            segPath = p[0];
            if (rawPath == null) rawPath = p[1];
        }
        if (rawPath == null) rawPath = colourBeside(segPath);
        boolean isStack = !(Files.isRegularFile(segPath) && TiffSections.isTiffName(segPath));
        Ome ome = null;
        TiffSections seg;
        if (isStack) {
            seg = TiffSections.stack(segPath);
        } else {
            Ome[] found = new Ome[1];
            seg = TiffSections.file(segPath, t -> {
                found[0] = Ome.parse(t.pages().get(0).description());
                return found[0] == null ? null : found[0].zPages(t.pages().size());
            });
            ome = found[0];
        }
        if (!seg.type.integer) throw new ExportException(segPath, "a segmentation must hold integers");
        TiffSections raw = null;
        if (rawPath != null) {
            raw = Files.isRegularFile(rawPath) && TiffSections.isTiffName(rawPath) ? TiffSections.file(rawPath, t -> {
                Ome r = Ome.parse(t.pages().get(0).description());
                return r == null ? null : r.zPages(t.pages().size());
            }) : TiffSections.stack(rawPath);
            if (raw.width != seg.width || raw.height != seg.height || raw.depth() != seg.depth()) {
                throw new ExportException(rawPath, "the colour cutout is " + raw.width + " × " + raw.height + " × " + raw.depth() + ", the segmentation "
                    + seg.width + " × " + seg.height + " × " + seg.depth() + "; they must be the same box");
            }
        }
        Vec3 shape = new Vec3(seg.width, seg.height, seg.depth());
        Vec3 offset = Vec3.ZERO;
        String offsetFrom = "none: the cutout's origin (give --offset X,Y,Z)";
        double[] vs = null;
        String vsFrom = "unknown: 1 nm assumed (give --voxel-size X,Y,Z)";
        Path nmlFile = nmlBeside(segPath);
        if (nmlFile != null) {
            Nml nml = Nml.parse(read(nmlFile), nmlFile);
            vs = new double[] {nml.voxelSize().x(), nml.voxelSize().y(), nml.voxelSize().z()};
            vsFrom = "NML " + nmlFile.getFileName();
            List<Nml.UserBox> fit = nml.boxes().stream().filter(b -> b.box().size().equals(shape)).toList();
            if (fit.size() == 1) {
                offset = fit.get(0).box().topLeft();
                offsetFrom = "NML " + nmlFile.getFileName() + ", bounding box \"" + fit.get(0).name() + "\"";
            }
        }
        if (ome != null && ome.voxelSize != null) {
            vs = ome.voxelSize;
            vsFrom = "OME-XML";
        }
        if (ome != null && ome.position != null && vs != null) {
            offset = new Vec3((int) Math.round(ome.position[0] / vs[0]), (int) Math.round(ome.position[1] / vs[1]), (int) Math.round(ome.position[2] / vs[2]));
            offsetFrom = "OME-XML (plane position)";
        }
        Placement pl = new Placement(offset, offsetFrom, vs, vsFrom).told(o);
        offset = pl.offset();
        offsetFrom = pl.offsetFrom();
        vs = pl.voxelSize() == null ? new double[] {1, 1, 1} : pl.voxelSize();
        vsFrom = pl.voxelSizeFrom();
        String kind = isStack ? "tiff-stack" : ome != null ? "ome-tiff" : "tiff";
        Cutout c = ofTiff(kind, seg, raw, offsetFrom, vsFrom);
        Box3 box = new Box3(offset, shape);
        MagInfo mag1 = new MagInfo(new Vec3(1, 1, 1), segPath);
        List<LayerInfo> layers = new ArrayList<>();
        layers.add(new LayerInfo("segmentation", "segmentation", "tiff", seg.type, seg.type.wkName(), 1, box, List.of(mag1), Optional.empty()));
        if (raw != null) layers.add(new LayerInfo("color", "color", "tiff", raw.type, raw.type.wkName(), 1, box, List.of(new MagInfo(new Vec3(1, 1, 1), rawPath)),
            Optional.empty()));
        String name = segPath.getFileName().toString().replaceFirst("(?i)(\\.ome)?\\.(tiff?|zip)$", "");
        DatasetInfo info = new DatasetInfo(segPath, segPath, name, new VoxelSize(vs[0], vs[1], vs[2], "nanometer"), List.copyOf(layers));
        TiffSections r = raw;
        return Export.ofCutout(info, (layer, m, end) -> new TiffArray(layer.isSegmentation() ? seg : r), c);
    }

    /** Where a cutout sits and how large its voxels are, each with where it came from. */
    record Placement(Vec3 offset, String offsetFrom, double[] voxelSize, String voxelSizeFrom) {
        /** What the command line said wins over what the files said. */
        Placement told(Options o) {
            return new Placement(o.offset() != null ? o.offset() : offset, o.offset() != null ? "--offset" : offsetFrom,
                o.voxelSize() != null ? o.voxelSize() : voxelSize, o.voxelSize() != null ? "--voxel-size" : voxelSizeFrom);
        }
    }

    /** What {@code info} says about the cutout: kind, files, where offset and voxel size came from. */
    public ObjectNode json() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("kind", kind);
        o.put("segmentation", source.toString());
        if (rawSource != null) o.put("color", rawSource.toString()); else o.putNull("color");
        o.put("sections", sections);
        o.put("offsetFrom", offsetFrom);
        o.put("voxelSizeFrom", voxelSizeFrom);
        o.put("extentFrom", extentFrom);
        o.put("compressed", compressed());
        return o;
    }

    /** The two TIFF files of a folder whose names do not say which is the segmentation (the app asks), else null. */
    public static List<Path> unclearPair(Path dir) {
        if (!Files.isDirectory(dir) || TiffSections.looksLikeStack(dir)) return null;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> tifs = s.filter(f -> Files.isRegularFile(f) && TiffSections.isTiffName(f)).map(f -> f.toAbsolutePath().normalize()).sorted().toList();
            return tifs.size() == 2 && score(tifs.get(0)) == score(tifs.get(1)) ? tifs : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** In a folder holding a segmentation and a colour cutout: {segmentation, colour or null}, or null when it cannot tell. */
    private static Path[] pair(Path dir) {
        List<Path> tifs;
        try (Stream<Path> s = Files.list(dir)) {
            tifs = s.filter(f -> Files.isRegularFile(f) && TiffSections.isTiffName(f)).sorted().toList();
        } catch (java.io.IOException e) {
            return null;
        }
        if (tifs.size() == 1) return new Path[] {tifs.get(0), null};
        if (tifs.size() != 2) return null;
        int a = score(tifs.get(0)), b = score(tifs.get(1));
        if (a == b) return null;
        return a > b ? new Path[] {tifs.get(0), tifs.get(1)} : new Path[] {tifs.get(1), tifs.get(0)};
    }

    /** How much a file name says "segmentation" (positive) or "colour" (negative). */
    private static int score(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int s = 0;
        if (n.contains("seg") || n.contains("label") || n.contains("volume")) s++;
        if (n.contains("color") || n.contains("colour") || n.contains("raw") || n.contains("em")) s--;
        return s;
    }

    /** A colour cutout beside a segmentation named like it ("…segmentation…" → "…color…"), or null. */
    static Path colourBeside(Path seg) {
        String n = seg.getFileName().toString();
        for (String from : new String[] {"segmentation", "Segmentation", "seg"}) {
            if (!n.contains(from)) continue;
            for (String to : new String[] {"color", "Color", "colour", "raw"}) {
                Path c = seg.resolveSibling(n.replace(from, to));
                if (!c.equals(seg) && Files.exists(c)) return c;
            }
        }
        return null;
    }

    static Path nmlBeside(Path seg) {
        Path dir = seg.toAbsolutePath().getParent();
        if (dir == null) return null;
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> nmls = s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".nml")).toList();
            return nmls.size() == 1 ? nmls.get(0) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static byte[] read(Path f) throws ExportException {
        try {
            return Files.readAllBytes(f);
        } catch (java.io.IOException e) {
            throw new ExportException(f, "cannot read: " + e.getMessage(), e);
        }
    }

    /** What Proofbox takes from an OME-XML: the page of each z (first channel and time point), the voxel size and the first plane's position, in nm. */
    record Ome(int sizeZ, int zStride, double[] voxelSize, double[] position) {
        int[] zPages(int pageCount) {
            int[] out = new int[sizeZ];
            for (int z = 0; z < sizeZ; z++) out[z] = z * zStride;
            return out[sizeZ - 1] < pageCount ? out : null;
        }

        static Ome parse(String xml) {
            if (xml == null || !xml.contains("<OME")) return null;
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                f.setNamespaceAware(false);
                var b = f.newDocumentBuilder();
                b.setErrorHandler(null);
                var doc = b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
                NodeList px = doc.getElementsByTagName("Pixels");
                if (px.getLength() == 0) return null;
                Element p = (Element) px.item(0);
                int z = Integer.parseInt(p.getAttribute("SizeZ")), c = attrInt(p, "SizeC"), t = attrInt(p, "SizeT");
                String order = p.getAttribute("DimensionOrder").isEmpty() ? "XYZCT" : p.getAttribute("DimensionOrder");
                int stride = 1;
                for (char a : order.substring(2).toCharArray()) {
                    if (a == 'Z') break;
                    stride *= a == 'C' ? c : t;
                }
                double[] vs = null;
                if (!p.getAttribute("PhysicalSizeX").isEmpty()) {
                    vs = new double[] {nm(p, "PhysicalSizeX"), nm(p, "PhysicalSizeY"), nm(p, "PhysicalSizeZ")};
                }
                double[] pos = null;
                NodeList planes = p.getElementsByTagName("Plane");
                if (planes.getLength() > 0) {
                    Element pl = (Element) planes.item(0);
                    if (!pl.getAttribute("PositionX").isEmpty()) pos = new double[] {nm(pl, "PositionX"), nm(pl, "PositionY"), nm(pl, "PositionZ")};
                }
                return new Ome(z, stride, vs, pos);
            } catch (Exception e) {
                return null; // not OME after all: a plain multi-page TIFF
            }
        }

        private static int attrInt(Element e, String a) {
            return e.getAttribute(a).isEmpty() ? 1 : Integer.parseInt(e.getAttribute(a));
        }

        /** An OME length attribute in nanometres (its unit attribute, default µm). */
        private static double nm(Element e, String a) {
            String v = e.getAttribute(a);
            if (v.isEmpty()) return Double.NaN;
            double x = Double.parseDouble(v);
            String unit = e.getAttribute(a + "Unit");
            return x * switch (unit.isEmpty() ? "µm" : unit) {
                case "nm" -> 1;
                case "pm" -> 0.001;
                case "Å" -> 0.1;
                case "mm" -> 1e6;
                case "cm" -> 1e7;
                case "m" -> 1e9;
                default -> 1000; // µm, um
            };
        }
    }
}
